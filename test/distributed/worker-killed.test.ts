// At-least-once: three `multicore worker` processes, 200 jobs, one worker SIGKILLed in the middle of a job.
// Its jobs are recovered by the others (stalled-job recovery); every future settles exactly once with the
// right value, and the counts add up.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DistributedExecutor } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();
const N = 200;

describe('a worker killed mid-job', { skip, timeout: 120_000 }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  let dir: string;
  const queue = queueName('kill');

  before(async () => {
    ({ redis, workers, ex, dir } = await startCluster({
      queue,
      workers: [0, 1, 2].map((i) => ({ concurrency: 2, mode: i === 2 ? 'process' : 'thread' })),
      executor: { reconcileIntervalMs: 1000 },
    }));
  });
  after(() => stopCluster({ redis, workers, ex, dir }));

  it('re-runs its jobs elsewhere; every job settles exactly once', async () => {
    const log = join(dir, 'jobs.log');
    const victim = workers[0]!;
    const settled = new Map<number, number>();
    const futures = Array.from({ length: N }, (_, x) => {
      const f = ex.submit<{ x: number; y: number; pid: number }>('slowSquare', x, 20, log);
      f.addDoneCallback(() => settled.set(x, (settled.get(x) ?? 0) + 1));
      return f;
    });

    // Wait until the victim is inside a job (a start line of its pid with no end line yet), then kill it.
    const lines = () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' '));
    /** Jobs the victim has started and not ended, by its own log lines. */
    const openJobs = (text: string[][]) => {
      const open = new Set<string>();
      for (const [what, x, pid] of text) {
        if (Number(pid) !== victim.pid) continue;
        if (what === 'start') open.add(x!);
        else open.delete(x!);
      }
      return open;
    };
    for (;;) {
      await sleep(10);
      let text: string[][];
      try {
        text = lines();
      } catch {
        continue;
      }
      if (openJobs(text).size > 0 && text.length > 20) break;
    }
    victim.kill('SIGKILL');
    assert.equal(await victim.exited, 'SIGKILL');
    // Read after its death (a dead process writes no more): what it had started and not ended. One of
    // the jobs seen open before the kill may have ended in between; these cannot have.
    const interrupted = [...openJobs(lines())];
    assert.ok(interrupted.length > 0, 'the victim died inside a job');

    const results = await Promise.allSettled(futures);
    const failures = results.filter((r) => r.status === 'rejected');
    assert.deepEqual(failures, [], 'no job failed');
    const values = results.map((r) => (r as PromiseFulfilledResult<{ x: number; y: number; pid: number }>).value);
    values.forEach((v, x) => {
      assert.equal(v.x, x);
      assert.equal(v.y, x * x);
    });
    assert.equal(settled.size, N);
    assert.ok(
      [...settled.values()].every((n) => n === 1),
      'each future settled once',
    );

    // The jobs the victim was running when it died were re-run by a survivor, and their results are the survivor's.
    for (const x of interrupted.map(Number)) {
      assert.notEqual(values[x]!.pid, victim.pid);
      const starts = lines().filter(([w, y]) => w === 'start' && Number(y) === x).length;
      assert.ok(starts >= 2, `job ${x} started ${starts} time(s)`);
    }
    assert.equal(ex.pendingCount, 0);
  });
});
