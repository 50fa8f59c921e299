// A Float64Array whose ArrayBuffer is transferred away (and garbage-collected) while an async
// native kernel still works on it. Before the fix both addons then read and wrote freed memory
// (ASan: heap-use-after-free in Sort::make_keys; the Rust addon segfaulted): N-API cannot pin a
// buffer. The fix (src/kernels/pin.ts, see docs/native-safety.md): markAsUntransferable(x.buffer)
// before a non-shared buffer goes to a native async call, so the transfer copies instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeBackendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

test('detaching a buffer while a native kernel uses it does not touch freed memory', {
  skip: nativeBackendsHere().length ? false : 'no native backend built',
}, async () => {
  const { result } = await runFixture('detach-in-flight.mjs', [], { timeoutMs: 120_000, nodeArgs: ['--expose-gc'] });
  assert.deepEqual(result!.backends, nativeBackendsHere());
});
