#!/usr/bin/env node
// The package registry reachable from CI serves only some platform builds of a few optional
// packages (@napi-rs/lzma-*, @napi-rs/tar-*, @napi-rs/wasm-tools-*, @msgpackr-extract/*). `npm install`
// then leaves them out of package-lock.json, and `npm ci` refuses the lock as "out of sync".
// This adds a lock entry for each, marked optional with its os/cpu/libc, so npm ci skips them on
// platforms they are not for. Run it after any `npm install` that rewrites the lock.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);

function missingEntries() {
  try {
    execFileSync('npm', ['ci', '--ignore-scripts', '--dry-run'], { stdio: 'pipe', encoding: 'utf8' });
    return [];
  } catch (err) {
    return [...String(err.stderr).matchAll(/Missing: (.+?)@ from lock file/g)].map((m) => m[1]);
  }
}

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const i = parts.findIndex((p) => ['android', 'darwin', 'freebsd', 'linux', 'win32', 'wasm32'].includes(p));
  if (i < 0) throw new Error(`cannot tell the platform of ${name}`);
  const [os, cpu, abi] = parts.slice(i);
  if (os === 'wasm32') return { cpu: ['wasm32'] };
  const entry = { os: [os], cpu: [cpu] };
  if (abi === 'musl') entry.libc = ['musl'];
  else if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
  return entry;
}

const missing = missingEntries();
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
for (const name of missing) {
  const parent = Object.values(lock.packages).find((meta) => meta.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package in the lock lists ${name}`);
  const version = parent.optionalDependencies[name].replace(/^[\^~=]/, '');
  lock.packages[`node_modules/${name}`] = { version, ...(parent.dev ? { dev: true } : {}), optional: true, ...platformOf(name) };
}
const entries = Object.entries(lock.packages);
lock.packages = Object.fromEntries([entries[0], ...entries.slice(1).sort(([a], [b]) => a.localeCompare(b, 'en'))]);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(missing.length ? `added ${missing.length} lock entries: ${missing.join(', ')}` : 'lock file already complete');
