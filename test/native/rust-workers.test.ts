// multicore_rust.node is context-aware: it loads and works in several worker threads at once,
// and a worker that exits mid-call (process.exit or terminate) does not crash the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const { skip, addonPath: addonUrl } = loadRawAddon('rust');
const addonPath = fileURLToPath(addonUrl);

function worker(source: string): Worker {
  return new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.addonPath);
${source}`,
    { eval: true, workerData: { addonPath } },
  );
}

function exitOf(w: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    w.once('exit', resolve);
    w.once('error', reject);
  });
}

test('rust: used from 4 worker threads at once (and the main thread)', { skip }, async () => {
  const workers = Array.from({ length: 4 }, (_, i) =>
    worker(`
(async () => {
  const x = new Float64Array(200000).map((_, j) => j % 11);
  const results = await Promise.all([addon.countPrimes(1e6, 2), addon.sumSquares(x, 3), addon.monteCarloPi(1e6, ${i}, 2)]);
  parentPort.postMessage([...results, addon.sumSquaresSync(x, 2)]);
})().catch((e) => { parentPort.postMessage(String(e)); });`),
  );
  const exits = workers.map(exitOf);
  const messages = await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const codes = await Promise.all(exits);
  for (const [i, m] of messages.entries()) {
    const [primes, sum, inside, sumSync] = m as number[];
    assert.equal(primes, 78498, `worker ${i}: ${String(m)}`);
    assert.equal(sum, sumSync);
    assert.ok(Math.abs((4 * inside) / 1e6 - Math.PI) < 0.01);
  }
  assert.deepEqual(codes, [0, 0, 0, 0]);
});

test('rust: a worker exiting mid-call (process.exit) does not crash the process', { skip }, async () => {
  const w = worker(`
const x = new Float64Array(1 << 22).fill(1.5);
addon.sort(x, 2);
addon.monteCarloPi(2 ** 50, 0, 2);
addon.countPrimes(1e12, 2);
setTimeout(() => process.exit(7), 30);`);
  assert.equal(await exitOf(w), 7);
});

test('rust: a worker terminated mid-call does not crash the process, and the addon still works', { skip }, async () => {
  for (let round = 0; round < 3; round++) {
    const w = worker(`
const out = new Float64Array(1 << 22);
addon.square(new Float64Array(1 << 22).fill(2), out, 2);
addon.monteCarloPi(2 ** 50, 0, 2);
parentPort.postMessage('started');`);
    await new Promise((resolve) => w.once('message', resolve));
    await w.terminate();
  }
  const w = worker(`addon.countPrimes(1e5, 2).then((n) => parentPort.postMessage(n));`);
  const exit = exitOf(w);
  assert.equal(await new Promise((resolve) => w.once('message', resolve)), 9592);
  assert.equal(await exit, 0);
});
