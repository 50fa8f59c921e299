// `multicore --version` / `-v`: the package version alone on stdout, exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runCli } from './helpers.js';

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

for (const flag of ['--version', '-v']) {
  test(`multicore ${flag} prints the package version`, async () => {
    const r = await runCli([flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${version}\n`);
    assert.equal(r.stderr, '');
  });
}

test('multicore --help mentions --version', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /multicore --version/);
});
