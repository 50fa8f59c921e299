// encodeShared/decodeShared: every primitive reaches a worker as the same live object over the same memory.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sync from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

test('all primitives, nested in arrays and objects, arrive live in a worker', { timeout: 20_000 }, async () => {
  const data = {
    lock: new sync.Lock(),
    rlock: new sync.RLock(),
    sem: new sync.Semaphore(2),
    bsem: new sync.BoundedSemaphore(5),
    cond: new sync.Condition(new sync.Lock()),
    event: new sync.Event(),
    barrier: new sync.Barrier(7),
    queue: new sync.Queue(),
    value: new sync.SharedValue('float64', 0),
    array: new sync.SharedArray('int16', 8),
    nested: { deep: [new sync.SharedValue('uint8', 0)] },
  };
  const r = await runWorker<any>('roundtrip.mjs', data);
  assert.deepEqual(r.kinds, [
    'Lock',
    'RLock',
    'Semaphore',
    'BoundedSemaphore',
    'Condition',
    'Event',
    'Barrier',
    'Queue',
    'SharedValue',
    'SharedArray',
    'SharedValue',
  ]);
  assert.equal(r.valueLockKind, 'RLock');
  assert.equal(r.condLockKind, 'Lock');
  assert.equal(r.parties, 7);
  assert.equal(r.bound, 5);
  assert.equal(data.lock.locked(), true);
  assert.equal(data.sem.value, 1);
  assert.equal(data.event.isSet(), true);
  assert.deepEqual(data.queue.getSync({ timeoutMs: 0 }), { from: 'worker' });
  assert.equal(data.value.value, 42.5);
  assert.equal(data.array.get(3), 7);
  assert.equal(data.nested.deep[0]!.value, 9);
});

test('encodeShared leaves other values alone and decodeShared restores the class', () => {
  const lock = new sync.Lock();
  const enc = sync.encodeShared({ a: 1, b: [lock, 'x'] }) as any;
  assert.equal(enc.a, 1);
  assert.equal(enc.b[1], 'x');
  assert.ok(!(enc.b[0] instanceof sync.Lock));
  const dec = sync.decodeShared(structuredClone(enc)) as any;
  assert.ok(dec.b[0] instanceof sync.Lock);
  lock.acquireSync();
  assert.equal(dec.b[0].locked(), true, 'same memory');
  lock.release();
});

test('a Pipe end is listed for transfer', () => {
  const [a, b] = sync.Pipe();
  const enc = sync.encodeShared([a]);
  assert.equal(sync.transferablesOf(enc).length, 1);
  a.close();
  b.close();
});
