// LifoQueue, PriorityQueue and SimpleQueue made with acrossProcesses cross to process tasks and keep
// their order there: a consumer process sees LIFO / priority order after a producer process put
// everything, and a SimpleQueue fed by 2 producer processes delivers every item exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, LifoQueue, PriorityQueue, ProcessPoolExecutor, SimpleQueue } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

const N = 1_000;

test('LifoQueue across processes: a consumer process gets the items of a producer process newest first', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  const q = acrossProcesses(() => new LifoQueue<number>());
  await pool.submit(
    async (q: LifoQueue<number>, n: number) => {
      for (let i = 0; i < n; i++)
        if (i % 2) q.putSync(i);
        else await q.put(i);
    },
    q,
    N,
  );
  const got = await pool.submit((q: LifoQueue<number>, n: number) => Array.from({ length: n }, () => q.getSync()), q, N);
  assert.deepEqual(
    got,
    Array.from({ length: N }, (_, i) => N - 1 - i),
  );
  assert.equal(q.qsize(), 0);
});

test('PriorityQueue across processes: a consumer process gets a producer process items lowest priority first', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  const q = acrossProcesses(() => new PriorityQueue<[number, string]>());
  // A shuffled permutation of 0..N-1 (deterministic: multiply by a number coprime with N).
  const order = Array.from({ length: N }, (_, i) => (i * 7919) % N);
  await pool.submit(
    (q: PriorityQueue<[number, string]>, order: number[]) => {
      for (const p of order) q.putSync([p, `item ${p}`]);
    },
    q,
    order,
  );
  const got = await pool.submit(
    async (q: PriorityQueue<[number, string]>, n: number) => {
      const out: [number, string][] = [];
      for (let i = 0; i < n; i++) out.push(await q.get());
      return out;
    },
    q,
    N,
  );
  assert.deepEqual(
    got,
    Array.from({ length: N }, (_, p) => [p, `item ${p}`]),
  );
});

test('SimpleQueue across processes: 2 producer processes x 1,000 items, a consumer process gets each exactly once', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 3 });
  const q = acrossProcesses(() => new SimpleQueue<number>());
  const consumer = pool.submit(
    async (q: SimpleQueue<number>, total: number) => {
      const got: number[] = [];
      while (got.length < total) got.push(got.length % 2 ? q.getSync() : await q.get());
      return got;
    },
    q,
    2 * N,
  );
  const producers = [0, 1].map((p) =>
    pool.submit(
      async (q: SimpleQueue<number>, p: number, n: number) => {
        for (let i = 0; i < n; i++)
          if (p === 0) q.putSync(p * n + i);
          else await q.put(p * n + i);
      },
      q,
      p,
      N,
    ),
  );
  await Promise.all(producers);
  const got = await consumer;
  // Each producer's items stay in its own order (FIFO), and together they are every item once.
  for (const p of [0, 1]) {
    const mine = got.filter((v) => Math.floor(v / N) === p);
    assert.deepEqual(
      mine,
      Array.from({ length: N }, (_, i) => p * N + i),
    );
  }
  assert.deepEqual(
    [...got].sort((a, b) => a - b),
    Array.from({ length: 2 * N }, (_, i) => i),
  );
  assert.equal(q.qsize(), 0);
});
