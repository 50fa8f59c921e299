// Idle timers that fire together never take the pool below minWorkers (issue 14, 3d); before, each
// counted the other, already retiring, worker as staying: both retired and a cold worker was started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: two idle timers due at once retire one worker, and the other serves on`, { timeout: 60_000 }, async () => {
    await using ex = make({ minWorkers: 1, maxWorkers: 2, idleTimeoutMs: 300 });
    const who = new Set(await Promise.all([ex.submit(task('sleepThenWhoami'), 1500), ex.submit(task('sleepThenWhoami'), 1500)]));
    assert.equal(who.size, 2, 'two workers');
    await until(() => ex.stats().busyWorkers === 0);
    // block this thread past both idle deadlines, so both timers run in the same turn of the loop
    const end = performance.now() + 600;
    while (performance.now() < end) {
      /* spin */
    }
    await new Promise((r) => setTimeout(r, 500));
    await until(() => ex.stats().workers === 1);
    const after = await ex.submit(task('whoami'));
    assert.ok(who.has(after), `a worker that was already there serves (${after} is not one of ${[...who].join(', ')})`);
  });
}
