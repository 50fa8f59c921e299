// maxTasksPerWorker: a worker is replaced after that many tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: maxTasksPerWorker recycles workers`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1, maxTasksPerWorker: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await ex.submit(task('whoami')));
    assert.equal(new Set(ids).size, 3, ids.join(' '));
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[1], ids[2]);
    // many at once: still at most two per worker
    const burst = await Promise.all(Array.from({ length: 8 }, () => ex.submit<string>(task('whoami'))));
    const counts = new Map<string, number>();
    for (const id of burst) counts.set(id, (counts.get(id) ?? 0) + 1);
    assert.ok(
      [...counts.values()].every((c) => c <= 2),
      JSON.stringify([...counts]),
    );
    assert.equal(ex.stats().crashedWorkers, 0);
  });
}
