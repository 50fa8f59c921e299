// Worker churn: 200 workers, 4 at a time, each loading both addons, running a kernel and exiting
// (every fourth terminated while a native kernel runs in it). No crash, no growth in RSS or
// threads, and the process exits by itself (test/fixtures/safety/churn.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeBackendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

test('200 workers load both addons, run a kernel and exit; the process exits cleanly', {
  skip: nativeBackendsHere().length ? false : 'no native backend built',
}, async () => {
  const { result, code } = await runFixture('churn.mjs', [], { timeoutMs: 300_000, nodeArgs: ['--expose-gc'] });
  assert.equal(code, 0);
  assert.deepEqual(result!.backends, nativeBackendsHere());
  assert.equal(result!.workers, 200);
  assert.equal(result!.terminated, 50);
});
