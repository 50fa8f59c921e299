// Bad arguments: TypeError for a wrong type, RangeError for an out-of-range value, naming the argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as s from '@multicore-js/multicore/sync';

test('constructors', () => {
  assert.throws(() => new s.Semaphore(-1), { name: 'RangeError', message: /value/ });
  assert.throws(() => new s.Semaphore(1.5), { name: 'TypeError', message: /value/ });
  assert.throws(() => new s.Semaphore('2' as any), { name: 'TypeError', message: /value/ });
  assert.throws(() => new s.BoundedSemaphore(0), { name: 'RangeError', message: /value/ });
  assert.throws(() => new s.Barrier(0), { name: 'RangeError', message: /parties/ });
  assert.throws(() => new s.Barrier(undefined as any), { name: 'TypeError', message: /parties/ });
  assert.throws(() => new s.Condition({} as any), { name: 'TypeError', message: /lock/ });
  assert.throws(() => new s.Queue({ maxSize: -1 }), { name: 'RangeError', message: /maxSize/ });
  assert.throws(() => new s.Queue({ maxSize: NaN }), { name: 'TypeError', message: /maxSize/ });
  assert.throws(() => new s.Queue({ maxBytes: 10 }), { name: 'RangeError', message: /maxBytes/ });
  assert.throws(() => new s.SharedValue('int128' as any), { name: 'TypeError', message: /type/ });
  assert.throws(() => new s.SharedValue('int32', 'x' as any), { name: 'TypeError', message: /initial/ });
  assert.throws(() => new s.SharedValue('int32', 0, { lock: 'yes' as any }), { name: 'TypeError', message: /lock/ });
  assert.throws(() => new s.SharedArray('int32', -1), { name: 'RangeError', message: /length/ });
  assert.throws(() => new s.SharedArray('int32', 'x' as any), { name: 'TypeError', message: /lengthOrValues/ });
});

test('wait options', async () => {
  const lock = new s.Lock();
  await assert.rejects(lock.acquire({ timeoutMs: -1 }), { name: 'RangeError', message: /timeoutMs/ });
  await assert.rejects(lock.acquire({ timeoutMs: NaN }), { name: 'TypeError', message: /timeoutMs/ });
  await assert.rejects(lock.acquire({ timeoutMs: '5' as any }), { name: 'TypeError', message: /timeoutMs/ });
  await assert.rejects(lock.acquire({ signal: {} as any }), { name: 'TypeError', message: /signal/ });
  await assert.rejects(lock.acquire(5 as any), { name: 'TypeError', message: /options/ });
  assert.throws(() => lock.acquireSync({ signal: new AbortController().signal } as any), { name: 'TypeError', message: /signal/ });
  assert.throws(() => new s.Event().waitSync({ timeoutMs: -5 }), { name: 'RangeError', message: /timeoutMs/ });
  assert.equal(lock.locked(), false, 'no bad call took the lock');
});

test('methods', async () => {
  assert.throws(() => new s.Semaphore(0).release(0), { name: 'RangeError', message: /\bn\b/ });
  assert.throws(() => new s.Condition().notify(-1), { name: 'RangeError', message: /\bn\b/ });
  await assert.rejects(new s.Lock().withLock(5 as any), { name: 'TypeError', message: /fn/ });
  await assert.rejects(new s.Condition().waitFor(null as any), { name: 'TypeError', message: /predicate/ });
  assert.throws(() => new s.Lock().release(), s.SyncStateError);
  assert.throws(() => new s.Queue().taskDone(), s.SyncStateError);
  assert.throws(() => new s.Queue().putSync(() => 1), { name: 'DataCloneError' });
  assert.throws(() => new s.Queue({ maxBytes: 1024 }).putSync('x'.repeat(2000)), { name: 'RangeError', message: /maxBytes/ });
});

test('constructors and option objects refuse unknown option names and NaN, negative or fractional sizes', async () => {
  assert.throws(() => new s.Queue({ maxsize: NaN } as any), { name: 'TypeError', message: /unknown option 'maxsize'/ });
  assert.throws(() => new s.Queue({ maxSize: 1.5 }), { name: 'TypeError', message: /maxSize/ });
  assert.throws(() => new s.Queue({ initialBytes: NaN }), { name: 'TypeError', message: /initialBytes/ });
  assert.throws(() => new s.Queue({ maxBytes: -1 }), { name: 'RangeError', message: /maxBytes/ });
  assert.throws(() => new s.SharedValue('int32', 0, { locked: false } as any), { name: 'TypeError', message: /unknown option 'locked'/ });
  assert.throws(() => new s.SharedArray('int32', 4, { lck: true } as any), { name: 'TypeError', message: /unknown option 'lck'/ });
  assert.throws(() => new s.SharedArray('int32', NaN), { name: 'TypeError', message: /length/ });
  assert.throws(() => new s.SharedArray('int32', 2.5), { name: 'TypeError', message: /length/ });
  assert.throws(() => new s.Barrier(NaN), { name: 'TypeError', message: /parties/ });
  assert.throws(() => new s.Barrier(2.5), { name: 'TypeError', message: /parties/ });
  assert.throws(() => new s.Barrier(-2), { name: 'RangeError', message: /parties/ });
  assert.throws(() => new s.Semaphore(NaN), { name: 'TypeError', message: /value/ });
  assert.throws(() => new s.BoundedSemaphore(-1), { name: 'RangeError', message: /value/ });
  assert.throws(() => new s.Queue().close({ immediately: true } as any), { name: 'TypeError', message: /unknown option 'immediately'/ });
  // Python's `timeout=` spelt as an option would otherwise mean "wait forever"
  await assert.rejects(new s.Lock().acquire({ timeout: 5 } as any), { name: 'TypeError', message: /unknown option 'timeout'/ });
  assert.throws(() => new s.Event().waitSync({ timeout: 5 } as any), { name: 'TypeError', message: /unknown option 'timeout'/ });
});
