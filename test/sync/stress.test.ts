// Stress: every primitive exercised together by 4 workers for many rounds under random delays and a
// random mix of sync and async forms, among aborted and timed-out waits; bounded in time (each wait times out; the test has a timeout).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Barrier, Condition, Event, Lock, Queue, Semaphore, SharedValue } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

for (let repeat = 1; repeat <= 5; repeat++) {
  test(`stress run ${repeat}: 4 workers x 1,000 rounds, no lost wake-up, no deadlock, invariants hold`, { timeout: 120_000 }, async () => {
    const PARTIES = 4,
      ROUNDS = 1000;
    const shared = {
      parties: PARTIES,
      rounds: ROUNDS,
      lock: new Lock(),
      counter: new SharedValue('int32', 0, { lock: false }),
      sem: new Semaphore(2),
      inside: new SharedValue('int32', 0, { lock: false }),
      queue: new Queue<number>({ maxSize: 2 }),
      cond: new Condition(),
      turn: new SharedValue('int32', 0, { lock: false }),
      barrier: new Barrier(PARTIES),
      event: new Event(),
    };
    const results = await Promise.all(
      Array.from({ length: PARTIES }, (_, me) => runWorker<{ got: number; maxInside: number }>('stress.mjs', { ...shared, me }, 100_000)),
    );
    assert.equal(shared.counter.value, PARTIES * ROUNDS, 'no locked increment lost');
    assert.equal(shared.turn.value, PARTIES * ROUNDS, 'every Condition turn taken');
    for (const r of results) assert.ok(r.maxInside <= 2, `at most 2 inside the Semaphore(2), saw ${r.maxInside}`);
    const sumGot = results.reduce((a, r) => a + r.got, 0);
    assert.equal(sumGot, ROUNDS * (0 + 1 + 2 + 3), 'every queued item got exactly once');
    assert.equal(shared.queue.qsize(), 0);
    assert.equal(await shared.queue.join({ timeoutMs: 0 }), true);
    assert.equal(shared.barrier.broken, false);
    assert.equal(shared.lock.locked(), false);
    assert.equal(shared.sem.value, 2);
  });
}
