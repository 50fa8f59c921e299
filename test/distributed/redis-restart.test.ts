// A Redis restart mid-run. Workers and executors reconnect (ioredis, maxRetriesPerRequest: null) and go on
// serving. Without persistence the restarted Redis is empty: every pending future rejects with JobLostError,
// exactly once, instead of hanging. With --appendonly yes the queue survives and every job completes.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DistributedExecutor, JobLostError } from '@multicore-js/multicore';
import { RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { startWorker, stopWorkers, queueName } from '../helpers/cluster.js';

const skip = skipWithoutRedis();
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
/** Poll every 20 ms; the test's own timeout bounds the wait. */
const poll = { timeoutMs: Infinity, everyMs: 20 };

describe('Redis restarts mid-run', { skip, timeout: 90_000 }, () => {
  const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'multicore-restart-'));
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('without persistence: pending jobs are lost and say so; new work runs', async () => {
    const redis = await RedisServer.start();
    const queue = queueName('lost');
    const workers = [await startWorker({ url: redis.url, queue, concurrency: 2 })];
    const ex = new DistributedExecutor({ connection: redis.connection, queue, reconcileIntervalMs: 200 });
    cleanups.push(async () => {
      await ex.shutdown();
      await stopWorkers(workers);
      await redis.close();
    });

    const log = join(dir, 'lost.log');
    const running = [ex.submit('nap', 60_000, log, 'a'), ex.submit('nap', 60_000, log, 'b')];
    const queued = Array.from({ length: 5 }, (_, i) => ex.submit('square', i));
    let settled = 0;
    for (const f of [...running, ...queued]) f.addDoneCallback(() => settled++);
    await until(() => running.every((f) => f.running()) && (read(log).match(/start/g)?.length ?? 0) === 2, poll);

    await redis.restart();

    const results = await Promise.allSettled([...running, ...queued]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok((r as PromiseRejectedResult).reason instanceof JobLostError, String((r as PromiseRejectedResult).reason?.stack));
    }
    assert.equal(settled, 7, 'each future settled exactly once');
    // The worker noticed it lost its jobs' locks and stopped them, so its slots are free again.
    await until(() => (read(log).match(/aborted/g)?.length ?? 0) === 2, poll);
    // Both sides reconnected to the new Redis and serve new work.
    assert.equal(await ex.submit('square', 12), 144);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => ex.submit('add', i, 1)));
    assert.deepEqual(
      again,
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });

  it('with --appendonly yes: every job survives the restart and completes once', async () => {
    const redis = await RedisServer.start({ appendOnly: true });
    const queue = queueName('aof');
    const workers = [await startWorker({ url: redis.url, queue, concurrency: 2 })];
    const ex = new DistributedExecutor({ connection: redis.connection, queue, reconcileIntervalMs: 200 });
    cleanups.push(async () => {
      await ex.shutdown();
      await stopWorkers(workers);
      await redis.close();
    });

    const log = join(dir, 'aof.log');
    const N = 40;
    const futures = Array.from({ length: N }, (_, x) => ex.submit<{ x: number; y: number }>('slowSquare', x, 30, log));
    let settled = 0;
    for (const f of futures) f.addDoneCallback(() => settled++);
    await until(() => (read(log).match(/end/g)?.length ?? 0) >= 4, poll);

    await redis.restart();

    const values = await Promise.all(futures);
    values.forEach((v, x) => {
      assert.deepEqual([v.x, v.y], [x, x * x]);
    });
    assert.equal(settled, N);
    assert.equal(ex.pendingCount, 0);
  });
});
