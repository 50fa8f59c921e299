// examples/celery/run.mjs: a private redis-server, a `multicore worker`, a DistributedExecutor; the results
// the worker sends back are exact. Without redis-server the example says so and exits 0, and this test
// skips; under CI=true redis-server must be there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExample, explain, isCI } from './run-example.js';

const hasRedis = !spawnSync('redis-server', ['--version']).error;
if (!hasRedis && isCI) throw new Error('CI=true but redis-server is not installed (apt-get install redis-server)');

test('celery: tasks run on a multicore worker through Redis, and everything is stopped afterwards', {
  skip: hasRedis ? false : 'redis-server not installed',
  timeout: 150_000,
}, async () => {
  const run = await runExample('celery/run.mjs', { timeoutMs: 120_000 });
  assert.equal(run.code, 0, explain(run));
  const pid = run.stdout.match(/--concurrency 2 \(pid (\d+)\)/)?.[1];
  assert.ok(pid, explain(run));
  assert.match(run.stdout, new RegExp(`yourFunction\\('Celery'\\) -> Hello, Celery! \\(ran in pid ${pid}, thread \\d+, the worker\\)`));
  assert.match(run.stdout, /add\(2, 3\) -> 5\n/);
  assert.match(run.stdout, /primesUpTo\(10,000,000\) -> 664,579\n/);
  assert.match(run.stdout, /map\(wordCount, 3 documents\) -> \[4, 2, 6\]\n/);
  assert.match(run.stdout, /submit\('notATask'\) -> rejected: UnknownTaskError/);
  assert.match(run.stdout, /stopped the worker \(exit 0\) and redis-server; removed (\S+)/);
  // The worker process is gone and the temp dir with the socket was removed.
  assert.throws(() => process.kill(Number(pid), 0), /ESRCH/);
  assert.equal(existsSync(run.stdout.match(/removed (\S+)/)![1]), false);
});

test('celery: without redis-server the example explains and exits 0', async () => {
  // A PATH with nothing on it (the example starts node by its absolute path).
  const empty = mkdtempSync(join(tmpdir(), 'multicore-nopath-'));
  const run = await runExample('celery/run.mjs', { env: { PATH: empty } });
  rmSync(empty, { recursive: true });
  assert.equal(run.code, 0, explain(run));
  assert.match(run.stdout, /redis-server is not installed/);
  assert.match(run.stdout, /apt-get install redis-server/);
});
