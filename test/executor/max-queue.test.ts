// maxQueue (issue 16, load shedding): once maxQueue tasks wait for a worker, submit returns a future
// already rejected with TaskQueueFullError; as the queue drains, submit accepts again. Every future,
// accepted or refused, settles exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskQueueFullError, ThreadPoolExecutor } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: submit beyond maxQueue is refused at once, and accepted again once the queue drains`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 1, maxQueue: 2 });
    const stop = new AbortController();
    const blocker = ex.submitWith({ signal: stop.signal }, task('waitForAbort'));
    await until(() => blocker.running());
    const waiting = [ex.submit(task('double'), 1), ex.submit(task('double'), 2)];
    const refused = ex.submit(task('double'), 3);
    assert.equal(refused.done(), true, 'refused synchronously');
    const err = await refused.exception();
    assert.ok(err instanceof TaskQueueFullError);
    assert.equal((err as TaskQueueFullError).name, 'TaskQueueFullError');
    assert.equal((err as TaskQueueFullError).maxQueue, 2);
    assert.match((err as Error).message, /maxQueue/);
    let s = ex.stats();
    assert.equal(s.queued, 2);
    assert.equal(s.inFlight, 1);
    assert.equal(s.rejected, 1);
    assert.equal(
      waiting.every((f) => !f.done()),
      true,
      'the queued ones are untouched',
    );

    let settledTimes = 0;
    for (const f of [blocker, ...waiting, refused]) f.addDoneCallback(() => settledTimes++);
    assert.equal(settledTimes, 1, 'the refused one was already settled');
    stop.abort();
    await assert.rejects(blocker.result(), { name: 'AbortError' });
    assert.deepEqual(await Promise.all(waiting), [2, 4]);
    assert.equal(settledTimes, 4, 'each future settled exactly once');
    // drained: accepted again, up to the limit
    const again = [ex.submit(task('double'), 5), ex.submit(task('double'), 6)];
    assert.deepEqual(await Promise.all(again), [10, 12]);
    s = ex.stats();
    assert.equal(s.rejected, 1);
    assert.equal(s.completed, 4);
    assert.equal(s.queued, 0);
  });
}

test('maxQueue: 0 accepts what idle or starting workers take at once, and refuses the rest', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 2, maxQueue: 0 });
  const stop = new AbortController();
  // no worker yet: each of the first two starts one, so neither waits in the queue
  const a = ex.submitWith({ signal: stop.signal }, task('waitForAbort'));
  const b = ex.submitWith({ signal: stop.signal }, task('waitForAbort'));
  const c = ex.submit(task('double'), 1);
  assert.equal(a.done() || b.done(), false);
  await assert.rejects(c.result(), TaskQueueFullError);
  await until(() => a.running() && b.running());
  await assert.rejects(ex.submit(task('double'), 2).result(), TaskQueueFullError);
  stop.abort();
  await assert.rejects(a.result(), { name: 'AbortError' });
  await assert.rejects(b.result(), { name: 'AbortError' });
  await until(() => ex.stats().inFlight === 0); // the workers have seen the abort and returned
  // both workers idle: a synchronous burst gets one task each, the third is refused
  const burst = [ex.submit(task('double'), 1), ex.submit(task('double'), 2), ex.submit(task('double'), 3)];
  await assert.rejects(burst[2].result(), TaskQueueFullError);
  assert.deepEqual(await Promise.all(burst.slice(0, 2)), [2, 4]);
  assert.equal(ex.stats().rejected, 3);
});

test('maxQueue is validated: a non-negative integer or Infinity', () => {
  for (const [v, name] of [
    [-1, 'RangeError'],
    [1.5, 'RangeError'],
    ['3', 'TypeError'],
    [NaN, 'TypeError'],
  ] as const) {
    assert.throws(() => new ThreadPoolExecutor({ maxQueue: v as number }), { name, message: /maxQueue/ }, String(v));
  }
  for (const v of [0, 7, Infinity]) {
    const ex = new ThreadPoolExecutor({ maxQueue: v });
    void ex.shutdown();
  }
});
