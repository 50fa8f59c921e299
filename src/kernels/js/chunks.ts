// Runs a kernel's fixed chunks on the main thread, the plain-JS way the native pools do it:
// the cancel flag is checked before each chunk and the done counter bumped after it.
// The thread yields to the event loop every SLICE_MS so that abort and onProgress still work.
// A chunk whose length depends on the parameters (a Mandelbrot row at maxIter 2^31-1, a merge of
// two long runs) is a generator: it yields between sub-steps of bounded work, and the slice
// may end there too, so the event loop gets its turn (and abort is honoured) inside one chunk.
import { CANCEL, DONE, TOTAL } from '../control.js';

const SLICE_MS = 20;

export class ChunksAborted extends Error {
  readonly code = 'ABORT_ERR';
}

/** A chunk's work: done on return, or a generator that yields between bounded sub-steps. */
export type Steps<R = void> = Generator<void, R, void>;
// biome-ignore lint/suspicious/noConfusingVoidType: void, not undefined, so that a chunk function with no return statement is one
export type ChunkFn = (chunk: number) => void | Steps;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The main thread's time slice: yields to the event loop once it has run for SLICE_MS. */
export class TimeSlice {
  private start = performance.now();
  constructor(private readonly control?: Int32Array) {}

  throwIfCancelled(): void {
    if (this.control && Atomics.load(this.control, CANCEL)) throw new ChunksAborted('aborted');
  }

  /** Yields if the slice is used up (then throws if the call was cancelled meanwhile). */
  async pause(): Promise<void> {
    if (performance.now() - this.start <= SLICE_MS) return;
    await yieldToEventLoop();
    this.start = performance.now();
    this.throwIfCancelled();
  }

  /** Runs a generator's sub-steps, pausing between them when the slice is used up. */
  async drive<R>(steps: Steps<R>): Promise<R> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      await this.pause();
    }
  }
}

export async function runChunks(total: number, runChunk: ChunkFn, control?: Int32Array, slice = new TimeSlice(control)): Promise<void> {
  if (control) Atomics.store(control, TOTAL, total);
  for (let c = 0; c < total; c++) {
    slice.throwIfCancelled();
    const steps = runChunk(c);
    if (steps) await slice.drive(steps);
    if (control) Atomics.add(control, DONE, 1);
    if (c + 1 < total) await slice.pause();
  }
}

/** Runs a generator's sub-steps to the end on this thread (the sync forms and the worker tasks). */
export function drain<R>(steps: Steps<R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function runChunksSync(total: number, runChunk: (chunk: number) => void): void {
  for (let c = 0; c < total; c++) runChunk(c);
}

export function chunkCount(length: number, chunk: number): number {
  return Math.ceil(length / chunk);
}
