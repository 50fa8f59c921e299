// Bad kernels fail with clear errors naming the kernel: a missing export, a wrong signature or arity, a
// module that imports what multicore does not provide or a memory that is not shared, a trap, a non-zero
// status, AssemblyScript's abort, a JS throw, a reduce chunk that returns no number.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, UserKernelError } from '@multicore-js/multicore';
import { JS_KERNELS, T, kernelsWasm, tinyModule } from './fixtures.js';

let wasm: string;
before(async () => {
  wasm = await kernelsWasm();
});

function isUserKernelError(kernel: string, form: string, message: RegExp, status?: number) {
  return (err: unknown) => {
    assert.ok(err instanceof UserKernelError, `not a UserKernelError: ${err}`);
    assert.equal(err.kernel, kernel);
    assert.equal(err.form, form);
    assert.match(err.message, new RegExp(`^kernel '${kernel}' \\(${form}\\): `));
    assert.match(err.message, message);
    assert.equal(err.status, status);
    return true;
  };
}

test('wasm: a missing export names the kernel and lists the exports; auto does not skip it', async () => {
  const k = defineKernel({ name: 'nope', wasm, js: (s: number, e: number) => e - s });
  for (const backend of ['wasm', 'auto'] as const) {
    await assert.rejects(
      k.reduce(10, [], { backend }),
      isUserKernelError('nope', 'wasm', /exports no function 'nope' \(its function exports: .*sumF64/),
    );
  }
  const a = await k.availability();
  assert.equal(a.wasm.available, false);
  assert.equal(a.js.available, true);
});

test('wasm: wrong arity, reduce over a void export, an i64 parameter, a non-shared memory, other imports, bad bytes', async () => {
  await assert.rejects(
    defineKernel({ name: 'scale', wasm }).run(10, [1], { backend: 'wasm' }),
    isUserKernelError('scale', 'wasm', /takes 5 parameters, but the call passes 3 \(start, end and 1 args\)/),
  );
  await assert.rejects(
    defineKernel({ name: 'noResult', wasm }).reduce(10, [], { backend: 'wasm' }),
    isUserKernelError('noResult', 'wasm', /reduce needs 'noResult' to return the chunk's partial/),
  );
  await assert.rejects(
    defineKernel({ name: 'k', wasm: tinyModule({ name: 'k', params: [T.i32, T.i32, T.i64], results: [T.f64] }) }).reduce(4, [1]),
    isUserKernelError('k', 'wasm', /parameter 2 of 'k' is i64/),
  );
  await assert.rejects(
    defineKernel({ name: 'k', wasm: tinyModule({ name: 'k', params: [T.i32], results: [] }) }).run(4),
    isUserKernelError('k', 'wasm', /must take \(start, end, \.\.\.args\)/),
  );
  await assert.rejects(
    defineKernel({ name: 'k', wasm: tinyModule({ name: 'k', params: [T.i32, T.i32], results: [], memoryFlags: 1 }) }).run(4),
    isUserKernelError('k', 'wasm', /env\.memory must be a shared memory/),
  );
  await assert.rejects(
    defineKernel({
      name: 'k',
      wasm: tinyModule({ name: 'k', params: [T.i32, T.i32], results: [], extraImport: ['wasi', 'fd_write'] }),
    }).run(4),
    isUserKernelError('k', 'wasm', /imports 'wasi\.fd_write'/),
  );
  await assert.rejects(
    defineKernel({ name: 'k', wasm: tinyModule({ name: 'k', params: [T.i32, T.i32], results: [], memoryImport: ['js', 'mem'] }) }).run(4),
    isUserKernelError('k', 'wasm', /imports 'js\.mem'/),
  );
  await assert.rejects(
    defineKernel({ name: 'k', wasm: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 99]) }).run(4),
    isUserKernelError('k', 'wasm', /does not compile/),
  );
  await assert.rejects(defineKernel({ name: 'k', wasm: '/no/such/kernel.wasm' }).run(4), isUserKernelError('k', 'wasm', /ENOENT/));
  // A tiny well-formed module runs (the writer above is not what fails).
  await defineKernel({ name: 'k', wasm: tinyModule({ name: 'k', params: [T.i32, T.i32], results: [] }) }).run(4, [], { threads: 2 });
});

