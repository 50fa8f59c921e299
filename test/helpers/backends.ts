import { info, type Backend } from '@multicore-js/multicore';
import { isCI } from './ci.js';

export { isCI };

/** Every concrete backend that can run here; the native and wasm ones only when built (in CI they must be). */
export function backendsHere(): Exclude<Backend, 'auto'>[] {
  const i = info();
  const list: Exclude<Backend, 'auto'>[] = ['js', 'workers'];
  for (const name of ['cpp', 'rust', 'wasm'] as const) {
    if (i.backends[name].available) list.push(name);
    else if (isCI) throw new Error(`backend ${name} unavailable in CI: ${i.backends[name].reason}`);
  }
  return list;
}

/** The native addons only (not wasm: it is a different kind of build, tested on its own in wasm.test.ts). */
export function nativeBackendsHere(): ('cpp' | 'rust')[] {
  return backendsHere().filter((b): b is 'cpp' | 'rust' => b === 'cpp' || b === 'rust');
}

export const THREAD_COUNTS = [1, 2, 3, 7];
