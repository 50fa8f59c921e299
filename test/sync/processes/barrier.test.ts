// A Barrier across 4 processes for 1,000 generations: nobody passes generation g before all 4
// reached it (each process checks a shared per-generation arrival count), sync and async forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, Barrier, ProcessPoolExecutor, SharedArray } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

const PARTIES = 4,
  GENERATIONS = 1_000;

test('Barrier across 4 processes x 1,000 generations', { skip: NO_SHM, timeout: 300_000 }, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: PARTIES });
  const { barrier, arrived } = acrossProcesses(() => ({
    barrier: new Barrier(PARTIES),
    arrived: new SharedArray('int32', GENERATIONS, { lock: false }),
  }));
  const results = await Promise.all(
    Array.from({ length: PARTIES }, (_, p) =>
      pool.submit(
        async (barrier: Barrier, arrived: SharedArray<'int32'>, generations: number, parties: number, sync: boolean) => {
          let early = 0;
          for (let g = 0; g < generations; g++) {
            arrived.add(g, 1);
            if (sync) barrier.waitSync();
            else await barrier.wait();
            if (arrived.get(g) !== parties) early++; // passed before every party arrived
          }
          return { early, pid: process.pid };
        },
        barrier,
        arrived,
        GENERATIONS,
        PARTIES,
        p % 2 === 0,
      ),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.early),
    [0, 0, 0, 0],
  );
  assert.equal(new Set(results.map((r) => r.pid)).size, PARTIES, 'four distinct processes');
  assert.ok(Array.from(arrived.array as ArrayLike<number>).every((n) => n === PARTIES));
});
