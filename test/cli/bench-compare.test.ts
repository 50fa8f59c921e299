// `--compare A.json B.json`: B's median over A's for every row in common.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

function stats(medianMs: number) {
  return { medianMs, meanMs: medianMs, minMs: medianMs * 0.9, maxMs: medianMs * 1.1, madMs: 0.1, rmePct: 1, samples: 5 };
}

function report(createdAt: string, rows: [string, number, number][], extraWorkload = false) {
  const row = ([strategy, threads, medianMs]: [string, number, number]) => ({
    strategy,
    label: strategy === 'js' ? 'JS main thread' : strategy,
    threads,
    status: 'ok',
    stats: stats(medianMs),
    eventLoop: { maxMs: 1, p99Ms: 1, meanMs: 0.5 },
  });
  const workloads = [
    { name: 'sumSquares', group: 'cpu', description: 'Σ x²', params: { n: 1000 }, baseline: 'js', results: rows.map(row) },
  ];
  if (extraWorkload)
    workloads.push({ name: 'sort', group: 'cpu', description: 'sort', params: { n: 10 }, baseline: 'js', results: [row(['js', 1, 5])] });
  return {
    schemaVersion: 1,
    tool: 'multicore bench',
    createdAt,
    failures: 0,
    durationMs: 1000,
    options: { quick: true, size: 'small', scale: 0.125, threads: [1, 2], only: null },
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      simd: [],
      platform: 'linux',
      arch: 'x64',
      node: '20.0.0',
      v8: '11',
      multicore: '0.1.0',
      backends: { js: { available: true } },
    },
    workloads,
  };
}

test('ratios B/A per row, a verdict, and the geometric mean', async () => {
  const dir = tempDir();
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(
    a,
    JSON.stringify(
      report('2024-01-01T00:00:00Z', [
        ['js', 1, 10],
        ['cpp', 1, 4],
        ['cpp', 2, 2],
      ]),
    ),
  );
  writeFileSync(
    b,
    JSON.stringify(
      report(
        '2024-01-02T00:00:00Z',
        [
          ['js', 1, 20],
          ['cpp', 1, 4],
          ['cpp', 2, 1],
          ['rust', 2, 3],
        ],
        true,
      ),
    ),
  );
  const r = await runCli(['bench', '--compare', a, b]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /sumSquares\s+JS main thread\s+1\s+10\.0 ms\s+20\.0 ms\s+2\.000\s+B 2\.00× slower/);
  assert.match(r.stdout, /sumSquares\s+cpp\s+1\s+4\.00 ms\s+4\.00 ms\s+1\.000\s+same/);
  assert.match(r.stdout, /sumSquares\s+cpp\s+2\s+2\.00 ms\s+1\.00 ms\s+0\.500\s+B 2\.00× faster/);
  assert.doesNotMatch(r.stdout, /rust|sort/, 'rows only one run has are left out');
  assert.match(r.stdout, /3 rows in common; geometric mean of B\/A 1\.000/);
});

test('a report with another schemaVersion is refused with exit 2', async () => {
  const dir = tempDir();
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, JSON.stringify(report('2024-01-01T00:00:00Z', [['js', 1, 10]])));
  writeFileSync(b, JSON.stringify({ ...report('2024-01-01T00:00:00Z', [['js', 1, 10]]), schemaVersion: 2 }));
  const r = await runCli(['bench', '--compare', a, b]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /schemaVersion is 2, expected 1/);
});
