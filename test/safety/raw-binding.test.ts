// The raw native bindings (the .node files, without the TypeScript checks) fuzzed with fast-check:
// spoiled arguments are a TypeError/RangeError thrown or rejected by the binding itself, valid
// calls equal the JS reference, nothing crashes or hangs. See test/fixtures/safety/raw-binding.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeBackendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';

const natives = nativeBackendsHere();
for (const name of ['cpp', 'rust'] as const) {
  test(`raw ${name} binding: fuzzed arguments throw TypeError/RangeError, never crash`, {
    skip: natives.includes(name) ? false : `${name} backend not built`,
  }, async () => {
    const { result } = await runFixture('raw-binding.mjs', [name], { timeoutMs: 240_000 });
    assert.equal(result!.addon, name);
    assert.ok((result!.ok as number) > 0, 'valid calls were checked against the reference');
    assert.ok((result!.threw as number) + (result!.rejected as number) > 0, 'spoiled calls were rejected');
  });
}
