// multicore_rust.node results against independent references (SPEC.md arithmetic), bit for bit,
// at thread counts 1, 2, 3 and 7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { monteCarloInsideSpec, sumSquaresSpec } from '../helpers/spec-reference.js';

const { addon, skip } = loadRawAddon('rust');

const THREADS = [1, 2, 3, 7];

function random(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    x[i] = (s / 2 ** 32) * 2 - 1;
  }
  return x;
}

test('rust: sumSquares and sumSquaresSync match the SPEC reference at every thread count', { skip }, async () => {
  for (const n of [1, 9, 65537, 200_003]) {
    const x = random(n, n);
    const want = sumSquaresSpec(x);
    for (const t of THREADS) {
      assert.equal(await addon.sumSquares(x, t), want, `n=${n} t=${t}`);
      assert.equal(addon.sumSquaresSync(x, t), want, `sync n=${n} t=${t}`);
    }
  }
});

test('rust: square into out and in place', { skip }, async () => {
  const x = random(100_001, 3);
  for (const t of THREADS) {
    const out = new Float64Array(x.length);
    await addon.square(x, out, t);
    assert.deepEqual(out, x.map((v) => v * v));
    const y = x.slice();
    addon.squareSync(y, y, t);
    assert.deepEqual(y, out);
  }
});

test('rust: countPrimes known values', { skip }, async () => {
  for (const [limit, want] of [[10, 4], [100, 25], [1e6, 78498], [1e7, 664579]]) {
    for (const t of THREADS) assert.equal(await addon.countPrimes(limit, t), want);
  }
});

test('rust: mandelbrot matches the scalar formula', { skip }, async () => {
  const [w, h2, it] = [37, 23, 300];
  const [xMin, xMax, yMin, yMax] = [-2.0, 0.5, -1.25, 1.25];
  const want = new Uint32Array(w * h2);
  const dx = (xMax - xMin) / w, dy = (yMax - yMin) / h2;
  for (let r = 0; r < h2; r++) for (let c = 0; c < w; c++) {
    const cx = xMin + c * dx, cy = yMin + r * dy;
    let x = 0, y = 0, i = 0;
    while (i < it && x * x + y * y <= 4.0) { const xt = x * x - y * y + cx; y = 2.0 * x * y + cy; x = xt; i++; }
    want[r * w + c] = i;
  }
  for (const t of THREADS) {
    const out = new Uint32Array(w * h2);
    await addon.mandelbrot(out, w, h2, it, xMin, xMax, yMin, yMax, t);
    assert.deepEqual(out, want, `t=${t}`);
  }
});

test('rust: monteCarloPi inside count matches the counter-based reference', { skip }, async () => {
  for (const [samples, seed] of [[1, 0], [1000, 1], [300_000, 12345]]) {
    const want = monteCarloInsideSpec(samples, seed);
    for (const t of THREADS) assert.equal(await addon.monteCarloPi(samples, seed, t), want);
  }
});

test('rust: matmul matches a naive loop bit for bit', { skip }, async () => {
  for (const [m, k, n] of [[1, 1, 1], [5, 3, 7], [33, 65, 19], [70, 140, 90]]) {
    const a = random(m * k, m), b = random(k * n, n);
    const want = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      want[i * n + j] = s;
    }
    for (const t of THREADS) {
      const out = new Float64Array(m * n);
      await addon.matmul(a, b, out, m, k, n, t);
      assert.deepEqual(out, want, `${m}x${k}x${n} t=${t}`);
    }
  }
});

test('rust: sort gives Float64Array.prototype.sort order (NaN last, -0 before +0)', { skip }, async () => {
  const x = random(150_000, 99);
  for (let i = 0; i < x.length; i += 101) x[i] = [NaN, -0, 0, Infinity, -Infinity, 1.5][(i / 101) % 6];
  const want = x.slice().sort();
  for (const t of THREADS) {
    const y = x.slice();
    await addon.sort(y, t);
    assert.deepEqual(y, want, `t=${t}`);
    const firstPosZero = y.findIndex((v) => v === 0 && !Object.is(v, -0));
    assert.ok(y.slice(firstPosZero).every((v) => !Object.is(v, -0)));
  }
});
