// The server workload's load counts a CPU response whose checksum is wrong: a server that answers
// wrongly cannot post a throughput figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCpuEndpoint, probeHealth } from '../../src/cli/bench/server/load.js';

test('loadCpuEndpoint: right and wrong checksums are told apart, /health probes are answered', { timeout: 60_000 }, async () => {
  const expected = [11, 22, 33, 44];
  // Tile 2 is answered with a wrong checksum; the others right.
  const server = createServer((req, res) => {
    if (req.url === '/health') return void res.end('{"ok":true}');
    const k = Number(/k=(\d+)/.exec(req.url ?? '')![1]);
    res.end(`${k} ${k === 2 ? 0 : expected[k]}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const [cpu, health] = await Promise.all([
      loadCpuEndpoint(port, expected, { connections: 2, durationS: 1 }),
      probeHealth(port, { ratePerSec: 20, durationS: 1 }),
    ]);
    assert.ok(cpu.verified > 0, `verified ${cpu.verified}`);
    assert.ok(cpu.mismatches > 0, `mismatches ${cpu.mismatches}`);
    // Requests cycle over the four tiles: about one in four is wrong.
    assert.ok(cpu.mismatches < cpu.verified, `${cpu.mismatches} wrong vs ${cpu.verified} right`);
    assert.equal(cpu.errors, 0);
    assert.equal(health.sent, 20);
    assert.equal(health.latenciesMs.length, 20);
    assert.equal(health.errors, 0);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
