// Picks the implementation that runs a kernel call.
import { loadNative, type NativeAddon } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import type { Backend, ResolvedOptions } from './options.js';
import { withControl } from './control.js';
import { autoBackend, autoBackendSync, type AutoCall } from './auto.js';

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  readonly code = 'ERR_MULTICORE_BACKEND_UNAVAILABLE';
  constructor(readonly backend: Backend, readonly reason: string) {
    super(`backend '${backend}' is not available: ${reason}`);
  }
}

export type Chosen = { kind: 'js' } | { kind: 'workers' } | { kind: 'native'; name: 'cpp' | 'rust' | 'wasm'; addon: NativeAddon };

/** `call`: the kernel and its size, which 'auto' chooses by (src/kernels/auto.ts); sync callers only. */
export function chooseBackend(backend: Backend, call?: AutoCall): Chosen {
  if (backend === 'js' || backend === 'workers') return { kind: backend };
  if (backend === 'auto') return chooseBackend(autoBackendSync(call));
  const loaded = backend === 'wasm' ? loadWasm() : loadNative(backend);
  if (!loaded.addon) throw new BackendUnavailableError(backend, loaded.reason);
  return { kind: 'native', name: backend, addon: loaded.addon };
}

export interface Implementations<T> {
  /** Which kernel this is and how much work the call is: what 'auto' chooses by. */
  auto?: Omit<AutoCall, 'threads'>;
  js(control: Int32Array): Promise<T>;
  workers(control: Int32Array): Promise<T>;
  native(addon: NativeAddon, control: Int32Array): Promise<T>;
}

/** Runs an async kernel on the chosen backend, with abort and progress wired through the control block. */
export function runKernel<T>(o: ResolvedOptions, impl: Implementations<T>): Promise<T> {
  let chosen: Chosen;
  try {
    if (o.backend === 'auto') {
      const pick = autoBackend(impl.auto && { ...impl.auto, threads: o.threads });
      if (typeof pick !== 'string') return pick.then((backend) => runKernel({ ...o, backend }, impl));
      o = { ...o, backend: pick };
    }
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
