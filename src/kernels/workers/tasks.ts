// Runs inside the executor's worker threads: the plain-JS kernels over SharedArrayBuffer memory.
// Every task pulls chunk indices from a shared counter (dynamic scheduling, like the native pools),
// checks the cancel flag before each chunk and bumps the done counter after it. A chunk whose
// length depends on the parameters runs as sub-steps (see js/chunks.ts), and the flag is checked
// between them too, so an abort is honoured inside one long chunk.
import { CANCEL, DONE } from '../control.js';
import type { Steps } from '../js/chunks.js';
import { SUM_SQUARES_CHUNK, sumSquaresChunk } from '../js/sum-squares.js';
import { SQUARE_CHUNK, squareChunk } from '../js/square.js';
import { PRIMES_SEGMENT, countSegmentSteps, planSieveSteps } from '../js/count-primes.js';
import { mandelbrotRowSteps, type MandelbrotParams } from '../js/mandelbrot.js';
import { countInside, piChunkRange, piChunks } from '../js/monte-carlo-pi.js';
import { MATMUL_ROWS, matmulRowSteps } from '../js/matmul.js';
import { mergeTwoSteps } from './merge.js';

const cancelled = (control: Int32Array) => Atomics.load(control, CANCEL) !== 0;

/** Runs sub-steps to the end, or until the cancel flag is set: then undefined. */
function unlessCancelled<R>(steps: Steps<R>, control: Int32Array): { value: R } | undefined {
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value };
    if (cancelled(control)) return undefined;
  }
}

// biome-ignore lint/suspicious/noConfusingVoidType: void, not undefined, so that a chunk function with no return statement is one
function eachChunk(total: number, next: Int32Array, control: Int32Array, run: (chunk: number) => void | Steps): void {
  for (;;) {
    if (cancelled(control)) return;
    const c = Atomics.add(next, 0, 1);
    if (c >= total) return;
    const steps = run(c);
    if (steps && !unlessCancelled(steps, control)) return;
    Atomics.add(control, DONE, 1);
  }
}

export function sumSquaresTask(x: Float64Array, partials: Float64Array, next: Int32Array, control: Int32Array): void {
  eachChunk(partials.length, next, control, (c) => {
    const start = c * SUM_SQUARES_CHUNK;
    partials[c] = sumSquaresChunk(x, start, Math.min(start + SUM_SQUARES_CHUNK, x.length));
  });
}

export function squareTask(x: Float64Array, out: Float64Array, total: number, next: Int32Array, control: Int32Array): void {
  eachChunk(total, next, control, (c) => {
    const start = c * SQUARE_CHUNK;
    squareChunk(x, out, start, Math.min(start + SQUARE_CHUNK, x.length));
  });
}

/**
 * countPrimes and monteCarloPi count integers, and a sum of integers below 2^53 is exact in any
 * order: each task adds into its own slot of `sums` (claimed from `slots`), not one slot per
 * chunk, so a limit or sample count near 2^53 (2^33 chunks) needs no giant array.
 */
export function countPrimesTask(limit: number, sums: Float64Array, slots: Int32Array, next: Int32Array, control: Int32Array): void {
  const slot = Atomics.add(slots, 0, 1);
  const planned = unlessCancelled(planSieveSteps(limit), control);
  if (!planned) return;
  const plan = planned.value;
  const marks = new Uint8Array(PRIMES_SEGMENT);
  eachChunk(plan.segments, next, control, function* (s) {
    sums[slot] += yield* countSegmentSteps(plan, s, marks);
  });
}

export function mandelbrotTask(p: MandelbrotParams, out: Uint32Array, next: Int32Array, control: Int32Array): void {
  eachChunk(p.height, next, control, (row) => mandelbrotRowSteps(p, row, out));
}

export function monteCarloTask(
  samples: number,
  seed: number,
  sums: Float64Array,
  slots: Int32Array,
  next: Int32Array,
  control: Int32Array,
): void {
  const slot = Atomics.add(slots, 0, 1);
  eachChunk(piChunks(samples), next, control, (c) => {
    const [start, end] = piChunkRange(samples, c);
    sums[slot] += countInside(seed, start, end);
  });
}

export function matmulTask(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  next: Int32Array,
  control: Int32Array,
): void {
  eachChunk(Math.ceil(m / MATMUL_ROWS), next, control, (c) => {
    const start = c * MATMUL_ROWS;
    return matmulRowSteps(a, b, out, k, n, start, Math.min(start + MATMUL_ROWS, m));
  });
}

/** Sorts one contiguous run in place; the main thread merges the runs. */
export function sortRunTask(x: Float64Array, start: number, end: number, control: Int32Array): void {
  if (Atomics.load(control, CANCEL)) return;
  x.subarray(start, end).sort();
  Atomics.add(control, DONE, 1);
}

/** One merge of a pass (see merge.ts): src[s1, e1) and src[e1, e2) into dst[s1, e2); stops early on cancel. */
export function mergeTask(src: Float64Array, dst: Float64Array, s1: number, e1: number, e2: number, control: Int32Array): void {
  if (cancelled(control) || !unlessCancelled(mergeTwoSteps(src, dst, s1, e1, e2), control)) return;
  Atomics.add(control, DONE, 1);
}
