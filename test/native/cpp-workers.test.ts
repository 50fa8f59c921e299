// multicore_cpp.node in worker threads: one addon instance per context, all sharing the native
// pool; a worker that exits (terminate or process.exit) with a call in flight cancels it cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { Worker } from 'node:worker_threads';

const { addon, skip, addonPath } = loadRawAddon('cpp');

function worker(body: string): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const addon = require(${JSON.stringify(addonPath.pathname)});
    ${body}`;
  return new Worker(code, { eval: true });
}

function message(w: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

function exited(w: Worker): Promise<number> {
  return new Promise((resolve) => w.once('exit', resolve));
}

test('four worker threads use the addon at once', { skip }, async () => {
  const workers = Array.from({ length: 4 }, (_, i) =>
    worker(`
    (async () => {
      const x = new Float64Array(200000).fill(${i + 1});
      const results = await Promise.all([
        addon.countPrimes(2e6, 2),
        addon.sumSquares(x, 2),
        addon.monteCarloPi(2 ** 21, ${i}, 3),
      ]);
      results.push(addon.sumSquaresSync(x, 2));
      parentPort.postMessage(results);
    })();`),
  );
  const results = (await Promise.all(workers.map(message))) as number[][];
  const main = await Promise.all([0, 1, 2, 3].map((i) => addon.monteCarloPi(2 ** 21, i, 1)));
  results.forEach((r, i) => {
    assert.equal(r[0], 148933);
    assert.equal(r[1], 200000 * (i + 1) ** 2);
    assert.equal(r[2], main[i]);
    assert.equal(r[3], r[1]);
  });
  await Promise.all(workers.map((w) => w.terminate()));
});

test('terminating a worker with calls in flight does not crash the process', { skip }, async () => {
  const w = worker(`
    const c = new Int32Array(new SharedArrayBuffer(16));
    addon.countPrimes(2 ** 53 - 1, 2, c).catch(() => {});
    addon.sort(new Float64Array(3e6).map(Math.random), 2).catch(() => {});
    const poll = () => Atomics.load(c, 1) > 0 ? parentPort.postMessage('running') : setTimeout(poll, 1);
    poll();`);
  assert.equal(await message(w), 'running');
  await w.terminate();
  assert.equal(await addon.countPrimes(1e6, 2), 78498);
});

test('a worker calling process.exit mid-call does not crash the process', { skip }, async () => {
  const w = worker(`
    addon.countPrimes(2 ** 53 - 1, 4).catch(() => {});
    setTimeout(() => process.exit(3), 20);`);
  assert.equal(await exited(w), 3);
  assert.equal(addon.sumSquaresSync(new Float64Array([3, 4]), 2), 25);
});

test('workers that load, use and drop the addon repeatedly', { skip }, async () => {
  for (let round = 0; round < 3; round++) {
    const ws = Array.from({ length: 3 }, () =>
      worker(`
      addon.countPrimes(1e5, 2).then((n) => parentPort.postMessage(n));`),
    );
    assert.deepEqual(await Promise.all(ws.map(message)), [9592, 9592, 9592]);
    await Promise.all(ws.map((w) => w.terminate()));
  }
});
