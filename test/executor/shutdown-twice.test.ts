// A second shutdown() while the first is still waiting: both settle (issue 14, 3c); before, the second
// replaced the first's resolver and the first never settled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task, until } from './helpers.js';

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not settle in ${ms} ms`)), ms).unref())]);

for (const [name, make] of KINDS) {
  test(`${name}: shutdown() twice while a task runs: both settle once it is done`, { timeout: 60_000 }, async () => {
    const ex = make({ maxWorkers: 1 });
    const f = ex.submit(task('sleep'), 300, 'done');
    const first = ex.shutdown();
    const second = ex.shutdown({ wait: true });
    const third = ex.shutdown({ wait: false });
    const keepAlive = setInterval(() => {}, 1000); // a lost promise must fail the test, not end the process
    try {
      await within(Promise.all([first, second, third]), 20_000, 'shutdown');
    } finally {
      clearInterval(keepAlive);
    }
    assert.equal(await f, 'done');
    assert.equal(ex.stats().workers, 0);
  });

  test(`${name}: a later shutdown({ cancelFutures }) cancels what is still queued; the first shutdown settles too`, {
    timeout: 60_000,
  }, async () => {
    const ex = make({ maxWorkers: 1 });
    const running = ex.submit(task('sleep'), 300, 'ran');
    const queued = ex.submit(task('sleep'), 300, 'queued');
    await until(() => running.running());
    const first = ex.shutdown();
    const second = ex.shutdown({ cancelFutures: true });
    await within(Promise.all([first, second]), 20_000, 'shutdown');
    assert.equal(await running, 'ran');
    assert.equal(queued.cancelled(), true);
  });
}
