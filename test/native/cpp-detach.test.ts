// multicore_cpp.node: a buffer transferred away while an async call works on it. Node-API cannot
// pin memory, so the binding marks the call's non-shared buffers untransferable (Node 20 then
// copies them on transfer): the kernel keeps valid memory and the process does not crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const { addon, skip } = loadRawAddon('cpp');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('transferring a buffer during an async call leaves it attached and the call correct', { skip }, async () => {
  for (let round = 0; round < 6; round++) {
    const x = new Float64Array(1 << 20).map((_, i) => (i * 7919) % 1000);
    const want = x.slice().sort();
    const call = addon.sort(x, 2);
    const clone = structuredClone(x.buffer, { transfer: [x.buffer] });
    assert.equal(x.length, 1 << 20, 'x must stay attached');
    assert.equal(clone.byteLength, x.byteLength);
    gc();
    const junk = Array.from({ length: 4 }, () => new Float64Array(1 << 18).fill(round));
    await call;
    assert.deepEqual(x, want);
    assert.ok(junk.every((j) => j[12345] === round));
  }
});

test('shared buffers are not marked and stay usable after a call', { skip }, async () => {
  const x = new Float64Array(new SharedArrayBuffer(8 * 1000)).fill(2);
  assert.equal(await addon.sumSquares(x, 2), 4000);
  const { port1, port2 } = new MessageChannel();
  const got = new Promise((r) => port2.once('message', r));
  port1.postMessage(x);
  assert.equal(((await got) as Float64Array)[0], 2);
  port1.close();
});
