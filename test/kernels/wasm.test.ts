// The wasm backend's own behaviour: where it loads from (and why candidates were skipped), real
// threads, a free event loop, the copy through wasm memory (in place, shared buffers, big inputs)
// and bad input on the adapter itself. Results on every kernel are covered by the other kernel
// tests, which run on every backend in backendsHere() (wasm included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countPrimes, info, matmul, sort, square, squareSync } from '@multicore-js/multicore';
import type { WasmAddon } from '../../src/native/wasm-addon.js';
import { isCI } from '../helpers/backends.js';
import { randomFloat64 } from '../helpers/random.js';

// The same module instance the package uses (dist/), typed from src/ (dist may not exist at type-check time).
const { loadWasm, wasmSource } = (await import(
  new URL('../../dist/native/wasm.js', import.meta.url).href
)) as typeof import('../../src/native/wasm.js');
const root = fileURLToPath(new URL('../../', import.meta.url));
const available = info().backends.wasm.available;
const skip = available ? false : `wasm backend unavailable: ${info().backends.wasm.reason}`;
const addon = () => loadWasm().addon as WasmAddon;

function runModule(code: string, env: Record<string, string> = {}, cwd = root) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('in CI the wasm backend is built', { skip: !isCI && 'only enforced with CI=true' }, () => {
  assert.equal(info().backends.wasm.available, true, info().backends.wasm.reason);
});

test('loads from build/wasm and says why MULTICORE_WASM_FILE was skipped', { skip }, () => {
  const s = wasmSource();
  assert.equal(s.file, join(root, 'build', 'wasm', 'multicore_rust.wasi.cjs'));
  assert.deepEqual(s.skipped, ['MULTICORE_WASM_FILE: not set']);
  assert.ok(addon().info().simd.includes('simd128'));
});

test('MULTICORE_WASM_FILE wins; a wrong one is skipped with the reason; MULTICORE_DISABLE_WASM disables', { skip }, () => {
  const code = `import { info } from '@multicore-js/multicore';
    import { wasmSource } from './dist/native/wasm.js';
    console.log(JSON.stringify({ wasm: info().backends.wasm, source: wasmSource() }));`;
  const wasmFile = join(root, 'build', 'wasm', 'multicore_rust.wasm32-wasi.wasm');
  const byEnv = runModule(code, { MULTICORE_WASM_FILE: wasmFile });
  assert.equal(byEnv.wasm.available, true);
  assert.equal(byEnv.source.file, join(root, 'build', 'wasm', 'multicore_rust.wasi.cjs'));
  assert.deepEqual(byEnv.source.skipped, []);

  const wrong = runModule(code, { MULTICORE_WASM_FILE: '/nonexistent/x.wasi.cjs' });
  assert.equal(wrong.wasm.available, true);
  assert.deepEqual(wrong.source.skipped, ['MULTICORE_WASM_FILE=/nonexistent/x.wasi.cjs: /nonexistent/x.wasi.cjs not found']);

  const disabled = runModule(code, { MULTICORE_DISABLE_WASM: '1' });
  assert.deepEqual(disabled.wasm, { available: false, reason: 'disabled by MULTICORE_DISABLE_WASM' });
});

test('an installed package loads prebuilt/wasm; without it every candidate is named in the reason', { skip }, () => {
  // A package root holding only dist/ (+ node_modules for the runtime), as a tarball would.
  const pkg = mkdtempSync(join(tmpdir(), 'multicore-wasm-'));
  try {
    cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'probe', type: 'module' }));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    const code = `import { loadWasm, wasmSource } from './dist/native/wasm.js';
      const l = loadWasm();
      const x = new Float64Array([3, -1, 2]);
      if (l.addon) await l.addon.sort(x, 2);
      console.log(JSON.stringify({ reason: l.reason, source: wasmSource(), sorted: Array.from(x) }));`;
    const none = runModule(code, {}, pkg);
    assert.match(
      none.reason,
      /^MULTICORE_WASM_FILE: not set; local build: .*build\/wasm\/multicore_rust\.wasi\.cjs not found \(an installed package has no local build: it uses prebuilt\/wasm\); packaged build: .*prebuilt\/wasm\/multicore_rust\.wasi\.cjs not found$/,
    );

    cpSync(join(root, 'build', 'wasm'), join(pkg, 'prebuilt', 'wasm'), { recursive: true });
    const packaged = runModule(code, {}, pkg);
    assert.equal(packaged.reason, undefined);
    assert.equal(packaged.source.file, join(pkg, 'prebuilt', 'wasm', 'multicore_rust.wasi.cjs'));
    assert.equal(packaged.source.skipped.length, 2);
    assert.match(packaged.source.skipped[1], /^local build: .* not found/);
    assert.deepEqual(packaged.sorted, [-1, 2, 3]);
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});

