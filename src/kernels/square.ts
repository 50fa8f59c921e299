import { pinForNative } from './pin.js';
import { runKernel, chooseBackend } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkFloat64Array, checkObject } from './validate.js';
import { squareJs, squareJsSync } from './js/square.js';
import type { SyncKernelOptions } from './sum-squares.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

export interface SquareOptions extends KernelOptions {
  /** Where to write the result (same length as x; may be x itself). Default: a new array. */
  out?: Float64Array;
}

function outputFor(x: Float64Array, options: { out?: Float64Array } | undefined): Float64Array {
  checkObject('options', options);
  const out = options?.out;
  if (out === undefined) return new Float64Array(x.length);
  checkFloat64Array('options.out', out);
  if (out.length !== x.length) throw new RangeError(`options.out must have x's length ${x.length}, got ${out.length}`);
  return out;
}

/** out[i] = x[i]² (the seeds' compute_square), on all cores. */
export function square(x: Float64Array, options?: SquareOptions): Promise<Float64Array> {
  try {
    checkFloat64Array('x', x);
    const out = outputFor(x, options);
    const o = resolveOptions(options);
    return runKernel(o, {
      auto: { kernel: 'square', work: x.length },
      js: (control) => squareJs(x, out, control),
      workers: (control, threads) => workers.square(x, out, threads, control),
      native: (addon, control, threads) => {
        pinForNative(x, out);
        return addon.square(x, out, threads, control);
      },
    }).then(() => out);
  } catch (err) {
    return Promise.reject(err);
  }
}

export function squareSync(x: Float64Array, options?: SyncKernelOptions & { out?: Float64Array }): Float64Array {
  checkFloat64Array('x', x);
  const out = outputFor(x, options);
  const o = resolveOptions(options);
  const chosen = chooseBackend(o.backend, { kernel: 'squareSync', work: x.length, threads: o.threads });
  if (chosen.kind === 'native') chosen.addon.squareSync(x, out, chosen.threads ?? o.threads);
  else if (chosen.kind === 'workers') throw new RangeError("options.backend 'workers' has no sync form; use square()");
  else squareJsSync(x, out);
  return out;
}

registerKernelForProbes('square', square);
registerKernelForProbes('squareSync', squareSync);
