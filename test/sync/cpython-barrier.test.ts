// CPython's Lib/test/lock_tests.py (3.13), BarrierTests, ported: N = 5 parties, each a
// ThreadPoolExecutor task (Python's Bunch of threads). Python's result lists are SharedArray
// counters; its assertions inside a thread are counted as violations and checked here.
// Differences: the default timeout is 20 s, not 2 s (five threads on two loaded cores; every test
// but the timeout ones passes well before it), and test_timeout's late party, which Python delays
// by sleeping half the default timeout, here does not arrive until the others have broken the
// barrier (the same outcome, without depending on timing). test_repr has no counterpart (no repr).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { Barrier, BrokenBarrierError, SharedArray } from '@multicore-js/multicore/sync';

const N = 5;
const DEFAULT_TIMEOUT_MS = 20_000;
let pool: ThreadPoolExecutor;
before(() => {
  pool = new ThreadPoolExecutor({ maxWorkers: N });
});
after(() => pool.shutdown());

/** Python's Bunch(f, N): runs `f` as N tasks at once and returns their results. */
function bunch<A extends unknown[], R>(f: (...args: A) => R, ...args: A): Promise<Awaited<R>[]> {
  return Promise.all(Array.from({ length: N }, () => pool.submit(f as never, ...(args as unknown as never[])) as Promise<Awaited<R>>));
}

const counters = (n: number) => new SharedArray('int32', n, { lock: false });
const newBarrier = () => new Barrier(N, { timeoutMs: DEFAULT_TIMEOUT_MS });

test('test_constructor', () => {
  assert.throws(() => new Barrier(0), RangeError);
  assert.throws(() => new Barrier(-1), RangeError);
});

/** Python's multipass: returns the number of its assertions that failed. */
function multipass(barrier: Barrier, results: SharedArray<'int32'>, n: number): number {
  const m = barrier.parties;
  let violations = 0;
  for (let i = 0; i < n; i++) {
    results.add(0, 1);
    if (results.get(1) !== i * m) violations++;
    barrier.waitSync();
    results.add(1, 1);
    if (results.get(0) !== (i + 1) * m) violations++;
    barrier.waitSync();
  }
  if (barrier.nWaiting !== 0 || barrier.broken) violations++;
  return violations;
}

for (const passes of [1, 10]) {
  test(passes === 1 ? 'test_barrier' : 'test_barrier_10', { timeout: 120_000 }, async () => {
    const barrier = newBarrier();
    assert.equal(barrier.parties, N);
    const results = counters(2);
    assert.deepEqual(await bunch(multipass, barrier, results, passes), Array(N).fill(0));
    assert.deepEqual(results.toArray(), [N * passes, N * passes]);
  });
}

test('test_wait_return', { timeout: 60_000 }, async () => {
  const results = await bunch((b: Barrier) => b.waitSync(), newBarrier());
  assert.equal(
    results.reduce((a, b) => a + b, 0),
    (N * (N - 1)) / 2,
  );
});

test("test_action (the action is self-contained: each worker's initializer gives it the results counter)", {
  timeout: 60_000,
}, async () => {
  const results = counters(1);
  await using ex = new ThreadPoolExecutor({
    maxWorkers: N,
    initializer: (r: SharedArray<'int32'>) => {
      (globalThis as Record<string, unknown>).results = r;
    },
    initArgs: [results],
  });
  const barrier = new Barrier(N, {
    action: () => {
      ((globalThis as Record<string, unknown>).results as SharedArray<'int32'>).add(0, 1);
    },
  });
  const seen = await Promise.all(
    Array.from({ length: N }, () =>
      ex.submit(
        (b: Barrier, r: SharedArray<'int32'>) => {
          b.waitSync();
          return r.get(0);
        },
        barrier,
        results,
      ),
    ),
  );
  assert.deepEqual(seen, Array(N).fill(1)); // every party saw exactly one run of the action on leaving
});

