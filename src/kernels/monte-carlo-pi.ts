import { runKernel } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkInteger, checkObject, MAX_SAFE } from './validate.js';
import { monteCarloInsideJs } from './js/monte-carlo-pi.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

export interface MonteCarloPiOptions extends KernelOptions {
  /** 0..2^32-1; the same seed gives the same answer on every backend and thread count. Default 0. */
  seed?: number;
}

/** Estimates π from `samples` random points with a counter-based generator (native/SPEC.md). */
export function monteCarloPi(samples: number, options?: MonteCarloPiOptions): Promise<number> {
  try {
    checkInteger('samples', samples, 1, MAX_SAFE);
    checkObject('options', options);
    const seed = options?.seed === undefined ? 0 : options.seed;
    checkInteger('options.seed', seed, 0, 2 ** 32 - 1);
    const o = resolveOptions(options);
    return runKernel(o, {
      auto: { kernel: 'monteCarloPi', work: samples },
      js: (control) => monteCarloInsideJs(samples, seed, control),
      workers: (control, threads) => workers.monteCarloInside(samples, seed, threads, control),
      native: (addon, control, threads) => addon.monteCarloPi(samples, seed, threads, control),
    }).then((inside) => (4 * inside) / samples);
  } catch (err) {
    return Promise.reject(err);
  }
}

registerKernelForProbes('monteCarloPi', monteCarloPi);
