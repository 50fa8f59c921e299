// Views whose memory can shrink or move under a call (resizable ArrayBuffer, growable
// SharedArrayBuffer, fixed-length or length-tracking): refused with a TypeError naming the
// argument by every kernel on every backend and by both raw bindings. Before, resize(0) while an
// async sort/square ran on cpp or rust killed the process with SIGSEGV. See
// test/fixtures/safety/resizable.mjs (run in its own process: a crash fails the test, not the runner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendsHere, nativeBackendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

test('views of resizable or growable buffers are refused everywhere, never crash', async () => {
  const { result } = await runFixture('resizable.mjs', [], { timeoutMs: 120_000 });
  assert.deepEqual(result!.backends, backendsHere());
  assert.deepEqual(result!.natives, nativeBackendsHere());
  assert.ok((result!.api as number) > 0);
  if (nativeBackendsHere().length) assert.ok((result!.raw as number) > 0);
});
