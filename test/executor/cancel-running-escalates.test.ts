// cancel() on a running task that ignores its AbortSignal terminates its worker after timeoutGraceMs,
// as a timeout does, and the pool replaces it (issue 14, 3b); before, the task held its worker forever.
// Cancelling a task pipelined behind a long (not cancelled) one never costs that one its worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: a cancelled task that ignores its signal loses its worker after the grace period`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 1, timeoutGraceMs: 200 });
    const first = await ex.submit(task('whoami'));
    const spin = ex.submit(task('spinForever'));
    await until(() => spin.running());
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(spin.cancel(), true);
    await assert.rejects(spin.result(), CancelledError);
    const next = await ex.submit(task('whoami')).result({ timeoutMs: 20_000 });
    assert.notEqual(next, first, 'the spinning worker was terminated and replaced');
    assert.equal(ex.stats().crashedWorkers, 0, 'a planned termination, not a crash');
  });

  test(`${name}: cancelling a task queued in a worker behind a long one leaves that one running`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 1, timeoutGraceMs: 100 });
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 50 }, (_, i) => ex.submit(task('double'), i)));
    const who = await ex.submit(task('whoami'));
    const long = ex.submit(task('sleep'), 800, 'slept');
    const behind = ex.submit(task('double'), 1);
    await until(() => long.running());
    behind.cancel();
    assert.equal(await long, 'slept');
    await assert.rejects(behind.result(), CancelledError);
    assert.equal(await ex.submit(task('whoami')), who, 'same worker');
  });
}
