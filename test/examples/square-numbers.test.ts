// examples/square-numbers.mjs: the same CPU-bound sum on the main thread, on processes, on threads and in
// the native kernels; every way must print the exact total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { info } from '@multicore-js/multicore';
import { runExample, explain, isCI } from './run-example.js';

const EXACT = ((12_000_000 / 1000) * 332_833_500).toLocaleString('en-US');

test('square-numbers: every strategy computes the exact sum', async () => {
  const run = await runExample('square-numbers.mjs');
  assert.equal(run.code, 0, explain(run));
  const rows = run.lines.filter((l) => / ms {3}sum /.test(l));
  for (const r of rows) assert.ok(r.endsWith(`sum ${EXACT} ok`), r);
  const labels = rows.map((r) => r.trim().split(/\s{2,}/)[0]);
  const { cores, backends } = info();
  const want = [
    'main thread, one JS loop',
    `ProcessPoolExecutor, ${cores} processes (cold)`,
    `ProcessPoolExecutor, ${cores} processes (warm)`,
    `ThreadPoolExecutor, ${cores} threads (cold)`,
    `ThreadPoolExecutor, ${cores} threads (warm)`,
  ];
  for (const b of ['cpp', 'rust'] as const) {
    if (backends[b].available) want.push(`native sumSquares, ${b}, ${cores} threads`, `native square, ${b}, ${cores} threads`);
    else assert.ok(!isCI, `CI must build the ${b} backend`);
  }
  assert.deepEqual(labels.sort(), want.sort(), explain(run));
  assert.equal(run.lines.at(-1), 'Completed: every way computed the exact sum.');
});
