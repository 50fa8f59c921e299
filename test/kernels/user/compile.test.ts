// `multicore compile`: AssemblyScript → a user-kernel .wasm with shared imported memory; it prints the
// asc line it ran; bad arguments exit 2, a compile error exits 1 with asc's diagnostics, and a missing
// assemblyscript package is a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineKernel } from '@multicore-js/multicore';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[], nodeArgs: string[] = []) =>
  spawnSync(process.execPath, [...nodeArgs, join(root, 'bin/multicore.js'), 'compile', ...args], { cwd: root, encoding: 'utf8' });

test('compiles a kernel, prints the asc line, and the .wasm runs as a kernel', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-compile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'triple.ts');
  writeFileSync(
    src,
    'export function triple(start: i32, end: i32, x: usize): f64 {\n' +
      '  let s: f64 = 0;\n  for (let i = start; i < end; i++) s += 3 * load<f64>(x + (<usize>i << 3));\n  return s;\n}\n',
  );
  const r = cli([src]);
  assert.equal(r.status, 0, r.stderr);
  const out = join(dir, 'triple.wasm');
  assert.ok(existsSync(out));
  assert.match(
    r.stdout,
    /^asc .*triple\.ts -o .*triple\.wasm -O3 --runtime stub --importMemory --sharedMemory --maximumMemory 65536 --enable threads --enable simd$/m,
  );
  const k = defineKernel({ name: 'triple', wasm: out });
  assert.equal(await k.reduce(100, [new Float64Array(100).fill(2)], { threads: 2 }), 600);
});

test('bad arguments exit 2; an AssemblyScript error exits 1 with the diagnostic', (t) => {
  assert.equal(cli([]).status, 2);
  assert.match(cli([]).stderr, /no input file/);
  assert.equal(cli(['--bogus', 'x.ts']).status, 2);
  assert.match(cli(['/no/such.ts']).stderr, /no such file/);
  assert.match(cli(['a.ts', '--maximum-memory', '0']).stderr, /--maximum-memory must be a page count/);
  const dir = mkdtempSync(join(tmpdir(), 'mc-compile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.ts');
  writeFileSync(bad, 'export function k(start: i32, end: i32): f64 { return undefinedThing; }\n');
  const r = cli([bad, '--quiet']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /undefinedThing/);
  assert.match(r.stderr, /multicore compile: asc failed/);
});

test('without the assemblyscript package it says how to install it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-compile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A resolve hook that makes 'assemblyscript/asc' not found, as on a machine without the package.
  writeFileSync(
    join(dir, 'hide.mjs'),
    'export async function resolve(s, c, next) {\n' +
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook's source, with a template literal of its own
      "  if (s.startsWith('assemblyscript')) throw Object.assign(new Error(`Cannot find package '${s}'`), { code: 'ERR_MODULE_NOT_FOUND' });\n" +
      '  return next(s, c);\n}\n',
  );
  writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hide.mjs', import.meta.url);\n");
  const src = join(dir, 'k.ts');
  writeFileSync(src, 'export function k(start: i32, end: i32): void {}\n');
  const r = cli([src], ['--import', join(dir, 'register.mjs')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /the assemblyscript package is not installed: npm install --save-dev assemblyscript/);
});
