// The distributed chaos soak: 500 jobs over 3 `multicore worker` processes (threads and a process pool),
// with one worker SIGKILLed mid-job and then Redis restarted (appendonly) while jobs run. Every future
// settles exactly once, with its own right result; nothing is left pending. The pieces are the ones of
// worker-killed.test.ts and redis-restart.test.ts, together and at volume.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DistributedExecutor } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();
const N = 500;
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
const ends = (f: string) => read(f).match(/^end /gm)?.length ?? 0;
/** Poll every 20 ms; the test's own timeout bounds the wait. */
const poll = { timeoutMs: Infinity, everyMs: 20 };

describe('distributed chaos soak', { skip, timeout: 120_000 }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  let dir: string;
  const queue = queueName('soak');

  before(async () => {
    ({ redis, workers, ex, dir } = await startCluster({
      queue,
      redis: { appendOnly: true },
      workers: [0, 1, 2].map((i) => ({ concurrency: 2, mode: i === 2 ? 'process' : 'thread' })),
      executor: { reconcileIntervalMs: 500 },
    }));
  });
  after(() => stopCluster({ redis, workers, ex, dir }));

  it('a worker SIGKILLed and Redis restarted mid-run: every result exactly once', async () => {
    const log = join(dir, 'jobs.log');
    const settled = new Map<number, number>();
    const futures = Array.from({ length: N }, (_, x) => {
      const f = ex.submit<{ x: number; y: number; pid: number }>('slowSquare', x, 25, log);
      f.addDoneCallback(() => settled.set(x, (settled.get(x) ?? 0) + 1));
      return f;
    });

    await until(() => ends(log) >= 60, poll);
    const victim = workers[0]!;
    victim.kill('SIGKILL');
    assert.equal(await victim.exited, 'SIGKILL');
    const atKill = ends(log);

    await until(() => ends(log) >= atKill + 60, poll);
    assert.ok(settled.size < N, 'jobs were still running when Redis restarted');
    await redis.restart();

    const results = await Promise.allSettled(futures);
    const failures = results.flatMap((r, x) => (r.status === 'rejected' ? [`${x}: ${String(r.reason?.stack ?? r.reason)}`] : []));
    assert.deepEqual(failures, [], 'no job failed');
    results.forEach((r, x) => {
      const v = (r as PromiseFulfilledResult<{ x: number; y: number }>).value;
      assert.deepEqual([v.x, v.y], [x, x * x], `job ${x} settled with another job's result`);
    });
    assert.equal(settled.size, N);
    assert.ok(
      [...settled.values()].every((n) => n === 1),
      'each future settled exactly once',
    );
    assert.equal(ex.pendingCount, 0);
    // Every job ran to its end at least once (a killed or lock-lost run is re-run, never skipped).
    const ended = new Set(
      read(log)
        .split('\n')
        .filter((l) => l.startsWith('end '))
        .map((l) => Number(l.split(' ')[1])),
    );
    assert.equal(ended.size, N);
    // The survivors still serve.
    assert.equal(await ex.submit('square', 12), 144);
  });
});
