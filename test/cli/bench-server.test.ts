// `multicore bench --quick --only server`: every strategy's server process under load, with real,
// verified numbers in the table, the JSON and the HTML report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

const positive = (v: unknown, what: string) => assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${what} = ${v}`);

test('--quick --only server: an idle row and one row per strategy, every CPU response verified', { timeout: 240_000 }, async () => {
  const dir = tempDir();
  const json = join(dir, 'out.json');
  const html = join(dir, 'out.html');
  const r = await runCli(['bench', '--quick', '--only', 'server', '--threads', '2', '--json', json, '--html', html], {
    timeoutMs: 230_000,
  });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /Embedding in a server/);
  assert.match(r.stdout, /CPU req\/s/);

  const report = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(report.failures, 0);
  assert.equal(report.workloads.length, 1);
  const w = report.workloads[0];
  assert.equal(w.name, 'server');
  assert.equal(w.group, 'server');
  const byId = new Map<string, any>(w.results.map((row: any) => [row.strategy, row]));
  assert.deepEqual([...byId.keys()], ['idle', 'inline', 'piscina', 'thread-submit', 'workers', 'auto', 'wasm']);

  const idle = byId.get('idle');
  assert.equal(idle.status, 'ok', idle.reason);
  assert.equal(idle.server.cpuReqPerSec, undefined, 'the idle row loads no CPU endpoint');
  positive(idle.server.healthP99Ms, 'idle /health p99');

  for (const id of ['inline', 'piscina', 'thread-submit', 'workers', 'auto']) {
    const row = byId.get(id);
    assert.equal(row.status, 'ok', `${id}: ${row.reason}`);
    const s = row.server;
    positive(s.cpuReqPerSec, `${id} cpuReqPerSec`);
    positive(s.checksumsVerified, `${id} checksumsVerified`);
    positive(s.serverCpuMsPerRequest, `${id} serverCpuMsPerRequest`);
    // Requests per second is what was verified over the load's duration.
    assert.ok(Math.abs(s.cpuReqPerSec * s.durationS - s.checksumsVerified) < 1e-6, id);
    positive(s.healthProbes, `${id} healthProbes`);
    assert.ok(
      s.healthP50Ms > 0 && s.healthP99Ms >= s.healthP50Ms && s.healthMaxMs >= s.healthP99Ms,
      `${id} /health percentiles ${JSON.stringify(s)}`,
    );
    positive(s.healthIdleP99Ms, `${id} healthIdleP99Ms`);
    assert.ok(Math.abs(s.healthP99VsIdle - s.healthP99Ms / s.healthIdleP99Ms) < 1e-9, `${id} healthP99VsIdle`);
    // Against piscina at the same thread count (inline runs at 1 thread only, piscina here at 2).
    if (id !== 'inline') positive(s.reqPerSecVsPiscina, `${id} reqPerSecVsPiscina`);
    assert.ok(row.eventLoop.maxMs >= 0, `${id} server event loop`);
    positive(row.stats.medianMs, `${id} CPU latency median`);
  }
  assert.equal(byId.get('piscina').server.reqPerSecVsPiscina, 1);
  assert.equal(byId.get('thread-submit').threads, 2);
  assert.equal(byId.get('inline').threads, 1);
  // The wasm row runs where the wasm build is present, and says why not otherwise.
  const wasm = byId.get('wasm');
  assert.ok(wasm.status === 'ok' || (wasm.status === 'skipped' && wasm.reason), JSON.stringify(wasm));

  const page = readFileSync(html, 'utf8');
  assert.match(page, /data-workload="server"/);
  assert.match(page, /CPU endpoint requests per second/);
  assert.match(page, /server CPU time per request/);
  assert.match(page, /\/health p99 loaded \/ the same server idle just before/);
  assert.match(page, /\/health p99 latency while the CPU endpoint is saturated/);
});
