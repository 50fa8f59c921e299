// The distributed workload of `multicore bench`: jobs through BullMQ to real `multicore worker`
// processes, one worker vs four, next to a local ThreadPoolExecutor; every result checked. With a
// private redis-server it starts itself, with one given by --redis, and skipped (with the reason)
// where redis-server is not installed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { runCli, tempDir } from './helpers.js';

const skip = skipWithoutRedis();

function distributedReport(file: string) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(report.workloads.length, 1);
  const w = report.workloads[0];
  assert.equal(w.name, 'distributed');
  assert.equal(w.group, 'distributed');
  assert.equal(w.baseline, 'local-thread-submit');
  return w;
}

describe('multicore bench --only distributed', { skip, timeout: 240_000 }, () => {
  it('starts a private redis-server and workers, checks every result, and reports per-job cost and scaling', async () => {
    const out = join(tempDir(), 'd.json');
    const r = await runCli(['bench', '--quick', '--only', 'distributed', '--json', out], { timeoutMs: 200_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Distributed \(BullMQ on Redis/);
    assert.match(r.stdout, /jobs\/s/);
    const w = distributedReport(out);
    assert.equal(w.params.redis, 'private redis-server');
    const rows = w.results.map((x: any) => `${x.strategy}×${x.threads}:${x.status}`);
    assert.deepEqual(rows, ['local-thread-submit×1:ok', 'dist-submit×1:ok', 'dist-submit×4:ok', 'dist-map×1:ok']);
    for (const row of w.results) {
      assert.ok(row.perTaskUs > 0 && Number.isFinite(row.perTaskUs), `${row.strategy} perTaskUs`);
      assert.ok(row.speedup > 0, `${row.strategy} speedup`);
      assert.ok(row.stats.samples >= 3, `${row.strategy} samples`);
    }
    assert.equal(w.results[0].speedup, 1);
    assert.ok(w.results[2].efficiency > 0, 'four workers have an efficiency over one');
  });

  it('uses the Redis given by --redis, and never writes its URL into the report', async () => {
    const redis = await RedisServer.start();
    try {
      const out = join(tempDir(), 'd.json');
      const r = await runCli(['bench', '--quick', '--only', 'distributed', '--threads', '1', '--redis', redis.url, '--json', out], {
        timeoutMs: 200_000,
      });
      assert.equal(r.code, 0, r.stderr);
      const text = readFileSync(out, 'utf8');
      assert.ok(!text.includes(redis.socket), 'the URL is not in the report');
      const w = distributedReport(out);
      assert.equal(w.params.redis, 'given by --redis');
      assert.equal(w.params.concurrency, 1);
      assert.ok(
        w.results.every((x: any) => x.status === 'ok'),
        JSON.stringify(w.results.map((x: any) => x.reason)),
      );
    } finally {
      await redis.close();
    }
  });
});

it('without redis-server on PATH (and no --redis) the rows are skipped with how to fix it', { timeout: 60_000 }, async () => {
  // A PATH with node on it but no redis-server.
  const bin = mkdtempSync(join(tmpdir(), 'multicore-path-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  const out = join(tempDir(), 'd.json');
  const r = await runCli(['bench', '--quick', '--only', 'distributed', '--json', out], { env: { PATH: bin }, timeoutMs: 50_000 });
  assert.equal(r.code, 0, r.stderr);
  const w = distributedReport(out);
  assert.equal(w.results.length, 4);
  for (const row of w.results) {
    assert.equal(row.status, 'skipped');
    assert.match(row.reason, /redis-server not found on PATH .*apt-get install redis-server.*or pass --redis URL/);
  }
  assert.match(r.stdout, /skipped: redis-server not found/);
});
