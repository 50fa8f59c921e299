// The WebAssembly backend: the Rust kernels built for wasm32-wasip1-threads (napi-rs's WASI
// path, run by @napi-rs/wasm-runtime + emnapi). It runs wherever Node does, with no prebuilt
// addon and no compiler. Candidates, first that loads wins:
//   1. $MULTICORE_WASM_FILE  (the generated `*.wasi.cjs` loader, or the `.wasm` next to it)
//   2. <package>/build/wasm/  (a local build: `node scripts/build-wasm.mjs`)
//   3. <package>/prebuilt/wasm/  (what the published package ships)
// Design notes (threads, memory, loader): native/rust/WASM.md.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { LoadResult, Skipped } from './load.js';
import { wrapWasmBinding, type WasmBinding } from './wasm-addon.js';

const LOADER = 'multicore_rust.wasi.cjs';
const MODULE = 'multicore_rust.wasm32-wasi.wasm';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Where the wasm backend came from, and why each earlier candidate was skipped. */
export interface WasmSource {
  file?: string;
  skipped: string[];
}

let cached: { result: LoadResult; source: WasmSource } | undefined;

type Candidate = { label: string; loader?: string; skip?: string; hint?: string };

/** The reason scripts/build-native.mjs recorded for a wasm build that failed, if any. */
function buildReason(): string | undefined {
  try {
    const status = JSON.parse(readFileSync(join(root, 'build', 'native-status.json'), 'utf8'));
    return status.wasm?.built === false ? String(status.wasm.reason) : undefined;
  } catch {
    return undefined;
  }
}

function candidates(): Candidate[] {
  const list: Candidate[] = [];
  const fromEnv = process.env.MULTICORE_WASM_FILE;
  if (fromEnv) {
    const loader = fromEnv.endsWith('.wasm') ? join(dirname(fromEnv), LOADER) : fromEnv;
    list.push({ label: `MULTICORE_WASM_FILE=${fromEnv}`, loader });
  } else {
    list.push({ label: 'MULTICORE_WASM_FILE', skip: 'not set' });
  }
  const built = buildReason();
  list.push({
    label: 'local build',
    loader: join(root, 'build', 'wasm', LOADER),
    // The build script exists in a checkout, not in an installed package (which ships prebuilt/wasm).
    hint: built
      ? `not built: ${built}`
      : existsSync(join(root, 'scripts', 'build-wasm.mjs'))
        ? 'run `node scripts/build-wasm.mjs`'
        : 'an installed package has no local build: it uses prebuilt/wasm',
  });
  list.push({ label: 'packaged build', loader: join(root, 'prebuilt', 'wasm', LOADER) });
  return list;
}

/**
 * Loads node:wasi without its one-time "WASI is an experimental feature" warning: the WASI use
 * is internal to this backend, not something the user opted into. Other warnings pass.
 */
function requireWasiQuietly(): void {
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (String(text).startsWith('WASI is an experimental feature')) return;
    return (emit as (...a: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    require('node:wasi');
  } finally {
    process.emitWarning = emit;
  }
}

function tryLoad(loader: string, hint?: string): WasmBinding | string {
  if (!existsSync(loader)) return `${loader} not found${hint ? ` (${hint})` : ''}`;
  if (!existsSync(join(dirname(loader), MODULE))) return `${join(dirname(loader), MODULE)} not found`;
  try {
    requireWasiQuietly();
    const raw = require(loader) as WasmBinding;
    if (typeof raw.wasmAlloc !== 'function') return `${loader} is not a multicore wasm build (no wasmAlloc export)`;
    // WASI cannot report the core count; MULTICORE_RUST_POOL_THREADS still wins inside.
    raw.setPoolThreads(Math.min(availableParallelism(), 256));
    return raw;
  } catch (err) {
    return `failed to load ${loader}: ${(err as Error).message}`;
  }
}

function load(): { result: LoadResult; source: WasmSource } {
  const skipped: string[] = [];
  const skippedAt: Skipped[] = [];
  if (process.env.MULTICORE_DISABLE_WASM) {
    return { result: { reason: 'disabled by MULTICORE_DISABLE_WASM' }, source: { skipped } };
  }
  if (typeof SharedArrayBuffer !== 'function' || typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') {
    return { result: { reason: 'this runtime has no SharedArrayBuffer / WebAssembly threads' }, source: { skipped } };
  }
  for (const c of candidates()) {
    const got = c.skip ?? (c.loader ? tryLoad(c.loader, c.hint) : 'no file');
    if (typeof got === 'string') {
      skipped.push(`${c.label}: ${got}`);
      skippedAt.push({ candidate: c.label, reason: got });
      continue;
    }
    const from = c.loader ? dirname(c.loader) : c.label;
    return { result: { addon: wrapWasmBinding(got), file: c.loader, from, skipped: skippedAt }, source: { file: c.loader, skipped } };
  }
  return { result: { reason: skipped.join('; '), skipped: skippedAt }, source: { skipped } };
}

/** Loads the wasm backend once per JS context (main thread or worker). */
export function loadWasm(): LoadResult {
  cached ??= load();
  return cached.result;
}

/** The file the wasm backend was loaded from (if any) and why earlier candidates were skipped. */
export function wasmSource(): WasmSource {
  cached ??= load();
  return cached.source;
}
