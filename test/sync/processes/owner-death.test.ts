// A process SIGKILLed while holding a Lock (or RLock) made with acrossProcesses does not deadlock the
// others: a waiter notices the holder's process is gone (PROCESSES.md: pid beside the lock word,
// checked every OWNER_CHECK_MS while waiting) and takes the lock over; the executor fails only the
// killed task (WorkerCrashedError) and goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, Event, Lock, ProcessPoolExecutor, RLock, SharedValue, WorkerCrashedError } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

for (const kind of ['Lock', 'RLock'] as const) {
  test(`${kind}: the holder is SIGKILLed; waiters in the parent (async) and in another process (sync) go on`, {
    skip: NO_SHM,
    timeout: 120_000,
  }, async () => {
    await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
    const { lock, holder, never, counter } = acrossProcesses(() => ({
      lock: kind === 'Lock' ? new Lock() : new RLock(),
      holder: new SharedValue('int32', 0, { lock: false }),
      never: new Event(),
      counter: new SharedValue('int32', 0, { lock: false }),
    }));
    const holding = pool.submit(
      async (lock: Lock | RLock, holder: SharedValue<'int32'>, never: Event) => {
        lock.acquireSync();
        holder.value = process.pid;
        await never.wait(); // holds the lock until killed
      },
      lock,
      holder,
      never,
    );
    while (holder.value === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(lock.locked(), true);
    // another process blocks in acquireSync behind the holder
    const other = pool.submit(
      (lock: Lock | RLock, counter: SharedValue<'int32'>) => {
        lock.withLockSync(() => {
          counter.value += 1;
        });
        return 'acquired';
      },
      lock,
      counter,
    );
    process.kill(holder.value, 'SIGKILL');
    await assert.rejects(holding, (e: Error) => e instanceof WorkerCrashedError && (e as WorkerCrashedError).signal === 'SIGKILL');
    assert.equal(await other, 'acquired');
    assert.equal(await lock.acquire({ timeoutMs: 60_000 }), true); // the parent, async form
    lock.release();
    assert.equal(counter.value, 1);
    assert.equal(lock.locked(), false);
  });
}
