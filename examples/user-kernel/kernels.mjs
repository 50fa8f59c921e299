// The example kernels, each defined once with all its forms. The wasm and native files come from
// `node build.mjs` (in ./build, or $MULTICORE_EXAMPLE_BUILD); a form whose file is missing is
// reported unavailable with the reason, and 'auto' uses the next one.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineKernel } from '@multicore-js/multicore';

export const buildDir = process.env.MULTICORE_EXAMPLE_BUILD ?? fileURLToPath(new URL('./build/', import.meta.url));
const lib = (base) =>
  join(buildDir, process.platform === 'win32' ? `${base}.dll` : process.platform === 'darwin' ? `lib${base}.dylib` : `lib${base}.so`);
const jsModule = new URL('./blur.mjs', import.meta.url);
const wasmFile = join(buildDir, 'blur.wasm');

/** One pass of a separable Gaussian blur: args [src, dst, weights, radius, width, height, pass], length = height. */
export const blur = defineKernel({
  name: 'blur',
  js: { module: jsModule, name: 'blur' },
  wasm: wasmFile,
  native: lib('blur'), // C: blur.c
});

/** The Rust crate's library (rust/; node build.mjs rust). */
export const rustLibrary = lib('blur_rust');

/** The same kernel with its native form from the Rust crate. */
export const blurRust = defineKernel({
  name: 'blur',
  js: { module: jsModule, name: 'blur' },
  native: { path: rustLibrary, symbol: 'blur' },
});

/** Σ x[i]² in reduce, the built-in sumSquares' arithmetic: args [x], length = x.length, chunkSize 65536. */
export const sumSquaresKernel = defineKernel({
  name: 'sumSquares',
  js: { module: jsModule, name: 'sumSquares' },
  wasm: wasmFile,
  native: lib('blur'),
});
export const sumSquaresRust = defineKernel({
  name: 'sumSquares',
  js: { module: jsModule, name: 'sumSquares' },
  native: { path: rustLibrary, symbol: 'sumSquares' },
});

/** Blurs a width × height image in two passes (rows, then columns) with `kernel`; returns dst. */
export async function gaussianBlur(kernel, src, width, height, radius, options = {}) {
  const { gaussianWeights } = await import('./blur.mjs');
  const weights = gaussianWeights(radius);
  const tmp = new Float32Array(width * height);
  const dst = new Float32Array(width * height);
  await kernel.run(height, [src, tmp, weights, radius, width, height, 0], options);
  await kernel.run(height, [tmp, dst, weights, radius, width, height, 1], options);
  return dst;
}
