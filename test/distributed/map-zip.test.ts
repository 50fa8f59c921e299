// DistributedExecutor.map on the executors' one map engine: several iterables zipped (Python's
// Executor.map; CPython test_map's pow-over-two-ranges case with add), the same validation as the local
// executors, and a per-map signal that rejects the iteration with an AbortError.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DistributedExecutor } from '@multicore-js/multicore';
import { RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startWorker, stopWorkers, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

describe('DistributedExecutor map over several iterables', { skip }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  const queue = queueName('zip');

  before(async () => {
    redis = await RedisServer.start();
    workers = [await startWorker({ url: redis.url, queue })];
    ex = new DistributedExecutor({ connection: redis.connection, queue });
  });
  after(async () => {
    await ex?.shutdown();
    await stopWorkers(workers);
    await redis?.close();
  });

  it('zips the inputs, stopping at the shortest, with chunks', async () => {
    const out: number[] = [];
    async function* tens() {
      for (let i = 0; ; i += 10) yield i;
    }
    for await (const y of ex.map<number>('add', [1, 2, 3, 4, 5], tens(), { chunkSize: 2 })) out.push(y);
    assert.deepEqual(out, [1, 12, 23, 34, 45]);
    const one: number[] = [];
    for await (const y of ex.withOptions({}).map<number>('add', [1, 2], [3, 4])) one.push(y as number);
    assert.deepEqual(one, [4, 6]);
  });

  it('checks options as the local executors do', () => {
    assert.throws(() => ex.map('square', [1], { chunkSize: 0 }), { name: 'RangeError', message: /chunkSize/ });
    assert.throws(() => ex.map('square', [1], { bufferSize: 1.5 }), { name: 'RangeError', message: /bufferSize/ });
    assert.throws(() => ex.map('square', [1], { timeoutMs: -1 }), { name: 'RangeError', message: /timeoutMs/ });
    assert.throws(() => ex.map('square', 5 as never), { name: 'TypeError', message: /input/ });
  });

  it('an aborted signal rejects the iteration with an AbortError', async () => {
    const ac = new AbortController();
    const reason = new Error('client gone');
    ac.abort(reason);
    const it = ex.map('square', [1, 2, 3], { signal: ac.signal });
    const err = await it.next().then(
      () => assert.fail('resolved'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'AbortError');
    assert.equal(err.cause, reason);
  });
});
