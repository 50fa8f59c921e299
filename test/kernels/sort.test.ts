// sort: in place, in exactly the order of Float64Array.prototype.sort (NaN last, -0 before +0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sort } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';
import { randomFloat64 } from '../helpers/random.js';

function sameOrder(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const inputs: Record<string, () => Float64Array> = {
  empty: () => new Float64Array(0),
  one: () => Float64Array.of(1),
  specials: () => Float64Array.of(NaN, 0, -0, Infinity, -Infinity, 5e-324, -5e-324, NaN, -0, 0, 1, -1),
  'random with duplicates': () => randomFloat64(300_001, 9, 100).map(Math.round),
  'random with NaNs and zeros': () =>
    randomFloat64(200_003, 10).map((v, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? -0 : i % 83 === 0 ? 0 : v)),
  sorted: () => Float64Array.from({ length: 100_000 }, (_, i) => i),
  reversed: () => Float64Array.from({ length: 100_000 }, (_, i) => -i),
};

for (const [name, make] of Object.entries(inputs)) {
  test(`sort: ${name}`, async () => {
    const expected = make().sort();
    for (const backend of backendsHere()) {
      for (const threads of THREAD_COUNTS) {
        const x = make();
        const got = await sort(x, { backend, threads });
        assert.equal(got, x, 'sorts in place and resolves with x');
        assert.ok(sameOrder(x, expected), `${backend} threads=${threads}`);
      }
    }
  });
}
