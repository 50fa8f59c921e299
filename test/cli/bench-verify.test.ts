// Every figure is checked: a strategy whose result differs from the reference fails the bench
// loudly (exit 1, the row named on stderr), shown with test/fixtures/cli/bench-inject.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchInject, runCli, tempDir } from './helpers.js';

for (const workload of ['sumSquares', 'square']) {
  test(`a wrong result in ${workload} fails the run`, { timeout: 120_000 }, async () => {
    const out = join(tempDir(), 'wrong.json');
    const r = await runCli(['wrong-result', '--quick', '--only', workload, '--threads', '1', '--json', out], {
      script: benchInject,
      timeoutMs: 110_000,
    });
    assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
    assert.match(r.stderr, /multicore bench: FAILED — 1 result\(s\) did not match the reference/);
    assert.match(r.stderr, new RegExp(`${workload} · injected wrong result \\(test hook\\) ×1: result differs from the reference: `));
    assert.match(r.stdout, /injected wrong result \(test hook\)\s+1\s+FAILED/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.failures, 1);
    const rows = report.workloads[0].results;
    const wrong = rows.find((row: { strategy: string }) => row.strategy === 'injected-wrong');
    assert.equal(wrong.status, 'failed');
    assert.equal(wrong.stats, undefined, 'a wrong result has no time');
    assert.equal(rows.find((row: { strategy: string }) => row.strategy === 'js').status, 'ok', 'the right ones still count');
  });
}

test('without the hook the same run passes', { timeout: 120_000 }, async () => {
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares', '--threads', '1'], { timeoutMs: 110_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /injected/);
});