test('the pool has one thread per core, and threads > 1 really runs chunks on other threads', { skip }, () => {
  assert.equal(addon().stats().poolThreads, Math.min(availableParallelism(), 256));
  // In a child with a 3-thread pool, so that this holds on a 1-core machine too.
  const out = runModule(
    `import { loadWasm } from './dist/native/wasm.js';
    const a = loadWasm().addon;
    const before = a.stats().helperChunks;
    const one = await a.countPrimes(300_000_000, 1);
    const afterOne = a.stats().helperChunks;
    const three = await a.countPrimes(300_000_000, 3);
    const x = new Float64Array(1 << 22).fill(0.5);
    const beforeSync = a.stats().helperChunks;
    a.sumSquaresSync(x, 3);
    console.log(JSON.stringify({ pool: a.stats().poolThreads, one, three, oneHelpers: afterOne - before,
      threeHelpers: beforeSync - afterOne, syncHelpers: a.stats().helperChunks - beforeSync }));`,
    { MULTICORE_RUST_POOL_THREADS: '3' },
  );
  assert.equal(out.pool, 3);
  assert.equal(out.one, 16_252_325);
  assert.equal(out.three, 16_252_325);
  assert.equal(out.oneHelpers, 0, 'threads: 1 never uses a helper');
  assert.ok(out.threeHelpers > 0, `threads: 3 ran ${out.threeHelpers} of its chunks on helper threads`);
  assert.ok(out.syncHelpers >= 0);
});

test('the event loop stays free while a long wasm kernel runs', { skip }, async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  let limit = 200_000_000;
  let elapsed = 0;
  while (elapsed < 300) {
    ticks = 0;
    const t0 = performance.now();
    await countPrimes(limit, { backend: 'wasm', threads: 1 });
    elapsed = performance.now() - t0;
    limit *= 2;
  }
  clearInterval(timer);
  // A blocked loop gives 0 or 1 tick; a free one about elapsed / 10.
  assert.ok(ticks >= Math.floor(elapsed / 10 / 4), `${ticks} ticks during ${elapsed.toFixed(0)} ms`);
});

test('square in place and views of one buffer: each call works on its own copy of exactly its range', { skip }, async () => {
  const x = randomFloat64(1000, 3);
  const expected = x.map((v) => v * v);
  const same = x.slice();
  await square(same, { backend: 'wasm', out: same });
  assert.deepEqual(same, expected);
  const viaView = x.slice();
  squareSync(viaView, { backend: 'wasm', out: new Float64Array(viaView.buffer) });
  assert.deepEqual(viaView, expected);

  // Two concurrent sorts on the two halves of one buffer (emnapi's own copy is per buffer).
  const both = randomFloat64(400_000, 4);
  const [lo, hi] = [both.subarray(0, 200_000), both.subarray(200_000)];
  const want = [lo.slice().sort(), hi.slice().sort()];
  await Promise.all([sort(lo, { backend: 'wasm', threads: 2 }), sort(hi, { backend: 'wasm', threads: 2 })]);
  assert.deepEqual(lo, want[0]);
  assert.deepEqual(hi, want[1]);
});

test('big inputs: sort of 10^7 doubles and a 1024² matmul', { skip }, async () => {
  const x = randomFloat64(10_000_000, 5);
  const want = x.slice().sort();
  await sort(x, { backend: 'wasm', threads: 2 });
  assert.ok(
    x.every((v, i) => Object.is(v, want[i])),
    'sorted like Float64Array#sort',
  );

  const n = 1024;
  const a = randomFloat64(n * n, 6);
  const b = randomFloat64(n * n, 7);
  const got = await matmul(a, b, n, n, n, { backend: 'wasm', threads: 2 });
  const reference = info().backends.rust.available ? 'rust' : 'js';
  const expected = await matmul(a, b, n, n, n, { backend: reference, threads: 2 });
  assert.ok(
    got.every((v, i) => Object.is(v, expected[i])),
    `bit-identical with ${reference}`,
  );
});

