// stats(): counts, queue-wait and run-time percentiles, utilization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task } from './helpers.js';

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
