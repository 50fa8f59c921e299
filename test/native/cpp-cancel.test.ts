// multicore_cpp.node control block (SPEC.md "Control block"): cancel rejects with ABORT_ERR and
// the addon keeps working; progress counters reach the total; many calls in flight at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';

const { addon, skip } = loadRawAddon('cpp');
const control = () => new Int32Array(new SharedArrayBuffer(16));

test('cancel through the control block rejects with code ABORT_ERR, and the next call works', { skip }, async () => {
  const c = control();
  const started = Date.now();
  const call = addon.countPrimes(2 ** 53 - 1, 2, c); // would take days
  setTimeout(() => Atomics.store(c, 0, 1), 50);
  await assert.rejects(call, (err: Error & { code?: string }) => {
    assert.equal(err.code, 'ABORT_ERR');
    assert.ok(err instanceof Error);
    return true;
  });
  assert.ok(Date.now() - started < 10_000);
  assert.ok(Atomics.load(c, 1) < Atomics.load(c, 2));
  assert.equal(await addon.countPrimes(1e6, 2), 78498);
});

test('a call whose cancel flag is already set rejects', { skip }, async () => {
  const c = control();
  Atomics.store(c, 0, 1);
  await assert.rejects(addon.sort(new Float64Array(300_000), 2, c), { code: 'ABORT_ERR' });
  await assert.rejects(addon.monteCarloPi(1e7, 0, 1, c), { code: 'ABORT_ERR' });
});

test('progress: chunks done reaches total chunks', { skip }, async () => {
  const cases: Array<[string, (c: Int32Array) => Promise<unknown>, number]> = [
    ['sumSquares', (c) => addon.sumSquares(new Float64Array(1_000_000), 2, c), Math.ceil(1e6 / 65536)],
    ['square', (c) => addon.square(new Float64Array(200_000), new Float64Array(200_000), 2, c), 4],
    ['monteCarloPi', (c) => addon.monteCarloPi(5 * 2 ** 20, 1, 2, c), 5],
    ['mandelbrot', (c) => addon.mandelbrot(new Uint32Array(40 * 30), 40, 30, 50, -2, 0.5, -1.25, 1.25, 2, c), 30],
    ['matmul', (c) => addon.matmul(new Float64Array(40 * 8), new Float64Array(8 * 5), new Float64Array(40 * 5), 40, 8, 5, 2, c), 3],
    ['countPrimes', (c) => addon.countPrimes(1e7, 2, c), -1],
    ['sort', (c) => addon.sort(new Float64Array(200_000).map(Math.random), 2, c), -1],
  ];
  for (const [name, run, expectedTotal] of cases) {
    const c = control();
    await run(c);
    const total = Atomics.load(c, 2);
    if (expectedTotal >= 0) assert.equal(total, expectedTotal, name);
    assert.ok(total > 0, name);
    assert.equal(Atomics.load(c, 1), total, name);
  }
});

test('progress is visible while a call runs', { skip }, async () => {
  const c = control();
  const call = addon.countPrimes(3e9, 1, c);
  let seen = 0;
  while (seen === 0) {
    await new Promise((r) => setTimeout(r, 5));
    seen = Atomics.load(c, 1);
  }
  assert.ok(Atomics.load(c, 2) > seen);
  Atomics.store(c, 0, 1);
  await assert.rejects(call, { code: 'ABORT_ERR' });
});

test('50 concurrent calls all settle with the right answers', { skip }, async () => {
  const calls: Array<Promise<unknown>> = [];
  const want: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    if (i % 3 === 0) {
      calls.push(addon.countPrimes(1e5 + i, 1 + (i % 4)));
      want.push(null);
    } else if (i % 3 === 1) {
      calls.push(addon.sumSquares(new Float64Array(70_000).fill(2), 1 + (i % 4)));
      want.push(280_000);
    } else {
      calls.push(addon.monteCarloPi(1000, i, 2));
      want.push(null);
    }
  }
  const results = await Promise.all(calls);
  results.forEach((r, i) => {
    assert.equal(typeof r, 'number');
    if (want[i] !== null) assert.equal(r, want[i]);
  });
});

test('the event loop stays free while a kernel runs', { skip }, async () => {
  // Behaviour, not a rate: ten timer ticks happen while the kernel is still running (it would take
  // seconds), however slowly a loaded machine runs them.
  let ticks = 0;
  const c = control();
  const call = addon.countPrimes(2e9, 1, c);
  let settled = false;
  call.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (++ticks >= 10) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  assert.equal(settled, false, 'the kernel was still running while the timer ticked');
  assert.ok(Atomics.load(c, 1) < Atomics.load(c, 2), 'chunks were left');
  Atomics.store(c, 0, 1);
  await assert.rejects(call, { code: 'ABORT_ERR' });
});
