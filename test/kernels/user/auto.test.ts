// 'auto' picks native if given and loadable, else wasm, else workers, else js; `forms` lists the
// forms a kernel was defined with in that order; availability() says why a form cannot run.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel } from '@multicore-js/multicore';
import { JS_KERNELS, kernelsWasm } from './fixtures.js';

let wasm: string;
before(async () => {
  wasm = await kernelsWasm();
});

test('forms and the auto order', async () => {
  const js = { module: JS_KERNELS, name: 'sumF64' };
  const all = defineKernel({ name: 'sumF64', js, wasm, native: { path: '/nonexistent/libsum.so' } });
  assert.deepEqual(all.forms, ['native', 'wasm', 'workers', 'js']);
  assert.deepEqual(defineKernel({ name: 'sumF64', js }).forms, ['workers', 'js']);
  assert.deepEqual(defineKernel({ name: 'sumF64', wasm }).forms, ['wasm']);

  const a = await all.availability();
  if (a.native.available) {
    // A build with the native form: auto takes it (loading the library is that form's business).
    assert.equal(await all.resolveBackend(), 'native');
  } else {
    // A build without it: said so, and auto goes on to wasm.
    assert.match(a.native.reason, /native/);
    assert.equal(await all.resolveBackend(), 'wasm');
    await assert.rejects(all.run(4, [new Float64Array(4)], { backend: 'native' }), { code: 'ERR_MULTICORE_BACKEND_UNAVAILABLE' });
  }
  assert.equal(await defineKernel({ name: 'sumF64', js, wasm }).resolveBackend(), 'wasm');
  assert.equal(await defineKernel({ name: 'sumF64', js }).resolveBackend(), 'workers');
  assert.equal(
    await defineKernel({ name: 'sumF64', js: (s: number, e: number) => e - s + a.js.available.toString().length }).resolveBackend(),
    'js',
  );
  // Whatever auto picks, the result is the same.
  const x = Float64Array.from({ length: 5000 }, (_, i) => 1 / (i + 1));
  const k = defineKernel({ name: 'sumF64', js, wasm });
  assert.ok(Object.is(await k.reduce(x.length, [x]), await k.reduce(x.length, [x], { backend: 'js' })));
});
