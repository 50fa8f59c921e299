// examples/downloads.mjs: three real downloads from the example's own server, checked by SHA-256, done
// sequentially, on worker threads (cold and warm) and with Promise.all; the concurrent ways beat sequential.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExample, explain, numberAfter } from './run-example.js';

const count = (lines: string[], s: string) => lines.filter((l) => l === s).length;

test('downloads: every file arrives intact four times; sequential takes 3 delays, concurrent ones less', async () => {
  const run = await runExample('downloads.mjs');
  assert.equal(run.code, 0, explain(run));
  for (const n of [1, 2, 3]) {
    assert.equal(count(run.lines, `Downloading file ${n}...`), 4, explain(run));
    assert.equal(count(run.lines, `File ${n} downloaded (262,144 bytes, sha256 ok).`), 4, explain(run));
  }
  assert.ok(!run.stdout.includes('WRONG'));
  // Sequential: strictly one after another, on the main thread.
  const seq = run.lines.slice(run.lines.indexOf('-- sequential') + 1, run.lines.indexOf('-- sequential') + 7);
  assert.deepEqual(
    seq.map((l) => l.slice(0, 15)),
    ['Downloading fil', 'File 1 download', 'Downloading fil', 'File 2 download', 'Downloading fil', 'File 3 download'],
  );
  assert.ok(run.lines.includes('All downloads completed.'));
  const sequential = numberAfter(run.lines, 'sequential ');
  const cold = numberAfter(run.lines, 'threads (cold)');
  const warm = numberAfter(run.lines, 'threads (warm)');
  const async = numberAfter(run.lines, 'async ');
  for (const t of [sequential, cold, warm, async]) assert.ok(Number.isFinite(t) && t > 0, explain(run));
  // The server holds each response 300 ms, so three in a row cannot take less than 900 ms.
  assert.ok(sequential >= 900, `sequential ${sequential} ms`);
  // Waiting together: each concurrent way takes far less than three waits.
  assert.ok(async < sequential && warm < sequential, explain(run));
  assert.ok(async >= 300 && warm >= 300, "nobody beats the server's delay");
});
