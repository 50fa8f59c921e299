// Timeouts of 2^31 ms or more: Node clamps such a timer to 1 ms, so before the fix a job with
// `timeoutMs: 2 ** 31` failed with TaskTimeoutError at once, and `map(…, { timeoutMs: Infinity })`
// with TimeoutError. Every user-given delay now goes through setLongTimeout, which re-arms.
import { describe, it, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { DistributedExecutor } from '@multicore-js/multicore';
import { setLongTimeout, MAX_TIMER_MS } from '../../src/distributed/long-timer.js';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startCluster, stopCluster, queueName, type WorkerProcess } from '../helpers/cluster.js';

describe('setLongTimeout', () => {
  it('waits out a delay past 2^31 ms in slices, and fires once at the end', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      let fired = 0;
      setLongTimeout(
        () => {
          fired++;
        },
        3 * MAX_TIMER_MS + 5,
      );
      mock.timers.tick(1);
      assert.equal(fired, 0, 'fired at once, as a clamped setTimeout does');
      mock.timers.tick(3 * MAX_TIMER_MS);
      assert.equal(fired, 0);
      mock.timers.tick(4);
      assert.equal(fired, 1);
      mock.timers.tick(10 * MAX_TIMER_MS);
      assert.equal(fired, 1);
    } finally {
      mock.timers.reset();
    }
  });

  it('never fires for Infinity; clear() stops it', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      let fired = 0;
      setLongTimeout(() => {
        fired++;
      }, Infinity);
      const t = setLongTimeout(() => {
        fired++;
      }, 2 ** 40);
      mock.timers.tick(2 ** 39);
      t.clear();
      mock.timers.tick(2 ** 41);
      assert.equal(fired, 0);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('DistributedExecutor with timeouts of 2^31 ms and more', { skip: skipWithoutRedis(), timeout: 60_000 }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  const queue = queueName('long');

  before(async () => {
    ({ redis, workers, ex } = await startCluster({ queue }));
  });
  after(() => stopCluster({ redis, workers, ex }));

  for (const timeoutMs of [2 ** 31, 2 ** 31 + 1, Number.MAX_SAFE_INTEGER]) {
    it(`a job with timeoutMs ${timeoutMs} runs to its end`, async () => {
      assert.equal(await ex.withOptions({ timeoutMs }).submit('nap', 300, undefined, 'slept'), 'slept');
    });
  }

  it('a job timeoutMs of Infinity is refused clearly (omit it for no limit)', () => {
    assert.throws(() => ex.withOptions({ timeoutMs: Infinity }), /timeoutMs must be an integer/);
  });

  for (const timeoutMs of [Infinity, 2 ** 31, 2 ** 53]) {
    it(`map with timeoutMs ${timeoutMs} yields every result`, async () => {
      const out: unknown[] = [];
      for await (const v of ex.map('square', [1, 2, 3], { timeoutMs })) out.push(v);
      assert.deepEqual(out, [1, 4, 9]);
    });
  }
});
