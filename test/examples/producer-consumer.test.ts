// examples/producer-consumer.mjs: a producer thread and two consumer threads on shared-memory Queues;
// every item handled exactly once, with the right answer, while the main thread's event loop keeps ticking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain } from './run-example.js';

// Σ over item = 1..40 of Σ over n = 1..item*1000 of the Collatz steps of n, computed here independently.
function expectedTotal(): number {
  const steps = new Array<number>(40_001).fill(0);
  for (let n = 2; n <= 40_000; n++) {
    let x = n,
      s = 0;
    while (x >= n) {
      x = x % 2 === 0 ? x / 2 : 3 * x + 1;
      s++;
    }
    steps[n] = s + steps[x]!;
  }
  let total = 0,
    prefix = 0,
    upTo = 0;
  for (let item = 1; item <= 40; item++) {
    while (upTo < item * 1000) prefix += steps[++upTo]!;
    total += prefix;
  }
  return total;
}

test('producer-consumer: 40 items, each handled once, results right, event loop free', async () => {
  const run = await runExample('producer-consumer.mjs');
  assert.equal(run.code, 0, explain(run));
  assert.equal(run.lines[0], 'Producer put 40 items (queue maxSize 8).');
  const m = run.lines[1]?.match(/^Consumers handled 40 items: consumer (\d) (\d+), consumer (\d) (\d+)\.$/);
  assert.ok(m, explain(run));
  assert.equal(Number(m[2]) + Number(m[4]), 40);
  assert.deepEqual(new Set([m[1], m[3]]), new Set(['1', '2']));
  assert.equal(run.lines[2], "Received 40 results, each item exactly once; all match the main thread's own computation.");
  assert.equal(run.lines[3], `Total Collatz steps: ${expectedTotal()}`);
  const ticks = Number(run.lines[4]?.match(/timer fired (\d+) times/)?.[1]);
  assert.ok(ticks > 0, 'the main thread kept running timers while it waited for results');
});
