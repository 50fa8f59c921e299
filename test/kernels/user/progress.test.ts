// onProgress on every form: fractions in (0, 1], never decreasing, the last one exactly 1.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, type UserKernel, type UserKernelBackend } from '@multicore-js/multicore';
import { JS_KERNELS, kernelsWasm } from './fixtures.js';

let k: UserKernel;
before(async () => {
  k = defineKernel({ name: 'spin', js: { module: JS_KERNELS, name: 'spin' }, wasm: await kernelsWasm() });
});

test('progress is monotone and ends at 1 on js, workers and wasm', async () => {
  const cases: [UserKernelBackend, number][] = [
    ['js', 1],
    ['workers', 2],
    ['wasm', 1],
    ['wasm', 3],
  ];
  for (const [backend, threads] of cases) {
    const seen: number[] = [];
    const result = await k.reduce(2000, [20_000], { backend, threads, chunkSize: 4, onProgress: (f) => seen.push(f) });
    assert.ok(result > 0);
    assert.ok(seen.length >= 1, `${backend}: no progress`);
    assert.equal(seen.at(-1), 1, `${backend}: last ${seen.at(-1)}`);
    for (let i = 0; i < seen.length; i++) {
      assert.ok(seen[i] > 0 && seen[i] <= 1, `${backend}: ${seen[i]}`);
      if (i > 0) assert.ok(seen[i] > seen[i - 1], `${backend}: ${seen.join(', ')}`);
    }
  }
});

test('an onProgress that throws aborts the call and rejects with its error', async () => {
  for (const backend of ['js', 'wasm'] as const) {
    await assert.rejects(
      k.reduce(20_000, [20_000], {
        backend,
        threads: 2,
        chunkSize: 1,
        onProgress: () => {
          throw new Error('stop here');
        },
      }),
      { message: 'stop here' },
    );
  }
});
