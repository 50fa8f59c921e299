// Soak: 10,000 tasks, ~5% failing at random, some cancelled, workers crashing: every future settles
// exactly once and the counts add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, ThreadPoolExecutor, WorkerCrashedError, type Future } from '@multicore-js/multicore';
import { TASKS } from './helpers.js';

test('10,000 tasks with failures, cancellations and crashes all settle exactly once', { timeout: 120_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 2, module: TASKS });
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const N = 10_000;
  const futures: Future<unknown>[] = [];
  const settledTimes = new Map<Future<unknown>, number>();
  let expectFail = 0;
  let expectCrash = 0;
  for (let i = 0; i < N; i++) {
    const r = rand();
    let f: Future<unknown>;
    if (r < 0.05) {
      f = ex.submit('fail', `task ${i}`);
      expectFail++;
    } else if (r < 0.052) {
      f = ex.submit('exitWith', 7);
      expectCrash++;
    } else f = ex.submit('add', i, 1);
    f.addDoneCallback((x) => settledTimes.set(x, (settledTimes.get(x) ?? 0) + 1));
    futures.push(f);
    if (i % 97 === 0) futures[Math.floor(rand() * futures.length)].cancel();
    if (i % 1000 === 999) await new Promise((r2) => setImmediate(r2));
  }
  const outcomes = await Promise.allSettled(futures);
  let ok = 0,
    failed = 0,
    cancelled = 0,
    crashed = 0;
  outcomes.forEach((o, i) => {
    if (o.status === 'fulfilled') {
      ok++;
      assert.equal(o.value, i + 1);
    } else if (o.reason instanceof CancelledError) cancelled++;
    else if (o.reason instanceof WorkerCrashedError) {
      crashed++;
      failed++;
    } else {
      failed++;
      assert.match(o.reason.message, /^task \d+$/);
    }
  });
  assert.equal(ok + failed + cancelled, N);
  assert.equal(settledTimes.size, N);
  assert.ok(
    [...settledTimes.values()].every((n) => n === 1),
    'every future settled exactly once',
  );
  assert.ok(cancelled > 0 && crashed > 0);
  assert.ok(failed - crashed <= expectFail && crashed <= expectCrash);
  const s = ex.stats();
  assert.equal(s.completed, ok);
  assert.equal(s.failed, failed);
  assert.equal(s.cancelled, cancelled);
  assert.equal(s.crashedWorkers, crashed);
  assert.equal(s.queued + s.inFlight, 0);
});
