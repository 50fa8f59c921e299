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
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { info, sumSquares } from '@multicore-js/multicore';
    const i = info();
    let message = '';
    try { await sumSquares(new Float64Array(1), { backend: 'cpp' }); } catch (e) { message = e.name + ': ' + e.message; }
    console.log(JSON.stringify({ cpp: i.backends.cpp, message, auto: await sumSquares(Float64Array.of(3)) }));
  `], { env: { ...process.env, MULTICORE_DISABLE_CPP: '1' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.cpp.available, false);
  assert.match(out.cpp.reason, /MULTICORE_DISABLE_CPP/);
  assert.match(out.message, /BackendUnavailableError: backend 'cpp' is not available/);
  assert.equal(out.auto, 9);
});
