// How arrays reach wasm: an array made by k.array() lives in the kernel's shared memory and is passed
// as its offset (the kernel writes straight into it, no copy); any other array is copied in and back.
// The memory grows for big arrays, freed blocks are reused, and kernels given one memory share it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defineKernel } from '@multicore-js/multicore';
import { kernelsWasm } from './fixtures.js';

// The WebAssembly global, typed here: the tests compile without the DOM library that declares it.
const WebAssembly = (
  globalThis as unknown as {
    WebAssembly: {
      Memory: new (d: { initial: number; maximum: number; shared: boolean }) => { buffer: SharedArrayBuffer; grow(n: number): number };
      Module: new (bytes: Uint8Array) => object;
    };
  }
).WebAssembly;

let wasm: string;
before(async () => {
  wasm = await kernelsWasm();
});

test('k.array() arrays are used in place: the kernel writes into them, on one thread and on several', async () => {
  const k = defineKernel({ name: 'scale', wasm });
  const n = 100_000;
  const x = k.array(Float64Array, n);
  const out = k.array(Float64Array, n);
  assert.ok(k.wasmMemory && x.buffer instanceof SharedArrayBuffer);
  assert.equal(
    out.every((v) => v === 0),
    true,
    'zero-filled',
  );
  for (let i = 0; i < n; i++) x[i] = i;
  for (const threads of [1, 3]) {
    out.fill(0);
    await k.run(n, [x, out, 2], { threads });
    assert.equal(out[n - 1], 2 * (n - 1));
    // The view itself saw the writes: it is the kernel's memory, not a copy.
    assert.equal(new Float64Array(k.wasmMemory.buffer, out.byteOffset, n)[12345], 24690);
  }
  // Views made by hand over wasmMemory.buffer count as in-memory too.
  const byHand = new Float64Array(k.wasmMemory.buffer, out.byteOffset, n);
  await k.run(n, [x, byHand, 3], { threads: 2 });
  assert.equal(out[7], 21);
  k.free(x);
  k.free(out);
  assert.throws(() => k.free(out), { name: 'TypeError', message: /made by this kernel's array\(\) and not freed yet/ });
  assert.throws(() => k.free(new Float64Array(4)), TypeError);
});

test('other arrays are copied in and back; a failed call leaves them untouched', async () => {
  const k = defineKernel({ name: 'scale', wasm });
  const x = Float64Array.from({ length: 1000 }, (_, i) => i);
  const out = new Float64Array(1000);
  await k.run(1000, [x, out, 0.5], { threads: 2 });
  assert.equal(out[999], 499.5);
  out.fill(-1);
  await assert.rejects(k.run(1000, [x, out, 0.5], { threads: 2, signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(out[0], -1);
});

test('the memory grows to hold big arrays, and freed blocks are reused', async () => {
  const k = defineKernel({ name: 'sumF64', wasm });
  const before = k.wasmMemory!.buffer.byteLength;
  const big = k.array(Float64Array, 4_000_000); // 32 MB
  assert.ok(k.wasmMemory!.buffer.byteLength >= before + 32_000_000);
  big.fill(0.25);
  assert.equal(await k.reduce(big.length, [big], { threads: 3 }), 1_000_000);
  const offset = big.byteOffset;
  k.free(big);
  const again = k.array(Float64Array, 1000);
  assert.equal(again.byteOffset, offset);
  assert.equal(again[0], 0, 'a reused block is zero-filled');
});

test('kernels given the same memory share arrays, and the heap never hands out overlapping blocks', async () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  const bytes = readFileSync(wasm);
  const scale = defineKernel({ name: 'scale', wasm: { source: bytes, memory } });
  const sum = defineKernel({ name: 'total', wasm: { source: new WebAssembly.Module(bytes), export: 'sumF64', memory } });
  const x = scale.array(Float64Array, 1000);
  const y = sum.array(Float64Array, 1000);
  assert.ok(y.byteOffset >= x.byteOffset + x.byteLength || x.byteOffset >= y.byteOffset + y.byteLength);
  x.fill(1);
  await scale.run(1000, [x, y, 4], { threads: 2 });
  assert.equal(await sum.reduce(1000, [y], { threads: 2 }), 4000);
  assert.equal(sum.wasmMemory, memory);
});

test('a compiled module without a memory is refused with the way out', async () => {
  const k = defineKernel({ name: 'sumF64', wasm: new WebAssembly.Module(readFileSync(wasm)) });
  await assert.rejects(k.reduce(4, [new Float64Array(4)]), {
    name: 'UserKernelError',
    message: /does not tell its memory limits: give \{ source: module, memory/,
  });
});
