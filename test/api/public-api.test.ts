// The public type surface (every .d.ts reachable from package.json `exports`) equals the committed
// snapshot, so adding, removing or changing anything users can see shows up as a diff in review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs script without declarations
import { publicApi, lineDiff, SNAPSHOT } from '../../scripts/api-snapshot.mjs';

test('the public .d.ts surface matches test/api/public-api.snapshot.d.ts', () => {
  const now: string = publicApi();
  const snapshot = readFileSync(SNAPSHOT, 'utf8').trimEnd();
  if (now !== snapshot) {
    assert.fail(
      `The public API changed (- snapshot, + now):\n${lineDiff(snapshot, now)}\n\n` +
        'If the change is intended, regenerate the snapshot and commit it: npx tsc -p tsconfig.json && node scripts/api-snapshot.mjs --update',
    );
  }
});

test('the root exports no plumbing; multicore/sync keeps the hand-made-Worker helpers', async () => {
  const root = await import('@multicore-js/multicore');
  for (const name of [
    'encodeShared',
    'decodeShared',
    'transferablesOf',
    'registerShareable',
    'kShare',
    'closeWorkersBackend',
    'Executor',
    'describeAuto',
    'calibrateAuto',
  ]) {
    assert.equal(name in root, false, `${name} is exported from the root`);
  }
  const sync = await import('@multicore-js/multicore/sync');
  for (const name of ['encodeShared', 'decodeShared', 'transferablesOf'])
    assert.equal(typeof (sync as Record<string, unknown>)[name], 'function', name);
});
