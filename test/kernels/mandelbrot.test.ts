// mandelbrot: identical iteration counts on every backend and thread count; parameters respected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mandelbrot } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';
import { sameBits } from '../helpers/random.js';

test('mandelbrot: every backend and thread count matches the JS reference', async () => {
  const params = { width: 123, height: 77, maxIter: 300 };
  const expected = await mandelbrot(params, { backend: 'js' });
  assert.equal(expected.length, 123 * 77);
  for (const backend of backendsHere()) {
    for (const threads of THREAD_COUNTS) {
      assert.ok(sameBits(await mandelbrot(params, { backend, threads }), expected), `${backend} threads=${threads}`);
    }
  }
});

test('mandelbrot: known points (inside reaches maxIter, far outside escapes at once)', async () => {
  for (const backend of backendsHere()) {
    // A 4x4 grid over [-2, 2) x [-2, 2): pixel (row 2, col 2) is c = 0 (inside); (0, 0) is c = -2-2i (escapes).
    const out = await mandelbrot({ width: 4, height: 4, maxIter: 50, xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, { backend });
    assert.equal(out[2 * 4 + 2], 50, backend);
    assert.equal(out[0], 1, backend);
  }
});

test('mandelbrot: a custom window gives a different image', async () => {
  const a = await mandelbrot({ width: 32, height: 32, maxIter: 100 });
  const b = await mandelbrot({ width: 32, height: 32, maxIter: 100, xMin: -0.75, xMax: -0.7, yMin: 0.1, yMax: 0.15 });
  assert.ok(!sameBits(a, b));
});
