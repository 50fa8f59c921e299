// cancel() on a queued task: it never runs; the others do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: a cancelled queued task never runs`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const blocker = ex.submit(task('sleep'), 100, 'first');
    // each task records that it ran in the worker's global state
    const mark = (k: string) => {
      ((globalThis as any).ran ??= []).push(k);
      return k;
    };
    const a = ex.submit(mark, 'a');
    const b = ex.submit(mark, 'b');
    const c = ex.submit(mark, 'c');
    assert.equal(b.cancel(), true);
    assert.equal(await blocker, 'first');
    assert.equal(await a, 'a');
    assert.equal(await c, 'c');
    await assert.rejects(b.result(), CancelledError);
    assert.deepEqual(await ex.submit(() => (globalThis as any).ran), ['a', 'c']);
    assert.equal(ex.stats().cancelled, 1);
  });
}
