import { pinForNative } from './pin.js';
import { runKernel } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkFloat64Array, checkInteger, MAX_DIM } from './validate.js';
import { matmulJs } from './js/matmul.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

/** Largest output we allocate: 2^28 elements (2 GiB). */
export const MAX_MATMUL_ELEMENTS = 2 ** 28;

/** a (m×k) · b (k×n), row-major; each element summed in increasing k, so results are exact across backends. */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, options?: KernelOptions): Promise<Float64Array> {
  try {
    checkFloat64Array('a', a);
    checkFloat64Array('b', b);
    checkInteger('m', m, 0, MAX_DIM);
    checkInteger('k', k, 0, MAX_DIM);
    checkInteger('n', n, 0, MAX_DIM);
    if (a.length !== m * k) throw new RangeError(`a must have m*k = ${m * k} elements, got ${a.length}`);
    if (b.length !== k * n) throw new RangeError(`b must have k*n = ${k * n} elements, got ${b.length}`);
    if (m * n > MAX_MATMUL_ELEMENTS) throw new RangeError(`m*n must be at most ${MAX_MATMUL_ELEMENTS}, got ${m * n}`);
    const o = resolveOptions(options);
    const out = new Float64Array(m * n);
    return runKernel(o, {
      auto: { kernel: 'matmul', work: m * k * n },
      js: (control) => matmulJs(a, b, out, m, k, n, control),
      workers: (control, threads) => workers.matmul(a, b, out, m, k, n, threads, control),
      native: (addon, control, threads) => {
        pinForNative(a, b);
        return addon.matmul(a, b, out, m, k, n, threads, control);
      },
    }).then(() => out);
  } catch (err) {
    return Promise.reject(err);
  }
}

registerKernelForProbes('matmul', matmul);
