// `multicore bench`: an 'auto' row per kernel (with the backend it chose and its ratio to the
// fastest row), and NumPy / primesieve side by side, cross-checked. In CI (.ci/run installs
// python3-numpy and primesieve) a missing peer fails; elsewhere those tests skip with the hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { info } from '@multicore-js/multicore';
import { isCI } from '../helpers/backends.js';
import { benchInject, runCli, tempDir } from './helpers.js';
import { checkMatmul, checkSumSquares } from '../../src/cli/bench/peers/tolerance.js';
import { blasName } from '../../src/cli/bench/peers/numpy.js';
import { PEER_PAIR_MAX_MS } from '../../src/cli/bench/peer-paired.js';
import type { BenchReport, ResultRow, WorkloadReport } from '../../src/cli/bench/schema.js';

const hasNumpy = (process.env.MULTICORE_PYTHON ? [process.env.MULTICORE_PYTHON] : ['/usr/bin/python3', 'python3']).some(
  (py) => spawnSync(py, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0,
);
const hasPrimesieve = spawnSync('primesieve', ['--version'], { stdio: 'ignore' }).status === 0;
const peersMissing = !hasNumpy
  ? 'NumPy not installed (apt-get install python3-numpy / pip install numpy)'
  : !hasPrimesieve
    ? 'primesieve not installed (apt-get install primesieve)'
    : undefined;

test('in CI, NumPy and primesieve are installed so the peer rows are covered', { skip: !isCI && 'only enforced with CI=true' }, () => {
  assert.equal(peersMissing, undefined, peersMissing);
});

// The JSON as read back: the report's own types (src/cli/bench/schema.ts), the fields used here.
type Row = Pick<ResultRow, 'strategy' | 'label' | 'threads' | 'status' | 'reason' | 'detail' | 'why' | 'ofBest' | 'paired' | 'stats'>;
type Report = Pick<BenchReport, 'failures'> & {
  options: { peers?: boolean };
  machine: { dispatch?: Record<string, string> };
  workloads: (Pick<WorkloadReport, 'name' | 'nativePaired' | 'peerPaired'> & { results: Row[] })[];
};

/** `inject`: run through test/fixtures/cli/bench-inject.mjs with that mode (deliberately wrong rows). */
async function bench(
  args: string[],
  env: Record<string, string> = {},
  inject?: 'wrong-peer',
): Promise<{ code: number | null; stdout: string; stderr: string; report: Report }> {
  const out = join(tempDir(), 'run.json');
  const r = await runCli([inject ?? 'bench', '--quick', ...args, '--json', out], {
    env,
    timeoutMs: 280_000,
    ...(inject ? { script: benchInject } : {}),
  });
  return { ...r, report: JSON.parse(readFileSync(out, 'utf8')) };
}

const KERNEL_WORKLOADS = ['sumSquares', 'square', 'countPrimes', 'mandelbrot', 'matmul', 'sort'];

test('--quick: an auto row per kernel with its choice, and peer rows that passed the cross-check', {
  timeout: 300_000,
  skip: !isCI && peersMissing,
}, async () => {
  const { code, stdout, stderr, report } = await bench(['--only', KERNEL_WORKLOADS.join(','), '--threads', '1,2']);
  assert.equal(code, 0, stderr);
  assert.equal(report.failures, 0);
  assert.equal(report.options.peers, true);
  const i = info();
  for (const w of report.workloads) {
    const auto = w.results.filter((r) => r.strategy === 'auto');
    assert.deepEqual(
      auto.map((r) => r.threads),
      [1, 2],
      w.name,
    );
    for (const r of auto) {
      assert.equal(r.status, 'ok', `${w.name} auto: ${r.reason}`);
      // `rust`, or `rust×1` when it picked fewer threads than the row asked for
      assert.ok(r.detail && i.backends[r.detail.split('×')[0] as 'js']?.available, `${w.name} auto chose ${r.detail}`);
      assert.equal(r.label, `'auto' → ${r.detail}`);
      // …and why: the measured times behind that choice (info().auto's reason for this call).
      assert.match(r.why ?? '', /^(fastest|the only candidate|kept the probe's best)/, `${w.name} auto why`);
      assert.ok(typeof r.ofBest === 'number' && r.ofBest > 0, `${w.name} ofBest`);
      // ofBest is auto's median over the fastest non-peer row with at most as many threads.
      const best = Math.min(
        ...w.results
          .filter(
            (o) => o.status === 'ok' && o.strategy !== 'auto' && !['numpy', 'primesieve'].includes(o.strategy) && o.threads <= r.threads,
          )
          .map((o) => o.stats!.medianMs),
      );
      assert.ok(Math.abs(r.ofBest! - r.stats!.medianMs / best) < 1e-9, `${w.name} ofBest is the ratio of medians`);
      // The same comparison re-timed side by side, against that same fastest row.
      const rival = w.results.find((o) => o.strategy !== 'auto' && o.stats?.medianMs === best)!;
      const p = r.paired;
      assert.ok(p, `${w.name} auto ×${r.threads} paired`);
      assert.deepEqual([p.rival, p.rivalThreads], [rival.strategy, rival.threads], `${w.name} paired rival`);
      assert.ok(p.rounds >= 5 && p.autoMs > 0 && p.rivalMs > 0, `${w.name} paired runs`);
      assert.ok(Math.abs(p.ofMedians - p.autoMs / p.rivalMs) < 1e-9, `${w.name} paired ofMedians`);
      assert.ok(p.ofBest > 0 && Number.isFinite(p.ofBest), `${w.name} paired ofBest (median round ratio)`);
      assert.ok(i.backends[p.choice.split('×')[0] as 'js']?.available, `${w.name} paired choice ${p.choice}`);
    }
    // Every available backend has rows at each thread count (wasm too, once it is built).
    for (const b of ['cpp', 'rust', 'wasm'] as const) {
      const rows = w.results.filter((r) => r.strategy === b);
      if (i.backends[b].available)
        assert.deepEqual(
          rows.map((r) => [r.threads, r.status]),
          [
            [1, 'ok'],
            [2, 'ok'],
          ],
          `${w.name} ${b}`,
        );
    }
    // C++ ×1 and Rust ×1 re-timed side by side (native-paired.ts) when both are built.
    const np = w.nativePaired;
    if (i.backends.cpp.available && i.backends.rust.available) {
      assert.ok(np, `${w.name} nativePaired`);
      assert.ok(np.rounds >= 5 && np.cppMs > 0 && np.rustMs > 0, `${w.name} nativePaired runs`);
      assert.ok(Math.abs(np.ofMedians - np.cppMs / np.rustMs) < 1e-9, `${w.name} nativePaired ofMedians`);
      assert.ok(np.cppOverRust > 0 && Number.isFinite(np.cppOverRust), `${w.name} nativePaired cppOverRust`);
      assert.match(stdout, new RegExp(`^  ${w.name} +rows [\\d.]+×; side by side [\\d.]+× \\(median of ${np.rounds} rounds' ratios`, 'm'));
    } else assert.equal(np, undefined, `${w.name} nativePaired without both backends`);
    const peer = w.name === 'countPrimes' ? 'primesieve' : 'numpy';
    const rows = w.results.filter((r) => r.strategy === peer);
    assert.deepEqual(
      rows.map((r) => r.threads),
      ['countPrimes', 'matmul'].includes(w.name) ? [1, 2] : [1],
      `${w.name} ${peer} thread counts`,
    );
    for (const r of rows) {
      assert.equal(r.status, 'ok', `${w.name} ${peer}: ${r.reason}`);
      assert.ok(r.stats!.medianMs > 0 && r.stats!.samples >= 3, `${w.name} ${peer} timed`);
      assert.match(r.detail!, peer === 'numpy' ? /^numpy \d+\.\d+/ : /^primesieve \d+/);
    }
    // The faster native row at one thread re-timed side by side with the peer at one thread
    // (peer-paired.ts), unless the peer's row is too slow to pair.
    const at1 = (id: string) => w.results.find((r) => r.strategy === id && r.threads === 1 && r.status === 'ok');
    const natives = (['cpp', 'rust'] as const).map((b) => at1(b)).filter((r) => r !== undefined);
    const fastest = natives.sort((a, b) => a.stats!.medianMs - b.stats!.medianMs)[0];
    const peerRow = at1(peer)!;
    const pp = w.peerPaired?.find((p) => p.peer === peer);
    if (fastest && peerRow.stats!.medianMs <= PEER_PAIR_MAX_MS) {
      assert.ok(pp, `${w.name} peerPaired with ${peer}`);
      assert.equal(pp.native, fastest.strategy, `${w.name} peerPaired: the faster native row`);
      assert.ok(pp.rounds >= 5 && pp.nativeMs > 0 && pp.peerMs > 0 && pp.nativeOverPeer > 0, `${w.name} peerPaired runs`);
      assert.ok(Math.abs(pp.ofMedians - pp.nativeMs / pp.peerMs) < 1e-9, `${w.name} peerPaired ofMedians`);
      assert.match(
        stdout,
        new RegExp(`^  ${w.name} +.* ÷ .*rows [\\d.]+×; side by side [\\d.]+× \\(median of ${pp.rounds} rounds' ratios`, 'm'),
      );
    } else assert.equal(pp, undefined, `${w.name} peerPaired (peer row ${peerRow.stats!.medianMs} ms)`);
  }
  assert.match(stdout, /^The faster native row ÷ each peer, time at 1 thread/m);
  // The header names the SIMD level each native backend dispatches to.
  for (const b of ['cpp', 'rust'] as const) {
    if (!i.backends[b].available) continue;
    assert.match(report.machine.dispatch?.[b] ?? '', /^(baseline|avx2|avx512|neon)$/, `${b} dispatch level`);
    assert.match(stdout, new RegExp(`^dispatch  .*${b} ${report.machine.dispatch![b]}`, 'm'));
  }
  assert.match(stdout, /'auto' against the fastest row/);
  assert.match(
    stdout,
    /auto ×1 → \w+ +[\d.]+× the fastest row at ≤ 1 threads \(.*\); side by side [\d.]+× \(median of \d+ rounds' ratios; of medians [\d.]+×/,
  );
  assert.match(stdout, /^C\+\+ ÷ Rust at 1 thread \(goal/m);
  assert.match(stdout, /NumPy numpy\.dot\(x, x\) → numpy/);
  assert.match(stdout, /primesieve CLI → primesieve/);
});

test('a peer with a wrong result fails the run, named on stderr', { timeout: 200_000, skip: !isCI && peersMissing }, async () => {
  const { code, stderr, report } = await bench(['--only', 'sumSquares,countPrimes,mandelbrot', '--threads', '1'], {}, 'wrong-peer');
  assert.equal(code, 1, stderr);
  assert.equal(report.failures, 3);
  assert.match(
    stderr,
    /sumSquares · NumPy numpy\.dot\(x, x\) → numpy [\d.]+, [\w ]+ ×1: result differs from the reference: got .* \(differs by .*, tolerance 2·γ_n·Σx² = /,
  );
  assert.match(
    stderr,
    /countPrimes · primesieve CLI → primesieve [\d.]+, its own --time ×1: result differs from the reference: got \d+, expected \d+/,
  );
  assert.match(stderr, /mandelbrot · NumPy, vectorised → numpy [\d.]+ ×1: result differs from the reference: element \d+ is/);
  for (const w of report.workloads) {
    assert.equal(w.results.find((r) => r.strategy === 'js')!.status, 'ok', 'the right ones still count');
    assert.equal(w.results.find((r) => r.strategy === 'auto')!.status, 'ok');
  }
});

test('--no-peers: no NumPy or primesieve rows', { timeout: 120_000 }, async () => {
  const { code, stderr, report } = await bench(['--only', 'countPrimes', '--threads', '1', '--no-peers']);
  assert.equal(code, 0, stderr);
  assert.equal(report.options.peers, false);
  assert.ok(!report.workloads[0].results.some((r) => ['numpy', 'primesieve'].includes(r.strategy)));
  assert.ok(report.workloads[0].results.some((r) => r.strategy === 'auto'));
});

test('a python without NumPy: the NumPy rows are skipped with the install hint, the run passes', { timeout: 120_000 }, async () => {
  const { code, stderr, report } = await bench(['--only', 'sumSquares', '--threads', '1'], { MULTICORE_PYTHON: '/nonexistent/python3' });
  assert.equal(code, 0, stderr);
  const row = report.workloads[0].results.find((r) => r.strategy === 'numpy')!;
  assert.equal(row.status, 'skipped');
  assert.match(row.reason!, /NumPy not found: `apt-get install python3-numpy` or `pip install numpy`/);
});

test('NumPy tolerances: BLAS-order differences pass, a real mistake does not', () => {
  const x = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
  let sum = 0;
  for (const v of x) sum += v * v;
  let pairwise = 0; // another summation order, as BLAS would
  for (let i = 0; i < x.length; i += 2) pairwise += x[i] * x[i] + x[i + 1] * x[i + 1];
  assert.equal(checkSumSquares(pairwise, sum, x.length), undefined);
  assert.match(checkSumSquares(sum + 1e-6, sum, x.length)!, /tolerance/);

  const n = 3;
  const a = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
  const c = Float64Array.of(30, 36, 42, 66, 81, 96, 102, 126, 150);
  assert.equal(
    checkMatmul(
      c.map((v) => v * (1 + 2 ** -52)),
      c,
      a,
      a,
      n,
    ),
    undefined,
  );
  const wrong = c.slice();
  wrong[4] += 1;
  assert.match(checkMatmul(wrong, c, a, a, n)!, /element 4 is 82, expected 81/);
  assert.equal(blasName('/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0'), 'reference BLAS');
  assert.equal(blasName('/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'), 'OpenBLAS');
});
