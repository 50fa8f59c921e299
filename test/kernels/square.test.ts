// square / squareSync: elementwise, bit-identical on every backend; `out` and in-place use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { square, squareSync } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';
import { randomFloat64, sameBits } from '../helpers/random.js';

const inputs: Record<string, Float64Array> = {
  empty: new Float64Array(0),
  one: Float64Array.of(-2),
  specials: Float64Array.of(NaN, Infinity, -Infinity, -0, 0, 5e-324, 1e300, -1e300),
  'odd length': randomFloat64(65536 * 2 + 7, 4),
};

for (const [name, x] of Object.entries(inputs)) {
  test(`square: ${name}`, async () => {
    const expected = x.map((v) => v * v);
    for (const backend of backendsHere()) {
      for (const threads of THREAD_COUNTS) {
        const got = await square(x, { backend, threads });
        assert.ok(sameBits(got, expected), `${backend} threads=${threads}`);
        assert.notEqual(got, x);
        if (backend !== 'workers') assert.ok(sameBits(squareSync(x, { backend, threads }), expected), `${backend} sync`);
      }
    }
  });
}

test('square: writes into options.out, and works in place', async () => {
  for (const backend of backendsHere()) {
    const x = randomFloat64(100_001, 5);
    const expected = x.map((v) => v * v);
    const out = new Float64Array(x.length);
    assert.equal(await square(x, { backend, out }), out);
    assert.ok(sameBits(out, expected), backend);
    assert.equal(await square(x, { backend, out: x }), x);
    assert.ok(sameBits(x, expected), `${backend} in place`);
  }
});

test('square: out of the wrong length or kind is rejected', async () => {
  const x = new Float64Array(10);
  await assert.rejects(square(x, { out: new Float64Array(9) }), RangeError);
  await assert.rejects(square(x, { out: new Float32Array(10) as never }), TypeError);
  assert.throws(() => squareSync(x, { out: new Float64Array(11) }), /options\.out/);
});
