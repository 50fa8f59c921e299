// shutdown(): waits for pending work; cancelFutures cancels what has not started; no submit afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, ExecutorShutdownError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: shutdown({ cancelFutures: true }) cancels queued work, lets the running task finish`, { timeout: 30_000 }, async () => {
    const ex = make({ maxWorkers: 1 });
    const running = ex.submit(task('sleep'), 1000, 'done'); // still running when shutdown is called, even on a loaded machine
    const queued = Array.from({ length: 10 }, (_, i) => ex.submit(task('double'), i));
    await until(() => running.running());
    await ex.shutdown({ cancelFutures: true });
    assert.equal(await running, 'done');
    for (const f of queued) {
      assert.equal(f.cancelled(), true);
      await assert.rejects(f.result(), CancelledError);
    }
    assert.equal(ex.stats().workers, 0);
    assert.throws(() => ex.submit(task('add'), 1, 2), ExecutorShutdownError);
    assert.throws(() => ex.map(task('double'), [1]), ExecutorShutdownError);
  });

  test(`${name}: shutdown() waits for every pending task`, { timeout: 30_000 }, async () => {
    const ex = make({ maxWorkers: 2 });
    const futures = Array.from({ length: 6 }, (_, i) => ex.submit(task('sleep'), 20, i));
    await ex.shutdown();
    assert.ok(futures.every((f) => f.done() && !f.cancelled()));
    assert.deepEqual(await Promise.all(futures), [0, 1, 2, 3, 4, 5]);
    await ex.shutdown(); // twice is fine
  });

  test(`${name}: shutdown({ wait: false }) returns at once and the work still completes`, { timeout: 30_000 }, async () => {
    const ex = make({ maxWorkers: 1 });
    const f = ex.submit(task('sleep'), 100, 'finished');
    await ex.shutdown({ wait: false });
    assert.equal(f.done(), false);
    assert.equal(await f, 'finished');
    await until(() => ex.stats().workers === 0);
  });
}

test('shutdown checks its options', async () => {
  const [, make] = KINDS[0];
  const ex = make({ maxWorkers: 1 });
  await assert.rejects(ex.shutdown({ wait: 'yes' as never }), { name: 'TypeError', message: /wait/ });
  await assert.rejects(ex.shutdown({ cancelFutures: 1 as never }), { name: 'TypeError', message: /cancelFutures/ });
  await ex.shutdown();
});
