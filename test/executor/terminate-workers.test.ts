// terminateWorkers() / killWorkers(): Python 3.14's ProcessPoolExecutor.terminate_workers() and
// kill_workers(). As in CPython (_force_shutdown), they shut the executor down with cancelFutures and
// stop every worker at once; the tasks those were running fail (BrokenExecutorError, Python's
// BrokenProcessPool), and submit afterwards throws. The cases marked "CPython" are ported from
// Lib/test/test_concurrent_futures/test_process_pool.py (ProcessPoolExecutorTest); here they run on
// both executors (threads are stopped with Worker.terminate()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokenExecutorError, ExecutorShutdownError, ProcessPoolExecutor, WorkerCrashedError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

const FORCE = ['terminateWorkers', 'killWorkers'] as const;

for (const [name, make] of KINDS) {
  for (const how of FORCE) {
    test(`${name}: CPython test_force_shutdown_workers (${how}): a started task never finishes`, { timeout: 60_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mc-force-'));
      const log = join(dir, 'log');
      try {
        const ex = make({ maxWorkers: 1 });
        const f = ex.submit(task('startedThenSleep'), log, 60_000);
        await until(() => {
          try {
            return readFileSync(log, 'utf8') === 'started\n';
          } catch {
            return false;
          }
        }, 30_000);
        await ex[how]();
        const err = await f.exception();
        assert.ok(err instanceof BrokenExecutorError, String(err));
        assert.match((err as Error).message, new RegExp(`${how}\\(\\) stopped its worker`));
        assert.equal(readFileSync(log, 'utf8'), 'started\n', 'the task never reached its end');
        assert.equal(ex.stats().workers, 0, 'every worker has exited');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test(`${name}: CPython test_force_shutdown_workers_dead_workers (${how}): after a crash it does not throw`, {
      timeout: 60_000,
    }, async () => {
      const ex = make({ maxWorkers: 1 });
      await assert.rejects(ex.submit(task('exitWith'), 1).result(), WorkerCrashedError);
      await ex[how]();
    });

    test(`${name}: CPython test_force_shutdown_workers_not_started_yet (${how}): no worker, nothing to do`, async () => {
      const ex = make({ maxWorkers: 1 });
      await ex[how]();
      assert.equal(ex.stats().workers, 0);
    });

    test(`${name}: CPython test_force_shutdown_workers_stops_pool (${how}): submit afterwards throws`, { timeout: 60_000 }, async () => {
      const ex = make({ maxWorkers: 1 });
      assert.equal(await ex.submit(task('sleep'), 0, null), null);
      await ex[how]();
      assert.throws(() => ex.submit(task('sleep'), 0, null), ExecutorShutdownError);
    });

    test(`${name}: ${how} cancels what has not started (shutdown's cancelFutures, as CPython's _force_shutdown)`, {
      timeout: 60_000,
    }, async () => {
      const ex = make({ maxWorkers: 1 });
      const running = ex.submit(task('spinForever'));
      await until(() => running.running());
      const queued = [ex.submit(task('double'), 1), ex.submit(task('double'), 2)];
      await ex[how]();
      assert.deepEqual(
        queued.map((f) => f.cancelled()),
        [true, true],
      );
      await assert.rejects(running.result(), BrokenExecutorError);
      const s = ex.stats();
      assert.equal(s.cancelled, 2);
      assert.equal(s.failed, 1);
      assert.equal(s.crashedWorkers, 0, 'stopped on purpose, not a crash');
    });
  }
}

// CPython test_terminate_workers / test_kill_workers check, with a mock, that the operation is
// TERMINATE or KILL; here that shows as the signal the worker process died of.
for (const [how, signal] of [
  ['terminateWorkers', 'SIGTERM'],
  ['killWorkers', 'SIGKILL'],
] as const) {
  test(`ProcessPoolExecutor: CPython test_${how === 'terminateWorkers' ? 'terminate' : 'kill'}_workers: ${how} sends ${signal}`, {
    timeout: 60_000,
  }, async () => {
    const ex = new ProcessPoolExecutor({ maxWorkers: 1 });
    const f = ex.submit(task('spinForever'));
    await until(() => f.running());
    await ex[how]();
    await assert.rejects(f.result(), { name: 'BrokenExecutorError', message: new RegExp(`killed by signal ${signal}`) });
  });
}
