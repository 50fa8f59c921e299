// The task the server's ThreadPoolExecutor runs: one Mandelbrot tile, rendered as a PGM image.
// It hands its own AbortSignal (raised when the request that asked for it is cancelled) to the
// kernel, which stops within one chunk; `abortedKernels` (shared memory) counts the kernels that did.
import { currentSignal, mandelbrot } from '@multicore-js/multicore';

/** Where tile (x, y) at `zoom` lies: the view [-2, 0.5] × [-1.25, 1.25] cut into 2^zoom × 2^zoom tiles. */
export function tileBounds(zoom, x, y) {
  const n = 2 ** zoom;
  const w = 2.5 / n;
  return { xMin: -2 + x * w, xMax: -2 + (x + 1) * w, yMin: -1.25 + y * w, yMax: -1.25 + (y + 1) * w };
}

/** A binary PGM (P5): black inside the set, brighter the faster a point escapes. */
export function toPgm(counts, size, maxIter) {
  const header = Buffer.from(`P5\n${size} ${size}\n255\n`, 'ascii');
  const pixels = Buffer.alloc(counts.length);
  for (let i = 0; i < counts.length; i++) pixels[i] = counts[i] >= maxIter ? 0 : 255 - Math.floor((255 * counts[i]) / maxIter);
  return Buffer.concat([header, pixels]);
}

/**
 * The executor's initializer, once per worker before it serves: the first 'auto' call of a kernel at
 * each size class measures the backends (a few ms, once per process). Done here, no request pays for
 * it, and no request's kernel is still being chosen (and so deaf to its signal) when its client leaves.
 */
export async function warmUp() {
  // Work (pixels × maxIter) of 4^8 .. 4^11: every size class 'auto' has for mandelbrot.
  for (const [size, maxIter] of [
    [16, 256],
    [32, 256],
    [64, 256],
    [64, 1024],
  ]) {
    await mandelbrot({ width: size, height: size, maxIter }, { threads: 1 });
  }
}

/** One tile. `kernelsRunning` and `kernelsAborted` are shared-memory counters the server's /health reports. */
export async function renderTile({ zoom, x, y, size, maxIter }, kernelsRunning, kernelsAborted) {
  const signal = currentSignal();
  kernelsRunning.add(1);
  try {
    // One thread per tile: the executor's workers already serve one request each, in parallel.
    const counts = await mandelbrot({ width: size, height: size, maxIter, ...tileBounds(zoom, x, y) }, { threads: 1, signal });
    return toPgm(counts, size, maxIter);
  } catch (err) {
    if (err?.name === 'AbortError') kernelsAborted.add(1);
    throw err;
  } finally {
    kernelsRunning.add(-1);
  }
}
