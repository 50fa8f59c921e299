// examples/gather.mjs: Promise.all of three real fetches (asyncio.gather) and asCompleted over executor
// futures; the server's delays (600, 200, 400 ms) fix the completion order 1, 2, 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain, numberAfter } from './run-example.js';

const once = runExample('gather.mjs'); // one run, two tests

test('gather: Promise.all starts all three, they finish by delay, results come back in input order', async () => {
  const run = await once;
  assert.equal(run.code, 0, explain(run));
  const start = run.lines.indexOf('1. Promise.all (asyncio.gather)');
  assert.deepEqual(run.lines.slice(start + 1, start + 8), [
    'Fetching data for task 0...',
    'Fetching data for task 1...',
    'Fetching data for task 2...',
    'Data fetched for task 1.',
    'Data fetched for task 2.',
    'Data fetched for task 0.',
    'gather returned tasks [0, 1, 2] (input order) with data: payload 0; payload 1; payload 2',
  ]);
  const took = numberAfter(run.lines, 'gather took');
  // That they overlap is shown by the order above (all three start before any ends); an upper bound on
  // wall time would only measure how loaded the machine is (first fetch loads undici, connects...).
  assert.ok(took >= 600, `gather took ${took} ms: at least the longest delay`);
});

test('gather: asCompleted yields the futures in completion order', async () => {
  const run = await once;
  assert.equal(run.code, 0, explain(run));
  const done = run.lines.filter((l) => l.startsWith('completed: task'));
  assert.deepEqual(
    done.map((l) => l.match(/task (\d) \((payload \d)\)/)!.slice(1)),
    [
      ['1', 'payload 1'],
      ['2', 'payload 2'],
      ['0', 'payload 0'],
    ],
  );
  assert.ok(run.lines.includes('asCompleted order: [1, 2, 0]; submitted [0, 1, 2]'), explain(run));
});
