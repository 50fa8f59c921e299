// Event.wait() returns true when set() happened while it waited, even if clear() followed at once
// (CPython bpo-13502, test_set_and_clear); before, every such waiter slept on to its timeout.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Event } from '@multicore-js/multicore/sync';
import { startWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('set() then clear() at once: async waiters on this thread all return true', async () => {
  const ev = new Event();
  const waits = Array.from({ length: 5 }, () => ev.wait({ timeoutMs: 3_000 })); // each is asleep on the word now
  ev.set();
  ev.clear();
  assert.deepEqual(await Promise.all(waits), [true, true, true, true, true]);
  assert.equal(ev.isSet(), false);
  assert.equal(await ev.wait({ timeoutMs: 20 }), false, 'a wait that starts after the clear() still blocks');
});

test('set() then clear() at once: 5 waiting workers (sync and async forms) all return true', { timeout: 30_000 }, async () => {
  const go = new Event();
  const starts = Array.from({ length: 5 }, () => new Event());
  const workers = starts.map(
    (started, k) => startWorker<boolean>('event.mjs', { started, go, mode: k % 2 ? 'async' : 'sync', timeoutMs: 5_000 }).result,
  );
  for (const s of starts) assert.equal(await s.wait({ timeoutMs: 20_000 }), true);
  await new Promise((r) => setTimeout(r, 300)); // let them reach their wait (they signal just before it)
  go.set();
  go.clear();
  assert.deepEqual(await Promise.all(workers), [true, true, true, true, true]);
});

test('set() on a set Event is a no-op; clear() on a clear one too', () => {
  const ev = new Event();
  ev.clear();
  assert.equal(ev.isSet(), false);
  ev.set();
  ev.set();
  assert.equal(ev.isSet(), true);
  assert.equal(ev.waitSync({ timeoutMs: 0 }), true);
  ev.clear();
  ev.clear();
  assert.equal(ev.waitSync({ timeoutMs: 0 }), false);
});
