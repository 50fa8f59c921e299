#!/usr/bin/env node
// `npm test`: the linters and format checks (scripts/lint.mjs), the native unit tests (C++ via
// ctest, Rust via cargo test) and then every test/**/*.test.ts file under Node's built-in test
// runner (TypeScript loaded by tsx). Options: --only js|native, --no-lint, and any path fragments to
// filter test files (e.g. `npm test -- kernels`: a filtered run skips the linters and native tests).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args.splice(onlyIdx, 2)[1] : undefined;
const lint = !args.includes('--no-lint');
const filters = args.filter((a) => !a.startsWith('-'));
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
let failed = false;

function run(cmd, cmdArgs, opts = {}) {
  console.log(`\n[test] $ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) failed = true;
  return r.status === 0;
}

function nativeStatus() {
  try {
    return JSON.parse(readFileSync(join(root, 'build/native-status.json'), 'utf8'));
  } catch {
    return {};
  }
}

// Linters first, on a full run: a lint or format finding fails `npm test` like a failing test.
if (lint && filters.length === 0) {
  const langs = only === 'js' ? ['js'] : only === 'native' ? ['rust', 'cpp'] : [];
  if (!run(process.execPath, [join(root, 'scripts/lint.mjs'), ...langs.flatMap((l) => ['--only', l])])) {
    console.error('[test] the linters found something (see above; `npm run format` applies the formatting)');
  }
}

// Tests import the compiled library (dist/) through the package's own name, so compile first.
if (!run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])) {
  console.error('[test] TypeScript compilation failed');
}
// The tests are TypeScript too: type-check them (tsx runs them without checking).
if (!run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/tsconfig.json', '--noEmit'])) {
  console.error('[test] the tests do not type-check');
}

if (only !== 'js' && filters.length === 0) {
  const status = nativeStatus();
  if (status.cpp?.built && existsSync(join(root, 'build/cpp/CTestTestfile.cmake'))) {
    run('ctest', ['--test-dir', 'build/cpp', '--output-on-failure']);
  } else {
    console.log(`[test] C++ unit tests skipped: ${status.cpp?.reason ?? 'C++ backend not built'}`);
    if (isCI) failed = true;
  }
  if (status.rust?.built) {
    run('cargo', ['test', '--release', '--manifest-path', 'native/rust/Cargo.toml', '-p', 'multicore-kernels']);
  } else {
    console.log(`[test] Rust unit tests skipped: ${status.rust?.reason ?? 'Rust backend not built'}`);
    if (isCI) failed = true;
  }
}

if (only !== 'native') {
  const files = [];
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'fixtures' || name === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) files.push(relative(root, p));
    }
  })(join(root, 'test'));
  files.sort();
  const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
  if (selected.length === 0) {
    console.error('[test] no test files matched');
    failed = true;
  } else {
    run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...selected]);
  }
}

process.exit(failed ? 1 : 0);
