// Picks the implementation that runs a kernel call.
import { loadNative, type NativeAddon } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import type { Backend, ResolvedOptions } from './options.js';
import { withControl } from './control.js';
import { autoBackend, autoPlanSync, type AutoCall, type AutoPlan } from './auto.js';

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  readonly code = 'ERR_MULTICORE_BACKEND_UNAVAILABLE';
  constructor(
    readonly backend: Backend,
    readonly reason: string,
  ) {
    super(`backend '${backend}' is not available: ${reason}`);
  }
}

/** `threads` (sync 'auto' only): fewer threads than the call's where that measured faster. */
export type Chosen =
  | { kind: 'js' }
  | { kind: 'workers' }
  | { kind: 'native'; name: 'cpp' | 'rust' | 'wasm'; addon: NativeAddon; threads?: number };

/** `call`: the kernel and its size, which 'auto' chooses by (src/kernels/auto.ts); sync callers only. */
export function chooseBackend(backend: Backend, call?: AutoCall): Chosen {
  if (backend === 'js' || backend === 'workers') return { kind: backend };
  if (backend === 'auto') {
    const plan = autoPlanSync(call);
    const chosen = chooseBackend(plan.backend);
    return chosen.kind === 'native' && call && plan.threads < call.threads ? { ...chosen, threads: plan.threads } : chosen;
  }
  const loaded = backend === 'wasm' ? loadWasm() : loadNative(backend);
  if (!loaded.addon) throw new BackendUnavailableError(backend, loaded.reason);
  return { kind: 'native', name: backend, addon: loaded.addon };
}

export interface Implementations<T> {
  /** Which kernel this is and how much work the call is: what 'auto' chooses by. */
  auto?: Omit<AutoCall, 'threads'>;
  js(control: Int32Array): Promise<T>;
  /** `threads`: the call's, or fewer where 'auto' measured that faster. */
  workers(control: Int32Array, threads: number): Promise<T>;
  native(addon: NativeAddon, control: Int32Array, threads: number): Promise<T>;
}

/** Runs an async kernel on the chosen backend, with abort and progress wired through the control block. */
export function runKernel<T>(o: ResolvedOptions, impl: Implementations<T>): Promise<T> {
  let chosen: Chosen;
  let plan: AutoPlan | undefined;
  try {
    if (o.backend === 'auto') {
      const pick = autoBackend(impl.auto && { ...impl.auto, threads: o.threads });
      if (pick instanceof Promise) return pick.then((p) => runPlanned(o, impl, p));
      plan = pick;
      o = { ...o, backend: plan.backend, threads: plan.threads };
    }
    chosen = chooseBackend(o.backend);
  } catch (err) {
    plan?.done?.(NaN);
    return Promise.reject(err);
  }
  const t0 = performance.now();
  const run = withControl(o, (control) => {
    switch (chosen.kind) {
      case 'js':
        return impl.js(control);
      case 'workers':
        return impl.workers(control, o.threads);
      case 'native':
        return impl.native(chosen.addon, control, o.threads);
    }
  });
  // While 'auto' races contenders on real calls, it learns how long each took (auto-race.ts).
  const done = plan?.done;
  if (!done) return run;
  return run.then(
    (r) => {
      done(performance.now() - t0);
      return r;
    },
    (err) => {
      done(NaN);
      throw err;
    },
  );
}

function runPlanned<T>(o: ResolvedOptions, impl: Implementations<T>, plan: AutoPlan): Promise<T> {
  const { done, ...fixed } = plan;
  if (!done) return runKernel({ ...o, backend: fixed.backend, threads: fixed.threads }, impl);
  const t0 = performance.now();
  return runKernel({ ...o, backend: fixed.backend, threads: fixed.threads }, impl).then(
    (r) => {
      done(performance.now() - t0);
      return r;
    },
    (err) => {
      done(NaN);
      throw err;
    },
  );
}
