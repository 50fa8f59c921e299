// Abort on every form: an already-aborted signal rejects at once; an abort during the call rejects
// with an AbortError, and the threads stop taking chunks (items after the abort are never reached).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, type UserKernel, type UserKernelBackend } from '@multicore-js/multicore';
import { JS_KERNELS, kernelsWasm } from './fixtures.js';

let k: UserKernel;
before(async () => {
  k = defineKernel({ name: 'markItems', js: { module: JS_KERNELS, name: 'markItems' }, wasm: await kernelsWasm() });
});

const count = (marks: Int32Array) => marks.reduce((a, b) => a + b, 0);

const CASES: [UserKernelBackend, number][] = [
  ['js', 1],
  ['workers', 1],
  ['workers', 3],
  ['wasm', 1],
  ['wasm', 3],
];

test('an already-aborted signal rejects before any chunk runs', async () => {
  for (const [backend, threads] of CASES) {
    const marks = new Int32Array(new SharedArrayBuffer(400));
    await assert.rejects(k.run(100, [marks, 10], { backend, threads, signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(count(marks), 0, `${backend} x${threads}`);
  }
});

test('aborting mid-call rejects with AbortError and stops the remaining chunks', async () => {
  for (const [backend, threads] of CASES) {
    // One item per chunk, each a fraction of a millisecond of work: tens of thousands of chunks, far more than run before the abort (even on a loaded machine).
    const n = 20_000;
    // Zero-copy arrays, so the items that ran show even though the call fails (a copied-in array is
    // copied back only when the call succeeds): in the kernel's memory for wasm, shared for workers.
    const marks: Int32Array = backend === 'wasm' ? k.array(Int32Array, n) : new Int32Array(new SharedArrayBuffer(4 * n));
    const ac = new AbortController();
    const call = k.run(n, [marks, 200_000], {
      backend,
      threads,
      chunkSize: 1,
      signal: ac.signal,
      onProgress: (f) => {
        if (f > 0) ac.abort(new Error('enough'));
      },
    });
    await assert.rejects(call, (err: Error) => {
      assert.equal(err.name, 'AbortError', `${backend} x${threads}: ${err.message}`);
      assert.equal((err.cause as Error).message, 'enough');
      return true;
    });
    const done = count(marks);
    assert.ok(done > 0 && done < n, `${backend} x${threads}: ${done} of ${n} items ran`);
    // Nothing still runs after the rejection: the count no longer moves.
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(count(marks), done, `${backend} x${threads}: items ran after the call settled`);
    if (backend === 'wasm') k.free(marks);
  }
});
