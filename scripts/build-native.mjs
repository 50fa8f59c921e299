#!/usr/bin/env node
// Builds the native backends from source: C++ via cmake-js, Rust via @napi-rs/cli.
//
//   node scripts/build-native.mjs [cpp] [rust] [--target linux-arm64-gnu] [--if-stale]
//   node scripts/build-native.mjs --install      (the package's npm `install` script)
//
// --install decides whether anything compiles at `npm install`:
//   - installed as a dependency (under node_modules): never. A prebuilt platform package serves
//     the native backends; without one the wasm and JS backends run and `npx multicore build`
//     compiles on request.
//   - in this repository: builds what is stale (so a second `npm install`, or the one `npx` runs
//     on a checkout, is quick), then `scripts/build-wasm.mjs` when it exists.
// A machine without cmake or cargo still installs: the reason is written to build/native-status.json
// and `multicore info` reports it. With CI=true a backend that did not build fails the install.
// Build tools (cmake-js, @napi-rs/cli, node-addon-api) are found wherever Node resolves them from
// this package: its own node_modules or the app's; MULTICORE_TOOLS_DIR adds one more place.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep, delimiter } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLATFORMS, SCOPE_PREFIX, hostPlatform, buildPaths } from './platforms.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--target');
const sanitize = process.env.MULTICORE_SANITIZE ?? ''; // '', 'address', 'thread'
const host = hostPlatform();
const target = option('--target') ?? host;
const cross = target !== host;
const BUILD_HINT = 'npx multicore build';

if (!PLATFORMS[target]) {
  console.error(`[multicore] unknown --target '${target}' (one of: ${Object.keys(PLATFORMS).join(', ')})`);
  process.exit(2);
}

const isDependency = root.split(sep).includes('node_modules');
if (flag('--install') && isDependency) {
  process.exit(installAsDependency());
}
const ifStale = flag('--if-stale') || flag('--install');

function installAsDependency() {
  const pkg = `${SCOPE_PREFIX}${host}`;
  try {
    createRequire(join(root, 'package.json')).resolve(`${pkg}/package.json`);
    console.log(`[multicore] native backends come prebuilt from ${pkg}: nothing to compile`);
  } catch {
    const local = buildPaths(host);
    const built = existsSync(join(root, local.cpp)) || existsSync(join(root, local.rust));
    console.log(
      built
        ? '[multicore] using the native build in build/: nothing to compile'
        : `[multicore] no prebuilt native backends for ${host}: the wasm and JS backends will run. ` +
            `To compile the C++ and Rust backends (needs cmake, a C++17 compiler and cargo), run \`${BUILD_HINT}\`.`,
    );
  }
  return 0;
}

