// An aborted signal rejects the async wait with an AbortError, and the abandoned wait never eats a
// wake-up meant for another waiter.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, Semaphore, Condition, Event, Barrier, Queue, Pipe, BrokenBarrierError, Event as Ev } from '@multicore-js/multicore/sync';
import { startWorker, terminateAll, sleep } from './helpers.js';

after(terminateAll);
const isAbort = { name: 'AbortError' };

test('every async wait rejects with an AbortError when its signal aborts', { timeout: 20_000 }, async () => {
  const lock = new Lock();
  await lock.acquire();
  const sem = new Semaphore(0);
  const cond = new Condition();
  await cond.acquire();
  const ev = new Event();
  const q = new Queue({ maxSize: 1 });
  const full = new Queue({ maxSize: 1 });
  full.putSync(0);
  const [conn] = Pipe();
  const ac = new AbortController();
  const waits = [
    lock.acquire({ signal: ac.signal }),
    sem.acquire({ signal: ac.signal }),
    cond.wait({ signal: ac.signal }),
    ev.wait({ signal: ac.signal }),
    q.get({ signal: ac.signal }),
    full.put(1, { signal: ac.signal }),
    q.join({ signal: AbortSignal.abort() }),
    conn.recv({ signal: ac.signal }),
  ].map((w) => assert.rejects(w, isAbort));
  await sleep(10);
  ac.abort();
  await Promise.all(waits);
  assert.equal((cond.lock as any).isOwned(), true, 'Condition.wait re-acquired its lock before rejecting');
  assert.equal(full.qsize(), 1, 'the aborted put added nothing');
  conn.close();
});

test('an already-aborted signal rejects at once; a custom reason is kept as the cause', async () => {
  const lock = new Lock();
  const reason = new Error('stop');
  await assert.rejects(
    lock.acquire({ signal: AbortSignal.abort(reason) }),
    (err: any) => err.name === 'AbortError' && err.cause === reason,
  );
  assert.equal(lock.locked(), false);
});

test('aborting a Barrier wait breaks the barrier', { timeout: 10_000 }, async () => {
  const barrier = new Barrier(3);
  const other = barrier.wait();
  const ac = new AbortController();
  const mine = barrier.wait({ signal: ac.signal });
  ac.abort();
  await assert.rejects(mine, isAbort);
  await assert.rejects(other, BrokenBarrierError);
});

test('an aborted acquire queued before a worker does not swallow the release meant for the worker', { timeout: 30_000 }, async () => {
  const lock = new Lock();
  assert.ok(lock.acquireSync());
  const ac = new AbortController();
  const abandoned = lock.acquire({ signal: ac.signal }); // first in the waiter list
  const got = new Ev(),
    started = new Ev();
  const w = startWorker<boolean>('acquire.mjs', { lock, got, started });
  assert.ok(await started.wait({ timeoutMs: 20_000 }));
  await sleep(50); // let the worker reach Atomics.wait, behind the abandoned waiter
  ac.abort();
  await assert.rejects(abandoned, isAbort);
  lock.release(); // wakes one waiter: it must be the worker
  assert.equal(await got.wait({ timeoutMs: 20_000 }), true, 'the worker finished');
  assert.equal(await w.result, true, 'the worker got the lock (it did not time out)');
});
