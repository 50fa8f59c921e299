// examples/jit-and-native.mjs: the same loop interpreted, JIT-compiled and native; every figure it prints
// comes with a result that must equal the exact sum, and the native backends must agree pixel for pixel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { info } from '@multicore-js/multicore';
import { runExample, explain, isCI } from './run-example.js';

const N = 4_000_000;
const EXPECTED = ((N / 1000) * 332_833_500).toLocaleString('en-US');

test('jit-and-native: every strategy computes the exact sum, and the native kernels agree', async () => {
  const run = await runExample('jit-and-native.mjs');
  assert.equal(run.code, 0, explain(run));
  const sumRows = run.lines.filter((l) => l.includes(`result ${EXPECTED}`));
  const labels = sumRows.map((l) => l.trim().split(/\s{2,}/)[0]);
  assert.ok(labels.includes('JS, interpreted (node --jitless; CPython)'), explain(run));
  assert.ok(labels.includes('JS, V8 JIT (PyPy)'), explain(run));
  for (const l of sumRows) assert.match(l, /\d+\.\d ms\s+result [\d,]+ ok/);
  assert.ok(!run.stdout.includes('MISMATCH'), explain(run));
  assert.match(run.stdout, /All results agree\./);

  const { backends, cores } = info();
  for (const [b, name] of [
    ['cpp', 'C++'],
    ['rust', 'Rust'],
  ] as const) {
    if (!backends[b].available) {
      assert.ok(!isCI, `CI must build the ${b} backend: ${backends[b].reason}`);
      assert.match(run.stdout, new RegExp(`\\(${b} backend unavailable`));
      continue;
    }
    assert.ok(labels.includes(`${name} addon, 1 thread (Cython)`), explain(run));
    assert.ok(labels.includes(`${name} addon, ${cores} threads`), explain(run));
    // Mandelbrot rows: 1 thread and all cores, total equal to the JS kernel's.
    const ref = run.lines.find((l) => l.includes('(the reference)'))!.match(/result ([\d,]+)/)![1];
    const mandel = run.lines.slice(run.lines.findIndex((l) => l.startsWith('2.')));
    assert.equal(mandel.filter((l) => l.includes(`${name} addon`) && l.includes(`result ${ref} ok`)).length, 2, explain(run));
  }
});
