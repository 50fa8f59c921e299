// timeoutMs raises the running task's AbortSignal on the worker and fails the future with TaskTimeoutError;
// cancel() removes a queued job from Redis, and aborts a running one through the cancel channel.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { type DistributedExecutor, CancelledError, TaskTimeoutError } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

/** Poll every 20 ms; the test's own timeout bounds the wait. */
const poll = { timeoutMs: Infinity, everyMs: 20 };
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');

describe('DistributedExecutor timeouts and cancellation', { skip, timeout: 60_000 }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  let dir: string;
  const queue = queueName('cancel');

  before(async () => {
    // One job at a time, so a second job stays queued behind a running one.
    ({ redis, workers, ex, dir } = await startCluster({ queue, workers: [{ concurrency: 1 }] }));
  });
  after(() => stopCluster({ redis, workers, ex, dir }));

  it('fails a job that runs past timeoutMs, after aborting it on the worker', async () => {
    const log = join(dir, 'timeout.log');
    const err = await ex
      .withOptions({ timeoutMs: 200 })
      .submit('nap', 60_000, log, 't')
      .then(
        () => assert.fail('resolved'),
        (e) => e,
      );
    assert.ok(err instanceof TaskTimeoutError, err?.stack);
    assert.match(err.message, /timeoutMs \(200 ms\)/);
    await until(() => read(log).includes('aborted t'), poll);
    assert.equal(await ex.submit('square', 5), 25, 'the worker still serves');
  });

  it('cancels a queued job: it is removed and never runs', async () => {
    const log = join(dir, 'queued.log');
    const blocker = ex.submit('nap', 60_000, log, 'blocker');
    await until(() => blocker.running(), poll);
    const queued = ex.submit('nap', 10, log, 'queued');
    // Cancel once the job is waiting in Redis, so this is the "remove it from the queue" path.
    const q = new Queue(queue, { connection: redis.connection });
    while ((await q.getWaitingCount()) === 0) await sleep(20);
    await q.close();
    assert.equal(queued.running(), false);
    assert.equal(queued.cancel(), true);
    assert.equal(queued.cancelled(), true);
    await assert.rejects(queued, CancelledError);
    assert.equal(blocker.cancel(), true);
    await assert.rejects(blocker, CancelledError);
    await until(() => read(log).includes('aborted blocker'), poll);
    assert.equal(await ex.submit('square', 6), 36);
    assert.ok(!read(log).includes('queued'), `the cancelled job ran:\n${read(log)}`);
  });

  it('cancels a running job: its AbortSignal is raised on the worker', async () => {
    const log = join(dir, 'running.log');
    const f = ex.submit('nap', 60_000, log, 'r');
    await until(() => f.running() && read(log).includes('start r'), poll);
    assert.equal(f.cancel(), true);
    await assert.rejects(f, CancelledError);
    await until(() => read(log).includes('aborted r'), poll);
    assert.equal(await ex.submit('square', 7), 49, 'the worker is free again');
  });

  it('an AbortSignal passed in the job options cancels the job', async () => {
    const ac = new AbortController();
    const log = join(dir, 'signal.log');
    const f = ex.withOptions({ signal: ac.signal }).submit('nap', 60_000, log, 's');
    await until(() => read(log).includes('start s'), poll);
    ac.abort();
    await assert.rejects(f, CancelledError);
    await until(() => read(log).includes('aborted s'), poll);
  });

  it('cancel() after completion returns false and changes nothing', async () => {
    const f = ex.submit('square', 3);
    assert.equal(await f, 9);
    assert.equal(f.cancel(), false);
    assert.equal(f.cancelled(), false);
  });
});
