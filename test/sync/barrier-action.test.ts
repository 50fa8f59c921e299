// Barrier options: the action (run once per generation by the last party, in its thread; sent as
// source) and the default timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { Barrier, BrokenBarrierError } from '@multicore-js/multicore/sync';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('options are checked: a closure, an async or non-function action, an unknown name, a bad timeout', () => {
  let outer = 0;
  assert.throws(
    () =>
      new Barrier(2, {
        action: () => {
          outer++;
        },
      }),
    { name: 'TypeError', message: /'outer'.*self-contained/ },
  );
  assert.throws(() => new Barrier(2, { action: async () => {} }), { name: 'TypeError', message: /synchronous/ });
  assert.throws(() => new Barrier(2, { action: 'log' as never }), { name: 'TypeError', message: /action must be a function/ });
  assert.throws(() => new Barrier(2, { action: Math.random }), { name: 'TypeError', message: /plain function/ });
  assert.throws(() => new Barrier(2, { timeout: 5 } as never), { name: 'TypeError', message: /unknown option 'timeout'/ });
  assert.throws(() => new Barrier(2, { timeoutMs: -1 }), RangeError);
  assert.throws(() => new Barrier(2, { timeoutMs: 'x' as never }), TypeError);
  assert.equal(outer, 0);
});

test('the action runs in the thread that arrives last, before any party is released', { timeout: 60_000 }, async () => {
  const g = globalThis as Record<string, unknown>;
  const barrier = new Barrier(2, {
    action: () => {
      (globalThis as Record<string, unknown>).ranAction = (((globalThis as Record<string, unknown>).ranAction as number) ?? 0) + 1;
    },
  });
  const first = barrier.wait({ timeoutMs: 30_000 });
  assert.equal(barrier.nWaiting, 1); // the main thread is in; the task will be last
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const ranInTask = await ex.submit((b: Barrier) => {
    b.waitSync({ timeoutMs: 30_000 });
    return (globalThis as Record<string, unknown>).ranAction;
  }, barrier);
  assert.equal(await first, 0);
  assert.equal(ranInTask, 1);
  assert.equal(g.ranAction, undefined);
  // Next generation, the main thread last: the action runs here.
  const task = ex.submit((b: Barrier) => b.waitSync({ timeoutMs: 30_000 }), barrier);
  while (barrier.nWaiting < 1) await sleep(1);
  assert.equal(await barrier.wait(), 1);
  await task;
  assert.equal(g.ranAction, 1);
  delete g.ranAction;
});

test('an action that throws breaks the barrier: its party gets the error, the others BrokenBarrierError', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(3, {
    action: () => {
      throw new RangeError('from the action');
    },
  });
  const outcomes = await Promise.allSettled([barrier.wait(), barrier.wait(), barrier.wait()]);
  const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).name : 'passed')).sort();
  assert.deepEqual(reasons, ['BrokenBarrierError', 'BrokenBarrierError', 'RangeError']);
  assert.equal(barrier.broken, true);
  await assert.rejects(barrier.wait(), BrokenBarrierError);
  barrier.reset();
  assert.equal(barrier.broken, false);
});

test('a timeoutMs given to wait() overrides the default', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(2, { timeoutMs: 1 });
  const first = barrier.wait({ timeoutMs: 30_000 });
  await sleep(20); // the 1 ms default would have broken the barrier by now
  assert.equal(barrier.broken, false);
  await Promise.all([first, barrier.wait({ timeoutMs: 30_000 })]);
  assert.equal(barrier.timeoutMs, 1);
});

test('the action and the default timeout travel with the barrier to a task', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const barrier = new Barrier(2, { timeoutMs: 5, action: () => {} });
  const r = await ex.submit((b: Barrier) => {
    try {
      b.waitSync();
    } catch (err) {
      return [b.timeoutMs, (err as Error).name];
    }
    return [b.timeoutMs, 'passed'];
  }, barrier);
  assert.deepEqual(r, [5, 'BrokenBarrierError']);
});
