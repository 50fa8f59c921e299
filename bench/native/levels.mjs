#!/usr/bin/env node
// Speed of the SIMD kernels at every dispatch level this CPU has, as ratios from one run.
//
//   npx tsc -p tsconfig.json && node scripts/build-native.mjs && node bench/native/levels.mjs
//   node bench/native/levels.mjs --reps 9 --levels avx2,baseline
//   node bench/native/levels.mjs --small-pages      (the kernels' input in 4 KiB pages, not allocate()'s)
//
// For each level a child `node` runs with MULTICORE_SIMD=<level> (the cap both addons read
// once) and times, on ONE thread, interleaved round by round (medians): the C++ and Rust raw
// bindings, the plain JS reference kernels (dist/kernels/js, the loop a user would write) and,
// for sumSquares, numpy.dot(x, x) in a persistent /usr/bin/python3 with OPENBLAS_NUM_THREADS=1,
// capped at the same level (OpenBLAS core type, NumPy's dispatched features: src/cli/bench/peers/simd-cap.ts).
// Results are cross-checked bit for bit. Printed ratios are speedups (time JS / time native),
// C++:Rust time and sumSquares' time / numpy's.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const reps = Number(opt('reps', '9'));
// CPU time of the whole process (all threads; the JS thread idles while a native call runs) is
// far steadier than wall time on a shared machine; --wall measures wall time instead.
const wall = args.includes('--wall');
const clock = wall
  ? () => performance.now()
  : () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };

function loadAddons() {
  const cpp = require(join(root, 'build/cpp/Release/multicore_cpp.node'));
  const rust = require(join(root, 'build/rust/multicore_rust.node'));
  return { cpp, rust };
}

if (!args.includes('--child')) {
  const { cpp } = loadAddons();
  const best = cpp.info().simdLevel;
  const all = best === 'avx512' ? ['avx512', 'avx2', 'baseline'] : best === 'avx2' ? ['avx2', 'baseline'] : [best];
  const levels = opt('levels', all.join(','))
    .split(',')
    .filter((l) => all.includes(l));
  console.log(`CPU best level: ${best}; one thread; ${reps} interleaved rounds, medians of ${wall ? 'wall' : 'CPU'} time`);
  for (const level of levels) {
    const r = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--child',
        '--reps',
        String(reps),
        ...(wall ? ['--wall'] : []),
        ...(args.includes('--small-pages') ? ['--small-pages'] : []),
      ],
      {
        stdio: 'inherit',
        env: { ...process.env, MULTICORE_SIMD: level },
      },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

// ---- child: one level ----
const { cpp, rust } = loadAddons();
const js = async (f) => import(pathToFileURL(join(root, 'dist/kernels/js', f)).href);
if (!existsSync(join(root, 'dist/kernels/js/mandelbrot.js')))
  throw new Error('run `npx tsc -p tsconfig.json` first (needs dist/kernels/js)');
const { mandelbrotRow } = await js('mandelbrot.js');
const { sumSquaresChunk, combineInOrder, SUM_SQUARES_CHUNK } = await js('sum-squares.js');
const { squareChunk, SQUARE_CHUNK } = await js('square.js');
const { countInside, piChunks, piChunkRange } = await js('monte-carlo-pi.js');
const level = cpp.info().simdLevel;
if (rust.info().simdLevel !== level) throw new Error(`levels differ: cpp ${level}, rust ${rust.info().simdLevel}`);

// A Float64Array with values of many magnitudes (the bench's mulberry32 is not needed here), made
// as the README tells users to (allocate(): huge pages from 4 MiB, like numpy's array), or with
// --small-pages in the 4 KiB pages of a plain V8 ArrayBuffer (compare with the np4K columns).
const { allocate } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
const array = (n) => (args.includes('--small-pages') ? new Float64Array(n) : allocate(Float64Array, n));
function data(n) {
  const x = array(n);
  let s = 0x12345678;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = (s / 2 ** 32 - 0.5) * 2 ** ((i % 41) - 20);
  }
  return x;
}

const M = { width: 1000, height: 750, maxIter: 500, xMin: -2, xMax: 0.5, yMin: -1.25, yMax: 1.25 };
const N_SUM = 10_000_000,
  N_SQ = 8_000_000,
  SAMPLES = 20_000_000,
  SEED = 42;
const x = data(N_SUM),
  xs = x.subarray(0, N_SQ),
  outSq = array(N_SQ);

