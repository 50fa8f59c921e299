// `await using` (Symbol.asyncDispose) shuts the executor down at the end of the block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecutorShutdownError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: await using disposes the executor after its pending work`, { timeout: 30_000 }, async () => {
    let escaped;
    let pending;
    {
      await using ex = make({ maxWorkers: 1 });
      escaped = ex;
      pending = ex.submit(task('sleep'), 50, 'ok');
    }
    assert.equal(pending.done(), true);
    assert.equal(await pending, 'ok');
    assert.equal(escaped.stats().workers, 0);
    assert.throws(() => escaped.submit(task('add'), 1, 1), ExecutorShutdownError);
  });
}
