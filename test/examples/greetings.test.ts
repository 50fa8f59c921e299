// examples/greetings.mjs: ThreadPoolExecutor.map(greet, names) prints exactly the seed's output, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain } from './run-example.js';

test("greetings: the seed's three lines, in input order", async () => {
  const run = await runExample('greetings.mjs');
  assert.equal(run.code, 0, explain(run));
  assert.equal(run.stdout, 'Hello, Alice!\nHello, Bob!\nHello, Charlie!\n');
});
