// Picks the implementation that runs a kernel call.
import { loadNative, type NativeAddon } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import type { Backend, ResolvedOptions } from './options.js';
import { withControl } from './control.js';

/** 'auto' prefers the native backends (C++ first, then Rust) and falls back to plain JS. */
const AUTO_ORDER = ['cpp', 'rust'] as const;

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  readonly code = 'ERR_MULTICORE_BACKEND_UNAVAILABLE';
  constructor(readonly backend: Backend, readonly reason: string) {
    super(`backend '${backend}' is not available: ${reason}`);
  }
}

export type Chosen = { kind: 'js' } | { kind: 'workers' } | { kind: 'native'; name: 'cpp' | 'rust' | 'wasm'; addon: NativeAddon };

export function chooseBackend(backend: Backend): Chosen {
  if (backend === 'js' || backend === 'workers') return { kind: backend };
  if (backend === 'auto') {
    for (const name of AUTO_ORDER) {
      const loaded = loadNative(name);
      if (loaded.addon) return { kind: 'native', name, addon: loaded.addon };
    }
    return { kind: 'js' };
  }
  const loaded = backend === 'wasm' ? loadWasm() : loadNative(backend);
  if (!loaded.addon) throw new BackendUnavailableError(backend, loaded.reason);
  return { kind: 'native', name: backend, addon: loaded.addon };
}

export interface Implementations<T> {
  js(control: Int32Array): Promise<T>;
  workers(control: Int32Array): Promise<T>;
  native(addon: NativeAddon, control: Int32Array): Promise<T>;
}

/** Runs an async kernel on the chosen backend, with abort and progress wired through the control block. */
export function runKernel<T>(o: ResolvedOptions, impl: Implementations<T>): Promise<T> {
  let chosen: Chosen;
  try {
    chosen = chooseBackend(o.backend);
  } catch (err) {
    return Promise.reject(err);
  }
  return withControl(o, (control) => {
    switch (chosen.kind) {
      case 'js': return impl.js(control);
      case 'workers': return impl.workers(control);
      case 'native': return impl.native(chosen.addon, control);
    }
  });
}
