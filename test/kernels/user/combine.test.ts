// reduce combines the per-chunk partials in chunk order: by default a sum from 0 (as the built-in
// kernels do), or with `combine(a, b)` as a left fold from the first partial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel } from '@multicore-js/multicore';

test('default combine is the sum; length 0 reduces to 0', async () => {
  const k = defineKernel({ name: 'count', js: (s: number, e: number) => e - s });
  assert.equal(await k.reduce(1001, [], { chunkSize: 10, threads: 3 }), 1001);
  assert.equal(await k.reduce(0, [], { threads: 3 }), 0);
});

test('a custom combine sees the partials in chunk order at any thread count', async () => {
  // Each chunk returns its index; combine builds a number whose digits record the order it saw them.
  const k = defineKernel({
    name: 'order',
    js: (s: number, e: number, chunkSize: number) => {
      void e;
      return s / chunkSize;
    },
    combine: (a, b) => a * 10 + b,
  });
  for (const threads of [1, 2, 3, 7]) {
    for (const backend of ['js', 'workers'] as const) {
      assert.equal(await k.reduce(90, [10], { backend, threads, chunkSize: 10 }), 12345678, `${backend} x${threads}`);
    }
  }
  const max = defineKernel({
    name: 'max',
    js: (s: number, e: number, x: Float64Array) => Math.max(...x.subarray(s, e)),
    combine: Math.max,
  });
  const x = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
  assert.equal(await max.reduce(x.length, [x], { chunkSize: 64, threads: 3 }), Math.max(...x));
});

test('a combine that returns no number is a TypeError', async () => {
  const k = defineKernel({ name: 'c', js: (s: number) => s, combine: () => 'x' as never });
  await assert.rejects(k.reduce(10, [], { chunkSize: 2, backend: 'js' }), { name: 'TypeError', message: /combine must return a number/ });
});
