#!/usr/bin/env node
// `npm run package -- --out DIR [--platforms linux-x64-gnu,linux-arm64-gnu]`: writes into DIR every
// tarball a user installs: the main package (with the wasm build under prebuilt/wasm/ when
// build/wasm/ exists) and one package per platform holding multicore_cpp.node and multicore_rust.node.
// Platforms: this machine's (its build in build/ must exist) plus every other one already built
// under build/<platform>/ (`node scripts/build-native.mjs --target <platform>`), or exactly --platforms.
// DIR/packages.json lists what was written. Compiles the TypeScript first; compiles no native code.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLATFORMS, SCOPE_PREFIX, hostPlatform, buildPaths } from './platforms.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const outArg = option('--out');
if (!outArg) {
  console.error('usage: npm run package -- --out DIR [--platforms a,b]');
  process.exit(2);
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const host = hostPlatform();
const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The platform packages are pinned to this exact version (what the registry will hold once published).
for (const [name, spec] of Object.entries(main.optionalDependencies ?? {})) {
  if (name.startsWith(SCOPE_PREFIX) && spec !== main.version) {
    console.error(`[package] package.json: optionalDependencies.${name} is '${spec}', expected '${main.version}'`);
    process.exit(1);
  }
}

const requested = option('--platforms')?.split(',').filter(Boolean);
const platforms =
  requested ??
  Object.keys(PLATFORMS).filter((p) => {
    const b = buildPaths(p, host);
    return p === host || (existsSync(join(root, b.cpp)) && existsSync(join(root, b.rust)));
  });

function npmPack(dir) {
  // --ignore-scripts: `prepare` would recompile; the TypeScript is compiled once below.
  const json = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
  const [info] = JSON.parse(json);
  return {
    name: info.name,
    version: info.version,
    file: join(out, info.filename),
    size: statSync(join(out, info.filename)).size,
    entries: info.entryCount,
  };
}

const written = [];
for (const p of platforms) {
  if (!PLATFORMS[p]) throw new Error(`unknown platform '${p}' (one of ${Object.keys(PLATFORMS).join(', ')})`);
  const b = buildPaths(p, host);
  const files = { 'multicore_cpp.node': b.cpp, 'multicore_rust.node': b.rust };
  for (const src of Object.values(files)) {
    if (!existsSync(join(root, src))) {
      console.error(
        `[package] ${p}: ${src} is missing: build it with \`node scripts/build-native.mjs${p === host ? '' : ` --target ${p}`}\``,
      );
      process.exit(1);
    }
  }
  const stage = join(root, 'build', 'npm', p);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'npm', p, 'package.json'), 'utf8'));
  manifest.version = main.version;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(root, 'npm', p, 'README.md'), join(stage, 'README.md'));
  cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  for (const [name, src] of Object.entries(files)) cpSync(join(root, src), join(stage, name));
  written.push({ platform: p, ...npmPack(stage) });
}

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
// The wasm backend ships inside the main package; its loader looks in build/wasm/, then prebuilt/wasm/.
rmSync(join(root, 'prebuilt'), { recursive: true, force: true });
if (existsSync(join(root, 'build', 'wasm'))) {
  cpSync(join(root, 'build', 'wasm'), join(root, 'prebuilt', 'wasm'), { recursive: true });
} else {
  console.warn('[package] build/wasm/ does not exist: the main package has no wasm backend (node scripts/build-wasm.mjs builds it)');
}
written.unshift({ platform: null, ...npmPack(root) });

writeFileSync(join(out, 'packages.json'), `${JSON.stringify(written, null, 2)}\n`);
for (const w of written) {
  console.log(`[package] ${(w.size / 1024).toFixed(0).padStart(6)} KiB  ${w.entries} files  ${w.file}`);
}
