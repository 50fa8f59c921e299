// `multicore bench --kernel FILE`: the flag, and clear usage errors (exit code 2) for a file whose
// default export is not a kernel bench, and for a form whose result differs from the JS form's
// (exit code 1, the row FAILED with where it differs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../../src/cli/bench/args.js';
import { UsageError } from '../../src/cli/usage-error.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'multicore.js');
const dir = mkdtempSync(join(tmpdir(), 'mc-kernel-args-'));
const pkg = pathToFileURL(join(root, 'dist', 'index.js')).href;

test('--kernel takes a file and refuses the options of the workload bench', () => {
  assert.equal(parseArgs(['--kernel', 'k.mjs', '--quick'], ['cpu'], 2).kernel, 'k.mjs');
  assert.equal(parseArgs(['--kernel=k.mjs'], ['cpu'], 2).kernel, 'k.mjs');
  assert.throws(() => parseArgs(['--kernel'], ['cpu'], 2), UsageError);
  assert.throws(() => parseArgs(['--kernel', 'k.mjs', '--only', 'cpu'], ['cpu'], 2), /--kernel runs only your kernel/);
});

test('a file whose default export is not a kernel bench is a usage error', () => {
  const file = join(dir, 'bad.mjs');
  writeFileSync(file, 'export default { kernel: 42, input() {} };\n');
  const r = spawnSync(process.execPath, [cli, 'bench', '--kernel', file], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--kernel .*bad\.mjs: default\.kernel must be a kernel made by defineKernel\(\)/);
});

test('a form that gives other bits than the JS form fails the bench, saying where', () => {
  const file = join(dir, 'differs.mjs');
  // The 'workers' form runs the same module; it reads the form from a flag only the main thread sets.
  writeFileSync(
    join(dir, 'chunk.mjs'),
    'export function inc(s, e, x) { for (let i = s; i < e; i++) x[i] = i + (globalThis.onMain ? 0 : 0.5); }\n',
  );
  writeFileSync(
    file,
    `
    import { defineKernel } from ${JSON.stringify(pkg)};
    globalThis.onMain = true;
    const kernel = defineKernel({ name: 'inc', js: { module: new URL('./chunk.mjs', import.meta.url), name: 'inc' } });
    export default { kernel, sizes: [1000], input: (n, alloc) => ({ length: n, args: [alloc(Float64Array, n)] }) };
  `,
  );
  const r = spawnSync(process.execPath, [cli, 'bench', '--kernel', file, '--quick', '--threads', '1'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /JS workers ×1: Error: differs from the JS form: array 0 \(Float64Array\) element 0: 0\.5, the JS form's 0/);
});
