// asCompleted(): futures and plain promises, in completion order; timeoutMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asCompleted, TimeoutError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: asCompleted yields each future once, in completion order`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 3 });
    const slow = ex.submit(task('sleep'), 3000, 'slow');
    const fast = ex.submit(task('sleep'), 1, 'fast');
    const failing = ex.submit(task('fail'), 'bad');
    const order: unknown[] = [];
    for await (const f of asCompleted([slow, fast, slow, failing])) {
      order.push(f === failing ? 'failed' : await f);
    }
    assert.equal(order.length, 3);
    assert.equal(order[2], 'slow');
    assert.deepEqual(new Set(order), new Set(['slow', 'fast', 'failed']));
  });
}

test('asCompleted takes plain promises and yields them themselves', { timeout: 20_000 }, async () => {
  const later = new Promise((r) => setTimeout(() => r('later'), 50));
  const now = Promise.resolve('now');
  const rejected = Promise.reject(new Error('no'));
  const got: unknown[] = [];
  for await (const p of asCompleted([later, now, rejected])) {
    got.push(p === rejected ? 'rejected' : await p);
  }
  assert.equal(got[2], 'later');
  assert.deepEqual(new Set(got.slice(0, 2)), new Set(['now', 'rejected']));
});

test('asCompleted rejects with TimeoutError when the rest is not done in time', { timeout: 20_000 }, async () => {
  const never = new Promise(() => {});
  const seen: unknown[] = [];
  await assert.rejects(
    async () => {
      for await (const p of asCompleted([Promise.resolve(1), never], { timeoutMs: 30 })) seen.push(await p);
    },
    (e: Error) => e instanceof TimeoutError && /1 of 2 unfinished/.test(e.message),
  );
  assert.deepEqual(seen, [1]);
  assert.throws(() => asCompleted(5 as never), TypeError);
  assert.throws(() => asCompleted([1 as never]), TypeError);
  assert.throws(() => asCompleted([], { timeoutMs: -1 }), RangeError);
});
