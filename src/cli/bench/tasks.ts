// Tasks the bench sends to ThreadPoolExecutor / ProcessPoolExecutor workers (by name, from this
// module). Each computes one part of a workload with the same JS code the 'js' backend runs, so the
// merged result is bit-identical to the reference.
import {
  sumSquaresChunk,
  SUM_SQUARES_CHUNK,
  squareJsSync,
  planSieve,
  countSegment,
  PRIMES_SEGMENT,
  mandelbrotRow,
  type MandelbrotParams,
  countInside,
  piChunkRange,
  matmulRows,
} from '../../kernels/reference.js';

/** The dispatch benchmark's tiny task. */
export function inc(x: number): number {
  return x + 1;
}

/** square_numbers: i*i for every integer in [lo, hi), kept. */
export function squareNumbersRange(lo: number, hi: number): Float64Array {
  const out = new Float64Array(hi - lo);
  for (let i = lo; i < hi; i++) out[i - lo] = i * i;
  return out;
}

/** compute_square over a slice of the numbers (Python's Pool.map example). */
export function computeSquares(numbers: number[]): number[] {
  return numbers.map((n) => n * n);
}

/** Per-chunk partial sums of a slice that starts on a chunk boundary. */
export function sumSquaresPartials(x: Float64Array): Float64Array {
  const chunks = Math.ceil(x.length / SUM_SQUARES_CHUNK);
  const out = new Float64Array(chunks);
  for (let c = 0; c < chunks; c++) out[c] = sumSquaresChunk(x, c * SUM_SQUARES_CHUNK, Math.min((c + 1) * SUM_SQUARES_CHUNK, x.length));
  return out;
}

export function squareSlice(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  squareJsSync(x, out);
  return out;
}

/** square over views of shared memory: writes in place, returns nothing (the parent sees `out`). */
export function squareInto(x: Float64Array, out: Float64Array): void {
  squareJsSync(x, out);
}

/** Odd primes among sieve segments [s0, s1) of π(limit)'s segmented sieve. */
export function countPrimesSegments(limit: number, s0: number, s1: number): number {
  const plan = planSieve(limit);
  const marks = new Uint8Array(PRIMES_SEGMENT);
  let count = 0;
  for (let s = s0; s < s1; s++) count += countSegment(plan, s, marks);
  return count;
}

export function mandelbrotRows(p: MandelbrotParams, r0: number, r1: number): Uint32Array {
  const full = new Uint32Array(p.width * p.height);
  for (let r = r0; r < r1; r++) mandelbrotRow(p, r, full);
  return full.slice(r0 * p.width, r1 * p.width);
}

export function monteCarloInsideChunks(samples: number, seed: number, c0: number, c1: number): number {
  let inside = 0;
  for (let c = c0; c < c1; c++) {
    const [start, end] = piChunkRange(samples, c);
    inside += countInside(seed, start, end);
  }
  return inside;
}

/** Rows [0, rows) of a·b where `a` holds just those rows. */
export function matmulPart(a: Float64Array, b: Float64Array, rows: number, k: number, n: number): Float64Array {
  const out = new Float64Array(rows * n);
  matmulRows(a, b, out, k, n, 0, rows);
  return out;
}

export function sortSlice(x: Float64Array): Float64Array {
  return x.sort();
}

/** download_file: fetches one resource and returns its body. */
export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

/** The server workload's tile (ThreadPoolExecutor row): its checksum, in the same plain JS as the inline row. */
export { tileChecksumJs as serverTile } from './server/tiles.js';