test('wasm: a trap, a non-zero status and abort() reject with the chunk, on the main thread and on workers', async () => {
  for (const threads of [1, 3]) {
    await assert.rejects(
      defineKernel({ name: 'trapAt', wasm }).reduce(1000, [437], { threads, chunkSize: 100 }),
      isUserKernelError('trapAt', 'wasm', /chunk \[400, 500\) trapped: unreachable/),
    );
    await assert.rejects(
      defineKernel({ name: 'statusAt', wasm }).run(1000, [437], { threads, chunkSize: 100 }),
      isUserKernelError('statusAt', 'wasm', /chunk \[400, 500\) returned status 7/, 7),
    );
    await assert.rejects(
      defineKernel({ name: 'abortAt', wasm }).reduce(1000, [437], { threads, chunkSize: 100 }),
      isUserKernelError('abortAt', 'wasm', /chunk \[400, 500\) called abort: bad item/),
    );
  }
  // The kernel still works after a trap (the instances are not poisoned).
  assert.equal(await defineKernel({ name: 'trapAt', wasm }).reduce(1000, [-1], { threads: 3, chunkSize: 100 }), 1000);
});

test('js and workers: a throw names the kernel and chunk and keeps the error as cause', async () => {
  const k = defineKernel({ name: 'throwAt', js: { module: JS_KERNELS, name: 'throwAt' } });
  for (const [backend, threads] of [
    ['js', 1],
    ['workers', 1],
    ['workers', 3],
  ] as const) {
    await assert.rejects(k.reduce(1000, [437], { backend, threads, chunkSize: 100 }), (err: UserKernelError) => {
      isUserKernelError('throwAt', backend, /chunk \[400, 500\) threw RangeError: bad item 437/)(err);
      assert.equal((err.cause as Error).message, 'bad item 437');
      return true;
    });
  }
});

test('js: reduce needs a number from each chunk; a chunk must be synchronous; a bad module export is an error', async () => {
  const noNumber = defineKernel({
    name: 'noNumber',
    js: (s: number, e: number) => {
      void s;
      void e;
    },
  });
  for (const backend of ['js', 'workers'] as const) {
    await assert.rejects(
      noNumber.reduce(10, [], { backend }),
      isUserKernelError('noNumber', backend, /reduce needs every chunk to return a number/),
    );
  }
  const asyncChunk = defineKernel({ name: 'later', js: async (s: number, e: number) => e - s });
  await assert.rejects(asyncChunk.run(10, [], { backend: 'js' }), isUserKernelError('later', 'js', /must be synchronous/));
  const notFn = defineKernel({ name: 'x', js: { module: JS_KERNELS, name: 'notAFunction' } });
  await assert.rejects(
    notFn.run(10, [], { backend: 'js' }),
    isUserKernelError('x', 'js', /no exported function 'notAFunction' \(found number\)/),
  );
});

test('a closure runs on the main thread; the workers form says why it cannot travel', async () => {
  const factor = 3;
  const k = defineKernel({ name: 'closure', js: (s: number, e: number) => (e - s) * factor });
  assert.equal(await k.reduce(10, [], { backend: 'js', chunkSize: 5 }), 30);
  assert.equal(await k.resolveBackend('auto'), 'js');
  await assert.rejects(k.run(10, [], { backend: 'workers' }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'ERR_MULTICORE_BACKEND_UNAVAILABLE');
    assert.match(err.message, /uses 'factor' from outside its own body/);
    return true;
  });
});

test('workers: a chunk that ends its worker thread fails the call with a UserKernelError, and the pool goes on', async () => {
  const k = defineKernel({
    name: 'exits',
    js: (s: number, e: number) => {
      if (s === 0) process.exit(3);
      return e - s;
    },
  });
  await assert.rejects(
    k.reduce(100, [], { backend: 'workers', threads: 2, chunkSize: 10 }),
    isUserKernelError('exits', 'workers', /a worker failed: .*exit/i),
  );
  const ok = defineKernel({ name: 'count', js: (s: number, e: number) => e - s });
  assert.equal(await ok.reduce(100, [], { backend: 'workers', threads: 2, chunkSize: 10 }), 100);
});
