// close() wakes every blocked getter and putter; gets drain what is left, then throw QueueClosedError.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Event, Queue, QueueClosedError } from '@multicore-js/multicore/sync';
import { startWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('close() wakes 4 blocked getters (2 sync, 2 async workers) and a main-thread getter', { timeout: 30_000 }, async () => {
  const queue = new Queue();
  const starts = Array.from({ length: 4 }, () => new Event());
  const workers = starts.map((started, k) => startWorker('getter.mjs', { queue, started, mode: k % 2 ? 'async' : 'sync' }).result);
  for (const s of starts) await s.wait({ timeoutMs: 20_000 });
  const mine = queue.get();
  queue.close();
  await assert.rejects(mine, QueueClosedError);
  for (const r of await Promise.all(workers)) assert.deepEqual(r, { error: 'QueueClosedError' });
});

test('close() wakes blocked putters with QueueClosedError; later puts throw', { timeout: 30_000 }, async () => {
  const queue = new Queue({ maxSize: 1 });
  queue.putSync('first');
  const started = new Event();
  const w = startWorker('getter.mjs', { queue, started, mode: 'sync', op: 'put' }).result;
  await started.wait({ timeoutMs: 20_000 });
  const mine = queue.put('mine');
  queue.close();
  await assert.rejects(mine, QueueClosedError);
  assert.deepEqual(await w, { error: 'QueueClosedError' });
  assert.throws(() => queue.putSync('x'), QueueClosedError);
  assert.equal(queue.getSync(), 'first', 'items put before close() are still delivered');
  assert.throws(() => queue.getSync(), QueueClosedError);
});

test('close({ immediate: true }) drops the items and lets join() return', { timeout: 30_000 }, async () => {
  const queue = new Queue();
  for (let i = 0; i < 5; i++) queue.putSync(i);
  queue.getSync(); // one got but not done: join still waits for it
  const joined = queue.join({ timeoutMs: 20_000 });
  queue.close({ immediate: true });
  assert.equal(queue.qsize(), 0);
  queue.taskDone();
  assert.equal(await joined, true);
  await assert.rejects(queue.get(), QueueClosedError);
});
