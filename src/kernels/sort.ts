import { pinForNative } from './pin.js';
import { runKernel } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkFloat64Array } from './validate.js';
import { sortJs } from './js/sort.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

/**
 * Sorts x in place, in the order of Float64Array.prototype.sort (-0 before +0, NaN last); resolves with x.
 * The native backends (radix sort) need a scratch buffer of x's size; on Linux the last one (up to
 * 256 MiB) is kept for the next sort, marked reclaimable (MADV_FREE) so the OS can take it back.
 */
export function sort(x: Float64Array, options?: KernelOptions): Promise<Float64Array> {
  try {
    checkFloat64Array('x', x);
    const o = resolveOptions(options);
    return runKernel(o, {
      auto: { kernel: 'sort', work: x.length },
      js: (control) => sortJs(x, control),
      workers: (control, threads) => workers.sort(x, threads, control),
      native: (addon, control, threads) => {
        pinForNative(x);
        return addon.sort(x, threads, control);
      },
    }).then(() => x);
  } catch (err) {
    return Promise.reject(err);
  }
}

registerKernelForProbes('sort', sort);
