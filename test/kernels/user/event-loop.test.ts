// While a long wasm call runs, the event loop keeps turning: a timer keeps firing (behaviour, not
// timing: a blocked loop gives at most one tick, a free one many). On one thread the chunks run on the
// main thread between event-loop turns; on several they run on worker threads.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defineKernel, type UserKernel } from '@multicore-js/multicore';
import { kernelsWasm } from './fixtures.js';

let k: UserKernel;
before(async () => {
  k = defineKernel({ name: 'spin', wasm: await kernelsWasm() });
});

/** Ticks of a 5 ms timer during one call, growing the work until the call lasts >= 250 ms. */
async function ticksDuring(options: { threads: number; chunkSize?: number }): Promise<{ ticks: number; ms: number }> {
  for (let reps = 2000; ; reps *= 2) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    await k.reduce(4000, [reps], { backend: 'wasm', chunkSize: options.chunkSize ?? 8, threads: options.threads });
    const ms = performance.now() - t0;
    clearInterval(timer);
    if (ms >= 250 || reps > 2 ** 26) return { ticks, ms };
  }
}

test('a timer keeps firing during a long wasm call, on the main thread (threads 1) and on workers (threads 3)', async () => {
  for (const threads of [1, 3]) {
    const { ticks, ms } = await ticksDuring({ threads });
    assert.ok(ms >= 250, `the call lasted only ${ms} ms`);
    assert.ok(ticks >= 5, `threads ${threads}: ${ticks} ticks during ${ms.toFixed(0)} ms`);
  }
});

test('by contrast one chunk over all the work blocks the main thread: the test above can fail', async () => {
  const { ticks, ms } = await ticksDuring({ threads: 1, chunkSize: 4000 });
  assert.ok(ms >= 250);
  assert.ok(ticks <= 1, `${ticks} ticks`);
});
