// Many calls in flight at once all complete correctly; memory does not grow over 10,000 small calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPrimes, mandelbrot, monteCarloPi, sumSquares, square } from '@multicore-js/multicore';
import { backendsHere, nativeBackendsHere } from '../helpers/backends.js';
import { randomFloat64 } from '../helpers/random.js';

test('50 concurrent kernel promises on each backend all complete with correct results', async () => {
  const x = randomFloat64(50_000, 12);
  const expectedSum = await sumSquares(x, { backend: 'js' });
  const expectedPi = await monteCarloPi(100_000, { backend: 'js', seed: 5 });
  for (const backend of backendsHere()) {
    const calls = Array.from({ length: 50 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return sumSquares(x, { backend }).then((v) => assert.ok(Object.is(v, expectedSum)));
        case 1:
          return countPrimes(100_000 + i, { backend }).then((v) => assert.ok(v >= 9592 && v <= 9600));
        case 2:
          return monteCarloPi(100_000, { backend, seed: 5 }).then((v) => assert.equal(v, expectedPi));
        default:
          return square(x, { backend }).then((v) => assert.equal(v[7], x[7] * x[7]));
      }
    });
    await Promise.all(calls);
  }
});

test('RSS stays bounded over 10,000 small native calls', async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const collect = gc ?? (runInNewContext('gc') as () => void);
  for (const backend of nativeBackendsHere()) {
    const x = randomFloat64(1000, 13);
    const round = async () => {
      for (let i = 0; i < 2500; i++) {
        await sumSquares(x, { backend, threads: 2 });
        await square(x, { backend, threads: 2 });
        await mandelbrot({ width: 4, height: 4, maxIter: 10 }, { backend });
        await countPrimes(100, { backend });
      }
    };
    await round(); // warm up allocators and caches
    collect();
    const before = process.memoryUsage().rss;
    await round();
    collect();
    const grown = process.memoryUsage().rss - before;
    assert.ok(grown < 32 * 1024 * 1024, `${backend}: RSS grew by ${(grown / 1048576).toFixed(1)} MiB over 10,000 calls`);
  }
});
