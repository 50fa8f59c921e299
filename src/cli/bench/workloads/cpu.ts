// The CPU-bound workloads: Python's classic square_numbers and compute_square, and every kernel.
// One small definition each; cpuStrategies() gives each the same strategies.
import { sumSquares, square, countPrimes, mandelbrot, monteCarloPi, matmul, sort } from '../../../kernels/index.js';
import { combineInOrder, mergeRuns, piChunks, planSieve, SUM_SQUARES_CHUNK } from '../../../kernels/reference.js';
import { cpuStrategies, ranges, type CpuDef } from '../strategies.js';
import { compareExact } from '../verify.js';
import { concatFloat64, concatTyped, randomFloat64, sharedFloat64 } from './random.js';
import { rng } from '../../../util/random.js';
import type { Workload } from './types.js';
import { numpyStrategy } from '../peers/numpy.js';
import { primesieveStrategy } from '../peers/primesieve.js';
import { checkMatmul, checkSumSquares } from '../peers/tolerance.js';

type P = Record<string, number | string>;
const num = (p: P, k: string) => p[k] as number;
const scaled = (base: number, scale: number, min = 1) => Math.max(min, Math.round(base * scale));

function cpu<I, R>(w: Omit<Workload<I, R>, 'group' | 'verify' | 'strategies' | 'baseline'>, def: CpuDef<I, R>): Workload<I, R> {
  return { ...w, group: 'cpu', baseline: 'js', verify: compareExact, strategies: cpuStrategies(def) };
}

interface ArrayInput {
  x: Float64Array;
  out: Float64Array;
}
const arrayInput = (p: P): ArrayInput => ({ x: randomFloat64(num(p, 'n'), 1), out: sharedFloat64(num(p, 'n')) });
const sliceParts = (x: Float64Array, n: number, align = 1) => ranges(x.length, n, align).map(([lo, hi]) => [x.slice(lo, hi)]);

const squareNumbers = cpu<{ n: number; iota: Float64Array; out: Float64Array }, Float64Array>(
  {
    name: 'square_numbers',
    description: "Python's classic square_numbers: i*i for every integer i < n, results kept and checked",
    params: (s) => ({ n: scaled(8_000_000, s, 1024) }),
    setup: (p) => {
      const n = num(p, 'n');
      const iota = sharedFloat64(n);
      for (let i = 0; i < n; i++) iota[i] = i;
      return { n, iota, out: sharedFloat64(n) };
    },
    reference: async ({ n }) => {
      const r = new Float64Array(n);
      for (let i = 0; i < n; i++) r[i] = i * i;
      return r;
    },
  },
  {
    auto: 'square',
    js: async ({ n, out }) => {
      for (let i = 0; i < n; i++) out[i] = i * i;
      return out;
    },
    kernel:
      ({ iota, out }, backend, threads) =>
      () =>
        square(iota, { backend, threads, out }),
    split: { task: 'squareNumbersRange', parts: ({ n }, k) => ranges(n, k), merge: (r) => concatFloat64(r as Float64Array[]) },
  },
);

const computeSquare = cpu<{ numbers: number[] }, ArrayLike<number>>(
  {
    name: 'compute_square',
    description:
      "Python's classic compute_square over a JS array (Pool.map): numbers.map(n => n*n); native strategies include the Float64Array conversion",
    params: (s) => ({ n: scaled(2_000_000, s, 1024) }),
    setup: (p) => {
      const r = rng(2);
      return { numbers: Array.from({ length: num(p, 'n') }, () => Math.floor(r() * 1e6)) };
    },
    reference: async ({ numbers }) => numbers.map((n) => n * n),
  },
  {
    auto: 'square',
    js: async ({ numbers }) => numbers.map((n) => n * n),
    // The conversion is timed (x.set(numbers), as the shared-memory process split fills its segment);
    // both arrays are the row's own, allocated once, so no run pays for fresh pages.
    kernel: ({ numbers }, backend, threads) => {
      const x = sharedFloat64(numbers.length);
      const out = sharedFloat64(numbers.length);
      return () => {
        x.set(numbers);
        return square(x, { backend, threads, out });
      };
    },
    split: {
      task: 'computeSquares',
      parts: ({ numbers }, k) => ranges(numbers.length, k).map(([lo, hi]) => [numbers.slice(lo, hi)]),
      merge: (r) => (r as number[][]).flat(),
    },
    sharedSplit: {
      task: 'squareInto',
      sizes: ({ numbers }) => ({ input: numbers.length, output: numbers.length }),
      fill: ({ numbers }, x) => x.set(numbers),
      parts: (x, out, k) => ranges(x.length, k).map(([lo, hi]) => [x.subarray(lo, hi), out!.subarray(lo, hi)]),
      merge: (_, out) => out!,
    },
  },
);

