// The native interface is written in several places (native/SPEC.md, addon.h, the Rust exports'
// ts_args_type strings, NativeAddon in src/native/load.ts). The TypeScript declarations napi-rs
// generates from the Rust exports (build/rust/binding.d.ts, written by `node scripts/build-native.mjs
// rust`) must satisfy NativeAddon: a function renamed, dropped or given other parameter or result
// types there fails this test. Checked by compiling a small file with the project's TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCI } from '../helpers/ci.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binding = join(root, 'build/rust/binding.d.ts');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const missing = existsSync(binding)
  ? undefined
  : 'build/rust/binding.d.ts missing: the Rust backend is not built (node scripts/build-native.mjs rust)';

/** Type-checks "typeof <declarations> satisfies NativeAddon"; returns tsc's exit code and output. */
function check(declarations: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'multicore-binding-types-'));
  writeFileSync(join(dir, 'binding.d.ts'), declarations);
  writeFileSync(
    join(dir, 'check.ts'),
    [
      "import type * as Binding from './binding.js';",
      `import type { NativeAddon } from ${JSON.stringify(join(root, 'src/native/load.js'))};`,
      'declare const generated: typeof Binding;',
      'export const asNativeAddon: NativeAddon = generated;',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const r = spawnSync(
    process.execPath,
    [
      tsc,
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--typeRoots',
      join(root, 'node_modules/@types'),
      join(dir, 'check.ts'),
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('the napi-generated Rust binding.d.ts satisfies NativeAddon', { skip: !isCI && missing }, () => {
  assert.equal(missing, undefined, missing);
  const r = check(readFileSync(binding, 'utf8'));
  assert.equal(r.status, 0, r.output);
});

test('the check fails when the generated declarations drift (a function missing, a parameter changed)', { skip: !isCI && missing }, () => {
  const text = readFileSync(binding, 'utf8');
  const withoutSort = text.replace(/^export declare function sort\(.*$/m, '');
  assert.notEqual(withoutSort, text, 'binding.d.ts declares sort');
  const dropped = check(withoutSort);
  assert.notEqual(dropped.status, 0);
  assert.match(dropped.output, /sort/);
  const retyped = check(
    text.replace(/export declare function countPrimes\(limit: number/, 'export declare function countPrimes(limit: string'),
  );
  assert.notEqual(retyped.status, 0);
  assert.match(retyped.output, /countPrimes/);
});
