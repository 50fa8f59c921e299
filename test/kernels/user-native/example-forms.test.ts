// The example kernels' native forms (C and Rust, built from source by examples/user-kernel/build.mjs)
// give the JS form's bits for several image sizes and thread counts; sumSquares' reduce gives the
// same bits at every thread count, and the built-in sumSquares' bits with its chunk size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sumSquares } from '@multicore-js/multicore';
import { buildExample, nativeUnavailable, root, skipUnless, THREADS } from './helpers.js';

const built = buildExample();
const reason = 'reason' in built ? built.reason : await nativeUnavailable();
process.env.MULTICORE_EXAMPLE_BUILD = 'dir' in built ? built.dir : '';
const example = (file: string) => import(pathToFileURL(join(root, 'examples', 'user-kernel', file)).href);

function image(w: number, h: number): Float32Array {
  return Float32Array.from({ length: w * h }, (_, i) => Math.sin(i * 0.013) * 50 + ((i * 7919) % 101));
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

test('blur: the C and Rust native forms equal the JS form at every size and thread count', skipUnless(reason), async () => {
  const { blur, blurRust, gaussianBlur } = await example('kernels.mjs');
  for (const [w, h, r] of [
    [1, 1, 2],
    [5, 3, 4],
    [64, 37, 3],
    [301, 203, 8],
  ]) {
    const src = image(w, h);
    const expected = await gaussianBlur(blur, src, w, h, r, { backend: 'js', chunkSize: 5 });
    for (const kernel of [blur, blurRust]) {
      for (const threads of THREADS) {
        const got = await gaussianBlur(kernel, src, w, h, r, { backend: 'native', threads, chunkSize: 5 });
        assert.ok(sameBits(got, expected), `${w}×${h} r=${r} ×${threads} (${kernel === blur ? 'C' : 'Rust'})`);
      }
    }
  }
});

test(
  'blur: a pixel of the output is the weighted sum of its neighbours (not just the same bits everywhere)',
  skipUnless(reason),
  async () => {
    const { blur, gaussianBlur } = await example('kernels.mjs');
    const { gaussianWeights } = await example('blur.mjs');
    const w = 9,
      h = 9,
      r = 2;
    const src = new Float32Array(w * h);
    src[4 * w + 4] = 1; // an impulse: the output is the 2-D kernel, w[dy] * w[dx]
    const out = await gaussianBlur(blur, src, w, h, r, { backend: 'native', threads: 2 });
    const g = gaussianWeights(r);
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) assert.ok(Math.abs(out[(4 + dy) * w + 4 + dx] - g[dy + r] * g[dx + r]) < 1e-7);
    }
    assert.equal(out[0], 0);
  },
);

test('sumSquares as a user kernel: bit-identical at every thread count, and equal to the built-in', skipUnless(reason), async () => {
  const { sumSquaresKernel, sumSquaresRust } = await example('kernels.mjs');
  for (const n of [0, 7, 65_537, 300_001]) {
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * 10 ** ((i % 9) - 4));
    const js = await sumSquaresKernel.reduce(n, [x], { backend: 'js', chunkSize: 65536 });
    assert.ok(Object.is(js, await sumSquares(x, { backend: 'js' })), `n=${n}: the JS user form and the built-in JS`);
    for (const kernel of [sumSquaresKernel, sumSquaresRust]) {
      for (const threads of THREADS) {
        assert.ok(Object.is(await kernel.reduce(n, [x], { backend: 'native', threads, chunkSize: 65536 }), js), `n=${n} ×${threads}`);
        // Another chunk size gives other bits in general, but the same at every thread count.
        const small = await kernel.reduce(n, [x], { backend: 'native', threads, chunkSize: 1000 });
        assert.ok(
          Object.is(small, await sumSquaresKernel.reduce(n, [x], { backend: 'js', chunkSize: 1000 })),
          `n=${n} ×${threads} chunk 1000`,
        );
      }
    }
  }
});