const sumSquaresW = cpu<ArrayInput, number>(
  {
    name: 'sumSquares',
    description: 'Σ x[i]² over a Float64Array (streaming: 8 bytes read per element)',
    params: (s) => ({ n: scaled(8_000_000, s, 1024) }),
    setup: arrayInput,
    stream: (p) => ({ bytes: 8 * num(p, 'n'), elements: num(p, 'n') }),
    reference: ({ x }) => sumSquares(x, { backend: 'js' }),
  },
  {
    auto: 'sumSquares',
    js: ({ x }) => sumSquares(x, { backend: 'js' }),
    kernel:
      ({ x }, backend, threads) =>
      () =>
        sumSquares(x, { backend, threads }),
    split: {
      task: 'sumSquaresPartials',
      parts: ({ x }, k) => sliceParts(x, k, SUM_SQUARES_CHUNK),
      merge: (r) => combineInOrder(concatFloat64(r as Float64Array[])),
    },
    sharedSplit: {
      task: 'sumSquaresPartials',
      sizes: ({ x }) => ({ input: x.length, output: 0 }),
      fill: ({ x }, shared) => shared.set(x),
      parts: (x, _, k) => ranges(x.length, k, SUM_SQUARES_CHUNK).map(([lo, hi]) => [x.subarray(lo, hi)]),
      merge: (r) => combineInOrder(concatFloat64(r as Float64Array[])),
    },
    peers: [
      numpyStrategy({
        op: 'dot',
        label: 'NumPy numpy.dot(x, x)',
        inputs: ({ x }) => ({ x: { data: x, shape: [x.length] } }),
        verify: (actual, expected, { x }) => checkSumSquares(actual, expected, x.length),
      }),
    ],
  },
);

const squareW = cpu<ArrayInput, Float64Array>(
  {
    name: 'square',
    description: 'out[i] = x[i]² (streaming: 16 bytes read and written per element; output buffer reused)',
    params: (s) => ({ n: scaled(8_000_000, s, 1024) }),
    setup: arrayInput,
    stream: (p) => ({ bytes: 16 * num(p, 'n'), elements: num(p, 'n') }),
    reference: ({ x }) => square(x, { backend: 'js' }),
  },
  {
    auto: 'square',
    js: ({ x, out }) => square(x, { backend: 'js', out }),
    kernel:
      ({ x, out }, backend, threads) =>
      () =>
        square(x, { backend, threads, out }),
    split: { task: 'squareSlice', parts: ({ x }, k) => sliceParts(x, k), merge: (r) => concatFloat64(r as Float64Array[]) },
    sharedSplit: {
      task: 'squareInto',
      sizes: ({ x }) => ({ input: x.length, output: x.length }),
      fill: ({ x }, shared) => shared.set(x),
      parts: (x, out, k) => ranges(x.length, k).map(([lo, hi]) => [x.subarray(lo, hi), out!.subarray(lo, hi)]),
      merge: (_, out) => out!,
    },
    peers: [numpyStrategy({ op: 'square', label: 'NumPy np.square(x, out=)', inputs: ({ x }) => ({ x: { data: x, shape: [x.length] } }) })],
  },
);

const countPrimesW = cpu<{ limit: number }, number>(
  {
    name: 'countPrimes',
    description: 'π(limit), the number of primes up to limit, by a segmented sieve',
    params: (s) => ({ limit: scaled(40_000_000, s, 1000) }),
    setup: (p) => ({ limit: num(p, 'limit') }),
    reference: ({ limit }) => countPrimes(limit, { backend: 'js' }),
  },
  {
    auto: 'countPrimes',
    js: ({ limit }) => countPrimes(limit, { backend: 'js' }),
    kernel:
      ({ limit }, backend, threads) =>
      () =>
        countPrimes(limit, { backend, threads }),
    split: {
      task: 'countPrimesSegments',
      parts: ({ limit }, k) => ranges(planSieve(limit).segments, k).map(([s0, s1]) => [limit, s0, s1]),
      merge: (r) => 1 + (r as number[]).reduce((a, b) => a + b, 0), // + the prime 2
    },
    peers: [primesieveStrategy(({ limit }) => limit)],
  },
);

const MANDEL = { maxIter: 500, xMin: -2.0, xMax: 0.5, yMin: -1.25, yMax: 1.25 };
const mandelbrotW = cpu<{ width: number; height: number }, Uint32Array>(
  {
    name: 'mandelbrot',
    description: 'escape-time iteration counts of the Mandelbrot set (uneven load per row)',
    params: (s) => ({ width: scaled(1000, Math.sqrt(s), 16), height: scaled(750, Math.sqrt(s), 12), maxIter: MANDEL.maxIter }),
    setup: (p) => ({ width: num(p, 'width'), height: num(p, 'height') }),
    reference: (d) => mandelbrot({ ...MANDEL, ...d }, { backend: 'js' }),
  },
  {
    auto: 'mandelbrot',
    js: (d) => mandelbrot({ ...MANDEL, ...d }, { backend: 'js' }),
    kernel: (d, backend, threads) => () => mandelbrot({ ...MANDEL, ...d }, { backend, threads }),
    split: {
      task: 'mandelbrotRows',
      parts: (d, k) => ranges(d.height, k).map(([r0, r1]) => [{ ...MANDEL, ...d }, r0, r1]),
      merge: (r) => concatTyped(r as Uint32Array[], (n) => new Uint32Array(n)),
    },
    peers: [
      numpyStrategy({
        op: 'mandelbrot',
        label: 'NumPy, vectorised',
        args: (d) => ({ params: [d.width, d.height, MANDEL.maxIter, MANDEL.xMin, MANDEL.xMax, MANDEL.yMin, MANDEL.yMax] }),
      }),
    ],
  },
);

