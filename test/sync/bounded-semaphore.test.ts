// BoundedSemaphore: releasing above the initial value throws a RangeError (Python: ValueError).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedSemaphore, Semaphore, encodeShared, decodeShared } from '@multicore-js/multicore/sync';

test('over-release throws and leaves the count unchanged', async () => {
  const sem = new BoundedSemaphore(2);
  assert.throws(() => sem.release(), /released too many times/);
  assert.throws(() => sem.release(), RangeError);
  assert.equal(sem.value, 2);
  assert.ok(await sem.acquire());
  assert.throws(() => sem.release(2), RangeError);
  sem.release();
  assert.equal(sem.value, 2);
});

test('the bound travels with the semaphore to another thread', () => {
  const sem = decodeShared(encodeShared(new BoundedSemaphore(3))) as BoundedSemaphore;
  assert.ok(sem instanceof BoundedSemaphore);
  assert.equal(sem.bound, 3);
  assert.throws(() => sem.release(), RangeError);
});

test('a plain Semaphore may be released above its initial value', () => {
  const sem = new Semaphore(1);
  sem.release(3);
  assert.equal(sem.value, 4);
});
