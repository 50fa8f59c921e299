// monteCarloPi: the same seed gives the same answer on every backend and thread count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monteCarloPi } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';

test('monteCarloPi: identical on every backend and thread count, for several seeds', async () => {
  for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
    const samples = 3_000_017;
    const expected = await monteCarloPi(samples, { backend: 'js', seed });
    assert.ok(Math.abs(expected - Math.PI) < 0.01, `estimate ${expected}`);
    for (const backend of backendsHere()) {
      for (const threads of THREAD_COUNTS) {
        assert.equal(await monteCarloPi(samples, { backend, threads, seed }), expected, `${backend} threads=${threads} seed=${seed}`);
      }
    }
  }
});

test('monteCarloPi: different seeds give different samples', async () => {
  assert.notEqual(await monteCarloPi(100_000, { seed: 1 }), await monteCarloPi(100_000, { seed: 2 }));
});
