#!/usr/bin/env node
// countPrimes against primesieve (the best-in-class sieve), interleaved in one run:
//   node bench/native/primes.mjs [--limits 1e9,1e10] [--threads 1,2] [--rounds 5] [--backends cpp,rust]
// Each round runs primesieve, then every native backend, on the same limit and thread count; the
// table shows medians and the ratios time(ours) / time(primesieve) (target ≤ 1.5) and C++ / Rust.
// primesieve's time is its own `--time` figure (no process start); ours is the addon call's wall time.
// Results are checked first: known values, random limits against a plain sieve, and primesieve's count.
// Needs the addons built (`node scripts/build-native.mjs`); without primesieve on PATH only ours run.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const numbers = (s) => s.split(',').map(Number);
const limits = numbers(option('limits', '1e9,1e10'));
const threadCounts = numbers(option('threads', '1,2'));
const rounds = Number(option('rounds', '5'));
const wanted = option('backends', 'cpp,rust').split(',');
for (const v of [...limits, ...threadCounts, rounds]) {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`bad option value ${v}: limits, threads and rounds are positive integers`);
}

const files = { cpp: join(root, 'build/cpp/Release/multicore_cpp.node'), rust: join(root, 'build/rust/multicore_rust.node') };
const backends = [];
for (const name of wanted) {
  if (!files[name]) throw new RangeError(`unknown backend ${name} (cpp or rust)`);
  if (!existsSync(files[name])) {
    console.log(`${name}: not built (run node scripts/build-native.mjs), skipped`);
    continue;
  }
  backends.push({ name, addon: require(files[name]) });
}

function primesieve(limit, threads) {
  const r = spawnSync('primesieve', [String(limit), '-t', String(threads), '-q', '--time', '--no-status'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const seconds = /Seconds:\s*([\d.]+)/.exec(r.stdout);
  const count = /^(\d+)\s*$/m.exec(r.stdout);
  return seconds && count ? { ms: 1000 * Number(seconds[1]), count: Number(count[1]) } : undefined;
}
const havePrimesieve = primesieve(100, 1)?.count === 25;
if (!havePrimesieve) {
  console.log(
    'primesieve not found on PATH: only our kernels run. Install it for the ratios ' +
      '(Debian/Ubuntu: apt-get install primesieve; macOS: brew install primesieve).',
  );
}

// ---- checks ---------------------------------------------------------------------------------
const KNOWN = new Map([
  [1e7, 664579],
  [1e8, 5761455],
  [1e9, 50847534],
  [1e10, 455052511],
]);
function plainPi(limits) {
  // one plain sieve up to the largest limit
  const max = Math.max(...limits);
  const composite = new Uint8Array(max + 1);
  for (let i = 2; i * i <= max; i++) if (!composite[i]) for (let j = i * i; j <= max; j += i) composite[j] = 1;
  const sorted = [...limits].sort((a, b) => a - b);
  const out = new Map();
  let n = 1,
    count = 0;
  for (const l of sorted) {
    for (; n < l; ) {
      n++;
      if (!composite[n]) count++;
    }
    out.set(l, l < 2 ? 0 : count);
  }
  return out;
}
let seed = 12345;
const random = (max) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % max;
};
const randomLimits = [...Array(30)].map((_, i) => random(i < 20 ? 3e7 : 3000));
const expected = plainPi(randomLimits);
for (const { name, addon } of backends) {
  for (const [limit, want] of [...expected, [1e7, KNOWN.get(1e7)]]) {
    for (const t of [1, 2, 3]) {
      const got = await addon.countPrimes(limit, t);
      if (got !== want) throw new Error(`${name}: π(${limit}) on ${t} threads = ${got}, want ${want}`);
    }
  }
}
console.log(`checked: ${backends.map((b) => b.name).join(', ')} on ${randomLimits.length} random limits and π(10^7), threads 1..3`);

// ---- timing ---------------------------------------------------------------------------------
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
const rows = [];
for (const limit of limits) {
  for (const threads of threadCounts) {
    const times = { primesieve: [] };
    for (const b of backends) times[b.name] = [];
    const want = KNOWN.get(limit);
    for (let r = 0; r < rounds; r++) {
      if (havePrimesieve) {
        const ps = primesieve(limit, threads);
        if (!ps) throw new Error(`primesieve ${limit} -t ${threads} failed`);
        if (want !== undefined && ps.count !== want) throw new Error(`primesieve π(${limit}) = ${ps.count}, want ${want}`);
        times.primesieve.push(ps.ms);
        times.primesieveCount = ps.count;
      }
      for (const { name, addon } of backends) {
        const t0 = performance.now();
        const got = await addon.countPrimes(limit, threads);
        times[name].push(performance.now() - t0);
        const ref = want ?? times.primesieveCount;
        if (ref !== undefined && got !== ref) throw new Error(`${name}: π(${limit}) on ${threads} threads = ${got}, want ${ref}`);
      }
    }
    const med = Object.fromEntries(
      Object.entries(times)
        .filter(([, v]) => Array.isArray(v) && v.length)
        .map(([k, v]) => [k, median(v)]),
    );
    rows.push({ limit, threads, med });
    const cols = [
      `π(${limit.toExponential().replace('e+', 'e')})`.padEnd(10),
      `×${threads}`.padEnd(4),
      `primesieve ${fmt(med.primesieve).padStart(6)} ms`,
    ];
    for (const { name } of backends) cols.push(`${name} ${fmt(med[name]).padStart(6)} ms (${ratio(med[name], med.primesieve)})`);
    if (med.cpp !== undefined && med.rust !== undefined) cols.push(`cpp/rust ${ratio(med.cpp, med.rust)}`);
    console.log(cols.join('  '));
  }
}
console.log(`medians of ${rounds} interleaved rounds; ratios are time(ours) / time(primesieve), target ≤ 1.5×`);
