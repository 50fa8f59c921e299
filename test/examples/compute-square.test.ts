// examples/compute-square.mjs: ProcessPoolExecutor.map(computeSquare, [1, 2, 3, 4]) in child processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain } from './run-example.js';

test('compute-square: squares in input order, computed in processes other than the main one', async () => {
  const run = await runExample('compute-square.mjs');
  assert.equal(run.code, 0, explain(run));
  // Each task prints from its own process: all four lines, in any order.
  assert.deepEqual(
    run.lines.filter((l) => l.startsWith('Computing')).sort(),
    [1, 2, 3, 4].map((n) => `Computing square of ${n}`),
  );
  assert.ok(run.lines.includes('Squares: [1, 4, 9, 16]'), explain(run));
  const m = run.stdout.match(/Computed in (\d+) worker process\(es\) \(pids ([\d, ]+)\); this process is (\d+)\./);
  assert.ok(m, explain(run));
  const pids = m[2]!.split(', ').map(Number);
  assert.equal(pids.length, Number(m[1]));
  assert.ok(pids.length >= 1 && !pids.includes(Number(m[3])), 'the work ran outside the main process');
});
