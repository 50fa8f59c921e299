// abort() and reset() break the waiting parties with BrokenBarrierError; reset() makes it usable again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Barrier, BrokenBarrierError } from '@multicore-js/multicore/sync';
import { startWorker, terminateAll, within } from './helpers.js';
import { until } from '../helpers/until.js';

after(terminateAll);

test('abort() wakes a waiting worker with BrokenBarrierError; later waits fail at once', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(3);
  const w = startWorker<string>('barrier-once.mjs', { barrier });
  await until(() => barrier.nWaiting === 1, { timeoutMs: 10_000, what: 'worker arrival', everyMs: 1 });
  barrier.abort();
  assert.equal(await w.result, 'BrokenBarrierError');
  assert.equal(barrier.broken, true);
  await assert.rejects(barrier.wait(), BrokenBarrierError);
  assert.throws(() => barrier.waitSync(), BrokenBarrierError);
});

test('reset() breaks current waiters, then the barrier works again', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(2);
  const waiting = barrier.wait();
  barrier.reset();
  await assert.rejects(waiting, BrokenBarrierError);
  assert.equal(barrier.broken, false);
  const [a, b] = await within(Promise.all([barrier.wait(), barrier.wait()]), 10_000, 'barrier after reset');
  assert.deepEqual([a, b].sort(), [0, 1]);
});

test('a timeout breaks the barrier for everyone (as in Python)', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(3);
  const other = barrier.wait();
  await assert.rejects(barrier.wait({ timeoutMs: 20 }), BrokenBarrierError);
  await assert.rejects(other, BrokenBarrierError);
  assert.equal(barrier.broken, true);
});
