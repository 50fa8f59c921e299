// Event, Semaphore, BoundedSemaphore and Condition made with acrossProcesses behave across processes
// as across threads, in their async forms (the parent's event loop keeps running while it waits:
// a timer fires meanwhile) and their sync forms (in the workers). A Pipe made there is process-shared
// (its ends cross to process tasks: pipe.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acrossProcesses,
  BoundedSemaphore,
  Condition,
  Event,
  exportShared,
  Lock,
  Pipe,
  ProcessPoolExecutor,
  Semaphore,
  SharedValue,
} from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

test('Event: a child sets it; the parent waits without blocking its event loop', { skip: NO_SHM, timeout: 120_000 }, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const { go, done } = acrossProcesses(() => ({ go: new Event(), done: new Event() }));
  const child = pool.submit(
    (go: Event, done: Event) => {
      go.waitSync();
      done.set();
      return done.isSet();
    },
    go,
    done,
  );
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    if (ticks === 3) go.set();
  }, 5);
  try {
    assert.equal(await done.wait({ timeoutMs: 60_000 }), true);
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticks >= 3, 'timers ran while the parent waited');
  assert.equal(await child, true);
  assert.equal(await done.wait({ timeoutMs: 0 }), true);
});

test('Semaphore(2) bounds 4 processes to 2 inside at once; BoundedSemaphore refuses an extra release', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 4 });
  const { sem, inside, most, bounded } = acrossProcesses(() => ({
    sem: new Semaphore(2),
    inside: new SharedValue('int32', 0, { lock: false }),
    most: new SharedValue('int32', 0, { lock: false }),
    bounded: new BoundedSemaphore(1),
  }));
  await Promise.all(
    Array.from({ length: 4 }, (_, p) =>
      pool.submit(
        async (sem: Semaphore, inside: SharedValue<'int32'>, most: SharedValue<'int32'>, sync: boolean) => {
          for (let i = 0; i < 200; i++) {
            if (sync) sem.acquireSync();
            else await sem.acquire();
            const now = inside.add(1);
            for (;;) {
              const m = most.value;
              if (now <= m || most.compareExchange(m, now) === m) break;
            }
            for (let k = 0; k < 1000; k++); // a little work inside
            inside.add(-1);
            sem.release();
          }
        },
        sem,
        inside,
        most,
        p % 2 === 0,
      ),
    ),
  );
  assert.equal(most.value <= 2 && most.value >= 1, true, `at most 2 inside, saw ${most.value}`);
  assert.equal(
    await pool.submit((b: BoundedSemaphore) => {
      try {
        b.release();
        return 'released';
      } catch (e) {
        return (e as Error).name;
      }
    }, bounded),
    'RangeError',
  );
});

test('Condition: a child waits for a predicate the parent makes true and notifies', { skip: NO_SHM, timeout: 120_000 }, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  const { cond, value } = acrossProcesses(() => ({ cond: new Condition(new Lock()), value: new SharedValue('int32', 0, { lock: false }) }));
  const waiters = [0, 1].map((w) =>
    pool.submit(
      async (cond: Condition, value: SharedValue<'int32'>, sync: boolean) => {
        if (sync)
          return cond.withLockSync(() => {
            cond.waitForSync(() => value.value >= 3);
            return value.value;
          });
        return cond.withLock(async () => {
          await cond.waitFor(() => value.value >= 3);
          return value.value;
        });
      },
      cond,
      value,
      w === 0,
    ),
  );
  for (let i = 1; i <= 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await cond.withLock(() => {
      value.value = i;
      cond.notifyAll();
    });
  }
  assert.deepEqual(await Promise.all(waiters), [3, 3]);
});

test('Pipe made inside acrossProcesses: its ends live in process-shared memory (exportShared accepts them) and talk both ways', {
  skip: NO_SHM,
}, () => {
  const [a, b] = acrossProcesses(() => Pipe());
  assert.equal(typeof exportShared(a), 'string');
  a.send({ n: 1 });
  b.send('back');
  assert.deepEqual(b.recvSync(), { n: 1 });
  assert.equal(a.recvSync(), 'back');
  a.close();
  b.close();
});
