// multicore_cpp.node argument checking (SPEC.md "Native binding interface"): every bad input is
// a TypeError or RangeError naming the argument, and never crashes the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';

const { addon, skip } = loadRawAddon('cpp');

const f64 = (n: number) => new Float64Array(n);
const control = () => new Int32Array(new SharedArrayBuffer(16));

type Case = [name: string, call: () => unknown, error: typeof TypeError | typeof RangeError, message: RegExp];

const cases: Case[] = [
  // x / typed-array kinds
  ['x not a typed array', () => addon.sumSquaresSync([1, 2], 1), TypeError, /^x must be a Float64Array/],
  ['x wrong kind', () => addon.sumSquaresSync(new Float32Array(4), 1), TypeError, /^x must be a Float64Array, got Float32Array/],
  ['x missing', () => addon.sumSquares(undefined, 1), TypeError, /^x must be a Float64Array, got undefined/],
  ['out wrong kind', () => addon.squareSync(f64(4), new Int32Array(4), 1), TypeError, /^out must be a Float64Array/],
  ['mandelbrot out wrong kind', () => addon.mandelbrot(f64(4), 2, 2, 10, -2, 0.5, -1, 1, 1), TypeError, /^out must be a Uint32Array/],
  ['control wrong kind', () => addon.sumSquares(f64(4), 1, new Uint32Array(4)), TypeError, /^control must be an Int32Array/],
  ['control too short', () => addon.sumSquares(f64(4), 1, new Int32Array(3)), RangeError, /^control\.length must be at least 4, got 3/],
  // threads
  ['threads 0', () => addon.sumSquaresSync(f64(4), 0), RangeError, /^threads must be an integer in 1\.\.256, got 0$/],
  ['threads negative', () => addon.sumSquares(f64(4), -1), RangeError, /^threads must be an integer in 1\.\.256, got -1$/],
  ['threads fractional', () => addon.countPrimes(10, 1.5), RangeError, /^threads must be an integer in 1\.\.256, got 1\.5$/],
  ['threads NaN', () => addon.sort(f64(4), NaN), RangeError, /^threads must be an integer in 1\.\.256, got NaN$/],
  ['threads 257', () => addon.squareSync(f64(4), f64(4), 257), RangeError, /^threads must be an integer in 1\.\.256, got 257$/],
  ['threads string', () => addon.sumSquaresSync(f64(4), '2'), TypeError, /^threads must be a number/],
  ['threads missing', () => addon.monteCarloPi(10, 0), TypeError, /^threads must be a number, got undefined/],
  // sizes
  ['limit NaN', () => addon.countPrimes(NaN, 1), RangeError, /^limit must be an integer in 0\.\.9007199254740991, got NaN/],
  ['limit negative', () => addon.countPrimes(-1, 1), RangeError, /^limit must be an integer/],
  ['limit fractional', () => addon.countPrimes(10.5, 1), RangeError, /^limit must be an integer/],
  ['limit huge', () => addon.countPrimes(2 ** 53, 1), RangeError, /^limit must be an integer/],
  ['limit Infinity', () => addon.countPrimes(Infinity, 1), RangeError, /^limit must be an integer.*got Infinity/],
  ['limit bigint', () => addon.countPrimes(10n, 1), TypeError, /^limit must be a number, got bigint/],
  ['samples 0', () => addon.monteCarloPi(0, 0, 1), RangeError, /^samples must be an integer in 1\.\./],
  ['samples huge', () => addon.monteCarloPi(2 ** 60, 0, 1), RangeError, /^samples must be an integer/],
  ['seed negative', () => addon.monteCarloPi(10, -1, 1), RangeError, /^seed must be an integer in 0\.\.4294967295/],
  ['seed too big', () => addon.monteCarloPi(10, 2 ** 32, 1), RangeError, /^seed must be an integer/],
  [
    'width negative',
    () => addon.mandelbrot(new Uint32Array(4), -2, 2, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^width must be an integer in 0\.\.2147483647/,
  ],
  ['height huge', () => addon.mandelbrot(new Uint32Array(4), 2, 2 ** 31, 10, -2, 0.5, -1, 1, 1), RangeError, /^height must be an integer/],
  ['maxIter 0', () => addon.mandelbrot(new Uint32Array(4), 2, 2, 0, -2, 0.5, -1, 1, 1), RangeError, /^maxIter must be an integer in 1\.\./],
  ['xMin NaN', () => addon.mandelbrot(new Uint32Array(4), 2, 2, 10, NaN, 0.5, -1, 1, 1), RangeError, /^xMin must be a finite number/],
  ['yMax string', () => addon.mandelbrot(new Uint32Array(4), 2, 2, 10, -2, 0.5, -1, '1', 1), TypeError, /^yMax must be a number/],
  [
    'mandelbrot out length',
    () => addon.mandelbrot(new Uint32Array(5), 2, 2, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^out\.length must be width\*height = 4, got 5/,
  ],
  [
    'mandelbrot width*height overflow',
    () => addon.mandelbrot(new Uint32Array(4), 2 ** 31 - 1, 2 ** 31 - 1, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^out\.length must be width\*height = 4611686014132420609, got 4/,
  ],
  // lengths and products
  ['square out length', () => addon.squareSync(f64(4), f64(5), 1), RangeError, /^out\.length must be x\.length = 4, got 5/],
  [
    'square partial overlap',
    () => {
      const b = f64(8);
      return addon.squareSync(b.subarray(0, 4), b.subarray(2, 6), 1);
    },
    RangeError,
    /^out must be x itself or not overlap x/,
  ],
  ['matmul a length', () => addon.matmul(f64(5), f64(6), f64(4), 2, 3, 2, 1), RangeError, /^a\.length must be m\*k = 6, got 5/],
  ['matmul b length', () => addon.matmul(f64(6), f64(5), f64(4), 2, 3, 2, 1), RangeError, /^b\.length must be k\*n = 6, got 5/],
  ['matmul out length', () => addon.matmul(f64(6), f64(6), f64(5), 2, 3, 2, 1), RangeError, /^out\.length must be m\*n = 4, got 5/],
  [
    'matmul m*k overflow',
    () => addon.matmul(f64(4), f64(4), f64(4), 2 ** 31 - 1, 2 ** 31 - 1, 1, 1),
    RangeError,
    /^a\.length must be m\*k = 4611686014132420609/,
  ],
  ['matmul m fractional', () => addon.matmul(f64(4), f64(4), f64(4), 1.5, 2, 2, 1), RangeError, /^m must be an integer/],
  ['matmul k NaN', () => addon.matmul(f64(4), f64(4), f64(4), 2, NaN, 2, 1), RangeError, /^k must be an integer.*got NaN/],
  ['matmul n huge', () => addon.matmul(f64(4), f64(4), f64(4), 2, 2, 2 ** 31, 1), RangeError, /^n must be an integer in 0\.\.2147483647/],
  [
    'matmul out aliases a',
    () => {
      const a = f64(4);
      return addon.matmul(a, f64(4), a, 2, 2, 2, 1);
    },
    RangeError,
    /^out must not overlap a or b/,
  ],
];

for (const [name, call, ErrorClass, message] of cases) {
  test(`bad input: ${name}`, { skip }, () => {
    assert.throws(call, (err: unknown) => {
      assert.ok(
        err instanceof ErrorClass,
        `expected ${ErrorClass.name}, got ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`,
      );
      assert.match((err as Error).message, message);
      return true;
    });
  });
}

function detached(): Float64Array {
  const x = new Float64Array(8);
  structuredClone(x.buffer, { transfer: [x.buffer] });
  return x;
}

test('detached buffers are TypeErrors naming the argument', { skip }, () => {
  assert.throws(() => addon.sumSquaresSync(detached(), 1), { name: 'TypeError', message: 'x is detached' });
  assert.throws(() => addon.sumSquares(detached(), 1), { name: 'TypeError', message: 'x is detached' });
  assert.throws(() => addon.squareSync(f64(8), detached(), 1), { name: 'TypeError', message: 'out is detached' });
  assert.throws(() => addon.matmul(f64(4), detached(), f64(4), 2, 2, 2, 1), { name: 'TypeError', message: 'b is detached' });
  const c = new Int32Array(4);
  structuredClone(c.buffer, { transfer: [c.buffer] });
  assert.throws(() => addon.sort(f64(4), 1, c), { name: 'TypeError', message: 'control is detached' });
});

test('after bad input the addon still works', { skip }, async () => {
  assert.equal(addon.sumSquaresSync(new Float64Array([1, 2, 3]), 2), 14);
  assert.equal(await addon.countPrimes(100, 2), 25);
});

test('info() describes the build', { skip }, () => {
  const info = addon.info();
  assert.ok(Array.isArray(info.simd));
  assert.equal(typeof info.version, 'string');
  assert.match(info.compiler, /GCC|Clang|MSVC/);
  assert.ok(Number.isInteger(info.poolThreads) && info.poolThreads >= 1);
});

test('a view over a SharedArrayBuffer works, with an offset', { skip }, async () => {
  const shared = new Float64Array(new SharedArrayBuffer(8 * 10));
  shared.set([9, 9, 1, 2, 3]);
  assert.equal(await addon.sumSquares(shared.subarray(2, 5), 2, control()), 14);
});
