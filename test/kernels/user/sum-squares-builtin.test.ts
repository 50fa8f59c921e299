// A user kernel doing the built-in sumSquares' work (the same eight accumulators per 65536-item chunk,
// test/fixtures/user-kernels/sum-squares.ts, SIMD128) gives the built-in's exact bits, on every backend
// of each and at every thread count.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, sumSquares, type UserKernel } from '@multicore-js/multicore';
import { backendsHere } from '../../helpers/backends.js';
import { JS_KERNELS, THREADS, kernelsWasm } from './fixtures.js';
import { randomFloat64 } from './random.js';

let k: UserKernel;
before(async () => {
  k = defineKernel({ name: 'sumSquares', wasm: await kernelsWasm(), js: { module: JS_KERNELS, name: 'sumSquares' } });
});

test('user sumSquares (wasm, workers, js) === built-in sumSquares, bit for bit', async () => {
  for (const n of [0, 5, 65536, 65536 * 3 + 17, 1_000_003]) {
    const x = randomFloat64(n, n).map((v, i) => v * 10 ** ((i % 13) - 6));
    const builtins = new Set<number>();
    for (const backend of backendsHere()) builtins.add(await sumSquares(x, { backend }));
    assert.equal(builtins.size, 1, 'the built-in backends agree among themselves');
    const [expected] = builtins;
    for (const backend of ['wasm', 'workers', 'js'] as const) {
      for (const threads of THREADS) {
        const got = await k.reduce(n, [x], { backend, threads, chunkSize: 65536 });
        assert.ok(Object.is(got, expected), `${backend} x${threads} n=${n}: ${got} !== ${expected}`);
      }
    }
    // And with the input already in the kernel's memory (no copy).
    const inMemory = k.array(Float64Array, n);
    inMemory.set(x);
    assert.ok(Object.is(await k.reduce(n, [inMemory], { backend: 'wasm', threads: 3, chunkSize: 65536 }), expected));
    k.free(inMemory);
  }
});
