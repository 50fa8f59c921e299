// Bad arguments to defineKernel, run and reduce: a TypeError or RangeError naming the argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel } from '@multicore-js/multicore';

const k = defineKernel({ name: 'count', js: (s: number, e: number) => e - s });

test('defineKernel checks its definition', () => {
  assert.throws(() => defineKernel(undefined as never), TypeError);
  assert.throws(() => defineKernel({ name: '', js: () => 0 }), { name: 'TypeError', message: /name must be a non-empty string/ });
  assert.throws(() => defineKernel({ name: 'x' }), { name: 'TypeError', message: /give at least one form: js, wasm or native/ });
  assert.throws(() => defineKernel({ name: 'x', js: 42 as never }), { name: 'TypeError', message: /js must be a function/ });
  assert.throws(() => defineKernel({ name: 'x', js: { module: './m.mjs', name: '' } }), { name: 'TypeError', message: /js\.name/ });
  assert.throws(() => defineKernel({ name: 'x', wasm: 42 as never }), { name: 'TypeError', message: /wasm must be a \.wasm path/ });
  assert.throws(() => defineKernel({ name: 'x', wasm: { source: new Uint8Array(8), memory: {} as never } }), {
    name: 'TypeError',
    message: /wasm\.memory must be a shared/,
  });
  assert.throws(() => defineKernel({ name: 'x', native: 7 as never }), { name: 'TypeError', message: /native must be/ });
  assert.throws(() => defineKernel({ name: 'x', native: { path: '' } }), { name: 'TypeError', message: /native\.path/ });
  assert.throws(() => defineKernel({ name: 'x', js: () => 0, combine: 1 as never }), {
    name: 'TypeError',
    message: /combine must be a function/,
  });
});

test('length, args and options are checked, by name', async () => {
  const cases: [unknown, unknown, unknown, string, RegExp][] = [
    [-1, [], {}, 'RangeError', /^length must be an integer in 0\.\./],
    [1.5, [], {}, 'RangeError', /^length/],
    ['10', [], {}, 'TypeError', /^length must be a number/],
    [2 ** 53, [], {}, 'RangeError', /^length/],
    [10, 'x', {}, 'TypeError', /^args must be an array/],
    [10, [NaN], {}, 'RangeError', /^args\[0\] must be a finite number/],
    [10, [1, 'a'], {}, 'TypeError', /^args\[1\] must be a finite number or a Float64Array/],
    [10, [new BigInt64Array(2)], {}, 'TypeError', /^args\[0\]/],
    [10, [new Uint8ClampedArray(2)], {}, 'TypeError', /^args\[0\]/],
    [10, [new DataView(new ArrayBuffer(8))], {}, 'TypeError', /^args\[0\]/],
    [
      10,
      [new Float64Array(new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(8, { maxByteLength: 16 }))],
      {},
      'TypeError',
      /^args\[0\] must be over a fixed-length buffer/,
    ],
    [10, [], 'fast', 'TypeError', /^options must be an object/],
    [10, [], { backend: 'cpp' }, 'RangeError', /^options\.backend must be one of 'auto', 'js', 'workers', 'wasm', 'native'/],
    [10, [], { threads: 0 }, 'RangeError', /^options\.threads/],
    [10, [], { threads: 1.5 }, 'RangeError', /^options\.threads/],
    [10, [], { chunkSize: 0 }, 'RangeError', /^options\.chunkSize/],
    [2 ** 40, [], { chunkSize: 1 }, 'RangeError', /^options\.chunkSize 1 makes \d+ chunks/],
    [10, [], { signal: {} }, 'TypeError', /^options\.signal must be an AbortSignal/],
    [10, [], { onProgress: 1 }, 'TypeError', /^options\.onProgress must be a function/],
    [10, [], { backend: 'wasm' }, 'RangeError', /^options\.backend 'wasm': kernel 'count' has no wasm form/],
    [10, [], { backend: 'native' }, 'RangeError', /^options\.backend 'native': kernel 'count' has no native form/],
  ];
  for (const [length, args, options, name, message] of cases) {
    for (const method of ['run', 'reduce'] as const) {
      await assert.rejects(
        k[method](length as number, args as never, options as never),
        { name, message },
        `${method}(${String(length)}, ${String(args)}, ${JSON.stringify(options)})`,
      );
    }
  }
  const detached = new Float64Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  await assert.rejects(k.run(4, [detached]), { name: 'TypeError', message: /^args\[0\] is detached/ });
});

test('array() and free() check what they are given', () => {
  assert.throws(() => k.array(Float64Array, 4), { name: 'TypeError', message: /has no wasm form/ });
  assert.equal(k.wasmMemory, undefined);
});
