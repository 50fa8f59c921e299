// A timeout names only the task that ran past taskTimeoutMs (issue 14, 3a). A thread worker sends its
// results in batches, so quick tasks that finished just before a spinning neighbour still sat at the
// head of the pool's FIFO and took the spinner's TaskTimeoutError. Tasks behind the spinner (and quick
// ones whose results died with the terminated worker) run again elsewhere; none fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskTimeoutError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: quick tasks pipelined before and after a spinning one never get its timeout`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 1, taskTimeoutMs: 400, timeoutGraceMs: 100 });
    // the pool learns the tasks are tiny, so it pipelines many into the worker in one message
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 100 }, (_, i) => ex.submit(task('double'), i)));
    const before = Array.from({ length: 30 }, (_, i) => ex.submit(task('double'), i));
    const spin = ex.submit(task('spinForever'));
    const behind = Array.from({ length: 10 }, (_, i) => ex.submit(task('double'), 100 + i));
    const fates = await Promise.allSettled([...before, ...behind]);
    const wrong = fates.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    assert.deepEqual(wrong, [], 'no quick task failed');
    assert.deepEqual(
      fates.map((r) => (r as PromiseFulfilledResult<number>).value),
      [...before.map((_, i) => 2 * i), ...behind.map((_, i) => 200 + 2 * i)],
    );
    const err = await spin.exception();
    assert.ok(err instanceof TaskTimeoutError, String(err));
    assert.equal(await ex.submit(task('double'), 21), 42, 'the pool serves afterwards');
  });
}
