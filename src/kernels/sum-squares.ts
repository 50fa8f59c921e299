import { pinForNative } from './pin.js';
import { runKernel, chooseBackend } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkFloat64Array } from './validate.js';
import { sumSquaresJs, sumSquaresJsSync } from './js/sum-squares.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

/** Σ x[i]², bit-identical on every backend and thread count (native/SPEC.md). */
export function sumSquares(x: Float64Array, options?: KernelOptions): Promise<number> {
  try {
    checkFloat64Array('x', x);
    const o = resolveOptions(options);
    return runKernel(o, {
      auto: { kernel: 'sumSquares', work: x.length },
      js: (control) => sumSquaresJs(x, control),
      workers: (control, threads) => workers.sumSquares(x, threads, control),
      native: (addon, control, threads) => {
        pinForNative(x);
        return addon.sumSquares(x, threads, control);
      },
    });
  } catch (err) {
    return Promise.reject(err);
  }
}

export type SyncKernelOptions = Pick<KernelOptions, 'backend' | 'threads'>;

/** Blocking form for small inputs, where a promise round trip costs more than the work. */
export function sumSquaresSync(x: Float64Array, options?: SyncKernelOptions): number {
  checkFloat64Array('x', x);
  const o = resolveOptions(options);
  const chosen = chooseBackend(o.backend, { kernel: 'sumSquaresSync', work: x.length, threads: o.threads });
  if (chosen.kind === 'native') return chosen.addon.sumSquaresSync(x, chosen.threads ?? o.threads);
  if (chosen.kind === 'workers') throw new RangeError("options.backend 'workers' has no sync form; use sumSquares()");
  return sumSquaresJsSync(x);
}

registerKernelForProbes('sumSquares', sumSquares);
registerKernelForProbes('sumSquaresSync', sumSquaresSync);
