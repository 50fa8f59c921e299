// shutdown({ cancelFutures: true }) cancels what has not started, as Python does, and leaves started
// tasks be (issue 14, 3g). A task submitted to a warm pool with an idle worker is started (the worker
// takes it at once); before, it was cancelled because dispatch waits for a microtask.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: cancelFutures leaves the task an idle worker took, cancels the ones behind it`, { timeout: 60_000 }, async () => {
    const ex = make({ maxWorkers: 1 });
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 50 }, (_, i) => ex.submit(task('double'), i)));
    const taken = ex.submit(task('sleep'), 100, 'ran');
    const behind = [1, 2, 3].map((x) => ex.submit(task('double'), x));
    await ex.shutdown({ cancelFutures: true });
    assert.equal(await taken, 'ran');
    assert.deepEqual(
      behind.map((f) => f.cancelled()),
      [true, true, true],
    );
  });

  test(`${name}: cancelFutures never cancels a running task`, { timeout: 60_000 }, async () => {
    const ex = make({ maxWorkers: 2 });
    const running = [ex.submit(task('sleep'), 1500, 'a'), ex.submit(task('sleep'), 1500, 'b')];
    const queued = ex.submit(task('double'), 1);
    await until(() => running.every((f) => f.running() || f.done()), 30_000);
    await ex.shutdown({ cancelFutures: true });
    assert.deepEqual(await Promise.all(running), ['a', 'b']);
    assert.equal(queued.cancelled(), true);
  });
}
