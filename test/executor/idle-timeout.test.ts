// idleTimeoutMs: idle workers exit down to minWorkers, and the pool grows again on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: idle workers shrink to minWorkers`, { timeout: 30_000 }, async () => {
    // Tasks much shorter than the idle timeout: a worker that finished its last task a little before
    // the other must not already have timed out when the check below runs.
    await using ex = make({ maxWorkers: 2, minWorkers: 1, idleTimeoutMs: 500 });
    assert.equal(ex.stats().workers, 1, 'minWorkers start at once');
    await Promise.all([1, 2, 3, 4].map(() => ex.submit(task('sleep'), 60, 0)));
    assert.equal(ex.stats().workers, 2);
    await until(() => ex.stats().workers === 1);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(ex.stats().workers, 1, 'never below minWorkers');
    assert.equal(await ex.submit(task('add'), 1, 1), 2);
  });
}
