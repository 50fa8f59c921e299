// CPython's Lib/test/test_queue.py (3.13), BaseSimpleQueueTest, ported: test_basic,
// test_negative_timeout_raises_exception, test_order (one feeder thread, one consumer), and
// test_many_threads / _nonblock / _timeout with feeders and consumers as ThreadPoolExecutor tasks
// (4 threads rather than Python's 2 x 50: two shared cores). Python's feeders pop a shared list;
// here each feeder takes a slice of the inputs and puts one sentinel (null) when done. The random
// sleeps of Python's feed() are left out: they only vary the interleaving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { QueueEmptyError, SimpleQueue } from '@multicore-js/multicore/sync';

test('SimpleQueue: test_basic', async () => {
  const q = new SimpleQueue<number>();
  assert.ok(q.empty());
  assert.equal(q.qsize(), 0);
  await q.put(1);
  assert.ok(!q.empty());
  assert.equal(q.qsize(), 1);
  await q.put(2);
  q.putNowait(3);
  await q.put(4);
  assert.ok(!q.empty());
  assert.equal(q.qsize(), 4);

  assert.equal(await q.get(), 1);
  assert.equal(q.qsize(), 3);

  assert.equal(q.getNowait(), 2);
  assert.equal(q.qsize(), 2);

  assert.equal(q.getSync({ timeoutMs: 0 }), 3); // get(block=False)
  assert.ok(!q.empty());
  assert.equal(q.qsize(), 1);

  assert.equal(await q.get({ timeoutMs: 100 }), 4);
  assert.ok(q.empty());
  assert.equal(q.qsize(), 0);

  assert.throws(() => q.getSync({ timeoutMs: 0 }), QueueEmptyError);
  await assert.rejects(q.get({ timeoutMs: 1 }), QueueEmptyError);
  assert.throws(() => q.getNowait(), QueueEmptyError);
  assert.ok(q.empty());
  assert.equal(q.qsize(), 0);
});

test('SimpleQueue: test_negative_timeout_raises_exception', async () => {
  const q = new SimpleQueue();
  await q.put(1);
  await assert.rejects(q.get({ timeoutMs: -1 }), RangeError);
});

test("SimpleQueue: has none of Queue's maxSize, full, taskDone, join (as Python's)", () => {
  const q = new SimpleQueue() as unknown as Record<string, unknown>;
  for (const name of ['maxSize', 'full', 'taskDone', 'join', 'joinSync']) assert.equal(q[name], undefined, name);
  assert.throws(() => new SimpleQueue({ maxSize: 2 } as never), { name: 'TypeError', message: /maxSize/ });
});

function feed(q: SimpleQueue<number | null>, inputs: number[]): void {
  for (const v of inputs) q.putSync(v);
  q.putSync(null);
}

function consume(q: SimpleQueue<number | null>, mode: 'block' | 'nonblock' | 'timeout'): number[] {
  const results: number[] = [];
  for (;;) {
    let val: number | null;
    for (;;) {
      try {
        val = mode === 'block' ? q.getSync() : q.getSync({ timeoutMs: mode === 'nonblock' ? 0 : 0.01 });
        break;
      } catch (err) {
        if ((err as Error).name !== 'QueueEmptyError') throw err;
      }
    }
    if (val === null) return results;
    results.push(val);
  }
}

async function runThreads(nThreads: number, inputs: number[], mode: 'block' | 'nonblock' | 'timeout'): Promise<number[][]> {
  const q = new SimpleQueue<number | null>();
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 * nThreads });
  try {
    const per = Math.ceil(inputs.length / nThreads);
    const feeders = Array.from({ length: nThreads }, (_, k) => pool.submit(feed, q, inputs.slice(k * per, (k + 1) * per)));
    const consumers = Array.from({ length: nThreads }, () => pool.submit(consume, q, mode));
    await Promise.all(feeders);
    const results = await Promise.all(consumers);
    assert.ok(q.empty());
    assert.equal(q.qsize(), 0);
    return results;
  } finally {
    await pool.shutdown();
  }
}

test('SimpleQueue: test_order (one feeder thread, one consumer thread: results in order)', { timeout: 60_000 }, async () => {
  const inputs = Array.from({ length: 100 }, (_, i) => i);
  const [results] = await runThreads(1, inputs, 'block');
  assert.deepEqual(results, inputs);
});

for (const [title, mode, n] of [
  ['test_many_threads', 'block', 10_000],
  ['test_many_threads_nonblock', 'nonblock', 10_000],
  ['test_many_threads_timeout', 'timeout', 1000],
] as const) {
  test(`SimpleQueue: ${title} (2 feeders, 2 consumers)`, { timeout: 120_000 }, async () => {
    const inputs = Array.from({ length: n }, (_, i) => i);
    const results = (await runThreads(2, inputs, mode)).flat();
    assert.deepEqual(
      results.sort((a, b) => a - b),
      inputs,
    );
  });
}
