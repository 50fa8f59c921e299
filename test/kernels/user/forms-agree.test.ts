// Every form gives the JS form's result, for several sizes, chunk sizes and thread counts; a reduction
// whose bits depend on the order (a plain f64 sum) is bit-identical across forms and thread counts.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, type UserKernel, type UserKernelBackend } from '@multicore-js/multicore';
import { JS_KERNELS, THREADS, kernelsWasm } from './fixtures.js';
import { randomFloat64 } from './random.js';

let kernels: Record<string, UserKernel>;
before(async () => {
  const wasm = await kernelsWasm();
  const k = (name: string) => defineKernel({ name, js: { module: JS_KERNELS, name }, wasm });
  kernels = { scale: k('scale'), sumF64: k('sumF64'), addI32: k('addI32') };
});

const SIZES = [0, 1, 7, 1000, 100_003];
const FORMS: { backend: UserKernelBackend; threads: number[] }[] = [
  { backend: 'workers', threads: THREADS },
  { backend: 'wasm', threads: THREADS },
];

test('run: scale(x, out, factor) writes what the js form writes', async () => {
  for (const n of SIZES) {
    const x = randomFloat64(n, n + 1);
    const expected = new Float64Array(n);
    await kernels.scale.run(n, [x, expected, 1.5], { backend: 'js' });
    assert.deepEqual(
      expected,
      x.map((v) => v * 1.5),
    );
    for (const { backend, threads } of FORMS) {
      for (const t of threads) {
        for (const chunkSize of [undefined, 1 + (n % 97)]) {
          const out = new Float64Array(n);
          await kernels.scale.run(n, [x, out, 1.5], { backend, threads: t, chunkSize });
          assert.deepEqual(out, expected, `${backend} x${t} n=${n} chunkSize=${chunkSize}`);
        }
      }
    }
  }
});

test('run: an Int32Array kernel with an i32 status return agrees too', async () => {
  const n = 50_001;
  const a = Int32Array.from({ length: n }, (_, i) => i * 7 - 100_000);
  const b = Int32Array.from({ length: n }, (_, i) => (i * 13) % 1001);
  const expected = new Int32Array(n);
  await kernels.addI32.run(n, [a, b, expected, -3], { backend: 'js' });
  assert.equal(expected[5], a[5] + b[5] * -3);
  for (const { backend, threads } of FORMS) {
    for (const t of threads) {
      const out = new Int32Array(n);
      await kernels.addI32.run(n, [a, b, out, -3], { backend, threads: t });
      assert.deepEqual(out, expected, `${backend} x${t}`);
    }
  }
});

test('reduce: an order-sensitive f64 sum is bit-identical across forms and thread counts', async () => {
  for (const n of SIZES) {
    // Values of mixed magnitudes: a different grouping of the additions would change the bits.
    const x = randomFloat64(n, 7 * n + 3).map((v, i) => v * 10 ** ((i % 17) - 8));
    for (const chunkSize of [undefined, 1, 333]) {
      const expected = await kernels.sumF64.reduce(n, [x], { backend: 'js', chunkSize });
      for (const { backend, threads } of FORMS) {
        for (const t of threads) {
          const got = await kernels.sumF64.reduce(n, [x], { backend, threads: t, chunkSize });
          assert.ok(Object.is(got, expected), `${backend} x${t} n=${n} chunkSize=${chunkSize}: ${got} !== ${expected}`);
        }
      }
    }
  }
});

test('reduce: the same chunking on one thread, by hand, gives the same bits (partials added in chunk order from 0)', async () => {
  const n = 10_007;
  const chunkSize = 1000;
  const x = randomFloat64(n, 99).map((v, i) => v * 10 ** ((i % 11) - 5));
  let expected = 0;
  for (let s = 0; s < n; s += chunkSize) {
    let p = 0;
    for (let i = s; i < Math.min(n, s + chunkSize); i++) p += x[i];
    expected += p;
  }
  for (const t of THREADS) {
    assert.ok(Object.is(await kernels.sumF64.reduce(n, [x], { backend: 'wasm', threads: t, chunkSize }), expected));
  }
});

test('a self-contained function as the js form runs on the main thread and on the workers alike', async () => {
  const k = defineKernel({
    name: 'cube',
    js: (start: number, end: number, x: Float64Array, out: Float64Array) => {
      for (let i = start; i < end; i++) out[i] = x[i] ** 3;
    },
  });
  const x = randomFloat64(9999, 5);
  const a = new Float64Array(x.length);
  const b = new Float64Array(x.length);
  await k.run(x.length, [x, a], { backend: 'js' });
  for (const t of THREADS) {
    b.fill(0);
    await k.run(x.length, [x, b], { backend: 'workers', threads: t });
    assert.deepEqual(b, a);
  }
  assert.deepEqual(
    a,
    x.map((v) => v ** 3),
  );
});
