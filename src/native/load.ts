// Loads the native addons once per JS context (main thread or worker), trying in order:
//   1. the prebuilt platform package (@multicore-js/multicore-<platform>, an optional dependency),
//   2. a local build in the package's build/ folder (this repository, or `npx multicore build`).
// A backend that cannot be loaded is reported with the reason, and every candidate skipped says why,
// instead of throwing at import time. (For kernels, backend selection then falls back to wasm and js.)
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { platformName, platformPackage } from './platform.js';

export type NativeBackendName = 'cpp' | 'rust';

/** The interface both addons implement; see native/SPEC.md. */
export interface NativeAddon {
  sumSquares(x: Float64Array, threads: number, control?: Int32Array): Promise<number>;
  sumSquaresSync(x: Float64Array, threads: number): number;
  square(x: Float64Array, out: Float64Array, threads: number, control?: Int32Array): Promise<void>;
  squareSync(x: Float64Array, out: Float64Array, threads: number): void;
  countPrimes(limit: number, threads: number, control?: Int32Array): Promise<number>;
  mandelbrot(
    out: Uint32Array,
    width: number,
    height: number,
    maxIter: number,
    xMin: number,
    xMax: number,
    yMin: number,
    yMax: number,
    threads: number,
    control?: Int32Array,
  ): Promise<void>;
  monteCarloPi(samples: number, seed: number, threads: number, control?: Int32Array): Promise<number>;
  matmul(
    a: Float64Array,
    b: Float64Array,
    out: Float64Array,
    m: number,
    k: number,
    n: number,
    threads: number,
    control?: Int32Array,
  ): Promise<void>;
  sort(x: Float64Array, threads: number, control?: Int32Array): Promise<void>;
  /** C++ only (absent from the Rust and wasm addons and from builds before user kernels): runs a
   *  native user kernel, see native/cpp/binding/bind_user_kernel.cc and include/multicore_kernel.h. */
  runUserKernel?(
    path: string,
    symbol: string,
    length: number,
    chunkSize: number,
    args: (ArrayBufferView | number)[],
    partials: Float64Array | null,
    failure: Float64Array,
    threads: number,
    control?: Int32Array,
  ): Promise<void>;
  /** C++ only (absent from the Rust and wasm addons and from older builds): huge-page advice for a
   *  view, see native/cpp/binding/bind_huge_pages.cc; used by allocate() (src/kernels/allocate.ts). */
  adviseHugePages?(view: ArrayBufferView, dropZeroed: boolean): number;
  info(): { simd: string[]; simdLevel: string; simdLevelNote?: string; version: string; compiler: string; poolThreads: number };
}

/** One place a backend was looked for and why it was not used. */
export interface Skipped {
  /** A package name, `build/`, or an environment variable. */
  candidate: string;
  reason: string;
}

/** Where a loaded addon came from: `file` is its path, `from` the package or folder that held it. */
export interface Loaded {
  addon: NativeAddon;
  file?: string;
  from?: string;
  skipped?: Skipped[];
  reason?: undefined;
}
export type LoadResult = Loaded | { addon?: undefined; reason: string; skipped?: Skipped[] };

/** How to build the native backends from source: works in an app that installed the package and in this repository. */
export const BUILD_COMMAND = 'npx multicore build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const fileNames: Record<NativeBackendName, string> = { cpp: 'multicore_cpp.node', rust: 'multicore_rust.node' };
const localFiles: Record<NativeBackendName, string> = {
  cpp: join(root, 'build', 'cpp', 'Release', fileNames.cpp),
  rust: join(root, 'build', 'rust', fileNames.rust),
};
const cache = new Map<NativeBackendName, LoadResult>();

function buildReason(name: NativeBackendName): string | undefined {
  try {
    const status = JSON.parse(readFileSync(join(root, 'build', 'native-status.json'), 'utf8'));
    return status[name]?.built === false ? status[name].reason : undefined;
  } catch {
    return undefined;
  }
}

function tryLoad(file: string): NativeAddon | string {
  try {
    return require(file) as NativeAddon;
  } catch (err) {
    return `failed to load ${file}: ${(err as Error).message.split('\n')[0]}`;
  }
}

function fromPackage(name: NativeBackendName): { file: string } | { reason: string } {
  const pkg = platformPackage();
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    return {
      reason:
        `${pkg} is not installed (no prebuild for ${platformName()}, or npm skipped the optional dependency; ` +
        `\`npm install ${pkg}\` adds it where one is published, \`${BUILD_COMMAND}\` compiles from source)`,
    };
  }
  const file = join(dirname(manifest), fileNames[name]);
  return existsSync(file) ? { file } : { reason: `${pkg} has no ${fileNames[name]}` };
}

function load(name: NativeBackendName): LoadResult {
  const upper = name.toUpperCase();
  if (process.env[`MULTICORE_DISABLE_${upper}`]) return { reason: `disabled by MULTICORE_DISABLE_${upper}` };
  const override = process.env[`MULTICORE_${upper}_ADDON`];
  if (override) {
    const addon = existsSync(override) ? tryLoad(override) : `${override} not found`;
    return typeof addon === 'string'
      ? { reason: `MULTICORE_${upper}_ADDON: ${addon}` }
      : { addon, file: override, from: `MULTICORE_${upper}_ADDON` };
  }
  const skipped: Skipped[] = [];
  const prebuilt = fromPackage(name);
  if ('file' in prebuilt) {
    const addon = tryLoad(prebuilt.file);
    if (typeof addon !== 'string') return { addon, file: prebuilt.file, from: platformPackage(), skipped };
    skipped.push({ candidate: platformPackage(), reason: addon });
  } else {
    skipped.push({ candidate: platformPackage(), reason: prebuilt.reason });
  }
  const local = localFiles[name];
  if (existsSync(local)) {
    const addon = tryLoad(local);
    if (typeof addon !== 'string') return { addon, file: local, from: 'build/', skipped };
    skipped.push({ candidate: 'build/', reason: addon });
  } else {
    skipped.push({ candidate: 'build/', reason: buildReason(name) ?? `not built (\`${BUILD_COMMAND}\` compiles it)` });
  }
  return { reason: skipped.map((s) => `${s.candidate}: ${s.reason}`).join('; '), skipped };
}

export function loadNative(name: NativeBackendName): LoadResult {
  let result = cache.get(name);
  if (!result) {
    result = load(name);
    cache.set(name, result);
  }
  return result;
}
