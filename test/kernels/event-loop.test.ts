// While a native kernel runs for hundreds of milliseconds, the event loop stays free:
// a 10 ms timer keeps firing (behaviour, not timing: we count ticks, with a wide margin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPrimes, mandelbrot } from '@multicore-js/multicore';
import { nativeBackendsHere } from '../helpers/backends.js';

test('a 10 ms timer keeps firing while a >= 300 ms native call runs', async () => {
  for (const backend of nativeBackendsHere()) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    // Grow the work until one call lasts at least 300 ms on this machine.
    let limit = 200_000_000;
    let elapsed = 0;
    while (elapsed < 300) {
      ticks = 0;
      const t0 = performance.now();
      await countPrimes(limit, { backend, threads: 1 });
      elapsed = performance.now() - t0;
      limit *= 2;
    }
    clearInterval(timer);
    // A blocked loop would give 0 or 1 tick; a free one gives about elapsed/10.
    assert.ok(ticks >= Math.floor(elapsed / 10 / 4), `${backend}: ${ticks} ticks during ${elapsed.toFixed(0)} ms`);
    assert.ok(performance.now() - started < 60_000);
  }
});

test('by contrast the JS backend yields only between slices, and sync native calls block', async () => {
  // Not a speed claim: it shows the test above can fail. A sync call gives the timer no chance at all.
  const { sumSquaresSync } = await import('@multicore-js/multicore');
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const x = new Float64Array(20_000_000).fill(1);
  const t0 = performance.now();
  while (performance.now() - t0 < 100) sumSquaresSync(x, { backend: 'js' });
  const during = ticks;
  clearInterval(timer);
  assert.equal(during, 0);
  await mandelbrot({ width: 8, height: 8, maxIter: 10 });
});
