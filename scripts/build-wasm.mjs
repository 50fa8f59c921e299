#!/usr/bin/env node
// Builds the WebAssembly backend: the Rust binding (native/rust/binding) for
// wasm32-wasip1-threads through napi-rs's WASI path (`napi build --target wasm32-wasip1-threads`,
// linked against emnapi, run by @napi-rs/wasm-runtime). Output in build/wasm/:
//   multicore_rust.wasi.cjs          the generated loader (instantiates the module, starts threads)
//   multicore_rust.wasm32-wasi.wasm  the module (wasm-opt'ed by napi-rs)
//   wasi-worker.mjs                  the worker each wasm thread runs in
// Idempotent (cargo builds incrementally; the outputs are rewritten). Exits 1 with the reason
// when cargo, the Rust target or the npm build tools are missing; `buildWasm()` returns that
// reason instead (for scripts/build-native.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TARGET = 'wasm32-wasip1-threads';
export const OUT_DIR = join(root, 'build', 'wasm');
/** The files a working build leaves in build/wasm (what the package ships). */
export const OUTPUTS = ['multicore_rust.wasi.cjs', 'multicore_rust.wasm32-wasi.wasm', 'wasi-worker.mjs'];

function capture(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why the wasm build cannot run here, or undefined when every tool is present. */
export function missingTool() {
  if (capture('cargo', ['--version']) === undefined) {
    return 'cargo not found on PATH (install Rust from https://rustup.rs, then `rustup target add wasm32-wasip1-threads`)';
  }
  const sysroot = capture('rustc', ['--print', 'sysroot']);
  if (!sysroot || !existsSync(join(sysroot, 'lib', 'rustlib', TARGET))) {
    return `the Rust target ${TARGET} is not installed (run \`rustup target add ${TARGET}\`)`;
  }
  if (!existsSync(join(root, 'node_modules', '.bin', 'napi'))) return '@napi-rs/cli is not installed (run `npm install` in the repository)';
  for (const pkg of ['emnapi', '@emnapi/core', '@emnapi/runtime', '@napi-rs/wasm-runtime']) {
    if (!existsSync(join(root, 'node_modules', pkg, 'package.json')))
      return `${pkg} is not installed (run \`npm install\` in the repository)`;
  }
  return undefined;
}

/** Builds build/wasm; returns undefined on success, else the reason. */
export function buildWasm({ log = console.log } = {}) {
  const missing = missingTool();
  if (missing) return missing;
  mkdirSync(OUT_DIR, { recursive: true });
  const env = {
    ...process.env,
    // wasm SIMD (Node ≥ 16.4 has it): LLVM vectorises the kernels' portable lane loops; plain
    // IEEE f64x2 arithmetic, no FMA, so the results stay bit-identical (tested).
    CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS: process.env.CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS ?? '-C target-feature=+simd128',
  };
  const args = [
    'build',
    '--release',
    '--target',
    TARGET,
    '--manifest-path',
    'native/rust/binding/Cargo.toml',
    '--config-path',
    'native/rust/napi.json',
    '--output-dir',
    'build/wasm',
  ];
  log(`[multicore] $ napi ${args.join(' ')}`);
  const r = spawnSync(join(root, 'node_modules', '.bin', 'napi'), args, { cwd: root, stdio: 'inherit', env });
  if (r.error) return `wasm build failed: ${r.error.message}`;
  if (r.status !== 0) return `wasm build failed: napi exited with ${r.status ?? r.signal}`;
  // Keep only what Node needs: the loader prefers a *.debug.wasm when one exists, and the
  // browser loaders / typings are not used by this package.
  for (const name of readdirSync(OUT_DIR)) {
    if (!OUTPUTS.includes(name)) rmSync(join(OUT_DIR, name), { force: true });
  }
  const absent = OUTPUTS.filter((f) => !existsSync(join(OUT_DIR, f)));
  if (absent.length) return `wasm build produced no ${absent.join(', ')}`;
  quietWorkerWarning(join(OUT_DIR, 'wasi-worker.mjs'), log);
  return undefined;
}

// Loading node:wasi prints "ExperimentalWarning: WASI is an experimental feature" once per
// thread: the main thread's is filtered by src/native/wasm.ts; each wasm thread's worker loads
// it through this patch of the generated worker (a static import would run before any filter).
const WASI_IMPORT = "import { WASI } from 'node:wasi'\n";
const REQUIRE_LINE = 'const require = createRequire(import.meta.url)\n';
const QUIET_WASI = `// multicore (scripts/build-wasm.mjs): load node:wasi without its ExperimentalWarning.
const { WASI } = (() => {
  const emit = process.emitWarning
  process.emitWarning = function (warning, ...rest) {
    if (String(warning?.message ?? warning).startsWith('WASI is an experimental feature')) return
    return emit.call(this, warning, ...rest)
  }
  try {
    return require('node:wasi')
  } finally {
    process.emitWarning = emit
  }
})()
`;

function quietWorkerWarning(file, log) {
  const src = readFileSync(file, 'utf8');
  if (!src.includes(WASI_IMPORT) || !src.includes(REQUIRE_LINE)) {
    log('[multicore] note: wasi-worker.mjs has an unexpected shape; its WASI warning is left as is');
    return;
  }
  writeFileSync(file, src.replace(WASI_IMPORT, '').replace(REQUIRE_LINE, REQUIRE_LINE + QUIET_WASI));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reason = buildWasm();
  if (reason) {
    console.error(`[multicore] wasm: NOT built — ${reason}`);
    process.exit(1);
  }
  console.log(`[multicore] wasm: built → ${OUT_DIR} (${OUTPUTS.join(', ')})`);
}
