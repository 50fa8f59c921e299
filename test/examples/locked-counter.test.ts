// examples/locked-counter.mjs: 5 worker threads x 10,000 increments of a SharedValue under a Lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain } from './run-example.js';

test('locked-counter: 50000 with the lock and with add(); without the lock never more than the increments', async () => {
  const run = await runExample('locked-counter.mjs');
  assert.equal(run.code, 0, explain(run));
  assert.equal(run.lines[0], 'Final counter value: 50000');
  assert.equal(run.lines[1], 'With SharedValue.add() instead of a lock: 50000');
  const m = run.lines[2]?.match(/^Without the lock: (\d+) of 1000000 \((\d+) updates lost in this run\)$/);
  assert.ok(m, explain(run));
  const [got, lost] = [Number(m[1]), Number(m[2])];
  assert.ok(got > 0 && got <= 1_000_000);
  assert.equal(got + lost, 1_000_000);
});
