// CPython's Lib/test/test_queue.py (3.13), BaseQueueTestMixin, ported and run against Queue,
// LifoQueue and PriorityQueue: the same order checks, sizes, timeouts and shutdown (close) cases,
// and test_queue_join with two ThreadPoolExecutor tasks as the worker threads. Python's names in
// each test title. Differences in spelling: block=False is { timeoutMs: 0 }, timeout=0.01 is
// { timeoutMs: 10 }, queue.Full/Empty/ShutDown are QueueFullError/QueueEmptyError/QueueClosedError,
// ValueError is RangeError (a bad argument) or SyncStateError (task_done too often).
// Python's do_blocking_test starts a thread that sleeps 0.1 s and then unblocks the call; here the
// call is the async form, and the trigger runs after a turn of the event loop in which the call could
// have returned had it not blocked (no timing involved: nothing else can unblock it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import {
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueClosedError,
  QueueEmptyError,
  QueueFullError,
  SharedValue,
  SyncStateError,
} from '@multicore-js/multicore/sync';

const QUEUE_SIZE = 5;
const qfull = (q: Queue<unknown>): boolean => q.maxSize > 0 && q.qsize() === q.maxSize;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function doBlockingTest<T>(block: () => Promise<T>, trigger: () => unknown): Promise<T> {
  let triggered = false;
  const result = block().then((v) => {
    assert.ok(triggered, 'blocking function appeared not to block');
    return v;
  });
  await turn();
  triggered = true;
  trigger();
  return result;
}

async function basicQueueTest(q: Queue<number | string>): Promise<void> {
  assert.equal(q.qsize(), 0, 'Call this function with an empty queue');
  assert.ok(q.empty());
  assert.ok(!q.full());
  q.putSync(111);
  q.putSync(333);
  q.putSync(222);
  const targetOrder: Record<string, number[]> = { Queue: [111, 333, 222], LifoQueue: [222, 333, 111], PriorityQueue: [111, 222, 333] };
  assert.deepEqual([q.getSync(), q.getSync(), q.getSync()], targetOrder[q.constructor.name], "Didn't seem to queue the correct data!");
  for (let i = 0; i < QUEUE_SIZE - 1; i++) {
    q.putSync(i);
    assert.ok(q.qsize(), 'Queue should not be empty');
  }
  assert.ok(!qfull(q), 'Queue should not be full');
  const last = 2 * QUEUE_SIZE;
  const full = 3 * 2 * QUEUE_SIZE;
  q.putSync(last);
  assert.ok(qfull(q), 'Queue should be full');
  assert.ok(!q.empty());
  assert.ok(q.full());
  assert.throws(() => q.putSync(full, { timeoutMs: 0 }), QueueFullError, "Didn't appear to block with a full queue");
  assert.throws(() => q.putSync(full, { timeoutMs: 10 }), QueueFullError, "Didn't appear to time-out with a full queue");
  // Test a blocking put
  await doBlockingTest(
    () => q.put(full),
    () => q.getSync(),
  );
  await doBlockingTest(
    () => q.put(full, { timeoutMs: 10_000 }),
    () => q.getSync(),
  );
  // Empty it
  for (let i = 0; i < QUEUE_SIZE; i++) q.getSync();
  assert.ok(!q.qsize(), 'Queue should be empty');
  assert.throws(() => q.getSync({ timeoutMs: 0 }), QueueEmptyError, "Didn't appear to block with an empty queue");
  assert.throws(() => q.getSync({ timeoutMs: 10 }), QueueEmptyError, "Didn't appear to time-out with an empty queue");
  // Test a blocking get
  assert.equal(
    await doBlockingTest(
      () => q.get(),
      () => q.putSync('empty'),
    ),
    'empty',
  );
  assert.equal(
    await doBlockingTest(
      () => q.get({ timeoutMs: 10_000 }),
      () => q.putSync('empty'),
    ),
    'empty',
  );
}

/** Python's worker thread of queue_join_test, as a task: sums what it gets until a negative number. */
function worker(q: Queue<number>, cum: SharedValue<'int32'>): void {
  for (;;) {
    const x = q.getSync();
    if (x < 0) {
      q.taskDone();
      return;
    }
    cum.add(x);
    q.taskDone();
  }
}

