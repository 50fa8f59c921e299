// Property: random valid inputs give bit-identical results on every available backend (workers,
// cpp, rust — both native ones required with CI=true) at random thread counts, compared with the
// plain-JS reference. Each kernel's property runs in a child process (test/fixtures/safety/
// valid-inputs.mjs) so a crash or a hang is reported as such. SAFETY_RUNS / SAFETY_SEED tune it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendsHere } from '../helpers/backends.js';
import { runFixture } from './run-fixture.js';
import { KERNELS, SYNC_KERNELS } from './kernels.js';

for (const kernel of KERNELS) {
  test(`${kernel}: random valid inputs agree with the JS backend bit for bit on every backend`, async (t) => {
    const expected = backendsHere().filter((b) => b !== 'js' && !(SYNC_KERNELS.has(kernel) && b === 'workers'));
    // Only a sync kernel on a machine without native builds has nothing to compare (in CI both must be built).
    if (expected.length === 0)
      return t.skip('no native backend built here, and sync kernels have no workers form: nothing to compare with js');
    const { result } = await runFixture('valid-inputs.mjs', [kernel], { timeoutMs: 240_000 });
    assert.deepEqual(result!.backends, expected);
    assert.equal(result!.checked, (result!.numRuns as number) * expected.length);
  });
}
