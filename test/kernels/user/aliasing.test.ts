// Arguments that are views of one buffer stay so when a form copies them (workers: into a
// SharedArrayBuffer; wasm: into its memory): an in-place kernel passed the same array twice, and two
// parts of one array passed apart, give what the js form gives.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, type UserKernel } from '@multicore-js/multicore';
import { JS_KERNELS, kernelsWasm } from './fixtures.js';

let k: UserKernel;
before(async () => {
  k = defineKernel({ name: 'scale', js: { module: JS_KERNELS, name: 'scale' }, wasm: await kernelsWasm() });
});

const CASES = [
  ['js', 1],
  ['workers', 1],
  ['workers', 3],
  ['wasm', 1],
  ['wasm', 3],
] as const;

test('in place: the same array as input and output', async () => {
  for (const [backend, threads] of CASES) {
    const x = Float64Array.from({ length: 1001 }, (_, i) => i);
    await k.run(x.length, [x, x, 2], { backend, threads });
    assert.deepEqual(
      x,
      Float64Array.from({ length: 1001 }, (_, i) => 2 * i),
      `${backend} x${threads}`,
    );
  }
});

test('two parts of one buffer, passed apart (one a chained subarray at an odd element offset)', async () => {
  for (const [backend, threads] of CASES) {
    const whole = Float64Array.from({ length: 2001 }, (_, i) => i);
    const first = whole.subarray(1, 1001);
    const second = whole.subarray(1001);
    await k.run(1000, [first, second, 3], { backend, threads });
    assert.equal(whole[1001], 3, `${backend} x${threads}`);
    assert.equal(whole[2000], 3000, `${backend} x${threads}`);
    assert.equal(whole[0], 0);
    assert.equal(whole[1000], 1000);
  }
});
