// examples/numbers-and-letters.mjs: two threads, two processes, two coroutines, an executor's two tasks.
// Threads and processes print in the scheduler's order: each one's lines must all be there, in order.
// The coroutines' interleaving is fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain } from './run-example.js';

const NUMBERS = ['0', '1', '2', '3', '4'];
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const linesOf = (lines: string[], who: string) => lines.filter((l) => l.startsWith(`${who}: `)).map((l) => l.slice(who.length + 2));

test('numbers-and-letters: every line of every worker, each worker in order; coroutines interleave', async () => {
  const run = await runExample('numbers-and-letters.mjs');
  assert.equal(run.code, 0, explain(run));
  assert.deepEqual(linesOf(run.lines, 'Thread 1'), NUMBERS, explain(run));
  assert.deepEqual(linesOf(run.lines, 'Thread 2'), LETTERS, explain(run));
  assert.deepEqual(linesOf(run.lines, 'Process 1'), NUMBERS, explain(run));
  assert.deepEqual(linesOf(run.lines, 'Process 2'), LETTERS, explain(run));
  // Two tasks on one executor both print "Thread: ..."; each keeps its own order.
  const executorLines = linesOf(run.lines, 'Thread');
  assert.deepEqual(
    executorLines.filter((x) => NUMBERS.includes(x)),
    NUMBERS,
    explain(run),
  );
  assert.deepEqual(
    executorLines.filter((x) => LETTERS.includes(x)),
    LETTERS,
    explain(run),
  );
  assert.ok(run.lines.includes('joined: Thread 1 done, Thread 2 done'));
  assert.ok(run.lines.includes('joined: Process 1 done, Process 2 done'));
  const c = run.lines.indexOf('-- coroutines (asyncio.gather)');
  const expected = NUMBERS.flatMap((n, i) => [`Coroutine 1: ${n}`, `Coroutine 2: ${LETTERS[i]}`]);
  assert.deepEqual(
    run.lines.filter((l) => l.startsWith('Coroutine')),
    expected,
  );
  assert.ok(c >= 0 && run.lines.indexOf('Coroutine 1: 0') > c);
  assert.equal(run.lines.at(-1), '-- all done');
});
