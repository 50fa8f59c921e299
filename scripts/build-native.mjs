#!/usr/bin/env node
// Builds the native backends (C++ via cmake-js, Rust via @napi-rs/cli) during `npm install`.
// A machine without cmake or cargo still installs: the failure reason is written to
// build/native-status.json and `multicore info` reports it. With CI=true a backend that
// did not build fails the install, so CI can never silently lose a backend.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const sanitize = process.env.MULTICORE_SANITIZE ?? ''; // '', 'address', 'thread'

function have(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

function run(cmd, args, opts = {}) {
  console.log(`[multicore] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) return r.error.message;
  if (r.status !== 0) return `${cmd} exited with ${r.status ?? r.signal}`;
  return null;
}

function localBin(name) {
  return join(root, 'node_modules', '.bin', name);
}

const backends = {
  cpp() {
    if (!have('cmake')) return 'cmake not found on PATH (install cmake and a C++17 compiler, then run `npm run build:native`)';
    if (!existsSync(localBin('cmake-js'))) return 'cmake-js is not installed (run `npm install`)';
    // A sanitizer build goes to its own folder so it never replaces the normal addon.
    const outDir = sanitize ? `build/cpp-${sanitize}` : 'build/cpp';
    const args = ['rebuild', '--out', outDir, '--config', 'Release'];
    if (sanitize) args.push(`--CDMULTICORE_SANITIZE=${sanitize}`);
    const err = run(localBin('cmake-js'), args);
    if (err) return `C++ build failed: ${err}`;
    const out = join(root, outDir, 'Release/multicore_cpp.node');
    return existsSync(out) ? null : `C++ build produced no ${out}`;
  },
  rust() {
    if (!have('cargo')) return 'cargo not found on PATH (install Rust from https://rustup.rs, then run `npm run build:native`)';
    if (!existsSync(localBin('napi'))) return '@napi-rs/cli is not installed (run `npm install`)';
    mkdirSync(join(root, 'build/rust'), { recursive: true });
    const env = { ...process.env };
    if (sanitize) env.MULTICORE_SANITIZE = sanitize;
    // native/rust/napi.json names the output multicore_rust.node (no `napi` field in package.json).
    const err = run(localBin('napi'), [
      'build', '--release', '--manifest-path', 'native/rust/binding/Cargo.toml',
      '--config-path', 'native/rust/napi.json',
      '--output-dir', 'build/rust', '--dts', 'binding.d.ts',
    ], { env });
    if (err) return `Rust build failed: ${err}`;
    const out = join(root, 'build/rust/multicore_rust.node');
    return existsSync(out) ? null : `Rust build produced no ${out}`;
  },
};

mkdirSync(join(root, 'build'), { recursive: true });
const status = {};
for (const [name, build] of Object.entries(backends)) {
  if (only.length && !only.includes(name)) continue;
  if (process.env[`MULTICORE_SKIP_${name.toUpperCase()}`]) {
    status[name] = { built: false, reason: `skipped by MULTICORE_SKIP_${name.toUpperCase()}` };
    continue;
  }
  const reason = build();
  status[name] = reason ? { built: false, reason } : { built: true };
  console.log(`[multicore] ${name}: ${reason ? `NOT built — ${reason}` : 'built'}`);
}
const statusFile = join(root, 'build/native-status.json');
let previous = {};
try { previous = JSON.parse((await import('node:fs')).readFileSync(statusFile, 'utf8')); } catch {}
// The status file describes the normal build that `multicore info` loads; sanitizer builds leave it alone.
if (!sanitize) writeFileSync(statusFile, JSON.stringify({ ...previous, ...status }, null, 2) + '\n');

const failed = Object.entries(status).filter(([, s]) => !s.built);
if (failed.length && isCI) {
  console.error(`[multicore] CI=true and these backends did not build: ${failed.map(([n]) => n).join(', ')}`);
  process.exit(1);
}
