#!/usr/bin/env node
// The wasm backend next to JS (main thread) and the Rust addon, in one run: every kernel on
// js, rust ×1, rust ×2, wasm ×1, wasm ×2, interleaved round by round (A, B, C, … A, B, C, …),
// median per strategy, printed as ratios (never compare absolute times across runs).
// Every result is checked against the JS one (bit-identical).
//   npx tsc -p tsconfig.json && node scripts/build-wasm.mjs && node bench/native/wasm.mjs [--rounds N] [--json FILE]
import { writeFileSync } from 'node:fs';
import * as mc from '../../dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('--rounds', 7));
const jsonFile = arg('--json');

function seeded(n, seed) {
  const x = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    x[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return x;
}

const vec = seeded(4_000_000, 1);
const sortInput = seeded(1_000_000, 2);
const N = 256;
const ma = seeded(N * N, 3);
const mb = seeded(N * N, 4);

// Each returns something comparable (a number or an array) for the bit-identity check.
const kernels = {
  sumSquares: (o) => mc.sumSquares(vec, o),
  square: (o) => mc.square(vec, o),
  countPrimes: (o) => mc.countPrimes(20_000_000, o),
  mandelbrot: (o) => mc.mandelbrot({ width: 600, height: 400, maxIter: 500 }, o),
  monteCarloPi: (o) => mc.monteCarloPi(10_000_000, { ...o, seed: 7 }),
  matmul: (o) => mc.matmul(ma, mb, N, N, N, o),
  sort: (o) => mc.sort(sortInput.slice(), o),
};

const backends = mc.info().backends;
const strategies = [['js', { backend: 'js' }]];
for (const b of ['rust', 'wasm']) {
  if (!backends[b].available) {
    console.log(`(${b} skipped: ${backends[b].reason})`);
    continue;
  }
  strategies.push([`${b}×1`, { backend: b, threads: 1 }], [`${b}×2`, { backend: b, threads: 2 }]);
}

function same(a, b) {
  if (typeof a === 'number') return Object.is(a, b);
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
const results = {};
for (const [name, run] of Object.entries(kernels)) {
  const times = Object.fromEntries(strategies.map(([s]) => [s, []]));
  const reference = await run({ backend: 'js' });
  for (const [s, o] of strategies) {
    if (!same(await run(o), reference)) throw new Error(`${name}: ${s} differs from js`); // also the warm-up
  }
  for (let r = 0; r < rounds; r++) {
    for (const [s, o] of strategies) {
      const t0 = performance.now();
      await run(o);
      times[s].push(performance.now() - t0);
    }
  }
  results[name] = Object.fromEntries(Object.entries(times).map(([s, t]) => [s, median(t)]));
}

const ratio = (a, b) => (a && b ? (b / a).toFixed(2) : '–');
console.log(`\ncores: ${mc.info().cores}, rounds: ${rounds}; speed-up = time(reference) / time(strategy); > 1 is faster`);
console.log('kernel        js ms   wasm×1/js  wasm×2/js  wasm×2/wasm×1  wasm×1 vs rust×1  wasm×2 vs rust×2');
for (const [name, t] of Object.entries(results)) {
  console.log(
    name.padEnd(13),
    t.js.toFixed(1).padStart(6),
    ratio(t['wasm×1'], t.js).padStart(10),
    ratio(t['wasm×2'], t.js).padStart(10),
    ratio(t['wasm×2'], t['wasm×1']).padStart(14),
    ratio(t['wasm×1'], t['rust×1']).padStart(17),
    ratio(t['wasm×2'], t['rust×2']).padStart(17),
  );
}
console.log('(wasm vs rust < 1: wasm is slower; e.g. 0.50 = wasm takes twice as long)');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ rounds, cores: mc.info().cores, medianMs: results }, null, 2));
