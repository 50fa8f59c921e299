// `--quick --only sumSquares --json FILE` writes a schemaVersion 1 report whose numbers are real.
// The schema is checked here independently of the bench's own validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { info } from '@multicore-js/multicore';
import { runCli, tempDir } from './helpers.js';

const positive = (v: unknown, what: string) => assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${what} = ${v}`);
const nonNegative = (v: unknown, what: string) => assert.ok(typeof v === 'number' && Number.isFinite(v) && v >= 0, `${what} = ${v}`);

test('--quick --only sumSquares --json: a valid report with real numbers', { timeout: 180_000 }, async () => {
  const out = join(tempDir(), 'out.json');
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares', '--json', out], { timeoutMs: 170_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /sumSquares\s+JS main thread/);
  assert.match(r.stdout, /memory copy/);

  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.tool, 'multicore bench');
  assert.ok(!Number.isNaN(Date.parse(report.createdAt)));
  assert.equal(report.failures, 0);
  positive(report.durationMs, 'durationMs');
  assert.deepEqual(report.options.only, ['sumSquares']);
  assert.equal(report.options.quick, true);

  const i = info();
  assert.equal(report.machine.cores, i.cores);
  assert.equal(report.machine.node, process.versions.node);
  assert.ok(Array.isArray(report.machine.simd));
  for (const b of ['js', 'workers', 'cpp', 'rust']) assert.equal(report.machine.backends[b].available, i.backends[b as 'js'].available, b);

  assert.equal(report.workloads.length, 1);
  const w = report.workloads[0];
  assert.equal(w.name, 'sumSquares');
  assert.equal(w.group, 'cpu');
  assert.equal(w.baseline, 'js');
  positive(w.params.n, 'params.n');
  positive(w.memcpyGBps, 'memcpyGBps');

  const js = w.results.find((row: any) => row.strategy === 'js');
  assert.equal(js.status, 'ok');
  assert.equal(js.speedup, 1);
  for (const row of w.results) {
    const at = `${row.strategy}×${row.threads}`;
    assert.ok(['ok', 'skipped', 'failed'].includes(row.status), at);
    assert.ok(Number.isInteger(row.threads) && row.threads >= 1, at);
    if (row.status !== 'ok') {
      assert.equal(row.status, 'skipped', `${at}: ${row.reason}`);
      assert.ok(typeof row.reason === 'string' && row.reason.length > 0, `${at} has a reason`);
      continue;
    }
    const s = row.stats;
    positive(s.medianMs, `${at} medianMs`);
    assert.ok(s.minMs <= s.medianMs && s.medianMs <= s.maxMs, `${at} min ≤ median ≤ max`);
    nonNegative(s.madMs, `${at} madMs`);
    assert.ok(s.samples >= 3, `${at} samples`);
    positive(row.speedup, `${at} speedup`);
    assert.ok(Math.abs(row.speedup - js.stats.medianMs / s.medianMs) < 1e-9, `${at} speed-up is the ratio of medians`);
    positive(row.gbPerSec, `${at} gbPerSec`);
    assert.ok(Math.abs(row.gbPerSec - (8 * w.params.n) / (s.medianMs / 1000) / 1e9) < 1e-9, `${at} GB/s from bytes and median`);
    for (const k of ['maxMs', 'p99Ms', 'meanMs']) nonNegative(row.eventLoop[k], `${at} eventLoop.${k}`);
    if (row.threads > 1 && w.results.some((o: any) => o.strategy === row.strategy && o.threads === 1 && o.status === 'ok'))
      positive(row.efficiency, `${at} efficiency`);
  }
  // Each available native backend ran, at 1 thread and all cores.
  for (const b of ['cpp', 'rust']) {
    const rows = w.results.filter((row: any) => row.strategy === b);
    assert.ok(rows.length >= 1);
    for (const row of rows) assert.equal(row.status, i.backends[b as 'cpp'].available ? 'ok' : 'skipped', `${b}×${row.threads}`);
  }
});
