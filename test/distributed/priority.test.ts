// priority and delay change the order jobs run in: one worker running one job at a time is held busy
// (a job that waits for a gate file) until BullMQ reports every other job queued; then the gate
// opens and the order they start in is read from the tasks' log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { DistributedExecutor } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

/** The tags of the `nap` jobs in the order they started. */
function startOrder(log: string): string[] {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('start '))
        .map((l) => l.split(' ')[1])
    : [];
}

describe('DistributedExecutor priority and delay', { skip }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  let dir: string;
  let bull: Queue;

  before(async () => {
    const queue = queueName('priority');
    ({ redis, workers, ex, dir } = await startCluster({ queue, workers: [{ concurrency: 1 }] }));
    bull = new Queue(queue, { connection: redis.connection });
  });
  after(async () => {
    await bull?.close();
    await stopCluster({ redis, workers, ex, dir });
  });

  it('runs waiting jobs by priority (1 first; jobs without one before all prioritized ones)', async () => {
    const log = join(dir, 'order.log');
    const gate = join(dir, 'gate');
    const blocker = ex.submit('waitForFile', gate, log, 'blocker');
    await until(() => startOrder(log).includes('blocker'), { what: 'the blocker to start', timeoutMs: 20_000 });
    const jobs = [
      ex.withOptions({ priority: 50 }).submit('nap', 0, log, 'p50'),
      ex.withOptions({ priority: 7 }).submit('nap', 0, log, 'p7'),
      ex.submit('nap', 0, log, 'none'),
      ex.withOptions({ priority: 1 }).submit('nap', 0, log, 'p1'),
      ex.withOptions({ priority: 7 }).submit('nap', 0, log, 'p7b'),
    ];
    let queued = 0;
    await until(
      () => {
        void bull.getJobCounts('wait', 'prioritized').then((c) => {
          queued = (c.wait ?? 0) + (c.prioritized ?? 0);
        });
        return queued === jobs.length;
      },
      { what: 'all five jobs to be queued', timeoutMs: 20_000 },
    );
    assert.deepEqual(startOrder(log), ['blocker'], 'nothing else started while the blocker held the slot');
    writeFileSync(gate, '');
    assert.deepEqual(await Promise.all([blocker, ...jobs]), ['blocker', 'p50', 'p7', 'none', 'p1', 'p7b']);
    // Same priority: first in, first out.
    assert.deepEqual(startOrder(log), ['blocker', 'none', 'p1', 'p7', 'p7b', 'p50']);
  });

  it('a delayed job waits its delay, and jobs queued after it run first', async () => {
    const log = join(dir, 'delay.log');
    const t0 = Date.now();
    const late = ex.withOptions({ delay: 600 }).submit('nap', 0, log, 'late');
    const soon = ex.submit('nap', 0, log, 'soon');
    assert.equal(await soon, 'soon');
    assert.equal(await late, 'late');
    assert.ok(Date.now() - t0 >= 600, 'not before its delay');
    assert.deepEqual(startOrder(log), ['soon', 'late']);
  });
});
