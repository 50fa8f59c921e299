// The seeds' locked counter across processes: 5 ProcessPoolExecutor workers x 10,000 increments
// of one SharedValue, each under one Lock made with acrossProcesses = exactly 50,000; the same
// with the async form (await lock.acquire()) and with an RLock re-entered on every increment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, Barrier, Lock, ProcessPoolExecutor, RLock, SharedValue } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

const WORKERS = 5,
  N = 10_000;

test('Lock across processes: 5 x 10,000 locked increments = 50,000 (sync form)', { skip: NO_SHM, timeout: 300_000 }, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: WORKERS });
  // Every task first waits at a Barrier for all five, so they increment at the same time in five
  // processes (otherwise the first worker up can finish all five tasks before the others start).
  const { lock, counter, start } = acrossProcesses(() => ({
    lock: new Lock(),
    counter: new SharedValue('int32', 0, { lock: false }),
    start: new Barrier(WORKERS),
  }));
  const done = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      pool.submit(
        (lock: Lock, counter: SharedValue<'int32'>, start: Barrier, n: number) => {
          start.waitSync({ timeoutMs: 60_000 });
          for (let i = 0; i < n; i++)
            lock.withLockSync(() => {
              counter.value += 1;
            });
          return process.pid;
        },
        lock,
        counter,
        start,
        N,
      ),
    ),
  );
  assert.equal(new Set(done).size, WORKERS, 'the increments ran in five processes at once');
  assert.notEqual(done[0], process.pid);
  assert.equal(counter.value, WORKERS * N);
  assert.equal(lock.locked(), false);
});

test('Lock across processes, async form (acquire/release without blocking the event loop): 50,000', {
  skip: NO_SHM,
  timeout: 300_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: WORKERS });
  const { lock, counter } = acrossProcesses(() => ({ lock: new Lock(), counter: new SharedValue('int32', 0, { lock: false }) }));
  await Promise.all(
    Array.from({ length: WORKERS }, () =>
      pool.submit(
        async (lock: Lock, counter: SharedValue<'int32'>, n: number) => {
          for (let i = 0; i < n; i++) {
            await lock.acquire();
            try {
              counter.value += 1;
            } finally {
              lock.release();
            }
          }
        },
        lock,
        counter,
        N,
      ),
    ),
  );
  assert.equal(counter.value, WORKERS * N);
});

test("RLock across processes (re-entered on every increment) and SharedValue's default lock: 50,000 each", {
  skip: NO_SHM,
  timeout: 300_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: WORKERS });
  const { rlock, a, b } = acrossProcesses(() => ({
    rlock: new RLock(),
    a: new SharedValue('int32', 0, { lock: false }),
    b: new SharedValue('float64', 0),
  }));
  await Promise.all(
    Array.from({ length: WORKERS }, () =>
      pool.submit(
        (rlock: RLock, a: SharedValue<'int32'>, b: SharedValue<'float64'>, n: number) => {
          for (let i = 0; i < n; i++) {
            rlock.withLockSync(() =>
              rlock.withLockSync(() => {
                a.value += 1;
              }),
            );
            b.getLock()!.withLockSync(() => {
              b.value += 1;
            });
          }
        },
        rlock,
        a,
        b,
        N,
      ),
    ),
  );
  assert.equal(a.value, WORKERS * N);
  assert.equal(b.value, WORKERS * N);
});
