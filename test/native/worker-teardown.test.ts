// A worker terminated just as one of its kernel calls completes: the completion lands on a context
// that can no longer run JS. Settling it must fail quietly there; an exception escaping the
// addon's completion callback would abort the whole process (and with it this test file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { loadRawAddon } from './addon.js';

for (const name of ['cpp', 'rust'] as const) {
  const { skip, addonPath } = loadRawAddon(name);
  test(`${name}: 120 workers terminated mid-stream of short kernel calls; the process survives`, { skip }, async () => {
    let calls = 0;
    for (let i = 0; i < 120; i++) {
      // Short calls back to back, so that completions keep arriving while the worker is torn down.
      const w = new Worker(
        `const { parentPort } = require('node:worker_threads');
         const addon = require(${JSON.stringify(addonPath.pathname)});
         const x = new Float64Array(4096).fill(2);
         let n = 0;
         (async () => {
           parentPort.postMessage('started');
           for (;;) {
             if ((await addon.sumSquares(x, 2)) !== 4 * 4096) throw new Error('wrong sum');
             if (++n % 64 === 0) parentPort.postMessage(n);
           }
         })();`,
        { eval: true },
      );
      w.on('message', (m) => {
        if (typeof m === 'number') calls += 64;
      });
      const errors: unknown[] = [];
      w.on('error', (e) => errors.push(e));
      await new Promise((resolve) => w.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, i % 8));
      await w.terminate();
      assert.deepEqual(errors, []);
    }
    assert.ok(calls > 0, 'the workers completed calls before they were terminated');
  });
}
