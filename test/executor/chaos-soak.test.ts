// Chaos soak (issue 14, 6): each executor gets thousands of tasks with random fates (values, throws,
// process.exit, spins past taskTimeoutMs, out-of-memory, cancels of queued tasks and of tasks at a
// random moment) in a child process (test/fixtures/executor/chaos-soak.mjs), which checks that every
// future settled exactly once with its own fate and that the pool serves afterwards; here we check
// it found nothing wrong and ended on its own (exit code 0, no shutdown() call).
// Seeded: MULTICORE_SOAK_SEED=<n> replays a run; the seed is in every failure message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOST = fileURLToPath(new URL('../fixtures/executor/chaos-soak.mjs', import.meta.url));
const seed = Number(process.env.MULTICORE_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

// Processes: fewer tasks (each exit or OOM costs a process start, slow on a 2-core machine), and the
// out-of-memory fate comes from --max-old-space-size, which process workers inherit from the host.
const RUNS: [kind: string, tasks: number, flags: string[]][] = [
  ['thread', 5_000, []],
  ['process', 2_000, ['--max-old-space-size=96']],
];

for (const [kind, tasks, flags] of RUNS) {
  test(`chaos soak, ${kind} pool: ${tasks} tasks, every future settles once with its own fate (seed ${seed})`, { timeout: 150_000 }, () => {
    const r = spawnSync(process.execPath, [...flags, HOST, kind, String(tasks), String(seed)], { encoding: 'utf8', timeout: 140_000 });
    const where = `seed ${seed} (replay: MULTICORE_SOAK_SEED=${seed})\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-4000)}`;
    // a process worker outliving the host holds its stdout open: spawnSync then waits for its timeout
    assert.equal(r.error, undefined, `the soak host or one of its workers outlived 140 s: ${where}`);
    assert.equal(r.signal, null, `the soak host did not end on its own: ${where}`);
    assert.equal(r.status, 0, where);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.deepEqual(report.problems, [], where);
    assert.equal(report.N, tasks);
    assert.ok(report.crashedWorkers > 0, `crashes happened: ${where}`);
  });
}
