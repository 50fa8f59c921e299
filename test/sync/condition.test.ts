// Condition with waitFor: a one-slot mailbox handed back and forth between the main thread and workers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Condition, Lock, RLock, SharedValue, SyncStateError } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

for (const [name, make] of [
  ['RLock (default)', () => new Condition()],
  ['Lock', () => new Condition(new Lock())],
] as const) {
  test(`waitFor over ${name}: 2 workers take 500 values each from a one-slot box`, { timeout: 60_000 }, async () => {
    const cond = make();
    const box = new SharedValue('int32', 0, { lock: false });
    const ROUNDS = 500;
    const sums = Promise.all([
      runWorker<number>('condition.mjs', { cond, box, rounds: ROUNDS, mode: 'sync' }),
      runWorker<number>('condition.mjs', { cond, box, rounds: ROUNDS, mode: 'async' }),
    ]);
    let expected = 0;
    for (let v = 1; v <= 2 * ROUNDS; v++) {
      await cond.acquire();
      assert.ok(await cond.waitFor(() => box.value === 0, { timeoutMs: 20_000 }), 'the box was emptied');
      box.value = v;
      expected += v;
      cond.notifyAll();
      cond.release();
    }
    const [a, b] = await sums;
    assert.equal(a + b, expected);
  });
}

test('waitFor returns the predicate value at once when already true, falsy on timeout', { timeout: 10_000 }, async () => {
  const cond = new Condition();
  await cond.acquire();
  assert.equal(await cond.waitFor(() => 42), 42);
  assert.equal(await cond.waitFor(() => 0, { timeoutMs: 20 }), 0);
  assert.equal(
    cond.waitForSync(() => '', { timeoutMs: 20 }),
    '',
  );
  assert.equal((cond.lock as RLock).recursionLevel, 1, 'the lock is held again after waiting');
  cond.release();
});

test('wait/notify without holding the lock throws SyncStateError', () => {
  const cond = new Condition();
  assert.throws(() => cond.notify(), SyncStateError);
  assert.throws(() => cond.waitSync({ timeoutMs: 0 }), SyncStateError);
});

test('wait with a re-entered RLock releases all levels and restores them', { timeout: 10_000 }, async () => {
  const cond = new Condition(new RLock());
  const lock = cond.lock as RLock;
  await lock.acquire();
  await lock.acquire();
  const waiting = cond.wait({ timeoutMs: 5_000 });
  assert.equal(lock.locked(), false, 'fully released while waiting');
  assert.ok(lock.acquireSync({ timeoutMs: 0 }));
  cond.notify();
  lock.release();
  assert.equal(await waiting, true);
  assert.equal(lock.recursionLevel, 2);
  lock.release();
  lock.release();
  assert.equal(lock.locked(), false);
});
