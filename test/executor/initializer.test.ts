// initializer + initArgs run once in every worker before its tasks; one that always fails breaks the pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokenExecutorError } from '@multicore-js/multicore';
import { KINDS, TASKS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: initializer with initArgs prepares each worker`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2, initializer: task('setup'), initArgs: [{ greeting: 'hello' }] });
    const values = await Promise.all([1, 2, 3, 4].map(() => ex.submit(task('initValue'))));
    assert.deepEqual(values, Array(4).fill({ greeting: 'hello' }));
  });

  test(`${name}: an initializer function by source, and by name with option module`, { timeout: 20_000 }, async () => {
    await using a = make({
      maxWorkers: 1,
      initializer: (x: number) => {
        (globalThis as any).initValue = x * 2;
      },
      initArgs: [21],
    });
    assert.equal(await a.submit(task('initValue')), 42);
    await using b = make({ maxWorkers: 1, module: TASKS, initializer: 'setup', initArgs: ['by name'] });
    assert.equal(await b.submit('initValue'), 'by name');
  });

  test(`${name}: an initializer that always fails breaks the executor: BrokenExecutorError`, { timeout: 20_000 }, async () => {
    const ex = make({ maxWorkers: 2, initializer: task('failingInit') });
    const err = await ex.submit(task('add'), 1, 2).exception();
    assert.ok(err instanceof BrokenExecutorError, String(err));
    assert.match(String((err as Error).cause), /initializer failed on purpose/);
    assert.throws(() => ex.submit(task('add'), 1, 2), BrokenExecutorError);
    await ex.shutdown();
  });
}
