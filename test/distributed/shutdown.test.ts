// shutdown(): no new work, cancelFutures cancels what is queued, every connection closes (a process that
// used an executor exits by itself). A worker on SIGTERM finishes its running job, then exits 0.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DistributedExecutor, CancelledError, ExecutorShutdownError } from '@multicore-js/multicore';
import { RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { startWorker, stopWorkers, queueName, root, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
/** Poll every 20 ms; the test's own timeout bounds the wait. */
const poll = { timeoutMs: Infinity, everyMs: 20 };

describe('shutdown', { skip, timeout: 60_000 }, () => {
  let redis: RedisServer;
  let admin: Redis;
  let dir: string;
  const workers: WorkerProcess[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'multicore-shutdown-'));
    redis = await RedisServer.start();
    admin = new Redis({ path: redis.socket });
  });
  after(async () => {
    admin?.disconnect();
    await stopWorkers(workers);
    await redis?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const clients = async () =>
    String(await admin.client('LIST'))
      .trim()
      .split('\n').length;

  it('closes every connection it opened', async () => {
    const queue = queueName('conns');
    workers.push(await startWorker({ url: redis.url, queue, concurrency: 1 }));
    const before = await clients();
    const ex = new DistributedExecutor({ connection: redis.connection, queue });
    assert.equal(await ex.submit('square', 4), 16);
    assert.ok((await clients()) > before);
    await ex.shutdown();
    await until(async () => (await clients()) === before, poll);
    assert.throws(() => ex.submit('square', 1), ExecutorShutdownError);
    assert.throws(() => ex.map('square', [1]), ExecutorShutdownError);
  });

  it('lets a process that used an executor exit by itself', async () => {
    const queue = queueName('exit');
    workers.push(await startWorker({ url: redis.url, queue, concurrency: 1 }));
    const child = spawn(process.execPath, [join(root, 'test/fixtures/distributed/client-exits.mjs'), redis.socket, queue], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.equal(out.trim(), 'result 81');
  });

  it('cancelFutures cancels queued jobs; wait resolves when all settled', async () => {
    const queue = queueName('cancelall'); // no worker: everything stays queued
    const ex = new DistributedExecutor({ connection: redis.connection, queue });
    const fs = Array.from({ length: 5 }, (_, i) => ex.submit('square', i));
    await ex.shutdown({ cancelFutures: true });
    for (const f of fs) {
      assert.equal(f.cancelled(), true);
      await assert.rejects(f, CancelledError);
    }
  });

  it('Symbol.asyncDispose waits for pending work', async () => {
    const queue = queueName('dispose');
    workers.push(await startWorker({ url: redis.url, queue, concurrency: 1 }));
    const ex = new DistributedExecutor({ connection: redis.url, queue });
    const f = ex.submit('add', 20, 22);
    await ex[Symbol.asyncDispose]();
    assert.equal(f.done(), true);
    assert.equal(await f, 42);
  });

  it('a worker on SIGTERM finishes its running job, then exits 0', async () => {
    const queue = queueName('sigterm');
    const w = await startWorker({ url: redis.url, queue, concurrency: 1 });
    const ex = new DistributedExecutor({ connection: redis.connection, queue });
    try {
      const log = join(dir, 'sigterm.log');
      const gate = join(dir, 'sigterm.gate');
      // The job runs until the gate opens, so it is surely still running when SIGTERM is handled.
      const f = ex.submit('waitForFile', gate, log, 'g');
      await until(() => read(log).includes('start g'), poll);
      w.kill('SIGTERM');
      await until(() => /SIGTERM: finishing 1 running job/.test(w.log()), poll);
      assert.equal(w.proc.exitCode, null, 'still running its job');
      writeFileSync(gate, '');
      assert.equal(await f, 'g');
      assert.equal(await w.exited, 0);
    } finally {
      await ex.shutdown({ cancelFutures: true });
    }
  });
});