function abortParty(barrier: Barrier, results: SharedArray<'int32'>, n: number): void {
  try {
    const i = barrier.waitSync();
    if (i === n >> 1) throw new Error('RuntimeError');
    barrier.waitSync();
    results.add(0, 1);
  } catch (err) {
    if ((err as Error).name === 'BrokenBarrierError') results.add(1, 1);
    else barrier.abort();
  }
}

test('test_abort', { timeout: 60_000 }, async () => {
  const barrier = newBarrier();
  const results = counters(2);
  await bunch(abortParty, barrier, results, N);
  assert.equal(results.get(0), 0);
  assert.equal(results.get(1), N - 1);
  assert.ok(barrier.broken);
});

test('test_reset', { timeout: 60_000 }, async () => {
  const barrier = newBarrier();
  const results = counters(3);
  await bunch(
    (b: Barrier, r: SharedArray<'int32'>, n: number) => {
      const i = b.waitSync();
      if (i === n >> 1) {
        // Wait until the other threads are all in the barrier.
        const nap = new Int32Array(new SharedArrayBuffer(4));
        while (b.nWaiting < n - 1) Atomics.wait(nap, 0, 0, 1);
        b.reset();
      } else {
        try {
          b.waitSync();
          r.add(0, 1);
        } catch (err) {
          if ((err as Error).name !== 'BrokenBarrierError') throw err;
          r.add(1, 1);
        }
      }
      // Now, pass the barrier again
      b.waitSync();
      r.add(2, 1);
    },
    barrier,
    results,
    N,
  );
  assert.deepEqual(results.toArray(), [0, N - 1, N]);
});

test('test_abort_and_reset', { timeout: 60_000 }, async () => {
  const barrier = newBarrier();
  const barrier2 = new Barrier(N);
  const results = counters(3);
  await bunch(
    (b: Barrier, b2: Barrier, r: SharedArray<'int32'>, n: number) => {
      try {
        const i = b.waitSync();
        if (i === n >> 1) throw new Error('RuntimeError');
        b.waitSync();
        r.add(0, 1);
      } catch (err) {
        if ((err as Error).name === 'BrokenBarrierError') r.add(1, 1);
        else b.abort();
      }
      // Synchronize and reset the barrier. Must synchronize first so that everyone has left it when
      // we reset, and after so that no one enters it before the reset.
      if (b2.waitSync() === n >> 1) b.reset();
      b2.waitSync();
      b.waitSync();
      r.add(2, 1);
    },
    barrier,
    barrier2,
    results,
    N,
  );
  assert.deepEqual(results.toArray(), [0, N - 1, N]);
});

test('test_timeout (the late party arrives once the others have broken the barrier)', { timeout: 60_000 }, async () => {
  const barrier = newBarrier();
  const outcomes = await bunch(
    (b: Barrier, n: number) => {
      const i = b.waitSync();
      if (i === n >> 1) {
        // One thread is late!
        const nap = new Int32Array(new SharedArrayBuffer(4));
        while (!b.broken) Atomics.wait(nap, 0, 0, 1);
      }
      try {
        b.waitSync({ timeoutMs: 500 }); // shorter than the default timeout
        return 'passed';
      } catch (err) {
        return (err as Error).name;
      }
    },
    barrier,
    N,
  );
  assert.deepEqual(outcomes, Array(N).fill('BrokenBarrierError'));
});

test('test_default_timeout', { timeout: 60_000 }, async () => {
  const timeout = 100;
  const barrier = new Barrier(2, { timeoutMs: timeout });
  const [dt] = await Promise.all([
    pool.submit((b: Barrier) => {
      const start = performance.now();
      try {
        b.waitSync();
      } catch (err) {
        if ((err as Error).name === 'BrokenBarrierError') return performance.now() - start;
        throw err;
      }
      throw new Error('wait() passed a barrier of 2 with one party');
    }, barrier),
  ]);
  assert.ok(dt >= timeout, `broke after ${dt} ms, before the default timeout of ${timeout} ms`);
  // The async form uses it too.
  const b2 = new Barrier(2, { timeoutMs: 10 });
  await assert.rejects(b2.wait(), BrokenBarrierError);
});

test('test_single_thread', () => {
  const b = new Barrier(1);
  b.waitSync();
  b.waitSync();
});
