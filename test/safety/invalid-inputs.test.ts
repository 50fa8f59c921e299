// Property: a public kernel call with one argument spoiled (wrong type, detached or wrong-kind
// typed array, negative / fractional / NaN / huge size, overflowing size products, wrong lengths,
// bad options) throws (sync kernels) or rejects (async kernels) with the expected TypeError or
// RangeError on every backend — never a crash, a hang, or a success.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';
import { KERNELS, SYNC_KERNELS } from './kernels.js';

for (const kernel of KERNELS) {
  test(`${kernel}: random invalid inputs are a TypeError or RangeError on every backend`, async () => {
    const expected = backendsHere().filter((b) => !(SYNC_KERNELS.has(kernel) && b === 'workers'));
    const { result } = await runFixture('invalid-inputs.mjs', [kernel], { timeoutMs: 180_000 });
    assert.deepEqual(result!.backends, expected);
    assert.ok((result!.checked as number) > 0);
  });
}
