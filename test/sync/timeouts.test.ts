// Timeouts: acquire-like waits return false (Python); get/put/recv, which have a value to return,
// reject with Queue{Empty,Full}Error / TimeoutError; a Barrier timeout breaks it (tested apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Lock,
  RLock,
  Semaphore,
  BoundedSemaphore,
  Condition,
  Event,
  Queue,
  Pipe,
  QueueEmptyError,
  QueueFullError,
} from '@multicore-js/multicore/sync';
import { startWorker, terminateAll } from './helpers.js';
import { after } from 'node:test';

after(terminateAll);

test('Lock / Semaphore / BoundedSemaphore held elsewhere: acquire and acquireSync return false', { timeout: 10_000 }, async () => {
  for (const x of [new Lock(), new Semaphore(1), new BoundedSemaphore(1)]) {
    assert.equal(await x.acquire(), true);
    assert.equal(await x.acquire({ timeoutMs: 20 }), false);
    assert.equal(await x.acquire({ timeoutMs: 0 }), false);
    assert.equal(x.acquireSync({ timeoutMs: 20 }), false);
    assert.equal(x.acquireSync({ timeoutMs: 0 }), false);
    x.release();
    assert.equal(x.acquireSync({ timeoutMs: 0 }), true, 'free again after release');
    x.release();
  }
});

test('RLock held by another thread: acquire returns false (this thread re-enters freely)', { timeout: 20_000 }, async () => {
  const lock = new RLock();
  const w = startWorker<string>('hold.mjs', { lock });
  await w.result; // 'holding': the worker holds it and waits to be told to release
  assert.equal(lock.isOwned(), false);
  assert.equal(await lock.acquire({ timeoutMs: 20 }), false);
  assert.equal(lock.acquireSync({ timeoutMs: 20 }), false);
  w.worker.postMessage('release');
  assert.equal(await lock.acquire({ timeoutMs: 10_000 }), true);
  lock.release();
});

test('Event.wait / Condition.wait / Queue.join return false', { timeout: 10_000 }, async () => {
  const ev = new Event();
  assert.equal(await ev.wait({ timeoutMs: 20 }), false);
  assert.equal(ev.waitSync({ timeoutMs: 20 }), false);
  const cond = new Condition();
  await cond.acquire();
  assert.equal(await cond.wait({ timeoutMs: 20 }), false);
  assert.equal(cond.waitSync({ timeoutMs: 20 }), false);
  cond.release();
  const q = new Queue();
  q.putSync(1);
  assert.equal(await q.join({ timeoutMs: 20 }), false);
  assert.equal(q.joinSync({ timeoutMs: 20 }), false);
  q.getSync();
  q.taskDone();
  assert.equal(await q.join({ timeoutMs: 20 }), true);
});

test('Queue.get on empty rejects QueueEmptyError; put on full rejects QueueFullError', { timeout: 10_000 }, async () => {
  const q = new Queue({ maxSize: 1 });
  await assert.rejects(q.get({ timeoutMs: 20 }), QueueEmptyError);
  assert.throws(() => q.getSync({ timeoutMs: 20 }), QueueEmptyError);
  assert.throws(() => q.getNowait(), QueueEmptyError);
  q.putNowait('a');
  await assert.rejects(q.put('b', { timeoutMs: 20 }), QueueFullError);
  assert.throws(() => q.putSync('b', { timeoutMs: 20 }), QueueFullError);
  assert.throws(() => q.putNowait('b'), QueueFullError);
  assert.equal(q.getNowait(), 'a', 'the timed-out puts left nothing behind');
  assert.equal(q.qsize(), 0);
});

test('Connection.recv with nothing sent rejects with a TimeoutError', { timeout: 10_000 }, async () => {
  const [a, b] = Pipe();
  await assert.rejects(a.recv({ timeoutMs: 20 }), { name: 'TimeoutError' });
  assert.throws(() => b.recvSync({ timeoutMs: 20 }), { name: 'TimeoutError' });
  a.close();
  b.close();
});
