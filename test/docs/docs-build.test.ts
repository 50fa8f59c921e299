// The docs build: TypeDoc over src/index.ts with warnings as errors, plus the guide's relative links and
// the examples index (scripts/docs.mjs). Any warning or broken link fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function docs(args: string[], cwd = root) {
  return spawnSync(process.execPath, [join(cwd, 'scripts/docs.mjs'), ...args], { cwd, encoding: 'utf8' });
}

test('npm run docs builds the API reference without a single warning', { timeout: 180_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'multicore-api-'));
  try {
    const r = docs(['--out', out]);
    const log = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, log);
    assert.doesNotMatch(log, /\[warning\]|\[error\]/, log);
    assert.match(log, /\[docs\] ok: \d+ pages checked, no warnings/);
    // The reference covers each layer's main names.
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const name of [
      'ThreadPoolExecutor',
      'ProcessPoolExecutor',
      'asCompleted',
      'Lock',
      'Queue',
      'SharedValue',
      'DistributedExecutor',
      'sumSquares',
      'countPrimes',
    ]) {
      assert.match(html, new RegExp(`>${name}<`), `the reference lists ${name}`);
    }
    assert.ok(existsSync(join(out, 'classes/ThreadPoolExecutor.html')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the docs check fails on a broken link and on an example missing from the index', () => {
  // A scratch copy of the script, the guide and the examples index, with one of each fault.
  const dir = mkdtempSync(join(tmpdir(), 'multicore-docs-'));
  try {
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(root, 'scripts/docs.mjs'), join(dir, 'scripts/docs.mjs'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/guide.md'), 'See [the examples](../examples/README.md) and [nothing](missing.md).\n');
    mkdirSync(join(dir, 'examples'));
    writeFileSync(join(dir, 'examples/README.md'), '| [a.mjs](a.mjs) |\n');
    writeFileSync(join(dir, 'examples/a.mjs'), '');
    writeFileSync(join(dir, 'examples/unlisted.mjs'), '');
    const r = docs(['--skip-api'], dir);
    assert.equal(r.status, 1, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /docs\/guide\.md: broken link missing\.md/);
    assert.match(r.stderr, /examples\/README\.md does not link unlisted\.mjs/);
    assert.doesNotMatch(r.stderr, /a\.mjs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
