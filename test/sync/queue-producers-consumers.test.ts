// 4 producers x 10,000 items through Queue({ maxSize: 16 }) to 3 consumers: every item exactly once,
// and join() resolves once all are marked done.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Queue, SharedArray } from '@multicore-js/multicore/sync';
import { startWorker, terminateAll, within } from './helpers.js';

after(terminateAll);

test('4 producers x 10,000 items -> 3 consumers, each item exactly once; join() returns', { timeout: 120_000 }, async () => {
  const P = 4,
    C = 3,
    N = 10_000;
  const queue = new Queue<{ p: number; i: number }>({ maxSize: 16 });
  const seen = new SharedArray('uint8', P * N, { lock: false });
  const consumers = Array.from(
    { length: C },
    (_, c) => startWorker<number>('consumer.mjs', { queue, seen, n: N, mode: c % 2 ? 'async' : 'sync' }).result,
  );
  const producers = Array.from(
    { length: P },
    (_, p) => startWorker('producer.mjs', { queue, p, n: N, mode: p % 2 ? 'async' : 'sync' }).result,
  );
  await Promise.all(producers);
  assert.equal(await within(queue.join(), 60_000, 'queue.join()'), true);
  // join() resolved: every item was got, counted, and marked done (a consumer counts before taskDone).
  assert.equal(queue.qsize(), 0);
  assert.equal(
    seen.toArray().reduce((a, b) => a + b, 0),
    P * N,
  );
  queue.close();
  const counts = await Promise.all(consumers);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    P * N,
  );
  const wrong = seen
    .toArray()
    .map((v, k) => [k, v])
    .filter(([, v]) => v !== 1);
  assert.deepEqual(wrong, [], 'every item delivered exactly once');
});

test('items keep their order and value through one producer and one consumer (structured clone)', { timeout: 30_000 }, async () => {
  const queue = new Queue({ maxSize: 4, initialBytes: 64 });
  const items = [1, 'two', { three: [3] }, new Map([[4, 'four']]), null, 6n, new Uint8Array([7]), 'x'.repeat(1000)];
  const got: unknown[] = [];
  const reader = (async () => {
    for (let k = 0; k < items.length; k++) got.push(await queue.get({ timeoutMs: 10_000 }));
  })();
  for (const item of items) await queue.put(item, { timeoutMs: 10_000 });
  await reader;
  assert.deepEqual(got, items);
});
