// sumSquares / sumSquaresSync: every backend and thread count gives the JS reference's exact bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sumSquares, sumSquaresSync } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';
import { randomFloat64 } from '../helpers/random.js';

const edgeCases: Record<string, Float64Array> = {
  empty: new Float64Array(0),
  one: Float64Array.of(3.5),
  seven: Float64Array.of(1, 2, 3, 4, 5, 6, 7),
  'not a multiple of the chunk': randomFloat64(65536 * 3 + 13, 1),
  NaN: Float64Array.of(1, NaN, 2),
  '+Infinity': Float64Array.of(1, Infinity, 2),
  '-Infinity': Float64Array.of(-Infinity, 1),
  subnormals: Float64Array.from({ length: 1001 }, (_, i) => 5e-324 * (i + 1)),
  'negative zero': Float64Array.of(-0, -0),
  random: randomFloat64(1_000_003, 2),
};

for (const [name, x] of Object.entries(edgeCases)) {
  test(`sumSquares: ${name}`, async () => {
    const expected = sumSquaresSync(x, { backend: 'js' });
    for (const backend of backendsHere()) {
      for (const threads of THREAD_COUNTS) {
        const got = await sumSquares(x, { backend, threads });
        assert.ok(Object.is(got, expected), `${backend} threads=${threads}: ${got} !== ${expected}`);
        if (backend !== 'workers') {
          const gotSync = sumSquaresSync(x, { backend, threads });
          assert.ok(Object.is(gotSync, expected), `${backend} sync threads=${threads}: ${gotSync} !== ${expected}`);
        }
      }
    }
  });
}

test('sumSquares: the reference is the exact sum on data whose squares are exact', async () => {
  const x = Float64Array.from({ length: 100_000 }, (_, i) => i % 1000);
  let exact = 0;
  for (let i = 0; i < x.length; i++) exact += x[i] * x[i];
  assert.equal(sumSquaresSync(x, { backend: 'js' }), exact);
  assert.equal(await sumSquares(x), exact);
});

test('sumSquares: auto picks a backend and agrees', async () => {
  const x = randomFloat64(200_000, 3);
  assert.ok(Object.is(await sumSquares(x), sumSquaresSync(x, { backend: 'js' })));
});
