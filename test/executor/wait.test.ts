// wait(): FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, timeoutMs; futures and plain promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wait } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: wait with each returnWhen`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 3 });
    const quick = ex.submit(task('sleep'), 1, 'q');
    const slow = ex.submit(task('sleep'), 10_000, 's');
    let r = await wait([quick, slow], { returnWhen: 'FIRST_COMPLETED' });
    assert.deepEqual([...r.done], [quick]);
    assert.deepEqual([...r.notDone], [slow]);

    const failing = ex.submit(task('fail'), 'x');
    r = await wait([slow, failing], { returnWhen: 'FIRST_EXCEPTION' });
    assert.ok(r.done.has(failing));
    assert.ok(r.notDone.has(slow));

    r = await wait([quick, failing], { returnWhen: 'ALL_COMPLETED' });
    assert.equal(r.done.size, 2);
    assert.equal(r.notDone.size, 0);
    r = await wait([quick, slow], { timeoutMs: 50 });
    assert.deepEqual([...r.notDone], [slow]);
    slow.cancel();
  });
}

test('wait: FIRST_EXCEPTION without an exception waits for all; timeoutMs returns early; promises work', { timeout: 20_000 }, async () => {
  const a = new Promise((r) => setTimeout(() => r(1), 20));
  const b = Promise.resolve(2);
  let r = await wait([a, b], { returnWhen: 'FIRST_EXCEPTION' });
  assert.equal(r.done.size, 2);
  const never = new Promise(() => {});
  r = await wait([never, b], { timeoutMs: 30 });
  assert.deepEqual([...r.done], [b]);
  assert.deepEqual([...r.notDone], [never]);
  r = await wait([]);
  assert.equal(r.done.size + r.notDone.size, 0);
  await assert.rejects(wait([b], { returnWhen: 'SOMETIMES' as never }), RangeError);
  await assert.rejects(wait(null as never), TypeError);
});
