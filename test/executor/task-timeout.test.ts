// taskTimeoutMs: an infinite loop fails with TaskTimeoutError, its worker is terminated after the grace
// period, and the pool goes on; a task that honours its AbortSignal stops without losing its worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskTimeoutError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: an infinite loop times out, its worker is replaced, other tasks complete`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1, taskTimeoutMs: 300, timeoutGraceMs: 100 });
    const before = await ex.submit(task('whoami'));
    const stuck = ex.submit(task('spinForever'));
    const queued = [1, 2, 3].map((x) => ex.submit(task('double'), x));
    const err = await stuck.exception();
    assert.ok(err instanceof TaskTimeoutError, String(err));
    assert.equal((err as TaskTimeoutError).timeoutMs, 300);
    assert.deepEqual(await Promise.all(queued), [2, 4, 6]);
    const after = await ex.submit(task('whoami'));
    assert.notEqual(after, before, 'the looping worker was terminated and replaced');
    assert.equal(ex.stats().failed, 1);
  });

  test(`${name}: a task that honours its signal stops cooperatively and keeps its worker`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1, taskTimeoutMs: 200, timeoutGraceMs: 5_000 });
    const before = await ex.submit(task('whoami'));
    await assert.rejects(ex.submit(task('waitForAbort')).result(), TaskTimeoutError);
    assert.equal(await ex.submit(task('lastAbort')), 'TaskTimeoutError');
    assert.equal(await ex.submit(task('whoami')), before);
  });
}
