// withLock / withLockSync release on return and on throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, RLock, Semaphore, Condition } from '@multicore-js/multicore/sync';

for (const [name, make] of [
  ['Lock', () => new Lock()],
  ['RLock', () => new RLock()],
  ['Semaphore', () => new Semaphore(1)],
  ['Condition', () => new Condition()],
] as const) {
  test(`${name}.withLock releases when fn resolves, rejects or throws`, async () => {
    const x = make();
    const free = () => {
      const ok = x.acquireSync({ timeoutMs: 0 });
      if (ok) x.release();
      return ok;
    };
    assert.equal(
      await x.withLock(async () => {
        assert.equal(free(), name === 'RLock' || name === 'Condition');
        return 7;
      }),
      7,
    );
    assert.ok(free());
    await assert.rejects(
      x.withLock(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.ok(free(), 'released after a rejection');
    await assert.rejects(
      x.withLock(() => {
        throw new Error('sync boom');
      }),
      /sync boom/,
    );
    assert.ok(free(), 'released after a synchronous throw');
    assert.throws(
      () =>
        x.withLockSync(() => {
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.ok(free(), 'withLockSync released after a throw');
    assert.equal(
      x.withLockSync(() => 'v'),
      'v',
    );
  });
}

test('withLock on a held lock with a timeout rejects with a TimeoutError and does not run fn', async () => {
  const lock = new Lock();
  await lock.acquire();
  let ran = false;
  await assert.rejects(
    lock.withLock(
      () => {
        ran = true;
      },
      { timeoutMs: 10 },
    ),
    { name: 'TimeoutError' },
  );
  assert.equal(ran, false);
  lock.release();
});
