// Typed arrays move zero-copy with transfer(); SharedArrayBuffers are shared with worker threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor, ProcessPoolExecutor, transfer } from '@multicore-js/multicore';

test('transfer(typedArray) moves the buffer to the worker and back', { timeout: 20_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const data = new Float64Array([1, 2, 3]);
  const f = ex.submit((a: Float64Array) => {
    for (let i = 0; i < a.length; i++) a[i] *= 2;
    return transfer(a);
  }, transfer(data));
  const back = await f;
  assert.equal(data.byteLength, 0, "the sender's view was detached when the task was sent");
  assert.ok(back instanceof Float64Array);
  assert.deepEqual([...back], [2, 4, 6]);
  assert.throws(() => transfer({} as never), TypeError);
});

test("a SharedArrayBuffer is shared: the worker's writes are seen here", { timeout: 20_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 2 });
  const counter = new Int32Array(new SharedArrayBuffer(4));
  await Promise.all(Array.from({ length: 100 }, () => ex.submit((c: Int32Array) => Atomics.add(c, 0, 1), counter)));
  assert.equal(Atomics.load(counter, 0), 100);
});

test('ProcessPoolExecutor copies typed arrays (transfer() is accepted and copies)', { timeout: 20_000 }, async () => {
  await using ex = new ProcessPoolExecutor({ maxWorkers: 1 });
  const back = await ex.submit((a: Uint8Array) => a.map((x) => x + 1), transfer(new Uint8Array([1, 2])));
  assert.deepEqual([...back], [2, 3]);
});
