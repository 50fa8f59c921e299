// countPrimes: exact π(limit) on every backend and thread count, against known values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPrimes } from '@multicore-js/multicore';
import { backendsHere, nativeBackendsHere, THREAD_COUNTS } from '../helpers/backends.js';

const known: [number, number][] = [
  [0, 0],
  [1, 0],
  [2, 1],
  [3, 2],
  [10, 4],
  [100, 25],
  [1000, 168],
  [524_289, 43_390],
  [1_000_000, 78_498],
  [10_000_000, 664_579],
];

test('countPrimes: known values of π on every backend and thread count', async () => {
  for (const backend of backendsHere()) {
    for (const threads of THREAD_COUNTS) {
      for (const [limit, pi] of known) {
        assert.equal(await countPrimes(limit, { backend, threads }), pi, `${backend} threads=${threads} π(${limit})`);
      }
    }
  }
});

test('countPrimes: small limits agree with trial division', async () => {
  const isPrime = (n: number) => {
    if (n < 2) return false;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
    return true;
  };
  let pi = 0;
  const expected: number[] = [];
  for (let n = 0; n <= 600; n++) {
    if (isPrime(n)) pi++;
    expected.push(pi);
  }
  for (const backend of backendsHere()) {
    for (const limit of [4, 5, 8, 9, 25, 49, 121, 289, 361, 529, 600]) {
      assert.equal(await countPrimes(limit, { backend, threads: 3 }), expected[limit], `${backend} π(${limit})`);
    }
  }
});

test('countPrimes: π(10^9) = 50847534 on the native backends', async () => {
  for (const backend of nativeBackendsHere()) {
    assert.equal(await countPrimes(1_000_000_000, { backend }), 50_847_534, backend);
  }
});
