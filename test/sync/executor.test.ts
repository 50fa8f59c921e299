// Through the ThreadPoolExecutor: primitives passed to submit() and in initArgs arrive live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as multicore from '@multicore-js/multicore';
import { Lock, Queue, SharedValue } from '@multicore-js/multicore/sync';

const { ThreadPoolExecutor } = multicore as any;

test('submit(fn, lock, counter): 5 tasks x 10,000 locked increments = 50,000', { timeout: 120_000, skip: !ThreadPoolExecutor && 'no ThreadPoolExecutor yet' }, async () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 4 });
  try {
    const lock = new Lock();
    const counter = new SharedValue('int32', 0, { lock: false });
    const futures = Array.from({ length: 5 }, () => pool.submit((l: Lock, c: SharedValue<'int32'>, n: number) => {
      for (let i = 0; i < n; i++) { l.acquireSync(); c.value = c.value + 1; l.release(); }
      return l.constructor.name;
    }, lock, counter, 10_000));
    assert.deepEqual(await Promise.all(futures), ['Lock', 'Lock', 'Lock', 'Lock', 'Lock']);
    assert.equal(counter.value, 50_000);
  } finally {
    await pool.shutdown();
  }
});

test('initArgs: each worker gets the same Queue in its initializer', { timeout: 60_000, skip: !ThreadPoolExecutor && 'no ThreadPoolExecutor yet' }, async () => {
  const queue = new Queue<number>();
  const pool = new ThreadPoolExecutor({
    maxWorkers: 2,
    initializer: (q: Queue<number>) => { (globalThis as any).q = q; },
    initArgs: [queue],
  });
  try {
    await Promise.all(Array.from({ length: 10 }, (_, i) => pool.submit((k: number) => { (globalThis as any).q.putSync(k); }, i)));
    const got = Array.from({ length: 10 }, () => queue.getSync({ timeoutMs: 5_000 })).sort((a, b) => a - b);
    assert.deepEqual(got, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  } finally {
    await pool.shutdown();
  }
});
