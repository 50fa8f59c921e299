#!/usr/bin/env node
// `npm run lint`: every linter and format check of the repository, each language with its own tool:
//   TypeScript/JavaScript/JSON  Biome (biome.jsonc): lint rules + formatting
//   Rust (native/rust)          cargo fmt --check (rustfmt.toml) and cargo clippy --all-targets -D warnings
//   C++ (native/cpp)            clang-format (.clang-format); warnings are errors in the build itself (CMake)
// Exit status 1 when any of them finds something. `npm test` runs this first on a full run.
//
// Options:
//   --fix          apply what can be applied (Biome's safe fixes and formatting, cargo fmt,
//                  clang-format -i), then check everything
//   --format       only apply formatting (`npm run format`), no linting
//   --no-format    lint only, skip the format checks (for a branch not yet formatted)
//   --only js|rust|cpp   one language (repeatable)
// A missing tool (cargo, clippy, clang-format) skips its language with a note; with CI=true it fails.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const known = new Set(['--fix', '--format', '--no-format', '--only']);
for (const a of args) {
  if (a.startsWith('-') && !known.has(a)) {
    console.error(`[lint] unknown option ${a} (known: ${[...known].join(', ')})`);
    process.exit(2);
  }
}
const fix = args.includes('--fix');
const formatOnly = args.includes('--format');
const checkFormat = !args.includes('--no-format');
const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : []));
for (const o of only) {
  if (!['js', 'rust', 'cpp'].includes(o)) {
    console.error(`[lint] --only takes js, rust or cpp, got '${o}'`);
    process.exit(2);
  }
}
const wants = (lang) => only.length === 0 || only.includes(lang);
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const failed = [];

function run(label, cmd, cmdArgs, opts = {}) {
  const shown = cmdArgs.length > 12 ? [...cmdArgs.slice(0, 2), `<${cmdArgs.length - 2} files>`] : cmdArgs;
  console.log(`\n[lint] $ ${cmd} ${shown.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error?.code === 'ENOENT') return missing(label, `${cmd} is not installed`);
  if (r.status !== 0) failed.push(label);
  return r.status === 0;
}

function missing(label, why) {
  console.log(`[lint] ${label} skipped: ${why}`);
  if (isCI) failed.push(`${label} (${why})`);
  return false;
}

function has(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function trackedFiles(...patterns) {
  const r = spawnSync('git', ['ls-files', '--', ...patterns], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

// --- TypeScript, JavaScript, JSON: Biome -------------------------------------------------------
if (wants('js')) {
  const biome = [join(root, 'node_modules/@biomejs/biome/bin/biome')];
  const node = process.execPath;
  if (formatOnly) run('biome format', node, [...biome, 'format', '--write', '.']);
  else {
    if (fix) run('biome fixes', node, [...biome, 'check', '--write', ...(checkFormat ? [] : ['--formatter-enabled=false']), '.']);
    run(checkFormat ? 'biome (lint + format)' : 'biome lint', node, [...biome, checkFormat ? 'check' : 'lint', '.']);
  }
}

// --- Rust: rustfmt and clippy -----------------------------------------------------------------------
if (wants('rust')) {
  const manifest = ['--manifest-path', 'native/rust/Cargo.toml'];
  if (!has('cargo', ['--version'])) missing('rust', 'cargo is not installed');
  else {
    const hasFmt = has('cargo', ['fmt', '--version']);
    if (formatOnly || fix) {
      if (hasFmt) run('cargo fmt', 'cargo', ['fmt', ...manifest, '--all']);
      else missing('cargo fmt', 'rustfmt is not installed (rustup component add rustfmt)');
    }
    if (!formatOnly) {
      if (checkFormat) {
        if (hasFmt) run('cargo fmt --check', 'cargo', ['fmt', ...manifest, '--all', '--check']);
        else missing('cargo fmt --check', 'rustfmt is not installed (rustup component add rustfmt)');
      }
      if (has('cargo', ['clippy', '--version'])) {
        run('cargo clippy', 'cargo', ['clippy', ...manifest, '--workspace', '--all-targets', '--quiet', '--', '-D', 'warnings']);
      } else missing('cargo clippy', 'clippy is not installed (rustup component add clippy)');
    }
  }
}

// --- C++: clang-format (warnings as errors are the build's: see native/cpp/CMakeLists.txt) -----------
if (wants('cpp') && (formatOnly || fix || checkFormat)) {
  const files = trackedFiles('native/cpp/*.cc', 'native/cpp/*.h', 'native/cpp/*.inc');
  if (!has('clang-format', ['--version'])) missing('clang-format', 'clang-format is not installed (Debian: apt-get install clang-format)');
  else if (formatOnly || fix) run('clang-format -i', 'clang-format', ['-i', ...files]);
  if (!formatOnly && checkFormat && has('clang-format', ['--version'])) {
    run('clang-format --dry-run', 'clang-format', ['--dry-run', '--Werror', ...files]);
  }
}

if (failed.length > 0) {
  console.error(`\n[lint] failed: ${failed.join(', ')}`);
  console.error('[lint] `npm run format` applies the formatting; `npm run lint -- --fix` also applies the safe lint fixes.');
  process.exit(1);
}
console.log(`\n[lint] ${formatOnly ? 'formatted' : 'clean'}`);
