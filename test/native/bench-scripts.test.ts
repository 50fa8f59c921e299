// The measuring scripts in bench/native/ run, on tiny inputs, and find every result right: they
// import from dist/ and load the addons by path, so a rename elsewhere would otherwise only show
// the next time someone measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nativeBackendsHere } from '../helpers/backends.js';

const root = join(import.meta.dirname, '..', '..');
const skip = nativeBackendsHere().length < 2 && 'needs both native backends built';
const hasNumpy = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

function script(name: string, args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, 'bench/native', name), ...args], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  assert.equal(r.status, 0, `${name}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

test('sort-matmul.mjs: every row checks out; NumPy is capped per level', { skip, timeout: 180_000 }, () => {
  const out = script('sort-matmul.mjs', ['--sort-n', '20000', '--mm-n', '64', '--threads', '1', '--rounds', '1', '--reps', '1']);
  assert.doesNotMatch(out, /DIFFERS|TOO FAR/);
  assert.match(out, /^cpp \w+ ×1 .* ok\s*$/m);
  assert.match(out, /^rust \w+ ×1 .* ok\s*$/m);
  if (hasNumpy && process.arch === 'x64') {
    assert.match(out, /^numpy baseline ×1 .* matmul rel err [\d.e+-]+\s*$/m);
    assert.match(out, /^NumPy baseline: .*\(Prescott\)/m, 'OpenBLAS at its SSE kernels for the baseline rows');
  }
});

test('levels.mjs, bandwidth.mjs and primes.mjs run and check their results', { skip, timeout: 180_000 }, () => {
  const levels = script('levels.mjs', ['--reps', '1', '--levels', 'baseline']);
  assert.match(levels, /simdLevel baseline/);
  assert.match(levels, /^sumSquares\s+\d/m);
  const bandwidth = script('bandwidth.mjs', ['--n', '200000', '--threads', '1', '--rounds', '1']);
  assert.match(bandwidth, /C\+\+ sumSquares/);
  const primes = script('primes.mjs', ['--limits', '1e7', '--threads', '1', '--rounds', '1']);
  assert.match(primes, /^checked: /m);
});
