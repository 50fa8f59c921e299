// The raw C++ and Rust addons (multicore_cpp.node, multicore_rust.node) against independent references:
// SPEC.md arithmetic written out in plain JS, the built-in sort, a naive matmul, known prime counts;
// bit for bit, at thread counts 1, 2, 3 and 7. One set of cases, run on each addon.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { monteCarloInsideSpec, sumSquaresSpec } from '../helpers/spec-reference.js';

const THREADS = [1, 2, 3, 7];

/** Doubles of both signs over 40 binary orders of magnitude, so summation order shows in the bits. */
function randomDoubles(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Float64Array.from({ length: n }, () => (next() - 0.5) * 2 ** Math.floor(next() * 40 - 20));
}

function mandelbrotRef(w: number, hgt: number, maxIter: number, xMin: number, xMax: number, yMin: number, yMax: number) {
  const out = new Uint32Array(w * hgt);
  const dx = (xMax - xMin) / w,
    dy = (yMax - yMin) / hgt;
  for (let row = 0; row < hgt; row++)
    for (let col = 0; col < w; col++) {
      const cx = xMin + col * dx,
        cy = yMin + row * dy;
      let x = 0,
        y = 0,
        i = 0;
      while (i < maxIter && x * x + y * y <= 4.0) {
        const xt = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = xt;
        i++;
      }
      out[row * w + col] = i;
    }
  return out;
}

function matmulRef(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const want = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      want[i * n + j] = s;
    }
  return want;
}

for (const backend of ['cpp', 'rust'] as const) {
  const { addon, skip } = loadRawAddon(backend);

  describe(`multicore_${backend}.node`, { skip }, () => {
    test('sumSquares and sumSquaresSync are bit-identical with the SPEC at every thread count', async () => {
      for (const n of [1, 9, 65537, 200_003, 5 * 65536 + 13]) {
        const x = randomDoubles(n, n);
        const want = sumSquaresSpec(x);
        for (const t of THREADS) {
          assert.ok(Object.is(await addon.sumSquares(x, t), want), `async n=${n} threads=${t}`);
          assert.ok(Object.is(addon.sumSquaresSync(x, t), want), `sync n=${n} threads=${t}`);
        }
      }
      assert.ok(Object.is(await addon.sumSquares(new Float64Array(0), 2), 0));
    });

    test('square and squareSync, into out and in place', async () => {
      for (const [n, seed] of [
        [65536 * 2 + 5, 2],
        [100_001, 3],
      ]) {
        const x = randomDoubles(n, seed);
        const want = x.map((v) => v * v);
        for (const t of THREADS) {
          const out = new Float64Array(x.length);
          assert.equal(await addon.square(x, out, t), undefined);
          assert.deepEqual(out, want, `threads=${t}`);
          const y = x.slice();
          addon.squareSync(y, y, t);
          assert.deepEqual(y, want, `in place, threads=${t}`);
        }
      }
    });

    test('countPrimes known values', async () => {
      const known: Array<[number, number]> = [
        [0, 0],
        [1, 0],
        [2, 1],
        [10, 4],
        [100, 25],
        [1e6, 78498],
        [1e7, 664579],
      ];
      for (const [limit, pi] of known) {
        for (const t of THREADS) assert.equal(await addon.countPrimes(limit, t), pi, `pi(${limit}) threads=${t}`);
      }
      for (const t of THREADS) assert.equal(await addon.countPrimes(2e6, t), 148933);
    });

    test('mandelbrot matches the SPEC recurrence', async () => {
      for (const [w, h, maxIter] of [
        [67, 31, 250],
        [37, 23, 300],
      ]) {
        const want = mandelbrotRef(w, h, maxIter, -2, 0.5, -1.25, 1.25);
        for (const t of THREADS) {
          const out = new Uint32Array(w * h);
          await addon.mandelbrot(out, w, h, maxIter, -2, 0.5, -1.25, 1.25, t);
          assert.deepEqual(out, want, `${w}x${h} threads=${t}`);
        }
      }
    });

    test('monteCarloPi inside count matches the counter-based SPEC generator', async () => {
      for (const [samples, seed] of [
        [1, 0],
        [1000, 1],
        [300_000, 12345],
        [2 ** 20 + 12345, 7],
      ]) {
        const want = monteCarloInsideSpec(samples, seed);
        for (const t of THREADS) assert.equal(await addon.monteCarloPi(samples, seed, t), want, `samples=${samples} threads=${t}`);
      }
    });

    test('matmul is bit-identical with a naive matmul', async () => {
      for (const [m, k, n] of [
        [1, 1, 1],
        [5, 3, 7],
        [33, 65, 19],
        [19, 270, 23],
        [70, 140, 90],
      ]) {
        const a = randomDoubles(m * k, m),
          b = randomDoubles(k * n, n);
        const want = matmulRef(a, b, m, k, n);
        for (const t of THREADS) {
          const out = new Float64Array(m * n);
          await addon.matmul(a, b, out, m, k, n, t);
          assert.deepEqual(out, want, `${m}x${k}x${n} threads=${t}`);
        }
      }
      const zeros = new Float64Array(6).fill(5);
      await addon.matmul(new Float64Array(0), new Float64Array(0), zeros, 2, 0, 3, 2);
      assert.deepEqual(zeros, new Float64Array(6));
    });

    test('sort orders like Float64Array.prototype.sort (-0 before +0, NaN last)', async () => {
      for (const n of [0, 1, 1000, 150_000, 65536 * 3 + 7]) {
        const x = randomDoubles(n, n);
        for (let i = 0; i < n; i += 9) x[i] = [NaN, -0, 0, Infinity, -Infinity, 1, 1.5][(i / 9) % 7];
        const want = x.slice().sort();
        for (const t of THREADS) {
          const y = x.slice();
          await addon.sort(y, t);
          assert.deepEqual(y, want, `n=${n} threads=${t}`);
          for (let i = 0; i < n; i++) if (Object.is(want[i], -0)) assert.ok(Object.is(y[i], -0));
          const firstPosZero = y.findIndex((v) => v === 0 && !Object.is(v, -0));
          if (firstPosZero >= 0) assert.ok(y.slice(firstPosZero).every((v) => !Object.is(v, -0)));
        }
      }
    });
  });
}
