// The bench's progress bar on a terminal: at 80 columns the row's thread count stays visible, and
// the line never wraps; its total counts rows (done() once per row), nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barLine, createProgress } from '../../src/cli/bench/progress.js';

const LONG = 'dispatch · ProcessPoolExecutor.map chunkSize 64, a label far longer than the terminal is wide ×16';

test('at 80 columns a long row keeps its end (×threads) and the line fits', () => {
  for (const cols of [80, 60, 100]) {
    const line = barLine(41, 143, 125, LONG, cols);
    assert.ok(line.length <= cols - 1, `${cols}: ${line.length}`);
    assert.match(line, / ×16$/, `${cols}: ${line}`);
    assert.match(line, /41\/143 125s/);
    assert.match(line, /…/);
  }
  const short = barLine(1, 10, 0, 'sumSquares · C++ ×2', 80);
  assert.match(short, /1\/10 0s {2}sumSquares · C\+\+ ×2$/);
});

test('on a terminal, every redraw fits 80 columns and shows the thread count; the count reaches the total', () => {
  let written = '';
  const stream = {
    isTTY: true,
    columns: 80,
    write: (s: string) => {
      written += s;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const p = createProgress(2, stream);
  p.step(LONG);
  p.done(LONG, 'ok');
  p.step('sort · Rust ×2');
  p.done('sort · Rust ×2', 'ok');
  p.finish();
  const frames = written.split('\r\x1b[2K').filter(Boolean);
  assert.ok(frames.length >= 4);
  for (const f of frames) {
    assert.ok(f.length <= 79, f);
    assert.match(f, / ×\d+$/);
  }
  assert.match(frames.at(-1)!, /2\/2/);
});
