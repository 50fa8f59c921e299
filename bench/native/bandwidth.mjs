#!/usr/bin/env node
// sumSquares against the machine's read bandwidth: what fraction of a plain streaming read does
// the kernel reach, at one thread and at all cores?
//
//   node bench/native/bandwidth.mjs [--n 10000000] [--threads 1,2] [--rounds 7]
//
// The reference is a small C program compiled here (cc -O3, -mavx2 when the CPU has it): T
// threads each sum their slice of the same number of doubles with 4 vector accumulators, i.e. a
// read stream with no work to speak of. It runs on memory in 4 KiB pages (what a V8 ArrayBuffer
// gets, so the like-for-like ceiling) and on memory madvised into transparent huge pages (the
// ceiling numpy reaches; fewer TLB misses). Rounds alternate the reference and our rows and the
// table shows medians of wall time, so load elsewhere hurts all rows alike. Needs dist/ and the
// addons (`npx tsc -p tsconfig.json && node scripts/build-native.mjs`) and a C compiler.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt('--n', 10_000_000));
const THREADS = opt('--threads', `1,${availableParallelism()}`).split(',').map(Number);
const ROUNDS = Number(opt('--rounds', 7));

const C_SOURCE = String.raw`
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
typedef double v4 __attribute__((vector_size(32)));
static double *x; static size_t n; static int T; static double part[256];
static void *run(void *p) {
  long t = (long)p; size_t lo = n * t / T, hi = n * (t + 1) / T;
  lo &= ~(size_t)15; if (t + 1 < T) hi &= ~(size_t)15;
  v4 a = {0}, b = {0}, c = {0}, d = {0}; size_t i = lo;
  for (; i + 16 <= hi; i += 16) {
    v4 p0, p1, p2, p3;
    memcpy(&p0, x + i, 32); memcpy(&p1, x + i + 4, 32); memcpy(&p2, x + i + 8, 32); memcpy(&p3, x + i + 12, 32);
    a += p0; b += p1; c += p2; d += p3;
  }
  double s = 0; for (; i < hi; i++) s += x[i];
  v4 e = a + b + c + d; part[t] = s + e[0] + e[1] + e[2] + e[3]; return 0;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(int argc, char **argv) {
  n = strtoull(argv[1], 0, 10); T = atoi(argv[2]); int huge = atoi(argv[3]), reps = atoi(argv[4]);
  size_t bytes = (n * 8 + (2u << 20)) & ~(size_t)((2u << 20) - 1);
  x = mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (x == MAP_FAILED) return 1;
  madvise(x, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  for (size_t i = 0; i < n; i++) x[i] = (double)(i & 1023);
  double best = 1e9;
  for (int r = 0; r < reps; r++) {
    pthread_t th[256]; double t0 = now();
    for (long t = 0; t < T; t++) pthread_create(&th[t], 0, run, (void *)t);
    for (int t = 0; t < T; t++) pthread_join(th[t], 0);
    double dt = now() - t0; if (dt < best) best = dt;
  }
  double s = 0; for (int t = 0; t < T; t++) s += part[t];
  printf("%.6f %g\n", best * 1e3, s);
  return 0;
}
`;

const dir = mkdtempSync(join(tmpdir(), 'mc-bandwidth-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const exe = join(dir, 'stream');
writeFileSync(join(dir, 'stream.c'), C_SOURCE);
const avx2 = /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
const cc = spawnSync('cc', ['-O3', ...(avx2 ? ['-mavx2'] : []), '-o', exe, join(dir, 'stream.c'), '-lpthread'], { encoding: 'utf8' });
if (cc.status !== 0) throw new Error(`cc failed: ${cc.stderr || cc.error}`);
// The reference: min of 3 timed passes (thread start included, as in our calls) per round.
const reference = (threads, huge) => {
  const r = spawnSync(exe, [String(N), String(threads), huge ? '1' : '0', '3'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference failed: ${r.stderr}`);
  return Number(r.stdout.split(' ')[0]);
};

const require = createRequire(import.meta.url);
const addons = {
  cpp: require(join(root, 'build/cpp/Release/multicore_cpp.node')),
  rust: require(join(root, 'build/rust/multicore_rust.node')),
};
const x = new Float64Array(N);
for (let i = 0; i < N; i++) x[i] = (i % 1000) / 7;
const level = addons.cpp.info().simdLevel;

const rows = [];
for (const t of THREADS) {
  rows.push({ name: `C read loop, 4 KiB pages`, t, run: () => reference(t, false) });
  rows.push({ name: `C read loop, huge pages`, t, run: () => reference(t, true) });
  for (const [name, addon] of Object.entries(addons)) {
    // Like the reference: the best of 3 calls per round.
    rows.push({
      name: `${name === 'cpp' ? 'C++' : 'Rust'} sumSquares`,
      t,
      run: async () => {
        let best = Infinity;
        for (let k = 0; k < 3; k++) {
          const t0 = performance.now();
          await addon.sumSquares(x, t);
          best = Math.min(best, performance.now() - t0);
        }
        return best;
      },
    });
  }
}
const times = rows.map(() => []);
for (const r of rows) if (r.name.includes('sumSquares')) await r.run(); // warm-up: pool start, page faults
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, r] of rows.entries()) times[i].push(await r.run());
}
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const gbps = (ms) => (N * 8) / (ms / 1000) / 1e9;
console.log(
  `sumSquares vs a streaming read, ${N} doubles (${((N * 8) / 1e6).toFixed(0)} MB), SIMD level ${level}, ${ROUNDS} interleaved rounds, medians of wall time`,
);
console.log('threads  row                         ms        GB/s   of the 4 KiB-page read');
for (const t of THREADS) {
  const ref = median(times[rows.findIndex((r) => r.t === t && r.name.includes('4 KiB'))]);
  for (const [i, r] of rows.entries()) {
    if (r.t !== t) continue;
    const m = median(times[i]);
    console.log(
      `${String(t).padStart(7)}  ${r.name.padEnd(26)}  ${m.toFixed(2).padStart(7)}  ${gbps(m).toFixed(1).padStart(6)}   ${((ref / m) * 100).toFixed(0).padStart(4)}%`,
    );
  }
}
