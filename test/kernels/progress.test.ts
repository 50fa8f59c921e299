// onProgress: called on the JS thread, monotone, ends at exactly 1, at most ~20 times a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMainThread } from 'node:worker_threads';
import { countPrimes, mandelbrot } from '@multicore-js/multicore';
import { backendsHere } from '../helpers/backends.js';

test('onProgress: monotone, ends at 1, rate-limited, on the JS thread', async () => {
  for (const backend of backendsHere()) {
    const seen: number[] = [];
    const started = performance.now();
    await mandelbrot(
      { width: 600, height: 600, maxIter: 2000 },
      {
        backend,
        threads: 2,
        onProgress: (f) => {
          assert.ok(isMainThread);
          seen.push(f);
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seen.length >= 1, backend);
    assert.equal(seen.at(-1), 1, `${backend} ends at 1`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1], `${backend} strictly increasing`);
    for (const f of seen) assert.ok(f > 0 && f <= 1);
    assert.ok(seen.length <= Math.ceil(seconds * 20) + 2, `${backend}: ${seen.length} calls in ${seconds.toFixed(2)} s`);
  }
});

test('onProgress: a throwing callback aborts the kernel and rejects with its error', async () => {
  for (const backend of backendsHere()) {
    const boom = new Error('boom');
    await assert.rejects(
      countPrimes(5e9, {
        backend,
        onProgress: () => {
          throw boom;
        },
      }),
      (e) => e === boom,
      backend,
    );
  }
});

test('onProgress: a kernel may be called again from inside onProgress', async () => {
  let inner: Promise<number> | undefined;
  await countPrimes(50_000_000, {
    onProgress: () => {
      inner ??= countPrimes(100);
    },
  });
  assert.equal(await inner, 25);
});
