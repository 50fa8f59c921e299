// RLock counts re-entry per thread: the owner re-enters, another thread cannot take it or release it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { RLock, SyncStateError } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('the owner re-enters 3 times and must release 3 times', async () => {
  const lock = new RLock();
  assert.ok(await lock.acquire());
  assert.ok(lock.acquireSync());
  assert.ok(await lock.acquire({ timeoutMs: 0 }));
  assert.equal(lock.recursionLevel, 3);
  lock.release();
  lock.release();
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
  assert.throws(() => lock.release(), SyncStateError);
});

test('another thread cannot acquire or release it while this thread holds it', { timeout: 20_000 }, async () => {
  const lock = new RLock();
  lock.acquireSync();
  lock.acquireSync();
  const r = await runWorker('rlock.mjs', { lock });
  assert.deepEqual(r, { got: false, owned: false, level: 0, locked: true, releaseError: 'SyncStateError' });
  assert.equal(lock.recursionLevel, 2, 'the failed release on the other thread changed nothing');
  lock.release();
  lock.release();
});
