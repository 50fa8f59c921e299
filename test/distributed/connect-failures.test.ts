// Redis that cannot be used must fail fast and clearly, never hang: a client with a wrong password
// (or none) fails its futures at once with RedisConnectionError; an unreachable Redis fails them after
// `connectTimeoutMs`. `multicore worker` says "cannot reach Redis at …" once per window (not 18 lines in
// 10 s), exits 1 after --connect-timeout, exits 1 at once on a refused password, and a --tasks file that
// does not load is one line, not a stack trace.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { DistributedExecutor, RedisConnectionError } from '@multicore-js/multicore';
import { RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { bin, tasksModule, queueName } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

/** Runs `multicore worker …`; kills it after `killAfterMs` (a hang). */
function worker(args: string[], killAfterMs: number): Promise<{ code: number | null; err: string; ms: number; killed: boolean }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, [bin, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err += d;
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, killAfterMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, err, ms: Date.now() - t0, killed });
    });
  });
}

async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('resolved, expected a rejection');
}

describe('Redis that cannot be used', { skip, timeout: 90_000 }, () => {
  let redis: RedisServer;
  const missing = '/nonexistent/multicore-test/redis.sock';
  before(async () => {
    redis = await RedisServer.start({ requirePass: 'right' });
  });
  after(async () => {
    await redis?.close();
  });

  for (const [why, password] of [
    ['a wrong password', 'wrong'],
    ['no password', undefined],
  ] as const) {
    it(`a client with ${why} fails its futures at once with RedisConnectionError`, async () => {
      const ex = new DistributedExecutor({
        connection: { path: redis.socket, ...(password ? { password } : {}) },
        queue: queueName('auth'),
        connectTimeoutMs: 60_000,
      });
      const t0 = Date.now();
      const err = await rejection(ex.submit('square', 3));
      assert.ok(err instanceof RedisConnectionError, String(err));
      assert.match((err as Error).message, /refused the credentials/);
      assert.ok(Date.now() - t0 < 30_000, 'not at once: it waited for the connect timeout');
      // Later submissions fail the same way, and shutdown settles.
      assert.ok((await rejection(ex.submit('square', 4))) instanceof RedisConnectionError);
      await ex.shutdown();
    });
  }

  it('a client of an unreachable Redis fails its futures after connectTimeoutMs, saying where', async () => {
    const ex = new DistributedExecutor({ connection: { path: missing }, queue: queueName('unreach'), connectTimeoutMs: 500 });
    const err = await rejection(ex.submit('square', 3));
    assert.ok(err instanceof RedisConnectionError, String(err));
    assert.match((err as Error).message, new RegExp(`cannot reach Redis at unix:${missing} within 500 ms`));
    await ex.shutdown();
  });

  it('the right password still works', async () => {
    const ex = new DistributedExecutor({
      connection: { path: redis.socket, password: 'right' },
      queue: queueName('ok'),
      connectTimeoutMs: 500,
    });
    // No worker serves this queue: the job is queued, which is all that needs Redis.
    const f = ex.submit('square', 3);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(f.done(), false);
    f.cancel();
    await ex.shutdown();
  });

  it('multicore worker with an unreachable Redis says so once per window and exits 1 after --connect-timeout', async () => {
    const r = await worker(['--connection', `unix://${missing}`, '--tasks', tasksModule, '--connect-timeout', '6000'], 40_000);
    assert.equal(r.killed, false, `still running after 40 s:\n${r.err}`);
    assert.equal(r.code, 1, r.err);
    const lines = r.err.trim().split('\n');
    assert.ok(
      lines.every((l) => l.includes(`cannot reach Redis at unix:${missing}`)),
      r.err,
    );
    // 6 s of retries: at most one line per 5 s window, and the last one says it gave up.
    assert.ok(lines.length <= 3, `${lines.length} lines:\n${r.err}`);
    assert.match(lines.at(-1)!, /within 6000 ms.*exiting/);
  });

  it('multicore worker with a wrong password exits 1 at once', async () => {
    const r = await worker(
      ['--connection', `unix://:wrong@localhost${redis.socket}`, '--tasks', tasksModule, '--connect-timeout', '60000'],
      40_000,
    );
    assert.equal(r.killed, false, `still running after 40 s:\n${r.err}`);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /refused the credentials/);
  });

  it('a --tasks file that does not exist is one line, not a stack trace', async () => {
    const r = await worker(['--connection', `unix://${redis.socket}`, '--tasks', './no/such/tasks.mjs'], 40_000);
    assert.notEqual(r.code, 0);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /cannot load task module '\.\/no\/such\/tasks\.mjs'/);
  });
});
