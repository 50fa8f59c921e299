#!/usr/bin/env node
// The `prepare` script: compiles the TypeScript (src/ → dist/) unless dist/ is already newer than every
// source, so that the install `npx multicore …` runs on a checkout (it installs the folder into its cache,
// running `prepare`) takes a moment instead of a full compile. `--force` always compiles.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', 'index.js');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

if (
  !process.argv.includes('--force') &&
  existsSync(stamp) &&
  Math.max(newest(join(root, 'src')), newest(join(root, 'tsconfig.json'))) < statSync(stamp).mtimeMs
) {
  console.log('[multicore] dist/ is up to date');
  process.exit(0);
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  console.error('[multicore] typescript is not installed: run `npm install` in this repository first');
  process.exit(1);
}
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
