// multicore_cpp.node results against independent references (SPEC.md arithmetic written out in
// plain JS, the built-in sort, a naive matmul, known prime counts), at several thread counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { monteCarloInsideSpec, sumSquaresSpec } from '../helpers/spec-reference.js';

const { addon, skip } = loadRawAddon('cpp');
const THREADS = [1, 2, 3, 7];

function randomDoubles(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Float64Array.from({ length: n }, () => (next() - 0.5) * 2 ** Math.floor(next() * 40 - 20));
}

function mandelbrotRef(w: number, hgt: number, maxIter: number, xMin: number, xMax: number, yMin: number, yMax: number) {
  const out = new Uint32Array(w * hgt);
  const dx = (xMax - xMin) / w, dy = (yMax - yMin) / hgt;
  for (let row = 0; row < hgt; row++) for (let col = 0; col < w; col++) {
    const cx = xMin + col * dx, cy = yMin + row * dy;
    let x = 0, y = 0, i = 0;
    while (i < maxIter && x * x + y * y <= 4.0) { const xt = x * x - y * y + cx; y = 2.0 * x * y + cy; x = xt; i++; }
    out[row * w + col] = i;
  }
  return out;
}

test('sumSquares and sumSquaresSync are bit-identical with the SPEC at every thread count', { skip }, async () => {
  const x = randomDoubles(5 * 65536 + 13, 1);
  const want = sumSquaresSpec(x);
  for (const t of THREADS) {
    assert.ok(Object.is(await addon.sumSquares(x, t), want), `async threads=${t}`);
    assert.ok(Object.is(addon.sumSquaresSync(x, t), want), `sync threads=${t}`);
  }
  assert.ok(Object.is(await addon.sumSquares(new Float64Array(0), 2), 0));
});

test('square and squareSync, also in place', { skip }, async () => {
  const x = randomDoubles(65536 * 2 + 5, 2);
  const want = x.map((v) => v * v);
  const out = new Float64Array(x.length);
  assert.equal(await addon.square(x, out, 3), undefined);
  assert.deepEqual(out, want);
  const y = x.slice();
  addon.squareSync(y, y, 2);
  assert.deepEqual(y, want);
});

test('countPrimes known values', { skip }, async () => {
  const known: Array<[number, number]> = [[0, 0], [1, 0], [2, 1], [10, 4], [100, 25], [1e6, 78498], [1e7, 664579]];
  for (const [limit, pi] of known) assert.equal(await addon.countPrimes(limit, 2), pi, `pi(${limit})`);
  for (const t of THREADS) assert.equal(await addon.countPrimes(2e6, t), 148933);
});

test('mandelbrot matches the SPEC recurrence', { skip }, async () => {
  const want = mandelbrotRef(67, 31, 250, -2, 0.5, -1.25, 1.25);
  for (const t of THREADS) {
    const out = new Uint32Array(67 * 31);
    await addon.mandelbrot(out, 67, 31, 250, -2, 0.5, -1.25, 1.25, t);
    assert.deepEqual(out, want, `threads=${t}`);
  }
});

test('monteCarloPi inside count matches the SPEC generator', { skip }, async () => {
  const samples = 2 ** 20 + 12345;
  const want = monteCarloInsideSpec(samples, 7);
  for (const t of THREADS) assert.equal(await addon.monteCarloPi(samples, 7, t), want, `threads=${t}`);
});

test('matmul is bit-identical with a naive matmul', { skip }, async () => {
  const [m, k, n] = [19, 270, 23];
  const a = randomDoubles(m * k, 3), b = randomDoubles(k * n, 4);
  const want = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
    want[i * n + j] = s;
  }
  for (const t of THREADS) {
    const out = new Float64Array(m * n);
    await addon.matmul(a, b, out, m, k, n, t);
    assert.deepEqual(out, want, `threads=${t}`);
  }
  const zeros = new Float64Array(6).fill(5);
  await addon.matmul(new Float64Array(0), new Float64Array(0), zeros, 2, 0, 3, 2);
  assert.deepEqual(zeros, new Float64Array(6));
});

test('sort orders like Float64Array.prototype.sort (-0 before +0, NaN last)', { skip }, async () => {
  for (const n of [0, 1, 1000, 65536 * 3 + 7]) {
    const x = randomDoubles(n, n);
    for (let i = 0; i < n; i += 9) x[i] = [NaN, -0, 0, Infinity, -Infinity, 1, 1][(i / 9) % 7];
    const want = x.slice().sort();
    for (const t of [1, 3]) {
      const y = x.slice();
      await addon.sort(y, t);
      assert.deepEqual(y, want, `n=${n} threads=${t}`);
      for (let i = 0; i < n; i++) if (Object.is(want[i], -0)) assert.ok(Object.is(y[i], -0));
    }
  }
});
