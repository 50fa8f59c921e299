// info(): cores, SIMD, backends with reasons; in CI every backend must be built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { info } from '@multicore-js/multicore';
import { isCI } from '../helpers/backends.js';

test('info reports cores, backends and versions', () => {
  const i = info();
  assert.equal(i.cores, availableParallelism());
  for (const name of ['auto', 'js', 'workers', 'cpp', 'rust'] as const) {
    const b = i.backends[name];
    assert.equal(typeof b.available, 'boolean', name);
    if (!b.available) assert.ok(b.reason && b.reason.length > 0, `${name} says why it is unavailable`);
  }
  assert.equal(i.versions.node, process.versions.node);
  assert.ok(Array.isArray(i.simd));
});

test('in CI, both native backends are built and report SIMD features', { skip: !isCI && 'only enforced with CI=true' }, () => {
  const i = info();
  assert.equal(i.backends.cpp.available, true, i.backends.cpp.reason);
  assert.equal(i.backends.rust.available, true, i.backends.rust.reason);
  assert.ok(i.simd.length > 0);
});

test('a disabled backend is reported unavailable with its reason, and asking for it is a clear error', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
    import { info, sumSquares } from '@multicore-js/multicore';
    const i = info();
    let message = '';
    try { await sumSquares(new Float64Array(1), { backend: 'cpp' }); } catch (e) { message = e.name + ': ' + e.message; }
    console.log(JSON.stringify({ cpp: i.backends.cpp, message, auto: await sumSquares(Float64Array.of(3)) }));
  `,
    ],
    { env: { ...process.env, MULTICORE_DISABLE_CPP: '1' }, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.cpp.available, false);
  assert.match(out.cpp.reason, /MULTICORE_DISABLE_CPP/);
  assert.match(out.message, /BackendUnavailableError: backend 'cpp' is not available/);
  assert.equal(out.auto, 9);
});

test('a loaded native backend says which file it loaded and from where, and what it skipped', () => {
  const i = info();
  for (const name of ['cpp', 'rust'] as const) {
    const b = i.backends[name];
    if (!b.available) continue;
    assert.ok(b.file?.endsWith(name === 'cpp' ? 'multicore_cpp.node' : 'multicore_rust.node'), b.file);
    // In this repository no platform package is installed: the local build is used, and the skip says why.
    assert.equal(b.from, 'build/');
    assert.match(b.skipped?.[0]?.candidate ?? '', /^@multicore-js\/multicore-/);
    assert.match(b.skipped?.[0]?.reason ?? '', /is not installed .*npx multicore build/);
  }
});

test('a backend found nowhere lists each place looked at, with a fix that works in an app', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, cpSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  // A copy of the compiled package with no build/ folder, as an app that installed only the main package has it.
  const dir = mkdtempSync(join(tmpdir(), 'multicore-nobuild-'));
  const root = join(import.meta.dirname, '..', '..');
  for (const p of ['package.json', 'dist']) cpSync(join(root, p), join(dir, p), { recursive: true });
  (await import('node:fs')).symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const { rmSync } = await import('node:fs');
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
    const { info } = await import(${JSON.stringify(join(dir, 'dist/index.js'))});
    console.log(JSON.stringify(info().backends.cpp));
  `,
    ],
    { encoding: 'utf8' },
  );
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  const cpp = JSON.parse(r.stdout);
  assert.equal(cpp.available, false);
  assert.equal(cpp.skipped.length, 2);
  assert.match(cpp.skipped[0].candidate, /^@multicore-js\/multicore-\w+-\w+/);
  assert.match(cpp.skipped[0].reason, /is not installed/);
  assert.equal(cpp.skipped[1].candidate, 'build/');
  assert.match(cpp.skipped[1].reason, /not built \(`npx multicore build` compiles it\)/);
  assert.match(cpp.reason, /npx multicore build/);
  assert.doesNotMatch(cpp.reason, /npm run/);
});
