// Barrier over 4 threads for 1,000 generations: nobody passes a generation before all arrived.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Barrier, SharedArray } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('4 threads (main + 3 workers) x 1,000 generations, no party passes early', { timeout: 120_000 }, async () => {
  const PARTIES = 4,
    GENERATIONS = 1000;
  const barrier = new Barrier(PARTIES);
  const slots = new SharedArray('int32', PARTIES, { lock: false });
  const workers = Array.from({ length: PARTIES - 1 }, (_, k) =>
    runWorker<{ violations: number; indices: number }>('barrier.mjs', {
      barrier,
      slots,
      me: k + 1,
      generations: GENERATIONS,
      mode: k % 2 ? 'async' : 'sync',
    }),
  );
  let violations = 0;
  for (let g = 1; g <= GENERATIONS; g++) {
    slots.set(0, g);
    const index = await barrier.wait({ timeoutMs: 30_000 });
    assert.ok(index >= 0 && index < PARTIES);
    for (let k = 0; k < PARTIES; k++) if ((slots.get(k) as number) < g) violations++;
  }
  const results = await Promise.all(workers);
  assert.equal(violations, 0);
  for (const r of results) assert.equal(r.violations, 0);
  assert.equal(barrier.broken, false);
  assert.equal(barrier.nWaiting, 0);
});

test('arrival indices of one generation are 0..parties-1, each once', { timeout: 30_000 }, async () => {
  const barrier = new Barrier(3);
  const indices = await Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]);
  assert.deepEqual(indices.sort(), [0, 1, 2]);
});
