import { runKernel } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkInteger, MAX_SAFE } from './validate.js';
import { countPrimesJs } from './js/count-primes.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

/** π(limit): the exact number of primes ≤ limit, by a parallel segmented sieve. */
export function countPrimes(limit: number, options?: KernelOptions): Promise<number> {
  try {
    checkInteger('limit', limit, 0, MAX_SAFE);
    const o = resolveOptions(options);
    return runKernel(o, {
      auto: { kernel: 'countPrimes', work: limit },
      js: (control) => countPrimesJs(limit, control),
      workers: (control, threads) => workers.countPrimes(limit, threads, control),
      native: (addon, control, threads) => addon.countPrimes(limit, threads, control),
    });
  } catch (err) {
    return Promise.reject(err);
  }
}

registerKernelForProbes('countPrimes', countPrimes);
