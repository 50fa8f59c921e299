// A task's console.log output is not lost when its worker ends: shutdown() (and a worker retired by
// maxTasksPerWorker) lets each worker exit on its own, so what it printed reaches the parent's stdout
// before shutdown() resolves. (Worker-thread stdout is forwarded asynchronously; terminate() drops it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/executor/print-then-shutdown.mjs', import.meta.url));
const TASKS = 8;
const LINES = 500;

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SCRIPT, ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

function check(run: { code: number | null; stdout: string; stderr: string }): void {
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  const last = lines.pop();
  assert.equal(last, 'shutdown done', 'every task line is printed before shutdown() resolves');
  assert.equal(lines.length, TASKS * LINES, `printed ${lines.length} of ${TASKS * LINES} lines`);
  for (let t = 0; t < TASKS; t++) {
    const mine = lines.filter((l) => l.startsWith(`task ${t} `));
    assert.deepEqual(
      mine,
      Array.from({ length: LINES }, (_, i) => `task ${t} line ${i}`),
    );
  }
}

for (const kind of ['thread', 'process']) {
  const name = kind === 'thread' ? 'ThreadPoolExecutor' : 'ProcessPoolExecutor';
  test(`${name}: every line tasks print reaches stdout before shutdown() resolves`, { timeout: 60_000 }, async () => {
    check(await runScript([kind, String(TASKS), String(LINES)]));
  });

  test(`${name}: workers retired by maxTasksPerWorker lose no output either`, { timeout: 60_000 }, async () => {
    check(await runScript([kind, String(TASKS), String(LINES), '1']));
  });
}