async function queueJoinTest(q: Queue<number>, pool: ThreadPoolExecutor): Promise<void> {
  const cum = new SharedValue('int32', 0, { lock: false });
  const threads = [0, 1].map(() => pool.submit(worker, q, cum));
  for (let i = 0; i < 100; i++) await q.put(i);
  assert.equal(await q.join({ timeoutMs: 60_000 }), true);
  assert.equal(cum.value, 4950, 'q.join() did not block until all tasks were done');
  for (let i = 0; i < 2; i++) await q.put(-1); // instruct the threads to close
  assert.equal(await q.join({ timeoutMs: 60_000 }), true); // verify that you can join twice
  await Promise.all(threads);
}

for (const Type of [Queue, LifoQueue, PriorityQueue]) {
  const name = Type.name;

  test(`${name}: test_basic (basic_queue_test twice on one instance)`, { timeout: 30_000 }, async () => {
    const q = new Type<number | string>({ maxSize: QUEUE_SIZE });
    await basicQueueTest(q);
    await basicQueueTest(q);
  });

  test(`${name}: test_queue_task_done`, () => {
    const q = new Type();
    assert.throws(() => q.taskDone(), SyncStateError, 'Did not detect task count going negative');
  });

  test(`${name}: test_queue_join (two ThreadPoolExecutor tasks as the worker threads)`, { timeout: 120_000 }, async () => {
    const q = new Type<number>();
    const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
    try {
      await queueJoinTest(q, pool);
      await queueJoinTest(q, pool);
    } finally {
      await pool.shutdown();
    }
    assert.throws(() => q.taskDone(), SyncStateError, 'Did not detect task count going negative');
  });

  test(`${name}: test_negative_timeout_raises_exception`, async () => {
    const q = new Type({ maxSize: QUEUE_SIZE });
    await assert.rejects(q.put(1, { timeoutMs: -1 }), RangeError);
    await assert.rejects(q.get({ timeoutMs: -1 }), RangeError);
  });

  test(`${name}: test_nowait`, () => {
    const q = new Type({ maxSize: QUEUE_SIZE });
    for (let i = 0; i < QUEUE_SIZE; i++) q.putNowait(1);
    assert.throws(() => q.putNowait(1), QueueFullError);
    for (let i = 0; i < QUEUE_SIZE; i++) q.getNowait();
    assert.throws(() => q.getNowait(), QueueEmptyError);
  });

  test(`${name}: test_shutdown_empty`, async () => {
    const q = new Type();
    q.close();
    await assert.rejects(q.put('data'), QueueClosedError);
    await assert.rejects(q.get(), QueueClosedError);
  });

  test(`${name}: test_shutdown_nonempty`, async () => {
    const q = new Type();
    await q.put('data');
    q.close();
    assert.equal(await q.get(), 'data');
    await assert.rejects(q.get(), QueueClosedError);
  });

  test(`${name}: test_shutdown_immediate`, async () => {
    const q = new Type();
    await q.put('data');
    q.close({ immediate: true });
    await assert.rejects(q.get(), QueueClosedError);
  });

  test(`${name}: test_shutdown_allowed_transitions`, () => {
    const q = new Type();
    assert.equal(q.closed, false);
    q.close();
    assert.equal(q.closed, true);
    q.close({ immediate: true });
    assert.equal(q.closed, true);
    q.close({ immediate: false });
  });

  for (const immediate of [false, true]) {
    test(`${name}: test_shutdown${immediate ? '_immediate' : ''}_all_methods_in_one_thread`, async () => {
      const q = new Type<string>({ maxSize: 2 });
      await q.put('L');
      q.putNowait('O');
      q.close({ immediate });
      await assert.rejects(q.put('E'), QueueClosedError);
      assert.throws(() => q.putNowait('W'), QueueClosedError);
      if (immediate) {
        await assert.rejects(q.get(), QueueClosedError);
        assert.throws(() => q.getNowait(), QueueClosedError);
        assert.throws(() => q.taskDone(), SyncStateError);
        assert.equal(await q.join(), true);
      } else {
        assert.ok('LO'.includes(await q.get()));
        q.taskDone();
        assert.ok('LO'.includes(await q.get()));
        q.taskDone();
        assert.equal(await q.join(), true);
        // on shutdown(immediate=False), when queue is empty, should raise ShutDown Exception
        await assert.rejects(q.get(), QueueClosedError);
        assert.throws(() => q.getNowait(), QueueClosedError);
        await assert.rejects(q.get({ timeoutMs: 1000 }), QueueClosedError);
      }
    });
  }
}
