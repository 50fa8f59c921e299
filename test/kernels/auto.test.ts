// backend 'auto': it measures and picks the fastest available backend per kernel, never an
// unavailable one, says what it picked and why, gives the same results as every other backend,
// and follows MULTICORE_AUTO / MULTICORE_AUTO_CACHE. Each scenario runs in a fresh process (the
// choice is cached per process), through the compiled package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { info } from '@multicore-js/multicore';
// Internals (not exported from the package): the same module instances the package uses.
import { describeAuto } from '../../dist/kernels/auto.js';
import { root } from '../cli/helpers.js';
import { isCI } from '../helpers/backends.js';

const KERNELS = ['sumSquares', 'square', 'countPrimes', 'mandelbrot', 'monteCarloPi', 'matmul', 'sort', 'sumSquaresSync', 'squareSync'];
const CONCRETE = ['cpp', 'rust', 'wasm', 'js', 'workers'];

/** Calls every kernel with backend 'auto' (and the sync ones), checks each against backend 'js', prints describeAuto(). */
const SCRIPT = `
  import * as m from '@multicore-js/multicore';
  import { describeAuto } from 'dist:kernels/auto.js';
  import { closeWorkersBackend } from 'dist:kernels/workers/run.js';
  const x = Float64Array.from({ length: 300000 }, (_, i) => Math.sin(i) * 3);
  const a = Float64Array.from({ length: 60 * 60 }, (_, i) => Math.cos(i));
  const same = (p, q) => JSON.stringify(Array.from(p)) === JSON.stringify(Array.from(q));
  const checks = {
    sumSquares: Object.is(await m.sumSquares(x), await m.sumSquares(x, { backend: 'js' })),
    square: same(await m.square(x), await m.square(x, { backend: 'js' })),
    countPrimes: (await m.countPrimes(3_000_000)) === (await m.countPrimes(3_000_000, { backend: 'js' })),
    mandelbrot: same(await m.mandelbrot({ width: 120, height: 90, maxIter: 300 }), await m.mandelbrot({ width: 120, height: 90, maxIter: 300 }, { backend: 'js' })),
    monteCarloPi: (await m.monteCarloPi(2_000_000, { seed: 7 })) === (await m.monteCarloPi(2_000_000, { seed: 7, backend: 'js' })),
    matmul: same(await m.matmul(a, a, 60, 60, 60), await m.matmul(a, a, 60, 60, 60, { backend: 'js' })),
    sort: same(await m.sort(x.slice()), x.slice().sort()),
    sumSquaresSync: Object.is(m.sumSquaresSync(x), m.sumSquaresSync(x, { backend: 'js' })),
    squareSync: same(m.squareSync(x), m.squareSync(x, { backend: 'js' })),
  };
  const i = m.info();
  await closeWorkersBackend();
  console.log(JSON.stringify({ checks, auto: describeAuto(), infoAuto: i.auto, backends: i.backends }));
`;

interface Out {
  checks: Record<string, boolean>;
  auto: Record<
    string,
    {
      backend: string;
      reason: string;
      measured: { work: number; threads: number; pickedThreads: number; backend: string; ms: Record<string, number> }[];
    }
  >;
  infoAuto: Out['auto'];
  backends: Record<string, { available: boolean; reason?: string }>;
}

// A file, not --input-type=module -e (`'dist:x.js'` names an internal module of dist/): worker threads inherit execArgv, and that flag stops them.
function scriptFile(script: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'multicore-auto-')), 'run.mjs');
  const dist = pathToFileURL(join(root, 'dist')).href;
  writeFileSync(file, script.replaceAll("'@multicore-js/multicore'", `'${dist}/index.js'`).replaceAll("'dist:", `'${dist}/`));
  return file;
}

