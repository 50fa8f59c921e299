// Tasks that wait for each other each get a worker while maxWorkers allows (issue 14, 3e). On a warm
// pool of short tasks the pipelining depth used to queue them all behind one busy worker and start no
// other: the first waited for the rest, which waited behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { Barrier, Event, Queue } from '@multicore-js/multicore/sync';

/** One task at a time: the pool learns that tasks are tiny (deep pipelining) and keeps its one worker. */
async function warm(ex: ThreadPoolExecutor): Promise<void> {
  for (let i = 0; i < 50; i++) await ex.submit((x: number) => x + 1, i);
  assert.equal(ex.stats().workers, 1);
}

test('4 tasks meeting at a Barrier on a warm pool with room for 4 workers', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ minWorkers: 1, maxWorkers: 4 });
  await warm(ex);
  const barrier = new Barrier(4);
  const arrivals = Array.from({ length: 4 }, () => ex.submit((b: Barrier) => b.waitSync({ timeoutMs: 10_000 }), barrier));
  assert.deepEqual((await Promise.all(arrivals)).sort(), [0, 1, 2, 3]);
});

test('a consumer submitted before its producer (Queue) and a waiter before its setter (Event)', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ minWorkers: 1, maxWorkers: 2 });
  await warm(ex);
  const q = new Queue<number>();
  const consumer = ex.submit((queue: Queue<number>) => queue.getSync({ timeoutMs: 10_000 }), q);
  const producer = ex.submit((queue: Queue<number>) => queue.putSync(7), q);
  assert.equal(await consumer, 7);
  await producer;
  const ev = new Event();
  const waiter = ex.submit((e: Event) => e.waitSync({ timeoutMs: 10_000 }), ev);
  const setter = ex.submit((e: Event) => e.set(), ev);
  assert.equal(await waiter, true);
  await setter;
});
