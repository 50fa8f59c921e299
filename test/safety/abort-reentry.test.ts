// Properties about cancellation and re-entry on every backend: pre-aborted signals reject with
// AbortError; an abort at a random moment gives either the right answer or an AbortError and
// leaves the backend healthy; onProgress may call kernels (sync and async, on the same input),
// abort its own call or throw, and everything settles correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

test('aborts at random moments and re-entrant onProgress calls never crash, hang or give wrong answers', async () => {
  const { result } = await runFixture('abort-reentry.mjs', [], { timeoutMs: 300_000 });
  assert.deepEqual(result!.backends, backendsHere());
  // The properties must have exercised both outcomes of an abort and real re-entry.
  assert.ok((result!.aborted as number) > 0, 'some calls were aborted');
  assert.ok((result!.reentered as number) > 0, 'some kernels ran from inside onProgress');
});
