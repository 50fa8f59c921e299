// `multicore bench --kernel examples/user-kernel/blur.bench.mjs`: the Gaussian blur in every form
// (JS main thread, JS workers, wasm, native C) plus the Rust native library, on square float images.
// One iteration = both passes (rows, then columns). Every form must give the JS form's bits.
import { existsSync } from 'node:fs';
import { gaussianWeights } from './blur.mjs';
import { blur, blurRust, rustLibrary } from './kernels.mjs';

const RADIUS = 8; // 17 taps: compute-bound (34 flops per pixel and pass)
const ROWS_PER_CHUNK = 8;

export default {
  kernel: blur,
  sizes: [512, 2048],
  quickSizes: [160],
  describe: (n) => `${n}×${n}`,
  chunkSize: ROWS_PER_CHUNK,
  /** An n × n image of smooth waves and noise-like detail, a scratch image and the output. */
  input(n, alloc) {
    const src = alloc(Float32Array, n * n);
    for (let i = 0; i < src.length; i++) src[i] = Math.sin(i * 0.001) * 100 + ((i * 2654435761) % 1000) / 10;
    const tmp = alloc(Float32Array, n * n);
    const dst = alloc(Float32Array, n * n);
    const weights = alloc(Float32Array, 2 * RADIUS + 1);
    weights.set(gaussianWeights(RADIUS));
    return [
      { length: n, args: [src, tmp, weights, RADIUS, n, n, 0] },
      { length: n, args: [tmp, dst, weights, RADIUS, n, n, 1] },
    ];
  },
  compare: [
    {
      label: 'native (Rust)',
      skip: existsSync(rustLibrary) ? undefined : `${rustLibrary} is not built (node examples/user-kernel/build.mjs rust)`,
      async run(calls, { threads }) {
        for (const c of calls) await blurRust.run(c.length, c.args, { backend: 'native', threads, chunkSize: ROWS_PER_CHUNK });
      },
    },
  ],
};