function have(cmd, args = ['--version']) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, opts = {}) {
  console.log(`[multicore] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) return r.error.message;
  if (r.status !== 0) return `${cmd} exited with ${r.status ?? r.signal}`;
  return null;
}

/** The JS file behind a package's bin, resolved as Node would from this package (or MULTICORE_TOOLS_DIR). */
export function findBin(pkg, bin) {
  const bases = [join(root, 'package.json')];
  if (process.env.MULTICORE_TOOLS_DIR) bases.push(join(process.env.MULTICORE_TOOLS_DIR, 'package.json'));
  for (const base of bases) {
    try {
      const manifest = createRequire(base).resolve(`${pkg}/package.json`);
      const bins = JSON.parse(readFileSync(manifest, 'utf8')).bin;
      const rel = typeof bins === 'string' ? bins : bins?.[bin];
      if (rel) return join(dirname(manifest), rel);
    } catch {}
  }
  return null;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'target') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function upToDate(output, inputs) {
  if (!existsSync(join(root, output))) return false;
  const built = statSync(join(root, output)).mtimeMs;
  return inputs.every((i) => newestMtime(join(root, i)) <= built);
}

const paths = buildPaths(target, host);
const spec = PLATFORMS[target];
const toolsHint = `install them with \`npm install --save-dev cmake-js node-addon-api @napi-rs/cli\`, or let \`${BUILD_HINT}\` fetch them`;

const backends = {
  cpp() {
    if (ifStale && upToDate(paths.cpp, ['CMakeLists.txt', 'native/cpp'])) return { skipped: 'up to date' };
    const cxx = spec.cross?.cxx;
    if (cross && !cxx) return `cannot cross-compile the C++ backend for ${target} from ${host}`;
    if (!have('cmake')) return `cmake not found on PATH (install cmake and a C++17 compiler, then run \`${BUILD_HINT}\`)`;
    if (cxx && !have(cxx)) return `${cxx} not found on PATH (Debian: apt-get install g++-aarch64-linux-gnu)`;
    const cmakeJs = findBin('cmake-js', 'cmake-js');
    if (!cmakeJs) return `cmake-js is not installed (${toolsHint})`;
    // A sanitizer build goes to its own folder so it never replaces the normal addon.
    const outDir = sanitize ? `build/cpp-${sanitize}` : paths.cppDir;
    const args = [cmakeJs, 'rebuild', '--out', outDir, '--config', 'Release'];
    if (sanitize) args.push(`--CDMULTICORE_SANITIZE=${sanitize}`);
    else if (spec.os === 'linux') {
      // Prebuilds must run on any glibc Linux: no dependency on the build machine's libstdc++/libgcc.
      args.push('--CDCMAKE_SHARED_LINKER_FLAGS=-static-libstdc++ -static-libgcc');
    }
    if (cross) {
      args.push(
        '--CDCMAKE_SYSTEM_NAME=Linux',
        `--CDCMAKE_SYSTEM_PROCESSOR=${spec.cross.processor}`,
        `--CDCMAKE_CXX_COMPILER=${cxx}`,
        `--CDCMAKE_C_COMPILER=${spec.cross.cc}`,
      );
    }
    // The unit tests need a GTest for the target; an installed package has no tests to build.
    if (cross || isDependency) args.push('--CDCMAKE_DISABLE_FIND_PACKAGE_GTest=ON');
    const env = { ...process.env };
    if (process.env.MULTICORE_TOOLS_DIR) {
      // cmake-js finds node-addon-api with require from this package: NODE_PATH adds the tools folder.
      env.NODE_PATH = [join(process.env.MULTICORE_TOOLS_DIR, 'node_modules'), env.NODE_PATH].filter(Boolean).join(delimiter);
    }
    const err = run(process.execPath, args, { env });
    if (err) return `C++ build failed: ${err}`;
    const out = join(root, outDir, 'Release/multicore_cpp.node');
    return existsSync(out) ? null : `C++ build produced no ${out}`;
  },
  rust() {
    if (ifStale && upToDate(paths.rust, ['native/rust'])) return { skipped: 'up to date' };
    if (!have('cargo')) return `cargo not found on PATH (install Rust from https://rustup.rs, then run \`${BUILD_HINT}\`)`;
    const napi = findBin('@napi-rs/cli', 'napi');
    if (!napi) return `@napi-rs/cli is not installed (${toolsHint})`;
    mkdirSync(join(root, paths.rustDir), { recursive: true });
    const env = { ...process.env };
    if (sanitize) env.MULTICORE_SANITIZE = sanitize;
    // Rust's standard library unwinds with libgcc_s.so.1 (dynamic, as in every napi-rs prebuild; glibc
    // itself needs it, so it is on every glibc system); it uses no libstdc++.
    const triple = spec.rust.toUpperCase().replaceAll('-', '_');
    if (cross && spec.cross) env[`CARGO_TARGET_${triple}_LINKER`] ??= spec.cross.cc;
    // native/rust/napi.json names the output multicore_rust.node (no `napi` field in package.json).
    const args = [
      napi,
      'build',
      '--release',
      '--manifest-path',
      'native/rust/binding/Cargo.toml',
      '--config-path',
      'native/rust/napi.json',
      '--output-dir',
      paths.rustDir,
      '--dts',
      'binding.d.ts',
    ];
    if (cross) args.push('--target', spec.rust);
    const err = run(process.execPath, args, { env });
    if (err) return `Rust build failed: ${err}`;
    const out = join(root, paths.rust);
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
  const result = build();
  if (result?.skipped) {
    console.log(`[multicore] ${name}: ${result.skipped}`);
    status[name] = { built: true };
    continue;
  }
  status[name] = result ? { built: false, reason: result } : { built: true };
  console.log(`[multicore] ${name} (${target}): ${result ? `NOT built — ${result}` : 'built'}`);
}
// The wasm backend (scripts/build-wasm.mjs: the Rust kernels for wasm32-wasip1-threads). The script
// is not shipped in the package: an installed copy serves wasm from prebuilt/wasm instead.
const wasmScript = join(root, 'scripts/build-wasm.mjs');
if (!cross && !sanitize && (!only.length || only.includes('wasm')) && existsSync(wasmScript)) {
  if (process.env.MULTICORE_SKIP_WASM) {
    status.wasm = { built: false, reason: 'skipped by MULTICORE_SKIP_WASM' };
  } else {
    const { buildWasm } = await import(pathToFileURL(wasmScript).href);
    const reason = buildWasm();
    status.wasm = reason ? { built: false, reason } : { built: true };
    console.log(`[multicore] wasm: ${reason ? `NOT built — ${reason}` : 'built'}`);
  }
}
if (!cross) {
  const statusFile = join(root, 'build/native-status.json');
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(statusFile, 'utf8'));
  } catch {}
  // The status file describes the normal build that `multicore info` loads; sanitizer builds leave it alone.
  if (!sanitize) writeFileSync(statusFile, `${JSON.stringify({ ...previous, ...status }, null, 2)}\n`);
}

const failed = Object.entries(status)
  .filter(([, s]) => !s.built)
  .map(([n]) => n);
if (failed.length && (isCI || cross)) {
  console.error(`[multicore] ${cross ? `--target ${target}` : 'CI=true'} and these backends did not build: ${failed.join(', ')}`);
  process.exit(1);
}
