import { availableParallelism, cpus } from 'node:os';
import { packageVersion } from '../util/package-version.js';
import { loadNative, type LoadResult, type Skipped } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import type { Backend } from './options.js';
import { describeAuto, type AutoDescription, type AutoKernel } from './auto.js';

export interface BackendStatus {
  available: boolean;
  /** Why the backend is unavailable. */
  reason?: string;
  /** The file that was loaded (native and wasm backends). */
  file?: string;
  /** The package or folder it came from: `@multicore-js/multicore-linux-x64-gnu`, `build/`, … */
  from?: string;
  /** Each earlier place the loader looked, and why it did not use it. */
  skipped?: Skipped[];
}

function statusOf(loaded: LoadResult): BackendStatus {
  const s: BackendStatus = loaded.addon ? { available: true } : { available: false, reason: loaded.reason };
  if (loaded.addon && loaded.file) s.file = loaded.file;
  if (loaded.addon && loaded.from) s.from = loaded.from;
  if (loaded.skipped?.length) s.skipped = loaded.skipped;
  return s;
}

export interface Info {
  cores: number;
  cpu: string;
  backends: Record<Backend, BackendStatus>;
  /** SIMD features the native core detected at run time (empty without a native backend). */
  simd: string[];
  versions: Record<string, string>;
  /** What backend: 'auto' chooses per kernel, and why (src/kernels/auto.ts). */
  auto: Record<AutoKernel, AutoDescription>;
}

/** What this machine offers: cores, SIMD, and each backend available or the reason it is not. */
export function info(): Info {
  const backends = {
    auto: { available: true },
    js: { available: true },
    workers: { available: true },
  } as Record<Backend, BackendStatus>;
  const versions: Record<string, string> = {
    multicore: packageVersion,
    node: process.versions.node,
    v8: process.versions.v8,
    napi: process.versions.napi ?? 'unknown',
  };
  let simd: string[] = [];
  for (const name of ['cpp', 'rust'] as const) {
    const loaded = loadNative(name);
    backends[name] = statusOf(loaded);
    if (loaded.addon) {
      const native = loaded.addon.info();
      versions[name] = `${native.version} (${native.compiler})`;
      if (simd.length === 0) simd = native.simd;
    }
  }
  const wasm = loadWasm();
  backends.wasm = statusOf(wasm);
  return { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', backends, simd, versions, auto: describeAuto() };
}
