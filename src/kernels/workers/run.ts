// The 'workers' backend: the plain-JS kernels on a ThreadPoolExecutor, over SharedArrayBuffer memory.
// Input that is not already shared is copied into a SharedArrayBuffer (and results copied back):
// pass SharedArrayBuffer-backed arrays to avoid that copy.
import type { ThreadPoolExecutor } from '../../executor/index.js';
import { TOTAL } from '../control.js';
import { defaultThreads } from '../options.js';
import { SUM_SQUARES_CHUNK, combineInOrder } from '../js/sum-squares.js';
import { SQUARE_CHUNK } from '../js/square.js';
import { sieveSegments } from '../js/count-primes.js';
import type { MandelbrotParams } from '../js/mandelbrot.js';
import { piChunks } from '../js/monte-carlo-pi.js';
import { MATMUL_ROWS } from '../js/matmul.js';
import { mergePass } from './merge.js';
import { CANCEL } from '../control.js';

/** The longest run one sort task sorts with the built-in sort (~0.1 s): longer arrays get more runs. */
const SORT_RUN_MAX = 1 << 20;

const abortErr = () => Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });

const tasksModule = new URL('./tasks.js', import.meta.url).href;
let pool: ThreadPoolExecutor | undefined;

// Imported on first use: the kernels layer loads (and its other backends work) without the executors.
// User kernels' workers and wasm forms run on this same pool (src/kernels/user/).
export async function executor(): Promise<ThreadPoolExecutor> {
  if (!pool) {
    const { ThreadPoolExecutor } = await import('../../executor/index.js');
    pool ??= new ThreadPoolExecutor({ maxWorkers: defaultThreads(), minWorkers: 0, idleTimeoutMs: 1000, module: tasksModule });
  }
  return pool;
}

/** Shuts the shared worker pool down (it also shrinks to nothing by itself after a second idle). */
export async function closeWorkersBackend(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.shutdown({ wait: true });
}

type Shared<T> = T & { buffer: SharedArrayBuffer };

function shared<T extends Float64Array | Uint32Array>(x: T): Shared<T> {
  if (x.buffer instanceof SharedArrayBuffer) return x as Shared<T>;
  const copy = new (x.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(x.byteLength));
  copy.set(x as never);
  return copy as Shared<T>;
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** Submits `threads` copies of a chunk-pulling task and waits for all of them. */
async function fanOut(threads: number, total: number, control: Int32Array, name: string, args: unknown[]): Promise<void> {
  Atomics.store(control, TOTAL, total);
  if (total === 0) return;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const ex = await executor();
  const n = Math.min(threads, total);
  const futures = Array.from({ length: n }, () => ex.submit(name, ...args, next, control));
  await Promise.all(futures);
  // A task that saw the flag inside its last chunk left it unfinished though `next` reached total.
  if (Atomics.load(next, 0) < total || Atomics.load(control, CANCEL)) throw abortErr();
}

export async function sumSquares(x: Float64Array, threads: number, control: Int32Array): Promise<number> {
  const partials = sharedFloat64(Math.ceil(x.length / SUM_SQUARES_CHUNK));
  await fanOut(threads, partials.length, control, 'sumSquaresTask', [shared(x), partials]);
  return combineInOrder(partials);
}

export async function square(x: Float64Array, out: Float64Array, threads: number, control: Int32Array): Promise<void> {
  const sx = shared(x);
  const so = out === x ? sx : shared(out);
  const total = Math.ceil(x.length / SQUARE_CHUNK);
  await fanOut(threads, total, control, 'squareTask', [sx, so, total]);
  if (so !== out) out.set(so);
}

export async function countPrimes(limit: number, threads: number, control: Int32Array): Promise<number> {
  if (limit < 2) {
    Atomics.store(control, TOTAL, 0);
    return 0;
  }
  const total = sieveSegments(limit); // not planSieve: that is seconds on this thread for a big limit
  const sums = sharedFloat64(Math.min(threads, total));
  await fanOut(threads, total, control, 'countPrimesTask', [limit, sums, new Int32Array(new SharedArrayBuffer(4))]);
  return 1 + combineInOrder(sums);
}

export async function mandelbrot(p: MandelbrotParams, out: Uint32Array, threads: number, control: Int32Array): Promise<void> {
  const so = shared(out);
  await fanOut(threads, p.height, control, 'mandelbrotTask', [p, so]);
  if (so !== out) out.set(so);
}

export async function monteCarloInside(samples: number, seed: number, threads: number, control: Int32Array): Promise<number> {
  const total = piChunks(samples);
  const sums = sharedFloat64(Math.min(threads, total));
  await fanOut(threads, total, control, 'monteCarloTask', [samples, seed, sums, new Int32Array(new SharedArrayBuffer(4))]);
  return combineInOrder(sums);
}

export async function matmul(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  threads: number,
  control: Int32Array,
): Promise<void> {
  const so = shared(out);
  await fanOut(threads, Math.ceil(m / MATMUL_ROWS), control, 'matmulTask', [shared(a), shared(b), so, m, k, n]);
  if (so !== out) out.set(so);
}

export async function sort(x: Float64Array, threads: number, control: Int32Array): Promise<void> {
  // At least one run per thread, and none longer than SORT_RUN_MAX: a run is one uninterruptible sort.
  const runs = Math.max(1, Math.min(threads, Math.ceil(x.length / 4096)), Math.ceil(x.length / SORT_RUN_MAX));
  let merges = 0;
  for (let b = runs; b > 1; b = Math.ceil(b / 2)) merges += Math.ceil(b / 2);
  Atomics.store(control, TOTAL, runs + merges); // progress counts every run sorted and every merge done
  let src: Float64Array = shared(x);
  const ex = await executor();
  let bounds = Array.from({ length: runs + 1 }, (_, i) => Math.floor((i * x.length) / runs));
  await Promise.all(bounds.slice(0, -1).map((start, i) => ex.submit('sortRunTask', src, start, bounds[i + 1], control)));
  if (Atomics.load(control, CANCEL)) throw abortErr();
  // Pairwise merge passes, each merge a task of its own, ping-ponging between two shared buffers:
  // the main thread only coordinates, so the event loop stays free. Merges stop on the cancel flag.
  let dst = bounds.length > 2 ? sharedFloat64(x.length) : src;
  while (bounds.length > 2) {
    const { pairs, next } = mergePass(bounds);
    await Promise.all(pairs.map(([s1, e1, e2]) => ex.submit('mergeTask', src, dst, s1, e1, e2, control)));
    if (Atomics.load(control, CANCEL)) throw abortErr();
    bounds = next;
    [src, dst] = [dst, src];
  }
  if (src !== x) x.set(src);
}
