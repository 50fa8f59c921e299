// Bad input is a TypeError or RangeError naming the argument, never a crash or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countPrimes,
  mandelbrot,
  matmul,
  monteCarloPi,
  sort,
  square,
  squareSync,
  sumSquares,
  sumSquaresSync,
} from '@multicore-js/multicore';
import { backendsHere } from '../helpers/backends.js';

function detached(): Float64Array {
  const x = new Float64Array(8);
  structuredClone(x.buffer, { transfer: [x.buffer] });
  return x;
}

const f = new Float64Array(4);
const cases: [string, (backend: any) => unknown, ErrorConstructor, RegExp][] = [
  ['x not a typed array', (backend) => sumSquares([1, 2] as never, { backend }), TypeError, /x must be a Float64Array/],
  ['x a Float32Array', (backend) => sumSquares(new Float32Array(2) as never, { backend }), TypeError, /x must be a Float64Array/],
  ['x detached', (backend) => sumSquares(detached(), { backend }), TypeError, /x is detached/],
  ['threads 0', (backend) => sumSquares(f, { backend, threads: 0 }), RangeError, /threads/],
  ['threads -1', (backend) => square(f, { backend, threads: -1 }), RangeError, /threads/],
  ['threads 1.5', (backend) => countPrimes(10, { backend, threads: 1.5 }), RangeError, /threads/],
  ['threads NaN', (backend) => sort(f, { backend, threads: NaN }), RangeError, /threads/],
  ['threads 100000', (backend) => sort(f, { backend, threads: 100_000 }), RangeError, /threads/],
  ['threads a string', (backend) => sort(f, { backend, threads: '2' as never }), TypeError, /threads/],
  ['limit negative', (backend) => countPrimes(-1, { backend }), RangeError, /limit/],
  ['limit fractional', (backend) => countPrimes(10.5, { backend }), RangeError, /limit/],
  ['limit NaN', (backend) => countPrimes(NaN, { backend }), RangeError, /limit/],
  ['limit too big', (backend) => countPrimes(2 ** 60, { backend }), RangeError, /limit/],
  ['samples 0', (backend) => monteCarloPi(0, { backend }), RangeError, /samples/],
  ['seed negative', (backend) => monteCarloPi(10, { backend, seed: -1 }), RangeError, /seed/],
  ['maxIter 0', (backend) => mandelbrot({ width: 2, height: 2, maxIter: 0 }, { backend }), RangeError, /maxIter/],
  ['width fractional', (backend) => mandelbrot({ width: 2.5, height: 2, maxIter: 5 }, { backend }), RangeError, /width/],
  [
    'pixels overflow',
    (backend) => mandelbrot({ width: 2 ** 31 - 1, height: 2 ** 31 - 1, maxIter: 5 }, { backend }),
    RangeError,
    /width \* params.height/,
  ],
  ['xMin NaN', (backend) => mandelbrot({ width: 2, height: 2, maxIter: 5, xMin: NaN }, { backend }), RangeError, /xMin/],
  ['params not an object', (backend) => mandelbrot(null as never, { backend }), TypeError, /params/],
  ['matmul m*k mismatch', (backend) => matmul(f, f, 3, 3, 3, { backend }), RangeError, /a must have/],
  ['matmul sizes overflow', (backend) => matmul(f, f, 2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1, { backend }), RangeError, /a must have/],
  ['matmul b wrong kind', (backend) => matmul(f, new Uint8Array(4) as never, 2, 2, 2, { backend }), TypeError, /b must be a Float64Array/],
  ['backend unknown', () => sumSquares(f, { backend: 'gpu' as never }), RangeError, /backend/],
  ['options not an object', () => sumSquares(f, 5 as never), TypeError, /options/],
  ['signal not a signal', () => sumSquares(f, { signal: {} as never }), TypeError, /signal/],
  ['onProgress not a function', () => sumSquares(f, { onProgress: 1 as never }), TypeError, /onProgress/],
];

for (const [name, call, type, message] of cases) {
  test(`bad input: ${name}`, async () => {
    for (const backend of backendsHere()) {
      // Async kernels reject (they never throw synchronously).
      let promise: unknown;
      assert.doesNotThrow(() => {
        promise = call(backend);
      });
      await assert.rejects(promise as Promise<unknown>, (err: Error) => err instanceof type && message.test(err.message), `${backend}`);
    }
  });
}

test('bad input: sync kernels throw', () => {
  assert.throws(() => sumSquaresSync(detached()), /x is detached/);
  assert.throws(() => sumSquaresSync(f, { threads: 0 }), RangeError);
  assert.throws(() => squareSync('x' as never), TypeError);
  assert.throws(() => sumSquaresSync(f, { backend: 'workers' }), /no sync form/);
});

test('bad input: null is a wrong type, not "use the default"', async () => {
  await assert.rejects(monteCarloPi(10, { seed: null as never }), TypeError);
  await assert.rejects(mandelbrot({ width: 2, height: 2, maxIter: 5, xMin: null as never }), TypeError);
});
