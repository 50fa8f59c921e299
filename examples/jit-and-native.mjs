// Seed 004, "Use PyPy or Cython": when the hot loop itself is the problem, run it faster before you run it
// on more cores. PyPy speeds up unchanged Python with a JIT; Cython compiles the loop to C.
// In Node the JIT is already there (V8 compiles hot JS to machine code: PyPy's role), and multicore's
// C++ and Rust addons play Cython's role. This example runs the same loops every way and prints what it
// measured, including the loop under `node --jitless` (V8's interpreter only: the role of CPython).
//
//   node examples/jit-and-native.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { info, sumSquaresSync, mandelbrot } from '@multicore-js/multicore';

const N = 4_000_000;
// x[i] = i mod 1000: every partial sum is an integer below 2^53, so every backend, in any order, must
// produce exactly this (N / 1000 blocks of 0² + 1² + … + 999²).
const EXPECTED = (N / 1000) * 332_833_500;

function makeData(n) {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i % 1000;
  return x;
}

// The loop, written the plain way a Python user would write it.
function sumSquaresLoop(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

function best(runs, fn) {
  let ms = Infinity;
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, result };
}

if (process.argv[2] === '--interpreted') {
  // Child process under --jitless: only V8's bytecode interpreter runs this.
  const x = makeData(N);
  console.log(JSON.stringify(best(2, () => sumSquaresLoop(x))));
  process.exit(0);
}

const fmt = (n) => n.toLocaleString('en-US');
const ms = (t) => `${t.toFixed(1).padStart(8)} ms`;
const { cores, backends } = info();
const natives = ['cpp', 'rust'].filter((b) => backends[b].available);
for (const b of ['cpp', 'rust']) {
  if (!backends[b].available) console.log(`(${b} backend unavailable: ${backends[b].reason})`);
}
let failures = 0;
function row(label, { ms: t, result }, expected, extra = '') {
  const ok = result === expected;
  if (!ok) failures++;
  console.log(`  ${label.padEnd(44)}${ms(t)}   result ${fmt(result)} ${ok ? 'ok' : `MISMATCH (expected ${fmt(expected)})`}${extra}`);
  return t;
}

console.log(`1. The same loop, sum of x[i]^2 over ${fmt(N)} numbers (best of 5 runs; ${cores} cores):`);
const child = spawnSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), '--interpreted'], { encoding: 'utf8' });
if (child.status !== 0) throw new Error(`node --jitless failed: ${child.stderr}`);
const interpreted = JSON.parse(child.stdout);
const tInterp = row('JS, interpreted (node --jitless; CPython)', interpreted, EXPECTED);

const x = makeData(N);
sumSquaresLoop(x); // let the JIT see the loop once
const jit = best(5, () => sumSquaresLoop(x));
const tJit = row('JS, V8 JIT (PyPy)', jit, EXPECTED, `   ${(tInterp / jit.ms).toFixed(0)}x the interpreter`);
const oneThread = {};
for (const b of natives) {
  const name = b === 'cpp' ? 'C++' : 'Rust';
  const r = best(5, () => sumSquaresSync(x, { backend: b, threads: 1 }));
  oneThread[b] = row(`${name} addon, 1 thread (Cython)`, r, EXPECTED, `   ${(tJit / r.ms).toFixed(1)}x the JIT`);
}
for (const b of natives) {
  const name = b === 'cpp' ? 'C++' : 'Rust';
  const r = best(5, () => sumSquaresSync(x, { backend: b, threads: cores }));
  row(`${name} addon, ${cores} threads`, r, EXPECTED, `   ${(oneThread[b] / r.ms).toFixed(1)}x its 1 thread`);
}

// 2. A compute-bound loop (no memory traffic): Mandelbrot iteration counts. The library's own JS kernel
// and the native ones run the same algorithm and must agree on every pixel.
const M = { width: 480, height: 320, maxIter: 400 };
console.log(`2. Mandelbrot ${M.width}x${M.height}, maxIter ${M.maxIter}, total iterations (best of 3 runs):`);
async function bestAsync(runs, fn) {
  let t = Infinity;
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = await fn();
    t = Math.min(t, performance.now() - t0);
  }
  return { ms: t, result };
}
const total = (counts) => counts.reduce((a, c) => a + c, 0);
const js = await bestAsync(3, () => mandelbrot(M, { backend: 'js' }));
const reference = js.result;
const jsTotal = total(reference);
const tJs = js.ms;
console.log(`  ${'JS kernel, V8 JIT (PyPy)'.padEnd(44)}${ms(tJs)}   result ${fmt(jsTotal)} (the reference)`);
for (const b of natives) {
  const name = b === 'cpp' ? 'C++' : 'Rust';
  for (const threads of [1, cores]) {
    const r = await bestAsync(3, () => mandelbrot(M, { backend: b, threads }));
    const samePixels = r.result.every((c, i) => c === reference[i]);
    if (!samePixels) {
      failures++;
      console.log(`  ${name}: pixels differ from the JS kernel`);
    }
    row(
      `${name} addon, ${threads} thread${threads > 1 ? 's' : ''}`,
      { ms: r.ms, result: total(r.result) },
      jsTotal,
      `   ${(tJs / r.ms).toFixed(1)}x the JIT`,
    );
  }
}

console.log(failures === 0 ? 'All results agree.' : `${failures} result(s) disagree.`);
process.exit(failures === 0 ? 0 : 1);