test('the adapter throws the binding errors for arrays it cannot place', { skip }, () => {
  const a = addon();
  const f = new Float64Array(8);
  assert.throws(() => a.sumSquaresSync(new Int32Array(2) as never, 1), {
    name: 'TypeError',
    message: 'x must be a Float64Array, got Int32Array',
  });
  const gone = new Float64Array(8);
  structuredClone(gone.buffer, { transfer: [gone.buffer] });
  assert.throws(() => a.sort(gone, 1), { name: 'TypeError', message: 'x is detached' });
  assert.throws(() => a.square(f.subarray(0, 4), f.subarray(2, 6), 1), {
    name: 'RangeError',
    message: 'out must be x itself or not overlap x',
  });
  assert.throws(() => a.matmul(f.subarray(0, 4), f.subarray(4, 8), f.subarray(2, 6), 2, 2, 2, 1), {
    name: 'RangeError',
    message: 'out must not overlap a or b',
  });
  assert.throws(() => a.countPrimes(10, 0), { name: 'RangeError', message: 'threads must be an integer in 1..256, got 0' });
  assert.throws(() => a.sort(f, 1, new Int32Array(2)), { name: 'RangeError', message: 'control.length must be at least 4, got 2' });
  assert.throws(() => a.mandelbrot(new Uint32Array(3), 2, 2, 5, -2, 1, -1, 1, 1), {
    name: 'RangeError',
    message: 'out.length must be width*height = 4, got 3',
  });
});

test('worker threads load their own wasm instance; one terminated mid-call exits cleanly', { skip }, async () => {
  const { Worker } = await import('node:worker_threads');
  const code = `
    const { parentPort } = require('node:worker_threads');
    import('@multicore-js/multicore').then(async ({ countPrimes, sort }) => {
      const x = Float64Array.of(3, -0, 0, NaN, -5);
      await sort(x, { backend: 'wasm', threads: 2 });
      parentPort.postMessage({ primes: await countPrimes(1e6, { backend: 'wasm', threads: 2 }), sorted: Array.from(x) });
    });`;
  const run = () =>
    new Promise<{ primes: number; sorted: number[] }>((resolve, reject) => {
      const w = new Worker(code, { eval: true });
      let message: { primes: number; sorted: number[] } | undefined;
      w.on('message', (m) => {
        message = m;
      });
      w.on('error', reject);
      w.on('exit', (c) => (c === 0 && message ? resolve(message) : reject(new Error(`exit ${c}`))));
    });
  for (const out of await Promise.all([run(), run()])) {
    assert.equal(out.primes, 78_498);
    assert.deepEqual(out.sorted, [-5, -0, 0, 3, NaN]);
  }
  const busy = new Worker(
    `
    const { parentPort } = require('node:worker_threads');
    import('@multicore-js/multicore').then(({ countPrimes }) => {
      countPrimes(1e12, { backend: 'wasm', threads: 2 }).catch(() => {});
      setTimeout(() => parentPort.postMessage('running'), 200);
    });`,
    { eval: true },
  );
  await new Promise((resolve, reject) => {
    busy.once('message', resolve);
    busy.once('error', reject);
  });
  assert.equal(await busy.terminate(), 1);
  assert.equal(await countPrimes(1000, { backend: 'wasm' }), 168, 'this thread still works');
});

test('scripts/build-wasm.mjs names what is missing and exits 1', () => {
  const bin = mkdtempSync(join(tmpdir(), 'multicore-fakebin-'));
  try {
    const build = (PATH: string) =>
      spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.mjs')], {
        cwd: root,
        env: { ...process.env, PATH },
        encoding: 'utf8',
      });
    const noCargo = build(bin);
    assert.equal(noCargo.status, 1);
    assert.match(noCargo.stderr, /wasm: NOT built — cargo not found on PATH/);
    // A rustc whose sysroot has no wasm32-wasip1-threads (cargo itself is the real one).
    writeFileSync(join(bin, 'rustc'), `#!/bin/sh\necho ${join(bin, 'sysroot')}\n`, { mode: 0o755 });
    const noTarget = build(`${bin}:${process.env.PATH}`);
    if (spawnSync('cargo', ['--version']).status !== 0) return; // no cargo here at all: covered above
    assert.equal(noTarget.status, 1);
    assert.match(
      noTarget.stderr,
      /the Rust target wasm32-wasip1-threads is not installed \(run `rustup target add wasm32-wasip1-threads`\)/,
    );
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
