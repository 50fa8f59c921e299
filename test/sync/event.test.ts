// Event: set() wakes every waiter on every thread; clear() makes waits block again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Event } from '@multicore-js/multicore/sync';
import { runWorker, startWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('set() releases 4 waiting workers (sync and async) and a waiting main thread', { timeout: 30_000 }, async () => {
  const go = new Event();
  const starts = Array.from({ length: 4 }, () => new Event());
  const workers = starts.map((started, k) => startWorker<boolean>('event.mjs', { started, go, mode: k % 2 ? 'async' : 'sync' }).result);
  for (const s of starts) assert.equal(await s.wait({ timeoutMs: 20_000 }), true);
  const mainWait = go.wait();
  assert.equal(go.isSet(), false);
  go.set();
  assert.deepEqual(await Promise.all(workers), [true, true, true, true]);
  assert.equal(await mainWait, true);
});

test('after clear(), waits block again until the next set()', { timeout: 30_000 }, async () => {
  const go = new Event();
  go.set();
  assert.equal(go.waitSync({ timeoutMs: 0 }), true);
  go.clear();
  assert.equal(go.isSet(), false);
  assert.equal(go.waitSync({ timeoutMs: 10 }), false);
  const started = new Event();
  const worker = runWorker<boolean>('event.mjs', { started, go, mode: 'sync' });
  await started.wait();
  go.set();
  assert.equal(await worker, true);
});
