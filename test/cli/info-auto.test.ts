// `multicore info` measures 'auto' before printing, so it shows what this machine picks per kernel
// and the times behind each pick (text and --json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.js';

const KERNELS = ['sumSquares', 'square', 'countPrimes', 'mandelbrot', 'monteCarloPi', 'matmul', 'sort', 'sumSquaresSync', 'squareSync'];

test('multicore info --json: auto per kernel, measured, on an available backend', { timeout: 120_000 }, async () => {
  const r = await runCli(['info', '--json'], { env: { MULTICORE_AUTO_CACHE: '' } });
  assert.equal(r.code, 0, r.stderr);
  const i = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(i.auto).sort(), [...KERNELS].sort());
  for (const k of KERNELS) {
    const a = i.auto[k];
    assert.equal(i.backends[a.backend].available, true, `${k}: ${a.backend}`);
    assert.match(a.reason, /^fastest when measured at \d+ /, k);
    assert.equal(a.measured.length, 1, k);
  }
});

test('multicore info: an auto section, one line per kernel with its backend and why', { timeout: 120_000 }, async () => {
  const r = await runCli(['info'], { env: { MULTICORE_AUTO: 'js' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^auto {6}\(what backend: 'auto' picks per kernel, and why\)$/m);
  for (const k of KERNELS) assert.match(r.stdout, new RegExp(`^  ${k} +js +forced by MULTICORE_AUTO=js$`, 'm'));
});
