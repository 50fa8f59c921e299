// process.exit(3) inside a task fails only that task with WorkerCrashedError(exitCode 3); the pool goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerCrashedError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: process.exit(3) in a task`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const others = Array.from({ length: 20 }, (_, i) => ex.submit(task('sleep'), 2, i));
    const dying = ex.submit(task('exitWith'), 3);
    const more = Array.from({ length: 20 }, (_, i) => ex.submit(task('double'), i));
    const err = await dying.exception();
    assert.ok(err instanceof WorkerCrashedError, String(err));
    assert.equal(err.exitCode, 3);
    assert.equal(err.signal, null);
    assert.match(err.message, /exited with code 3/);
    assert.deepEqual(
      await Promise.all(others),
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.deepEqual(
      await Promise.all(more),
      Array.from({ length: 20 }, (_, i) => i * 2),
    );
    assert.equal(await ex.submit(task('add'), 2, 2), 4);
    assert.equal(ex.stats().crashedWorkers, 1);
  });

  test(`${name}: an uncaught error thrown later by a running task crashes only that task`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const err = await ex.submit(task('throwLater'), 'from a timer').exception();
    assert.ok(err instanceof WorkerCrashedError, String(err));
    assert.equal(err.exitCode, 1);
    assert.match(String((err.cause as Error)?.message), /from a timer/);
    assert.equal(await ex.submit(task('add'), 1, 2), 3);
  });
}
