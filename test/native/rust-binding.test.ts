// multicore_rust.node argument checking (SPEC.md "Native binding interface"): every bad input is
// a TypeError or RangeError naming the argument, and never crashes the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';

const { addon, skip } = loadRawAddon('rust');

const f64 = (n: number) => new Float64Array(n);
const u32 = (n: number) => new Uint32Array(n);

type Case = [name: string, call: () => unknown, error: typeof TypeError | typeof RangeError, message: RegExp];

const cases: Case[] = [
  // x / typed-array kinds
  ['x not a typed array', () => addon.sumSquaresSync([1, 2], 1), TypeError, /^x must be a Float64Array, got object$/],
  ['x wrong kind', () => addon.sumSquaresSync(new Float32Array(4), 1), TypeError, /^x must be a Float64Array, got Float32Array$/],
  ['x missing', () => addon.sumSquares(undefined, 1), TypeError, /^x must be a Float64Array, got undefined$/],
  ['x null (sort)', () => addon.sort(null, 1), TypeError, /^x must be a Float64Array, got null$/],
  ['out wrong kind', () => addon.squareSync(f64(4), new Int32Array(4), 1), TypeError, /^out must be a Float64Array, got Int32Array$/],
  ['square async out wrong kind', () => addon.square(f64(4), 'no', 1), TypeError, /^out must be a Float64Array, got string$/],
  [
    'mandelbrot out wrong kind',
    () => addon.mandelbrot(f64(4), 2, 2, 10, -2, 0.5, -1, 1, 1),
    TypeError,
    /^out must be a Uint32Array, got Float64Array$/,
  ],
  ['matmul a wrong kind', () => addon.matmul(u32(4), f64(4), f64(4), 2, 2, 2, 1), TypeError, /^a must be a Float64Array, got Uint32Array$/],
  [
    'control wrong kind',
    () => addon.sumSquares(f64(4), 1, new Uint32Array(4)),
    TypeError,
    /^control must be an Int32Array, got Uint32Array$/,
  ],
  ['control a number', () => addon.countPrimes(10, 1, 5), TypeError, /^control must be an Int32Array, got number$/],
  ['control too short', () => addon.sumSquares(f64(4), 1, new Int32Array(3)), RangeError, /^control\.length must be at least 4, got 3$/],
  // threads
  ['threads 0', () => addon.sumSquaresSync(f64(4), 0), RangeError, /^threads must be an integer in 1\.\.256, got 0$/],
  ['threads negative', () => addon.sumSquares(f64(4), -1), RangeError, /^threads must be an integer in 1\.\.256, got -1$/],
  ['threads fractional', () => addon.countPrimes(10, 1.5), RangeError, /^threads must be an integer in 1\.\.256, got 1\.5$/],
  ['threads NaN', () => addon.sort(f64(4), NaN), RangeError, /^threads must be an integer in 1\.\.256, got NaN$/],
  [
    'threads Infinity',
    () => addon.matmul(f64(4), f64(4), f64(4), 2, 2, 2, Infinity),
    RangeError,
    /^threads must be an integer in 1\.\.256, got Infinity$/,
  ],
  ['threads 257', () => addon.squareSync(f64(4), f64(4), 257), RangeError, /^threads must be an integer in 1\.\.256, got 257$/],
  ['threads string', () => addon.sumSquaresSync(f64(4), '2'), TypeError, /^threads must be a number, got string$/],
  ['threads missing', () => addon.monteCarloPi(10, 0), TypeError, /^threads must be a number, got undefined$/],
  // sizes
  ['limit NaN', () => addon.countPrimes(NaN, 1), RangeError, /^limit must be an integer in 0\.\.9007199254740991, got NaN$/],
  ['limit negative', () => addon.countPrimes(-1, 1), RangeError, /^limit must be an integer in 0\.\.9007199254740991, got -1$/],
  ['limit fractional', () => addon.countPrimes(10.5, 1), RangeError, /^limit must be an integer.*got 10\.5$/],
  ['limit huge', () => addon.countPrimes(2 ** 53, 1), RangeError, /^limit must be an integer/],
  ['limit Infinity', () => addon.countPrimes(Infinity, 1), RangeError, /^limit must be an integer.*got Infinity$/],
  ['limit bigint', () => addon.countPrimes(10n, 1), TypeError, /^limit must be a number, got bigint$/],
  ['samples 0', () => addon.monteCarloPi(0, 0, 1), RangeError, /^samples must be an integer in 1\.\.9007199254740991, got 0$/],
  ['samples huge', () => addon.monteCarloPi(2 ** 60, 0, 1), RangeError, /^samples must be an integer/],
  ['seed negative', () => addon.monteCarloPi(10, -1, 1), RangeError, /^seed must be an integer in 0\.\.4294967295, got -1$/],
  ['seed too big', () => addon.monteCarloPi(10, 2 ** 32, 1), RangeError, /^seed must be an integer/],
  [
    'width negative',
    () => addon.mandelbrot(u32(4), -2, 2, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^width must be an integer in 0\.\.2147483647, got -2$/,
  ],
  ['height huge', () => addon.mandelbrot(u32(4), 2, 2 ** 31, 10, -2, 0.5, -1, 1, 1), RangeError, /^height must be an integer/],
  [
    'maxIter 0',
    () => addon.mandelbrot(u32(4), 2, 2, 0, -2, 0.5, -1, 1, 1),
    RangeError,
    /^maxIter must be an integer in 1\.\.2147483647, got 0$/,
  ],
  ['xMin NaN', () => addon.mandelbrot(u32(4), 2, 2, 10, NaN, 0.5, -1, 1, 1), RangeError, /^xMin must be a finite number, got NaN$/],
  ['yMax string', () => addon.mandelbrot(u32(4), 2, 2, 10, -2, 0.5, -1, '1', 1), TypeError, /^yMax must be a number, got string$/],
  [
    'mandelbrot out length',
    () => addon.mandelbrot(u32(5), 2, 2, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^out\.length must be width\*height = 4, got 5$/,
  ],
  [
    'mandelbrot width*height overflow',
    () => addon.mandelbrot(u32(4), 2 ** 31 - 1, 2 ** 31 - 1, 10, -2, 0.5, -1, 1, 1),
    RangeError,
    /^out\.length must be width\*height = 4611686014132420609, got 4$/,
  ],
  // lengths and products
  ['square out length', () => addon.squareSync(f64(4), f64(5), 1), RangeError, /^out\.length must be x\.length = 4, got 5$/],
  [
    'square partial overlap',
    () => {
      const b = f64(8);
      return addon.squareSync(b.subarray(0, 4), b.subarray(2, 6), 1);
    },
    RangeError,
    /^out must be x itself or not overlap x$/,
  ],
  ['matmul a length', () => addon.matmul(f64(5), f64(6), f64(4), 2, 3, 2, 1), RangeError, /^a\.length must be m\*k = 6, got 5$/],
  ['matmul b length', () => addon.matmul(f64(6), f64(5), f64(4), 2, 3, 2, 1), RangeError, /^b\.length must be k\*n = 6, got 5$/],
  ['matmul out length', () => addon.matmul(f64(6), f64(6), f64(5), 2, 3, 2, 1), RangeError, /^out\.length must be m\*n = 4, got 5$/],
  [
    'matmul m*k overflow',
    () => addon.matmul(f64(4), f64(4), f64(4), 2 ** 31 - 1, 2 ** 31 - 1, 1, 1),
    RangeError,
    /^a\.length must be m\*k = 4611686014132420609, got 4$/,
  ],
  [
    'matmul m fractional',
    () => addon.matmul(f64(4), f64(4), f64(4), 1.5, 2, 2, 1),
    RangeError,
    /^m must be an integer in 0\.\.2147483647, got 1\.5$/,
  ],
  ['matmul k NaN', () => addon.matmul(f64(4), f64(4), f64(4), 2, NaN, 2, 1), RangeError, /^k must be an integer.*got NaN$/],
  ['matmul n huge', () => addon.matmul(f64(4), f64(4), f64(4), 2, 2, 2 ** 31, 1), RangeError, /^n must be an integer in 0\.\.2147483647/],
  [
    'matmul out aliases a',
    () => {
      const a = f64(4);
      return addon.matmul(a, f64(4), a, 2, 2, 2, 1);
    },
    RangeError,
    /^out must not overlap a or b$/,
  ],
  [
    'matmul out overlaps b',
    () => {
      const b = f64(8);
      return addon.matmul(f64(4), b.subarray(0, 4), b.subarray(3, 7), 2, 2, 2, 1);
    },
    RangeError,
    /^out must not overlap a or b$/,
  ],
];

for (const [name, call, ErrorClass, message] of cases) {
  test(`rust bad input: ${name}`, { skip }, () => {
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

function detached<T extends Float64Array | Int32Array>(x: T): T {
  structuredClone(x.buffer, { transfer: [x.buffer as ArrayBuffer] });
  return x;
}

test('rust: detached buffers are TypeErrors naming the argument', { skip }, () => {
  assert.throws(() => addon.sumSquaresSync(detached(f64(8)), 1), { name: 'TypeError', message: 'x is detached' });
  assert.throws(() => addon.sumSquares(detached(f64(8)), 1), { name: 'TypeError', message: 'x is detached' });
  assert.throws(() => addon.squareSync(f64(8), detached(f64(8)), 1), { name: 'TypeError', message: 'out is detached' });
  assert.throws(() => addon.matmul(f64(4), detached(f64(4)), f64(4), 2, 2, 2, 1), { name: 'TypeError', message: 'b is detached' });
  assert.throws(() => addon.sort(f64(4), 1, detached(new Int32Array(4))), { name: 'TypeError', message: 'control is detached' });
});

test('rust: after bad input the addon still works', { skip }, async () => {
  assert.equal(addon.sumSquaresSync(new Float64Array([1, 2, 3]), 2), 14);
  assert.equal(await addon.countPrimes(100, 2), 25);
});

test('rust: empty inputs and null control are fine', { skip }, async () => {
  assert.equal(await addon.sumSquares(f64(0), 3, null), 0);
  assert.equal(addon.sumSquaresSync(f64(0), 1), 0);
  assert.equal(await addon.square(f64(0), f64(0), 2, undefined), undefined);
  assert.equal(await addon.countPrimes(0, 2), 0);
  assert.equal(await addon.mandelbrot(u32(0), 0, 0, 1, -2, 0.5, -1.25, 1.25, 2), undefined);
  assert.equal(await addon.sort(f64(0), 2), undefined);
  const out = f64(0);
  assert.equal(await addon.matmul(f64(0), f64(0), out, 0, 0, 0, 2), undefined);
});

test('rust: info() describes the build', { skip }, () => {
  const info = addon.info();
  assert.ok(Array.isArray(info.simd) && info.simd.every((s: unknown) => typeof s === 'string'));
  assert.equal(typeof info.version, 'string');
  assert.match(info.compiler, /^rustc \d+\.\d+/);
  assert.ok(Number.isInteger(info.poolThreads) && info.poolThreads >= 1);
});
