// matmul: every backend equals a naive triple loop bit for bit (each element summed in increasing k).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matmul } from '@multicore-js/multicore';
import { backendsHere, THREAD_COUNTS } from '../helpers/backends.js';
import { randomFloat64, sameBits } from '../helpers/random.js';

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      out[i * n + j] = s;
    }
  }
  return out;
}

const shapes: [number, number, number][] = [
  [0, 3, 4],
  [3, 0, 4],
  [1, 1, 1],
  [17, 33, 9],
  [70, 65, 130],
  [129, 257, 31],
];

for (const [m, k, n] of shapes) {
  test(`matmul ${m}x${k} · ${k}x${n}`, async () => {
    const a = randomFloat64(m * k, m + 1);
    const b = randomFloat64(k * n, n + 7);
    const expected = naive(a, b, m, k, n);
    for (const backend of backendsHere()) {
      for (const threads of THREAD_COUNTS) {
        assert.ok(sameBits(await matmul(a, b, m, k, n, { backend, threads }), expected), `${backend} threads=${threads}`);
      }
    }
  });
}

test('matmul: wrong lengths are RangeErrors naming the array', async () => {
  await assert.rejects(matmul(new Float64Array(5), new Float64Array(6), 2, 3, 2), /a must have m\*k = 6/);
  await assert.rejects(matmul(new Float64Array(6), new Float64Array(5), 2, 3, 2), /b must have k\*n = 6/);
});
