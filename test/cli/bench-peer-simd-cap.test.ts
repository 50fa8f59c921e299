// With MULTICORE_SIMD capping our kernels, the NumPy peer is capped to the same level: OpenBLAS's
// core type and NumPy's dispatched features, so the bench compares like with like per level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { peerSimdCap } from '../../src/cli/bench/peers/simd-cap.js';

const DISPATCH = ['SSSE3', 'SSE41', 'POPCNT', 'SSE42', 'AVX', 'F16C', 'FMA3', 'AVX2', 'AVX512F', 'AVX512CD', 'AVX512_SKX'];

test('peerSimdCap: avx2 switches off AVX-512 only, baseline every dispatched feature; nothing otherwise', () => {
  assert.deepEqual(peerSimdCap('avx2', 'x64', DISPATCH).env, {
    OPENBLAS_CORETYPE: 'Haswell',
    NPY_DISABLE_CPU_FEATURES: 'AVX512F AVX512CD AVX512_SKX',
  });
  assert.deepEqual(peerSimdCap('baseline', 'x64', DISPATCH).env, {
    OPENBLAS_CORETYPE: 'Prescott',
    NPY_DISABLE_CPU_FEATURES: DISPATCH.join(' '),
  });
  assert.equal(peerSimdCap('baseline', 'x64', DISPATCH).note, '≤baseline');
  assert.deepEqual(peerSimdCap('baseline', 'x64', []).env, { OPENBLAS_CORETYPE: 'Prescott' });
  for (const [simd, arch] of [
    [undefined, 'x64'],
    ['', 'x64'],
    ['avx512', 'x64'],
    ['bogus', 'x64'],
    ['baseline', 'arm64'],
    ['neon', 'arm64'],
  ] as const) {
    const cap = peerSimdCap(simd, arch, DISPATCH);
    assert.deepEqual(cap.env, {}, `${simd} on ${arch}`);
    assert.equal(cap.note, undefined);
  }
});

const python = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);

test('the python peer under MULTICORE_SIMD=avx2 and baseline: NumPy and OpenBLAS report the capped level', {
  skip: (process.arch !== 'x64' || !python) && 'needs x86-64 and NumPy',
  timeout: 60_000,
}, async () => {
  // The peer module caches what it found per process, so each level runs in a child of its own.
  for (const level of ['avx2', 'baseline']) {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { pythonFor, closePythons } from './src/cli/bench/peers/python.ts';
         const peer = await pythonFor(1);
         console.log(JSON.stringify(peer.hello));
         await closePythons();`,
      ],
      { encoding: 'utf8', env: { ...process.env, MULTICORE_SIMD: level, MULTICORE_PYTHON: python! }, timeout: 50_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const hello = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.ok(Array.isArray(hello.simd), 'NumPy says which features it dispatches');
    assert.deepEqual(
      hello.simd.filter((f: string) => (level === 'avx2' ? f.startsWith('AVX512') : true)),
      [],
      `${level}: NumPy still dispatches ${hello.simd}`,
    );
    if (/openblas/i.test(hello.blas)) assert.equal(hello.blasCore, level === 'avx2' ? 'Haswell' : 'Prescott');
    assert.doesNotMatch(r.stderr, /NPY_DISABLE_CPU_FEATURES/, 'NumPy accepted every feature it was told to switch off');
  }
});