function runScript(env: Record<string, string>, script = SCRIPT): Out {
  const r = spawnSync(process.execPath, [scriptFile(script)], {
    cwd: root,
    env: { ...process.env, MULTICORE_AUTO_CACHE: '', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function assertPickedAvailable(out: Out, kernel: string): void {
  const a = out.auto[kernel];
  assert.ok(CONCRETE.includes(a.backend), `${kernel}: ${a.backend}`);
  assert.equal(out.backends[a.backend].available, true, `${kernel} chose ${a.backend}, which is unavailable`);
  if (kernel.endsWith('Sync')) assert.notEqual(a.backend, 'workers', `${kernel}: workers has no sync form`);
}

test('describeAuto(): every kernel, a concrete backend and a reason; info().auto is the same', () => {
  const d = describeAuto();
  assert.deepEqual(Object.keys(d).sort(), [...KERNELS].sort());
  for (const k of KERNELS) {
    const a = d[k as keyof typeof d];
    assert.ok(CONCRETE.includes(a.backend), k);
    assert.ok(typeof a.reason === 'string' && a.reason.length > 10, k);
    assert.ok(Array.isArray(a.measured), k);
  }
  assert.deepEqual(Object.keys(info().auto).sort(), [...KERNELS].sort());
});

test('every kernel on auto: the reference result, an available backend chosen by measurement', { timeout: 240_000 }, () => {
  const out = runScript({});
  for (const k of KERNELS) {
    assert.equal(out.checks[k], true, `${k}: auto gives the same result as js`);
    assertPickedAvailable(out, k);
    const a = out.auto[k];
    assert.match(a.reason, /^fastest when measured at \d+ .*: /, k);
    assert.ok(a.measured.length >= 1, `${k} was measured`);
    const m = a.measured[a.measured.length - 1];
    // The pick is the fastest of what was measured (`rust×1`: the same on one thread), and every
    // available in-process backend was measured.
    const fastest = Object.entries(m.ms).sort((p, q) => p[1] - q[1])[0][0];
    assert.equal(m.backend, fastest.split('×')[0], k);
    assert.equal(m.pickedThreads, fastest.includes('×') ? Number(fastest.split('×')[1]) : m.threads, k);
    for (const b of ['cpp', 'rust', 'wasm', 'js']) {
      if (out.backends[b].available) assert.ok(b in m.ms || new RegExp(`failed: .*${b}`).test(a.reason), `${k}: ${b} measured`);
      else assert.ok(!(b in m.ms), `${k}: unavailable ${b} not measured`);
    }
    if (!k.endsWith('Sync')) assert.ok(!('workers' in m.ms) || m.threads > 1, `${k}: workers only measured with threads > 1`);
  }
  assert.deepEqual(Object.keys(out.infoAuto).sort(), [...KERNELS].sort());
});

test('with both native backends disabled, auto falls back to what is left and stays correct', { timeout: 240_000 }, () => {
  const out = runScript({ MULTICORE_DISABLE_CPP: '1', MULTICORE_DISABLE_RUST: '1' });
  for (const k of KERNELS) {
    assert.equal(out.checks[k], true, k);
    assertPickedAvailable(out, k);
    assert.ok(!['cpp', 'rust'].includes(out.auto[k].backend), `${k}: ${out.auto[k].backend}`);
  }
});

// A wrapper around a real addon that makes every call ~40 ms slower: auto must notice and avoid it,
// where the old fixed order (C++ first) would not.
function slowAddon(real: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'multicore-slow-')), 'slow.cjs');
  writeFileSync(
    file,
    `
    const real = require(${JSON.stringify(real)});
    const wait = () => { const end = Date.now() + 40; while (Date.now() < end); };
    for (const k of Object.getOwnPropertyNames(real)) {
      const f = real[k];
      exports[k] = typeof f === 'function' && k !== 'info' ? (...a) => { wait(); return f.apply(real, a); } : f;
    }
  `,
  );
  return file;
}

const both = () => info().backends.cpp.available && info().backends.rust.available;

for (const [slowName, fastName] of [
  ['cpp', 'rust'],
  ['rust', 'cpp'],
] as const) {
  test(`a slowed-down ${slowName} addon is never auto's choice`, {
    skip: !both() && !isCI && 'needs both native backends',
    timeout: 240_000,
  }, () => {
    const real =
      slowName === 'cpp' ? join(root, 'build', 'cpp', 'Release', 'multicore_cpp.node') : join(root, 'build', 'rust', 'multicore_rust.node');
    const out = runScript({ [`MULTICORE_${slowName.toUpperCase()}_ADDON`]: slowAddon(real) });
    for (const k of KERNELS) {
      assert.equal(out.checks[k], true, k);
      assert.notEqual(out.auto[k].backend, slowName, `${k}: ${out.auto[k].reason}`);
      assert.ok(out.auto[k].measured.at(-1)!.ms[slowName]! > out.auto[k].measured.at(-1)!.ms[fastName]!, `${k}: ${out.auto[k].reason}`);
    }
  });
}

test('MULTICORE_AUTO forces a backend, falls back when it is unavailable, and rejects nonsense', { timeout: 120_000 }, () => {
  const script = `
    import * as m from '@multicore-js/multicore';
    import { describeAuto } from 'dist:kernels/auto.js';
    const x = Float64Array.of(1, 2, 3);
    const r = { sum: await m.sumSquares(x), sync: m.sumSquaresSync(x) };
    console.log(JSON.stringify({ checks: r, auto: describeAuto(), infoAuto: {}, backends: m.info().backends }));
  `;
  const forced = runScript({ MULTICORE_AUTO: 'js' }, script);
  assert.equal(forced.auto.sumSquares.backend, 'js');
  assert.match(forced.auto.sumSquares.reason, /forced by MULTICORE_AUTO=js/);
  assert.deepEqual(forced.checks, { sum: 14, sync: 14 });

  const workers = runScript({ MULTICORE_AUTO: 'workers' }, script);
  assert.equal(workers.auto.sumSquares.backend, 'workers');
  assert.notEqual(workers.auto.sumSquaresSync.backend, 'workers');
  assert.match(workers.auto.sumSquaresSync.reason, /MULTICORE_AUTO=workers ignored \(it has no sync form\)/);
  assert.deepEqual(workers.checks, { sum: 14, sync: 14 });

  const gone = runScript({ MULTICORE_AUTO: 'cpp', MULTICORE_DISABLE_CPP: '1' }, script);
  assert.notEqual(gone.auto.sumSquares.backend, 'cpp');
  assert.match(gone.auto.sumSquares.reason, /MULTICORE_AUTO=cpp ignored \(disabled by MULTICORE_DISABLE_CPP\)/);

  const order = runScript({ MULTICORE_AUTO: 'order', MULTICORE_DISABLE_CPP: '1' }, script);
  assert.equal(order.auto.countPrimes.backend, order.backends.rust.available ? 'rust' : 'js');
  assert.match(order.auto.countPrimes.reason, /MULTICORE_AUTO=order: the first available of cpp, rust, wasm, js/);

  const r = spawnSync(
    process.execPath,
    [
      scriptFile(`
    import * as m from '@multicore-js/multicore';
    try { await m.sumSquares(Float64Array.of(1)); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
  `),
    ],
    { cwd: root, env: { ...process.env, MULTICORE_AUTO: 'fastest' }, encoding: 'utf8' },
  );
  assert.match(r.stdout, /RangeError: MULTICORE_AUTO must be 'measure', 'order' or a backend name .* got 'fastest'/);
});

test('MULTICORE_AUTO_CACHE keeps the measurements on disk for the next process', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'multicore-auto-cache-'));
  const script = `
    import * as m from '@multicore-js/multicore';
    import { describeAuto } from 'dist:kernels/auto.js';
    await m.countPrimes(100000);
    console.log(JSON.stringify({ checks: {}, auto: describeAuto(), infoAuto: {}, backends: m.info().backends }));
  `;
  const first = runScript({ MULTICORE_AUTO_CACHE: dir }, script);
  assert.match(first.auto.countPrimes.reason, /^fastest when measured at/);
  assert.doesNotMatch(first.auto.countPrimes.reason, /disk cache/);
  assert.equal(readdirSync(dir).filter((f) => /^auto-[0-9a-f]{16}\.json$/.test(f)).length, 1);
  const second = runScript({ MULTICORE_AUTO_CACHE: dir }, script);
  assert.match(second.auto.countPrimes.reason, /^fastest when measured \(disk cache\)/);
  assert.equal(second.auto.countPrimes.backend, first.auto.countPrimes.backend);
  // Off by default: nothing read, so the same run measures afresh.
  const fresh = runScript({}, script);
  assert.doesNotMatch(fresh.auto.countPrimes.reason, /disk cache/);
});
