// `multicore bench --json -`: the JSON report alone on stdout (pipe it to jq), the table and the
// progress on stderr; the progress counts to exactly the rows the run has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.js';

test('--json - writes only the JSON to stdout; the progress total is the number of rows', { timeout: 180_000 }, async () => {
  // sumSquares has a memory-copy reference measurement besides its rows: it must not count as one.
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares', '--threads', '1', '--no-peers', '--json', '-'], {
    timeoutMs: 170_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout); // throws if anything else reached stdout
  assert.equal(report.tool, 'multicore bench');
  const rows = report.workloads.reduce((n: number, w: { results: unknown[] }) => n + w.results.length, 0);
  assert.ok(rows > 3, `rows: ${rows}`);
  assert.match(r.stderr, new RegExp(`\\n${rows} rows in `), 'the table and the summary went to stderr');
  assert.match(r.stderr, /memory-copy reference: [\d.]+ GB\/s/);
  const steps = [...r.stderr.matchAll(/^\[bench (\d+)\/(\d+)\]/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual(
    steps.map(([n]) => n),
    Array.from({ length: rows }, (_, i) => i + 1),
    'one progress line per row',
  );
  assert.ok(
    steps.every(([, total]) => total === rows),
    `every progress line says /${rows}`,
  );
});

test('no "the seeds" jargon in what users read: bench help, workload descriptions (the HTML report), examples README', async () => {
  const { allWorkloads } = await import('../../src/cli/bench/workloads/index.js');
  const { HELP } = await import('../../src/cli/bench/args.js');
  const { usage } = await import('../../src/cli/main.js');
  const { readFileSync } = await import('node:fs');
  const texts: [string, string][] = [
    ['bench --help', HELP],
    ['multicore --help', usage()],
    ['examples/README.md', readFileSync(new URL('../../examples/README.md', import.meta.url), 'utf8')],
    ...allWorkloads().map((w): [string, string] => [`${w.name} description`, w.description]),
  ];
  // The articles the project grew from, not an RNG seed ('seed 42' is fine).
  for (const [where, text] of texts) assert.doesNotMatch(text, /\bthe seeds?\b|\bseeds'|\bseed's|\bseeds? 0\d\d/i, where);
});
