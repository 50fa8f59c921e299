// A task that ignores its signal, cancelled or timed out as the last pending one: every future has
// settled, the script returns without shutdown(), and its worker still spins. The pool keeps Node alive
// until the grace period ends that worker, so the script ends on its own and no process worker outlives
// it (before, the worker was unref'd with the last future and a process worker spun on, orphaned).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOST = fileURLToPath(new URL('../fixtures/executor/abandoned-spin.mjs', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const kind of ['thread', 'process']) {
  for (const how of ['cancel', 'timeout']) {
    test(`${kind} pool: a spinning task ${how === 'cancel' ? 'cancelled' : 'timed out'} last is ended by the grace period; nothing outlives the script`, {
      timeout: 60_000,
    }, () => {
      // a worker left spinning would hold the script's stdout open: spawnSync would wait for its timeout
      const r = spawnSync(process.execPath, [HOST, kind, how], { encoding: 'utf8', timeout: 30_000 });
      const where = `stdout: ${r.stdout}\nstderr: ${r.stderr}`;
      const report = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
      const pid = kind === 'process' ? Number(String(report.worker).split(':')[1]) : 0;
      try {
        assert.equal(r.error, undefined, `the script or a worker outlived 30 s: ${where}`);
        assert.deepEqual([r.status, r.signal], [0, null], where);
        assert.equal(report.error, how === 'cancel' ? 'CancelledError' : 'TaskTimeoutError', where);
        if (kind === 'process') assert.equal(alive(pid), false, `process worker ${pid} outlived the script`);
      } finally {
        if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
      }
    });
  }
}