const PI_SEED = 42;
const monteCarloPiW = cpu<{ samples: number }, number>(
  {
    name: 'monteCarloPi',
    description: 'π from random points in the unit square (counter-based RNG, seed 42)',
    params: (s) => ({ samples: scaled(40_000_000, s, 1024) }),
    setup: (p) => ({ samples: num(p, 'samples') }),
    reference: ({ samples }) => monteCarloPi(samples, { backend: 'js', seed: PI_SEED }),
  },
  {
    auto: 'monteCarloPi',
    js: ({ samples }) => monteCarloPi(samples, { backend: 'js', seed: PI_SEED }),
    kernel:
      ({ samples }, backend, threads) =>
      () =>
        monteCarloPi(samples, { backend, threads, seed: PI_SEED }),
    split: {
      task: 'monteCarloInsideChunks',
      parts: ({ samples }, k) => ranges(piChunks(samples), k).map(([c0, c1]) => [samples, PI_SEED, c0, c1]),
      merge: (r, { samples }) => (4 * (r as number[]).reduce((a, b) => a + b, 0)) / samples,
    },
  },
);

interface MatmulInput {
  a: Float64Array;
  b: Float64Array;
  n: number;
}
const matmulW = cpu<MatmulInput, Float64Array>(
  {
    name: 'matmul',
    description: 'n×n · n×n matrix product, row-major',
    params: (s) => ({ n: scaled(400, Math.cbrt(s), 8) }),
    setup: (p) => ({ n: num(p, 'n'), a: randomFloat64(num(p, 'n') ** 2, 3), b: randomFloat64(num(p, 'n') ** 2, 4) }),
    reference: ({ a, b, n }) => matmul(a, b, n, n, n, { backend: 'js' }),
  },
  {
    auto: 'matmul',
    js: ({ a, b, n }) => matmul(a, b, n, n, n, { backend: 'js' }),
    kernel:
      ({ a, b, n }, backend, threads) =>
      () =>
        matmul(a, b, n, n, n, { backend, threads }),
    split: {
      task: 'matmulPart',
      parts: ({ a, b, n }, k) => ranges(n, k).map(([lo, hi]) => [a.slice(lo * n, hi * n), b, hi - lo, n, n]),
      merge: (r) => concatFloat64(r as Float64Array[]),
    },
    peers: [
      numpyStrategy({
        op: 'matmul',
        label: 'NumPy a @ b',
        threaded: true,
        inputs: ({ a, b, n }) => ({ a: { data: a, shape: [n, n] }, b: { data: b, shape: [n, n] } }),
        verify: (actual, expected, { a, b, n }) => checkMatmul(actual, expected, a, b, n),
      }),
    ],
  },
);

// Each row sorts a copy of x in a buffer of its own, allocated once: a fresh SharedArrayBuffer per
// run is fresh pages every run, whose faults (cold on a VM) moved rows by up to 2x at random.
const copyInto = (y: Float64Array, x: Float64Array) => {
  y.set(x);
  return y;
};

const sortW = cpu<{ x: Float64Array; work: Float64Array }, Float64Array>(
  {
    name: 'sort',
    description: "sort a Float64Array (each run copies x into the row's buffer, timed for every strategy, and sorts that)",
    params: (s) => ({ n: scaled(2_000_000, s, 1024) }),
    setup: (p) => ({ x: randomFloat64(num(p, 'n'), 5), work: sharedFloat64(num(p, 'n')) }),
    reference: async ({ x }) => x.slice().sort(),
  },
  {
    auto: 'sort',
    js: ({ x, work }) => sort(copyInto(work, x), { backend: 'js' }),
    kernel: ({ x }, backend, threads) => {
      const y = sharedFloat64(x.length);
      return () => sort(copyInto(y, x), { backend, threads });
    },
    split: {
      task: 'sortSlice',
      parts: ({ x }, k) => sliceParts(x, k),
      merge: (r) => {
        const runs = r as Float64Array[];
        const bounds = [0];
        for (const p of runs) bounds.push(bounds[bounds.length - 1] + p.length);
        const out = new Float64Array(bounds[bounds.length - 1]);
        mergeRuns(concatFloat64(runs), bounds, out);
        return out;
      },
    },
    peers: [numpyStrategy({ op: 'sort', label: 'NumPy np.sort(x)', inputs: ({ x }) => ({ x: { data: x, shape: [x.length] } }) })],
  },
);

export const cpuWorkloads: Workload[] = [
  squareNumbers,
  computeSquare,
  sumSquaresW,
  squareW,
  countPrimesW,
  mandelbrotW,
  monteCarloPiW,
  matmulW,
  sortW,
] as Workload[];
