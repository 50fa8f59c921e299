// What 'auto' measures: per kernel, a small representative input of a given amount of work and a
// way to run it once on a given backend. The public kernels are called with an explicit backend,
// so a probe runs exactly the code a user's call would. Each kernel module registers its function
// here when it loads (registerKernelForProbes), rather than this module importing the kernels: they
// import backend.ts → auto.ts → this file, so a static import back would be an import cycle. A probe
// only runs for a kernel that was called, hence loaded.
import { rng } from '../util/random.js';
import type { AsyncKernel, Probe, SyncKernel } from './auto-kernels.js';
import type { sumSquares, sumSquaresSync } from './sum-squares.js';
import type { square, squareSync } from './square.js';
import type { countPrimes } from './count-primes.js';
import type { mandelbrot } from './mandelbrot.js';
import type { monteCarloPi } from './monte-carlo-pi.js';
import type { matmul } from './matmul.js';
import type { sort } from './sort.js';

interface KernelFunctions {
  sumSquares: typeof sumSquares;
  sumSquaresSync: typeof sumSquaresSync;
  square: typeof square;
  squareSync: typeof squareSync;
  countPrimes: typeof countPrimes;
  mandelbrot: typeof mandelbrot;
  monteCarloPi: typeof monteCarloPi;
  matmul: typeof matmul;
  sort: typeof sort;
}
const kernels: Partial<KernelFunctions> = {};

/** Called by each kernel module as it loads: the function its probe runs. */
export function registerKernelForProbes<K extends keyof KernelFunctions>(name: K, fn: KernelFunctions[K]): void {
  kernels[name] = fn;
}

function kernel<K extends keyof KernelFunctions>(name: K): KernelFunctions[K] {
  const fn = kernels[name];
  if (fn === undefined) throw new Error(`multicore internal error: the ${name} kernel was never loaded, so 'auto' cannot probe it`);
  return fn;
}

/** Deterministic doubles in [-1, 1) (mulberry32), so every probe measures the same data. */
function randomFloat64(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => r() * 2 - 1);
}

const MANDEL_ITER = 256;

export const ASYNC_PROBES: Record<AsyncKernel, Probe<Promise<unknown>>> = {
  sumSquares: {
    unit: 'elements',
    minClass: 6,
    maxClass: 10,
    jsMaxClass: 9,
    make(n) {
      const x = randomFloat64(n, 1);
      return (backend, threads) => kernel('sumSquares')(x, { backend, threads });
    },
  },
  square: {
    unit: 'elements',
    minClass: 6,
    maxClass: 10,
    jsMaxClass: 9,
    make(n) {
      const x = randomFloat64(n, 1);
      const out = new Float64Array(n);
      return (backend, threads) => kernel('square')(x, { backend, threads, out });
    },
  },
  countPrimes: {
    unit: 'limit',
    minClass: 8,
    maxClass: 11,
    jsMaxClass: 10,
    make(limit) {
      return (backend, threads) => kernel('countPrimes')(limit, { backend, threads });
    },
  },
  mandelbrot: {
    unit: 'pixels × maxIter',
    minClass: 8,
    maxClass: 11,
    jsMaxClass: 10,
    make(work) {
      const pixels = Math.max(1, Math.round(work / MANDEL_ITER));
      const width = Math.max(1, Math.round(Math.sqrt((pixels * 4) / 3)));
      const height = Math.max(1, Math.ceil(pixels / width));
      return (backend, threads) => kernel('mandelbrot')({ width, height, maxIter: MANDEL_ITER }, { backend, threads });
    },
  },
  monteCarloPi: {
    unit: 'samples',
    minClass: 7,
    maxClass: 10,
    jsMaxClass: 8,
    make(samples) {
      return (backend, threads) => kernel('monteCarloPi')(samples, { backend, threads, seed: 1 });
    },
  },
  matmul: {
    unit: 'm·k·n',
    minClass: 6,
    maxClass: 11,
    jsMaxClass: 9,
    make(work) {
      const n = Math.max(1, Math.round(Math.cbrt(work)));
      const a = randomFloat64(n * n, 3);
      const b = randomFloat64(n * n, 4);
      return (backend, threads) => kernel('matmul')(a, b, n, n, n, { backend, threads });
    },
  },
  // Up to 4^9: the ranking flips with size here (one backend's sort is 2× faster at 65K, the other 1.5× at 262K).
  sort: {
    unit: 'elements',
    minClass: 5,
    maxClass: 9,
    jsMaxClass: 7,
    cost: (n) => n * Math.log2(Math.max(2, n)),
    make(n) {
      const x = randomFloat64(n, 5);
      const copy = new Float64Array(n);
      // The copy is part of every backend's time alike; sorting sorted data would flatter some.
      return (backend, threads) => {
        copy.set(x);
        return kernel('sort')(copy, { backend, threads });
      };
    },
  },
};

export const SYNC_PROBES: Record<SyncKernel, Probe<unknown>> = {
  sumSquaresSync: {
    unit: 'elements',
    minClass: 5,
    maxClass: 10,
    jsMaxClass: 9,
    make(n) {
      const x = randomFloat64(n, 1);
      return (backend, threads) => kernel('sumSquaresSync')(x, { backend, threads });
    },
  },
  squareSync: {
    unit: 'elements',
    minClass: 5,
    maxClass: 10,
    jsMaxClass: 9,
    make(n) {
      const x = randomFloat64(n, 1);
      const out = new Float64Array(n);
      return (backend, threads) => kernel('squareSync')(x, { backend, threads, out });
    },
  },
};
