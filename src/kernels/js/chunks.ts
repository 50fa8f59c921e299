// Runs a kernel's fixed chunks on the main thread, the plain-JS way the native pools do it:
// the cancel flag is checked before each chunk and the done counter bumped after it.
// The thread yields to the event loop every SLICE_MS so that abort and onProgress still work.
import { CANCEL, DONE, TOTAL } from '../control.js';

const SLICE_MS = 20;

export class ChunksAborted extends Error {
  readonly code = 'ABORT_ERR';
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runChunks(total: number, runChunk: (chunk: number) => void, control?: Int32Array): Promise<void> {
  if (control) Atomics.store(control, TOTAL, total);
  let sliceStart = performance.now();
  for (let c = 0; c < total; c++) {
    if (control && Atomics.load(control, CANCEL)) throw new ChunksAborted('aborted');
    runChunk(c);
    if (control) Atomics.add(control, DONE, 1);
    if (performance.now() - sliceStart > SLICE_MS && c + 1 < total) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}

export function runChunksSync(total: number, runChunk: (chunk: number) => void): void {
  for (let c = 0; c < total; c++) runChunk(c);
}

export function chunkCount(length: number, chunk: number): number {
  return Math.ceil(length / chunk);
}
