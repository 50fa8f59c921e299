// Workers start without multicore/sync: it is imported only when a task's arguments hold a sync
// primitive. Here the workers cannot import it at all (a module hook makes dist/sync/* throw): plain
// tasks still run, the executor is not broken, and a task given a Lock fails alone, with the import
// error as its cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/executor/', import.meta.url));

function runFixture(kind: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './break-sync-import.mjs', 'sync-import-fails.mjs', kind],
      { cwd: dir },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

for (const kind of ['thread', 'process']) {
  const name = kind === 'thread' ? 'ThreadPoolExecutor' : 'ProcessPoolExecutor';
  test(`${name}: workers start and run tasks even when multicore/sync cannot be imported in them`, { timeout: 60_000 }, async () => {
    const run = await runFixture(kind);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    assert.equal(report.error, undefined, JSON.stringify(report.error));
    assert.equal(report.plain, 3);
    assert.equal(report.objects, 8);
    assert.equal(report.after, 42);
    assert.equal(report.broken, false);
    if (kind === 'thread') {
      assert.equal(report.lock.error?.name, 'TypeError', JSON.stringify(report.lock));
      assert.match(report.lock.error.message, /sync/);
      assert.equal(report.lock.error.cause, 'multicore/sync failed to load (on purpose)');
    }
  });
}
