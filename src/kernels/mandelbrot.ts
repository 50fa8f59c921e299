import { runKernel } from './backend.js';
import { resolveOptions, type KernelOptions } from './options.js';
import { checkFinite, checkInteger, MAX_DIM } from './validate.js';

// Only undefined means "use the default": null is a wrong type, as everywhere else.
const orDefault = (v: number | undefined, d: number) => (v === undefined ? d : v);
import { mandelbrotJs, type MandelbrotParams } from './js/mandelbrot.js';
import * as workers from './workers/run.js';
import { registerKernelForProbes } from './auto-probes.js';

export interface MandelbrotInput {
  width: number;
  height: number;
  maxIter: number;
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
}

/** Largest image we allocate: 2^28 pixels (1 GiB of counts). */
export const MAX_PIXELS = 2 ** 28;

function params(p: MandelbrotInput): MandelbrotParams {
  if (typeof p !== 'object' || p === null) throw new TypeError('params must be an object');
  checkInteger('params.width', p.width, 1, MAX_DIM);
  checkInteger('params.height', p.height, 1, MAX_DIM);
  checkInteger('params.maxIter', p.maxIter, 1, MAX_DIM);
  if (p.width * p.height > MAX_PIXELS) {
    throw new RangeError(`params.width * params.height must be at most ${MAX_PIXELS}, got ${p.width * p.height}`);
  }
  const r = {
    width: p.width,
    height: p.height,
    maxIter: p.maxIter,
    xMin: orDefault(p.xMin, -2.0),
    xMax: orDefault(p.xMax, 0.5),
    yMin: orDefault(p.yMin, -1.25),
    yMax: orDefault(p.yMax, 1.25),
  };
  for (const key of ['xMin', 'xMax', 'yMin', 'yMax'] as const) checkFinite(`params.${key}`, r[key]);
  if (!(r.xMin < r.xMax)) throw new RangeError(`params.xMin must be below params.xMax, got ${r.xMin} and ${r.xMax}`);
  if (!(r.yMin < r.yMax)) throw new RangeError(`params.yMin must be below params.yMax, got ${r.yMin} and ${r.yMax}`);
  return r;
}

/** Escape-time iteration counts of the Mandelbrot set, row-major (load is uneven: rows are scheduled dynamically). */
export function mandelbrot(p: MandelbrotInput, options?: KernelOptions): Promise<Uint32Array> {
  try {
    const q = params(p);
    const o = resolveOptions(options);
    const out = new Uint32Array(q.width * q.height);
    return runKernel(o, {
      auto: { kernel: 'mandelbrot', work: q.width * q.height * q.maxIter },
      js: (control) => mandelbrotJs(q, out, control),
      workers: (control, threads) => workers.mandelbrot(q, out, threads, control),
      native: (addon, control, threads) =>
        addon.mandelbrot(out, q.width, q.height, q.maxIter, q.xMin, q.xMax, q.yMin, q.yMax, threads, control),
    }).then(() => out);
  } catch (err) {
    return Promise.reject(err);
  }
}

registerKernelForProbes('mandelbrot', mandelbrot);
