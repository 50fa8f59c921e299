// The options every kernel takes, their defaults and their validation.
import { availableParallelism } from 'node:os';
import { checkInteger, checkObject, MAX_THREADS } from './validate.js';

export type Backend = 'auto' | 'js' | 'workers' | 'cpp' | 'rust' | 'wasm';
export const BACKENDS: readonly Backend[] = ['auto', 'js', 'workers', 'cpp', 'rust', 'wasm'];

export interface KernelOptions {
  /** Which implementation runs the kernel; 'auto' (default) picks the fastest available. */
  backend?: Backend;
  /** How many threads may work on the call at once (1..256); default: all cores. */
  threads?: number;
  /** Aborting rejects the call with an AbortError within one chunk's time. */
  signal?: AbortSignal;
  /** Called on the JS thread with the fraction done (monotone, ends at 1), at most ~20 times a second. */
  onProgress?: (fractionDone: number) => void;
}

export interface ResolvedOptions {
  backend: Backend;
  threads: number;
  signal?: AbortSignal;
  onProgress?: (fractionDone: number) => void;
}

export function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

export function resolveOptions(o: KernelOptions | undefined, name = 'options'): ResolvedOptions {
  checkObject(name, o);
  const backend = o?.backend ?? 'auto';
  if (!BACKENDS.includes(backend)) {
    throw new RangeError(`${name}.backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, got ${JSON.stringify(backend)}`);
  }
  const threads = o?.threads ?? defaultThreads();
  checkInteger(`${name}.threads`, threads, 1, MAX_THREADS);
  const signal = o?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${name}.signal must be an AbortSignal`);
  }
  const onProgress = o?.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`${name}.onProgress must be a function`);
  }
  return { backend, threads, signal, onProgress };
}
