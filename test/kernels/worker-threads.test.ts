// The addons are context-aware: four worker threads use them at once, each with its own
// instance, and unload cleanly as the workers exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { sumSquaresSync } from '@multicore-js/multicore';
import { nativeBackendsHere } from '../helpers/backends.js';
import { randomFloat64 } from '../helpers/random.js';

const code = `
const { parentPort, workerData } = require('node:worker_threads');
import('@multicore-js/multicore').then(async ({ sumSquares, sumSquaresSync, countPrimes }) => {
  const x = new Float64Array(workerData.x);
  const results = [];
  for (let i = 0; i < 5; i++) results.push(await sumSquares(x, { backend: workerData.backend, threads: 2 }));
  results.push(sumSquaresSync(x, { backend: workerData.backend }));
  parentPort.postMessage({ results, primes: await countPrimes(1e6, { backend: workerData.backend }) });
});
`;

function runWorker(backend: string, x: Float64Array): Promise<{ results: number[]; primes: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { backend, x: x.buffer } });
    let message: { results: number[]; primes: number } | undefined;
    w.on('message', (m) => {
      message = m;
    });
    w.on('error', reject);
    w.on('exit', (codeNumber) => (codeNumber === 0 && message ? resolve(message) : reject(new Error(`exit ${codeNumber}`))));
  });
}

test('four worker threads use each native backend at once', async () => {
  for (const backend of nativeBackendsHere()) {
    const x = randomFloat64(300_000, 11);
    const expected = sumSquaresSync(x, { backend: 'js' });
    const outs = await Promise.all(Array.from({ length: 4 }, () => runWorker(backend, x)));
    for (const out of outs) {
      assert.equal(out.primes, 78_498);
      for (const r of out.results) assert.ok(Object.is(r, expected), `${backend}: ${r} vs ${expected}`);
    }
    // The main thread's instance still works after the workers unloaded theirs.
    assert.ok(Object.is(sumSquaresSync(x, { backend }), expected));
  }
});
