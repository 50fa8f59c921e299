// The seeds' counter: 5 workers x 10,000 guarded increments of one SharedValue = exactly 50,000.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, RLock, Semaphore, SharedValue } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);
const WORKERS = 5,
  N = 10_000;

async function count(guard: Lock | RLock | Semaphore | undefined, reentry = false): Promise<number> {
  const counter = new SharedValue('int32', 0, { lock: false });
  await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => runWorker('counter.mjs', { guard, counter, n: N, mode: i % 2 ? 'async' : 'sync', reentry })),
  );
  return counter.value;
}

test('Lock: 5 x 10,000 locked increments = 50,000', { timeout: 120_000 }, async () => {
  assert.equal(await count(new Lock()), WORKERS * N);
});

test('RLock (re-entered on every increment): 50,000', { timeout: 120_000 }, async () => {
  assert.equal(await count(new RLock(), true), WORKERS * N);
});

test('Semaphore(1): 50,000', { timeout: 120_000 }, async () => {
  assert.equal(await count(new Semaphore(1)), WORKERS * N);
});

test('SharedValue default lock (getLock, an RLock): 50,000', { timeout: 120_000 }, async () => {
  const counter = new SharedValue('float64', 0);
  await Promise.all(
    Array.from({ length: WORKERS }, (_, i) =>
      runWorker('counter.mjs', { guard: counter.getLock(), counter, n: N, mode: i % 2 ? 'async' : 'sync' }),
    ),
  );
  assert.equal(counter.value, WORKERS * N);
});

test('without a lock, increments can be lost (shown, not required)', { timeout: 120_000 }, async (t) => {
  const got = await count(undefined);
  t.diagnostic(`unguarded: ${got} of ${WORKERS * N} (${WORKERS * N - got} lost)`);
  assert.ok(got <= WORKERS * N && got >= N, `an unguarded count is between ${N} and ${WORKERS * N}, got ${got}`);
});
