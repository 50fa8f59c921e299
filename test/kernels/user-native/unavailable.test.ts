// Without the C++ addon (disabled here; the same as a machine with only the wasm fallback) the
// native form rejects saying why, and the kernel's other forms still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { nativeUnavailable, root, skipUnless, testLibrary } from './helpers.js';

const reason = await nativeUnavailable();

test('without the C++ addon the native form says so, and the JS form still runs', skipUnless(reason), () => {
  const lib = (testLibrary('test_kernels') as { path: string }).path;
  const script = `
    const { defineKernel } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)});
    const k = defineKernel({ name: 'affine', native: ${JSON.stringify(lib)}, js: (s, e, x, out) => { for (let i = s; i < e; i++) out[i] = 2 * x[i] + 1; } });
    const x = new Float64Array([1, 2]), out = new Float64Array(2);
    try { await k.run(2, [x, out], { backend: 'native' }); console.log('ran'); } catch (e) { console.log('rejected:', e.message); }
    await k.run(2, [x, out], { backend: 'js' });
    console.log('js', out.join(','));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, MULTICORE_DISABLE_CPP: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /rejected: .*native user kernels run on the C\+\+ addon \(multicore_cpp\.node\), which is not available here \(disabled by MULTICORE_DISABLE_CPP\)/,
  );
  assert.match(r.stdout, /the WebAssembly fallback cannot load shared libraries/);
  assert.match(r.stdout, /js 3,5/);
});
