// 4 producer processes x 10,000 items through one Queue(maxSize 16) to 3 consumer processes:
// every item arrives exactly once (sync and async forms mixed across the processes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, ProcessPoolExecutor, Queue } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

const PRODUCERS = 4,
  CONSUMERS = 3,
  N = 10_000;

test('Queue(16) across processes: 4 producers x 10,000 items to 3 consumers, each item exactly once', {
  skip: NO_SHM,
  timeout: 300_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: PRODUCERS + CONSUMERS });
  const q = acrossProcesses(() => new Queue<number>({ maxSize: 16 }));
  const consumers = Array.from({ length: CONSUMERS }, (_, c) =>
    pool.submit(
      async (q: Queue<number>, sync: boolean) => {
        const got: number[] = [];
        for (;;) {
          const v = sync ? q.getSync() : await q.get();
          if (v === -1) return got;
          got.push(v);
        }
      },
      q,
      c % 2 === 0,
    ),
  );
  const producers = Array.from({ length: PRODUCERS }, (_, p) =>
    pool.submit(
      async (q: Queue<number>, p: number, n: number) => {
        for (let i = 0; i < n; i++) {
          if (i % 2) q.putSync(p * n + i);
          else await q.put(p * n + i);
        }
      },
      q,
      p,
      N,
    ),
  );
  await Promise.all(producers);
  for (let c = 0; c < CONSUMERS; c++) await q.put(-1);
  const parts = await Promise.all(consumers);
  const all = parts.flat().sort((a, b) => a - b);
  assert.equal(all.length, PRODUCERS * N);
  for (let i = 0; i < all.length; i++) if (all[i] !== i) assert.fail(`item ${i}: got ${all[i]} (lost or duplicated)`);
  assert.ok(parts.filter((p) => p.length > 0).length >= 2, 'more than one consumer took items');
  assert.equal(q.qsize(), 0);
});
