// Native kernels that cannot run give clear errors naming the kernel: a missing library, a missing
// symbol, a library built for another ABI, a chunk returning a non-zero status (its status kept),
// arguments of the wrong type; and the process goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, UserKernelError } from '@multicore-js/multicore';
import { nativeUnavailable, skipUnless, testLibrary } from './helpers.js';

const reason = await nativeUnavailable();
const lib = () => (testLibrary('test_kernels') as { path: string }).path;
const x = new Float64Array(100).fill(1);
const out = new Float64Array(100);

test('a missing library rejects with a UserKernelError naming the kernel and the path', skipUnless(reason), async () => {
  const k = defineKernel({ name: 'ghost', native: '/nonexistent/libghost.so' });
  await assert.rejects(k.run(10, [], { backend: 'native' }), (err: UserKernelError) => {
    assert.ok(err instanceof UserKernelError);
    assert.equal(err.kernel, 'ghost');
    assert.equal(err.form, 'native');
    assert.match(err.message, /^kernel 'ghost' \(native\): .*\/nonexistent\/libghost\.so/);
    return true;
  });
});

test('a missing symbol rejects naming the symbol and how to export it', skipUnless(reason), async () => {
  const k = defineKernel({ name: 'nothere', native: lib() });
  await assert.rejects(
    k.run(10, [], { backend: 'native' }),
    /kernel 'nothere' \(native\): .* has no exported symbol 'nothere' \(declare it with MC_KERNEL\(nothere\)/,
  );
  const renamed = defineKernel({ name: 'other', native: { path: lib(), symbol: 'affine' } });
  await renamed.run(100, [x, out], { backend: 'native' });
  assert.equal(out[99], 3);
});

test('a library built for another ABI version is refused', skipUnless(reason), async () => {
  const other = testLibrary('other_abi') as { path: string };
  const k = defineKernel({ name: 'noop', native: other.path });
  await assert.rejects(
    k.run(1, [], { backend: 'native' }),
    /kernel 'noop' \(native\): .*built for multicore kernel ABI 999, this multicore runs ABI 1/,
  );
});

test('a non-zero status rejects with the status and the chunk, at every thread count', skipUnless(reason), async () => {
  const k = defineKernel({ name: 'failAt', native: lib() });
  for (const threads of [1, 2, 3, 7]) {
    await assert.rejects(k.run(1000, [42, 555], { backend: 'native', threads, chunkSize: 100 }), (err: UserKernelError) => {
      assert.ok(err instanceof UserKernelError);
      assert.equal(err.status, 42);
      assert.equal(err.message, "kernel 'failAt' (native): chunk 5 [500, 600) returned status 42");
      return true;
    });
  }
  await k.run(1000, [42, 5000], { backend: 'native' }); // no chunk holds item 5000: fine
  assert.equal(await k.reduce(1000, [42, 5000], { backend: 'native' }), 0);
});

test('arguments that are not typed arrays or numbers are TypeErrors naming them', skipUnless(reason), async () => {
  const k = defineKernel({ name: 'describe', native: lib() });
  // defineKernel validates first; the binding checks again (it must never see a bad pointer).
  await assert.rejects(k.run(1, ['no' as never], { backend: 'native' }), TypeError);
  await assert.rejects(k.run(1, [new BigInt64Array(1) as never], { backend: 'native' }), TypeError);
});

test('every argument kind reaches the chunk function with its kind, length or value', skipUnless(reason), async () => {
  const k = defineKernel({ name: 'describe', native: lib() });
  const arrays = [
    new Float64Array(3),
    new Float32Array(4),
    new Int32Array(5),
    new Uint32Array(6),
    new Int16Array(7),
    new Uint16Array(8),
    new Int8Array(9),
    new Uint8Array(new ArrayBuffer(16), 3, 10),
  ];
  const report = new Float64Array(2 * (arrays.length + 2));
  await k.run(1, [...arrays, 2.5, report], { backend: 'native' });
  const expected = [...arrays.flatMap((a, i) => [i + 1, a.length]), 0, 2.5, 1, report.length];
  assert.deepEqual([...report], expected);
});
