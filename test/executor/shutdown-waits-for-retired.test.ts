// shutdown() waits for a worker retired by maxTasksPerWorker even after the pool has nothing left to
// run: such a worker must stay ref'd until its exit is reported. When the last task settled, the pool
// used to unref every worker, retiring ones included, and a script awaiting shutdown() at top level
// ended early with exit code 13 (seen in CI with processes; with threads it is deterministic: the
// retired thread lingers while its task's timer runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/executor/retired-worker-lingers.mjs', import.meta.url));

function run(kind: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, kind], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test('ThreadPoolExecutor: shutdown() waits for a retired thread that lingers', { timeout: 30_000 }, async () => {
  const r = await run('thread');
  assert.equal(r.code, 0, `exit code (13: the process ended while shutdown() was pending)\n${r.stderr}`);
  assert.equal(r.stdout.trim(), 'shutdown done: lingering, quick, waited for the lingering worker');
});

test('ProcessPoolExecutor: shutdown() after a retired worker resolves and the script ends normally', { timeout: 30_000 }, async () => {
  // A retired process exits once its output is written, without waiting for timers, so it does not
  // linger here; the run checks the same path end to end.
  const r = await run('process');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^shutdown done: lingering, quick, waited /);
});