const kernels = {
  mandelbrot: {
    cpp: () => {
      const o = new Uint32Array(M.width * M.height);
      return cpp.mandelbrot(o, M.width, M.height, M.maxIter, M.xMin, M.xMax, M.yMin, M.yMax, 1).then(() => o);
    },
    rust: () => {
      const o = new Uint32Array(M.width * M.height);
      return rust.mandelbrot(o, M.width, M.height, M.maxIter, M.xMin, M.xMax, M.yMin, M.yMax, 1).then(() => o);
    },
    js: () => {
      const o = new Uint32Array(M.width * M.height);
      for (let r = 0; r < M.height; r++) mandelbrotRow(M, r, o);
      return o;
    },
  },
  sumSquares: {
    cpp: () => cpp.sumSquares(x, 1),
    rust: () => rust.sumSquares(x, 1),
    js: () => {
      const n = Math.ceil(x.length / SUM_SQUARES_CHUNK);
      const p = new Float64Array(n);
      for (let c = 0; c < n; c++) p[c] = sumSquaresChunk(x, c * SUM_SQUARES_CHUNK, Math.min(x.length, (c + 1) * SUM_SQUARES_CHUNK));
      return combineInOrder(p);
    },
  },
  square: {
    cpp: () => cpp.square(xs, outSq, 1).then(() => outSq.slice(0, 4096)),
    rust: () => rust.square(xs, outSq, 1).then(() => outSq.slice(0, 4096)),
    js: () => {
      for (let s = 0; s < N_SQ; s += SQUARE_CHUNK) squareChunk(xs, outSq, s, Math.min(N_SQ, s + SQUARE_CHUNK));
      return outSq.slice(0, 4096);
    },
  },
  monteCarloPi: {
    cpp: () => cpp.monteCarloPi(SAMPLES, SEED, 1),
    rust: () => rust.monteCarloPi(SAMPLES, SEED, 1),
    js: () => {
      let t = 0;
      for (let c = 0; c < piChunks(SAMPLES); c++) {
        const [a, b] = piChunkRange(SAMPLES, c);
        t += countInside(SEED, a, b);
      }
      return t;
    },
  },
};

// numpy.dot(x, x) on the same values, timed by a persistent python (one line per request).
let py = null;
if (existsSync('/usr/bin/python3')) {
  // numpy reads the very same doubles from a temporary file.
  const file = join(mkdtempSync(join(tmpdir(), 'mc-levels-')), 'x.f64');
  writeFileSync(file, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  // Two copies: numpy's default allocation (transparent huge pages via madvise for big arrays)
  // and one in 4 KiB pages, like a plain V8 ArrayBuffer (--small-pages); the page size alone is
  // worth ~1.5x on a 80 MB stream (fewer TLB misses), so both are shown.
  const code = `
import sys, time
import numpy as np
clock = time.perf_counter if sys.argv[2] == 'wall' else time.process_time
xh = np.fromfile(sys.argv[1], dtype='<f8')
try:
    np.core.multiarray._set_madvise_hugepage(False)
    x4 = np.fromfile(sys.argv[1], dtype='<f8')
except Exception:
    x4 = xh
print(repr(float(np.dot(xh, xh))), flush=True)
for line in sys.stdin:
    x = x4 if line.startswith('4') else xh
    t = clock(); np.dot(x, x); t = clock() - t
    print(t * 1000, flush=True)
`;
  process.on('exit', () => rmSync(dirname(file), { recursive: true, force: true }));
  const { peerSimdCap } = await import(pathToFileURL(join(root, 'dist/cli/bench/peers/simd-cap.js')).href);
  const { numpyDispatch } = await import(pathToFileURL(join(root, 'dist/cli/bench/peers/python.js')).href);
  const cap = peerSimdCap(process.env.MULTICORE_SIMD, process.arch, numpyDispatch('/usr/bin/python3') ?? []).env;
  py = spawn('/usr/bin/python3', ['-c', code, file, wall ? 'wall' : 'cpu'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', ...cap },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  const waiters = [];
  let buf = '';
  py.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiters.shift();
      if (w) w(l);
      else lines.push(l);
    }
  });
  py.next = () => new Promise((res) => (lines.length ? res(lines.shift()) : waiters.push(res)));
  py.time = async (kind) => {
    py.stdin.write(`${kind}\n`);
    return Number(await py.next());
  };
  py.first = await py.next();
  if (!py.first) py = null;
}

const same = (a, b) => {
  if (typeof a === 'number') return Object.is(a, b);
  if (a.length !== b.length) return false;
  const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
};
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const f = (v) => v.toFixed(2);

console.log(`\n== MULTICORE_SIMD=${process.env.MULTICORE_SIMD} → simdLevel ${level} ==`);
console.log(
  'kernel        C++ ms   Rust ms     JS ms   C++/JS×  Rust/JS×  C++:Rust  numpy ms  C++:numpy  Rust:numpy  np4K ms  C++:np4K  Rust:np4K',
);
for (const [name, k] of Object.entries(kernels)) {
  const ref = await k.js();
  for (const b of ['cpp', 'rust']) if (!same(await k[b](), ref)) throw new Error(`${name}: ${b} differs from JS at ${level}`);
  const t = { cpp: [], rust: [], js: [], numpy: [], numpy4k: [] };
  for (let r = 0; r < reps; r++) {
    for (const b of ['cpp', 'rust', 'js']) {
      const t0 = clock();
      await k[b]();
      t[b].push(clock() - t0);
    }
    if (name === 'sumSquares' && py) {
      t.numpy.push(await py.time('h'));
      t.numpy4k.push(await py.time('4'));
    }
  }
  const [c, ru, j] = [median(t.cpp), median(t.rust), median(t.js)];
  const np = t.numpy.length ? median(t.numpy) : NaN;
  const np4 = t.numpy4k.length ? median(t.numpy4k) : NaN;
  const cols = [
    name.padEnd(12),
    f(c).padStart(8),
    f(ru).padStart(9),
    f(j).padStart(9),
    f(j / c).padStart(9),
    f(j / ru).padStart(9),
    f(c / ru).padStart(9),
  ];
  if (!Number.isNaN(np)) {
    cols.push(f(np).padStart(9), f(c / np).padStart(10), f(ru / np).padStart(11));
    cols.push(f(np4).padStart(10), f(c / np4).padStart(9), f(ru / np4).padStart(10));
  }
  console.log(cols.join(' '));
}
if (py) py.stdin.end();
