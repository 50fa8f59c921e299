// A native user kernel stops within one chunk per thread when its signal aborts, reports progress,
// and leaves the event loop free while it runs (it runs on the C++ pool, not on the JS thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel } from '@multicore-js/multicore';
import { nativeUnavailable, skipUnless, testLibrary } from './helpers.js';

const reason = await nativeUnavailable();
const slow = () => defineKernel({ name: 'slow', native: (testLibrary('test_kernels') as { path: string }).path });
const CHUNKS = 100_000; // 1 ms each: minutes if the abort did not stop it

test('abort stops every thread within one chunk and rejects with an AbortError', skipUnless(reason), async () => {
  for (const threads of [1, 2, 3, 7]) {
    const calls = new Int32Array(new SharedArrayBuffer(4));
    const ac = new AbortController();
    const run = slow().run(CHUNKS, [calls, 1], { backend: 'native', threads, chunkSize: 1, signal: ac.signal });
    while (Atomics.load(calls, 0) < 5) await new Promise((r) => setTimeout(r, 1));
    ac.abort();
    const atAbort = Atomics.load(calls, 0);
    await assert.rejects(run, { name: 'AbortError' });
    // Each thread may have been inside a chunk, or about to start one, when the flag was set.
    assert.ok(Atomics.load(calls, 0) <= atAbort + threads, `×${threads}: ${Atomics.load(calls, 0)} calls, ${atAbort} at the abort`);
  }
});

test('an already-aborted signal rejects without running a chunk', skipUnless(reason), async () => {
  const calls = new Int32Array(new SharedArrayBuffer(4));
  await assert.rejects(slow().run(10, [calls, 0], { backend: 'native', signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(calls[0], 0);
});

test('onProgress rises to 1 as chunks finish', skipUnless(reason), async () => {
  const calls = new Int32Array(new SharedArrayBuffer(4));
  const seen: number[] = [];
  await slow().run(200, [calls, 1], { backend: 'native', threads: 2, chunkSize: 1, onProgress: (f) => seen.push(f) });
  assert.equal(calls[0], 200);
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.length >= 2, `progress reported ${seen.length} times`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1] && seen[i] > 0);
});

test('timers keep firing on the JS thread while a long native kernel runs', skipUnless(reason), async () => {
  const calls = new Int32Array(new SharedArrayBuffer(4));
  const total = 400;
  let ticksMidRun = 0;
  const timer = setInterval(() => {
    const done = Atomics.load(calls, 0);
    if (done > 0 && done < total) ticksMidRun++;
  }, 1);
  try {
    await slow().run(total, [calls, 2], { backend: 'native', threads: 1, chunkSize: 1 });
  } finally {
    clearInterval(timer);
  }
  // The kernel sleeps 2 ms per chunk for ~0.8 s: a JS thread held by it would see no tick mid-run.
  assert.ok(ticksMidRun >= 5, `only ${ticksMidRun} timer ticks while the kernel ran`);
});
