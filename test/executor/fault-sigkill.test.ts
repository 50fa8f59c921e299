// SIGKILL on a process worker mid-task: that task fails with WorkerCrashedError(signal 'SIGKILL'); the rest complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessPoolExecutor, WorkerCrashedError } from '@multicore-js/multicore';
import { task, until } from './helpers.js';

test('ProcessPoolExecutor: a worker killed by SIGKILL fails only its running task', { timeout: 30_000 }, async () => {
  await using ex = new ProcessPoolExecutor({ maxWorkers: 1 });
  const who = await ex.submit<string>(task('whoami'));
  const pid = Number(who.split(':')[1]);
  const victim = ex.submit(task('sleep'), 10_000, 'never');
  const queued = [1, 2, 3].map((x) => ex.submit(task('double'), x));
  await until(() => victim.running());
  process.kill(pid, 'SIGKILL');
  const err = await victim.exception();
  assert.ok(err instanceof WorkerCrashedError, String(err));
  assert.equal(err.signal, 'SIGKILL');
  assert.equal(err.exitCode, null);
  assert.match(err.message, /killed by signal SIGKILL/);
  assert.deepEqual(await Promise.all(queued), [2, 4, 6]);
  assert.notEqual(await ex.submit(task('whoami')), who);
});
