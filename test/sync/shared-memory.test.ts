// SharedValue / SharedArray over typed memory: types, atomic ops, initial values, the optional lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, RLock, SharedArray, SharedValue } from '@multicore-js/multicore/sync';

test("SharedValue keeps each type's range and arithmetic", () => {
  const u8 = new SharedValue('uint8', 250);
  assert.equal(u8.add(10), 4, 'uint8 wraps');
  const i = new SharedValue('i', -5); // Python typecode
  assert.equal(i.type, 'int32');
  assert.equal(i.add(7), 2);
  assert.equal(i.compareExchange(2, 11), 2);
  assert.equal(i.value, 11);
  const f = new SharedValue('float32', 0.5);
  assert.equal(f.add(0.25), 0.75);
  assert.equal(f.compareExchange(0.75, 1.5), 0.75);
  assert.equal(f.value, 1.5);
  const d = new SharedValue('d', 0.1);
  d.add(0.2);
  assert.equal(d.value, 0.1 + 0.2);
  const big = new SharedValue('int64', 2n ** 62n);
  assert.equal(big.add(2n ** 62n), -(2n ** 63n), 'int64 wraps');
  assert.equal(new SharedValue('float64').value, 0);
});

test('SharedValue lock option: default RLock, a given lock, or none', () => {
  assert.ok(new SharedValue('int32', 0).getLock() instanceof RLock);
  const lock = new Lock();
  assert.equal(new SharedValue('int32', 0, { lock }).getLock(), lock);
  assert.throws(() => new SharedValue('int32', 0, { lock: false }).getLock(), TypeError);
});

test('SharedArray from a length or from values; atomic get/set/add; plain .array view', () => {
  const a = new SharedArray('float64', [1.5, 2.5, 3.5]);
  assert.equal(a.length, 3);
  assert.deepEqual(a.toArray(), [1.5, 2.5, 3.5]);
  assert.equal(a.add(1, 1), 2.5);
  assert.equal(a.get(1), 3.5);
  a.array[0] = 9;
  assert.equal(a.get(0), 9);
  const z = new SharedArray('uint32', 4, { lock: false });
  assert.deepEqual(z.toArray(), [0, 0, 0, 0]);
  assert.ok(z.array.buffer instanceof SharedArrayBuffer);
  const b = new SharedArray('uint64', [1n, 2n]);
  b.set(0, 5n);
  assert.equal(b.compareExchange(0, 5n, 6n), 5n);
  assert.deepEqual(b.toArray(), [6n, 2n]);
});

test('SharedArray checks indices and value types', () => {
  const a = new SharedArray('int8', 2);
  assert.throws(() => a.get(2), RangeError);
  assert.throws(() => a.set(-1, 0), RangeError);
  assert.throws(() => a.get(0.5), TypeError);
  assert.throws(() => a.set(0, 1n as any), TypeError);
  assert.throws(() => new SharedArray('int64', [1 as any]), TypeError);
});
