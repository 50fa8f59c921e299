// multicore_rust.node async behaviour: runs off the JS thread and off the libuv threadpool,
// cancels through the control block with code ABORT_ERR, reports progress, many calls at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRawAddon } from './addon.js';
import { pbkdf2 } from 'node:crypto';

const { addon, skip } = loadRawAddon('rust');

const control = () => new Int32Array(new SharedArrayBuffer(16));
const HUGE = 2 ** 50; // monteCarloPi samples: hours of work unless cancelled

test('rust: cancel via the control block rejects with ABORT_ERR, and the next call works', { skip }, async () => {
  const ctl = control();
  const p = addon.monteCarloPi(HUGE, 0, 2, ctl);
  const timer = setInterval(() => {
    if (Atomics.load(ctl, 1) >= 2) Atomics.store(ctl, 0, 1);
  }, 1);
  await assert.rejects(p, (err: Error & { code?: string }) => {
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'ABORT_ERR');
    return true;
  });
  clearInterval(timer);
  assert.ok(Atomics.load(ctl, 1) < Atomics.load(ctl, 2), 'stopped early');
  assert.equal(await addon.countPrimes(1000, 2), 168);
});

test('rust: every async kernel honours a pre-set cancel flag', { skip }, async () => {
  const cancelled = () => {
    const c = control();
    c[0] = 1;
    return c;
  };
  const big = new Float64Array(1 << 20);
  const calls = [
    () => addon.sumSquares(big, 2, cancelled()),
    () => addon.square(big, big, 2, cancelled()),
    () => addon.countPrimes(1e8, 2, cancelled()),
    () => addon.mandelbrot(new Uint32Array(100 * 100), 100, 100, 1000, -2, 0.5, -1.25, 1.25, 2, cancelled()),
    () => addon.monteCarloPi(1e9, 0, 2, cancelled()),
    () => addon.matmul(new Float64Array(64 * 64), new Float64Array(64 * 64), new Float64Array(64 * 64), 64, 64, 64, 2, cancelled()),
    () => addon.sort(big, 2, cancelled()),
  ];
  for (const call of calls) await assert.rejects(call(), { code: 'ABORT_ERR' });
});

test('rust: a cancelled sort leaves the values in place (a permutation)', { skip }, async () => {
  const x = new Float64Array(1 << 20).map((_, i) => (i * 7919) % 1000003);
  const before = x.slice().sort();
  const ctl = control();
  const p = addon.sort(x, 2, ctl);
  const timer = setInterval(() => {
    if (Atomics.load(ctl, 1) >= 5) Atomics.store(ctl, 0, 1);
  }, 0);
  await p.catch(() => undefined);
  clearInterval(timer);
  assert.deepEqual(x.slice().sort(), before);
});

test('rust: progress counters reach the total', { skip }, async () => {
  const ctl = control();
  await addon.countPrimes(5e6, 3, ctl);
  assert.ok(ctl[2] > 1);
  assert.equal(ctl[1], ctl[2]);
  const c2 = control();
  await addon.sort(new Float64Array(300_000).map(Math.random), 2, c2);
  assert.equal(c2[1], c2[2]);
  const c3 = control();
  await addon.mandelbrot(new Uint32Array(64 * 48), 64, 48, 100, -2, 0.5, -1.25, 1.25, 3, c3);
  assert.deepEqual([c3[1], c3[2]], [48, 48]);
});

test('rust: 50 concurrent calls all settle with the right answers', { skip }, async () => {
  const x = new Float64Array(100_000).map((_, i) => i % 13);
  const want = addon.sumSquaresSync(x, 1);
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < 50; i++) {
    if (i % 2) calls.push(addon.sumSquares(x, 1 + (i % 7)).then((v: number) => assert.equal(v, want)));
    else calls.push(addon.countPrimes(1e5, 1 + (i % 4)).then((v: number) => assert.equal(v, 9592)));
  }
  await Promise.all(calls);
});

test('rust: the event loop and the libuv threadpool stay free while a kernel runs', { skip }, async () => {
  const ctl = control();
  const p = addon.monteCarloPi(HUGE, 1, 2, ctl).catch((e: Error) => e);
  let settled = false;
  void p.then(() => {
    settled = true;
  });
  // 4 pbkdf2 jobs fill the default libuv threadpool; they must not wait behind the kernel.
  await Promise.all(
    Array.from({ length: 4 }, () => new Promise((res, rej) => pbkdf2('pw', 'salt', 1000, 32, 'sha256', (e, k) => (e ? rej(e) : res(k))))),
  );
  // Behaviour, not a rate: five timer ticks happen while the kernel is still running.
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (++ticks >= 5) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  assert.equal(settled, false, 'the kernel was still running while the pool and the timer were served');
  Atomics.store(ctl, 0, 1);
  const err = (await p) as Error & { code?: string };
  assert.equal(err.code, 'ABORT_ERR');
});
