// Leak check: 100,000 calls across every kernel of every native backend, with aborts, binding
// errors and worker threads loading and unloading the addons; RSS after GC and the thread count
// stay within bounds (test/fixtures/safety/leak.mjs, in its own process with --expose-gc).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeBackendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

test('100,000 native calls, aborts and worker loads leave RSS and threads bounded', {
  skip: nativeBackendsHere().length ? false : 'no native backend built',
}, async () => {
  const { result } = await runFixture('leak.mjs', [], { timeoutMs: 300_000, nodeArgs: ['--expose-gc'] });
  assert.deepEqual(result!.backends, nativeBackendsHere());
  assert.ok((result!.calls as number) >= 100_000);
  assert.ok((result!.aborted as number) > 0 && (result!.argErrors as number) > 0);
});
