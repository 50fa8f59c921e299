// Runs inside the executor's worker threads: the plain-JS kernels over SharedArrayBuffer memory.
// Every task pulls chunk indices from a shared counter (dynamic scheduling, like the native pools),
// checks the cancel flag before each chunk and bumps the done counter after it.
import { CANCEL, DONE } from '../control.js';
import { SUM_SQUARES_CHUNK, sumSquaresChunk } from '../js/sum-squares.js';
import { SQUARE_CHUNK, squareChunk } from '../js/square.js';
import { PRIMES_SEGMENT, countSegment, planSieve } from '../js/count-primes.js';
import { mandelbrotRow, type MandelbrotParams } from '../js/mandelbrot.js';
import { countInside, piChunkRange } from '../js/monte-carlo-pi.js';
import { MATMUL_ROWS, matmulRows } from '../js/matmul.js';
import { mergeTwo } from './merge.js';

function eachChunk(total: number, next: Int32Array, control: Int32Array, run: (chunk: number) => void): void {
  for (;;) {
    if (Atomics.load(control, CANCEL)) return;
    const c = Atomics.add(next, 0, 1);
    if (c >= total) return;
    run(c);
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

export function countPrimesTask(limit: number, counts: Float64Array, next: Int32Array, control: Int32Array): void {
  const plan = planSieve(limit);
  const marks = new Uint8Array(PRIMES_SEGMENT);
  eachChunk(counts.length, next, control, (s) => { counts[s] = countSegment(plan, s, marks); });
}

export function mandelbrotTask(p: MandelbrotParams, out: Uint32Array, next: Int32Array, control: Int32Array): void {
  eachChunk(p.height, next, control, (row) => mandelbrotRow(p, row, out));
}

export function monteCarloTask(samples: number, seed: number, counts: Float64Array, next: Int32Array, control: Int32Array): void {
  eachChunk(counts.length, next, control, (c) => {
    const [start, end] = piChunkRange(samples, c);
    counts[c] = countInside(seed, start, end);
  });
}

export function matmulTask(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number,
  next: Int32Array, control: Int32Array): void {
  eachChunk(Math.ceil(m / MATMUL_ROWS), next, control, (c) => {
    const start = c * MATMUL_ROWS;
    matmulRows(a, b, out, k, n, start, Math.min(start + MATMUL_ROWS, m));
  });
}

/** Sorts one contiguous run in place; the main thread merges the runs. */
export function sortRunTask(x: Float64Array, start: number, end: number, control: Int32Array): void {
  if (Atomics.load(control, CANCEL)) return;
  x.subarray(start, end).sort();
  Atomics.add(control, DONE, 1);
}

/** One merge of a pass (see merge.ts): src[s1, e1) and src[e1, e2) into dst[s1, e2). */
export function mergeTask(src: Float64Array, dst: Float64Array, s1: number, e1: number, e2: number): void {
  mergeTwo(src, dst, s1, e1, e2);
}
