// Sync primitives handed to ThreadPoolExecutor tasks arrive live: the same memory in every worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, Queue, SharedValue, ThreadPoolExecutor } from '@multicore-js/multicore';

test('ThreadPoolExecutor: a Lock and a SharedValue are shared by the tasks: 5 tasks x 1,000 locked increments = 5,000', {
  timeout: 30_000,
}, async () => {
  const ex = new ThreadPoolExecutor({ maxWorkers: 4 });
  try {
    const lock = new Lock();
    const counter = new SharedValue('int32', 0, { lock: false });
    const increment = (l: Lock, v: SharedValue<'int32'>, n: number): number => {
      for (let i = 0; i < n; i++) {
        l.acquireSync();
        try {
          v.value = v.value + 1;
        } finally {
          l.release();
        }
      }
      return n;
    };
    const futures = Array.from({ length: 5 }, () => ex.submit(increment, lock, counter, 1000));
    assert.deepEqual(await Promise.all(futures), [1000, 1000, 1000, 1000, 1000]);
    assert.equal(counter.value, 5000);
    assert.equal(lock.locked(), false);
  } finally {
    await ex.shutdown();
  }
});

test('initArgs: each worker gets the same Queue in its initializer', { timeout: 60_000 }, async () => {
  const queue = new Queue<number>();
  const pool = new ThreadPoolExecutor({
    maxWorkers: 2,
    initializer: (q: Queue<number>) => {
      (globalThis as any).q = q;
    },
    initArgs: [queue],
  });
  try {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        pool.submit((k: number) => {
          (globalThis as any).q.putSync(k);
        }, i),
      ),
    );
    const got = Array.from({ length: 10 }, () => queue.getSync({ timeoutMs: 5_000 })).sort((a, b) => a - b);
    assert.deepEqual(got, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  } finally {
    await pool.shutdown();
  }
});
