// stats(): counts, queue-wait and run-time percentiles, utilization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, TaskTimeoutError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: stats count tasks and summarise their times`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const s0 = ex.stats();
    assert.equal(s0.completed + s0.failed + s0.runTimeMs.samples, 0);
    await Promise.all(Array.from({ length: 20 }, () => ex.submit(task('sleep'), 5, 0)));
    await ex.submit(task('fail'), 'x').exception();
    const s = ex.stats();
    assert.equal(s.completed, 20);
    assert.equal(s.failed, 1);
    assert.equal(s.runTimeMs.samples, 21);
    assert.ok(s.runTimeMs.p50 >= 4, `run p50 ${s.runTimeMs.p50}`); // each slept >= 5 ms (timers may fire a little early)
    assert.ok(s.runTimeMs.p50 <= s.runTimeMs.p90 && s.runTimeMs.p90 <= s.runTimeMs.p99 && s.runTimeMs.p99 <= s.runTimeMs.max);
    assert.ok(s.queueWaitMs.p50 >= 0 && s.queueWaitMs.max >= s.queueWaitMs.p50);
    assert.ok(s.utilization > 0 && s.utilization <= 1);
    assert.equal(s.queued, 0);
  });
}

// A task cancelled or timed out while it runs has settled, but its worker holds it until the grace
// period ends it: inFlight and busyWorkers count it until then (held, not owed), then drop to 0.
for (const [name, make] of KINDS) {
  for (const how of ['cancelled', 'timed out']) {
    test(`${name}: a task ${how} while it runs stays in flight, its worker busy, until the grace period ends it`, {
      timeout: 60_000,
    }, async () => {
      const timedOut = how === 'timed out';
      await using ex = make({ maxWorkers: 1, timeoutGraceMs: 1_500, taskTimeoutMs: timedOut ? 300 : undefined });
      await ex.submit(task('add'), 1, 1);
      const spin = ex.submit(task('spinForever'));
      if (!timedOut) {
        await until(() => spin.running());
        assert.equal(spin.cancel(), true);
      }
      await assert.rejects(spin.result(), timedOut ? TaskTimeoutError : CancelledError);
      const s = ex.stats();
      assert.deepEqual([s.inFlight, s.busyWorkers, timedOut ? s.failed : s.cancelled], [1, 1, 1], JSON.stringify(s));
      await until(() => ex.stats().inFlight === 0, { what: 'the grace period ends the spinning worker' });
      assert.equal(ex.stats().busyWorkers, 0);
      assert.equal(await ex.submit(task('add'), 2, 3), 5, 'a fresh worker serves');
    });
  }
}
