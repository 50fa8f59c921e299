// attempts + backoff: a failing task is retried until it succeeds or the attempts run out; the future
// settles once, with the value of the successful try or the error of the last one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DistributedExecutor } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

describe('DistributedExecutor retries', { skip }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  let dir: string;
  const queue = queueName('retries');

  before(async () => {
    ({ redis, workers, ex, dir } = await startCluster({ queue }));
  });
  after(() => stopCluster({ redis, workers, ex, dir }));

  it('retries with exponential backoff until the task succeeds', async () => {
    const counter = join(dir, 'a');
    const attempt = await ex.withOptions({ attempts: 4, backoff: { type: 'exponential', delay: 20 } }).submit('flaky', counter, 2);
    assert.equal(attempt, 3);
    assert.equal(readFileSync(counter, 'utf8').length, 3);
  });

  it('fails with the last error once the attempts are used up', async () => {
    const counter = join(dir, 'b');
    const err = await ex
      .withOptions({ attempts: 2, backoff: 10 })
      .submit('flaky', counter, 5)
      .then(
        () => assert.fail('resolved'),
        (e) => e,
      );
    assert.equal(err.message, 'attempt 2 fails');
    assert.equal(readFileSync(counter, 'utf8').length, 2);
  });

  it('takes defaults from the executor and lets a job override them', async () => {
    const ex2 = new DistributedExecutor({ connection: redis.url, queue, defaultJobOptions: { attempts: 3, backoff: 5 } });
    try {
      assert.equal(await ex2.submit('flaky', join(dir, 'c'), 2), 3);
      const err = await ex2
        .withOptions({ attempts: 1 })
        .submit('flaky', join(dir, 'd'), 2)
        .then(
          () => assert.fail('resolved'),
          (e) => e,
        );
      assert.equal(err.message, 'attempt 1 fails');
    } finally {
      await ex2.shutdown();
    }
  });
});
