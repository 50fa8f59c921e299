// Argument and option checks for a user kernel call. Each error names the argument and what was expected.
import { checkInteger, checkObject, isDetached, MAX_THREADS, unstableLength } from '../validate.js';
import { defaultThreads } from '../options.js';
import type { KernelArg } from './types.js';
import type { UserKernelBackend, UserKernelOptions } from './api.js';

export const USER_BACKENDS: readonly UserKernelBackend[] = ['auto', 'js', 'workers', 'wasm', 'native'];

/** ceil(length / chunkSize) must fit the shared Int32 chunk counter, with room for every thread to overshoot. */
export const MAX_CHUNKS = 2 ** 30;
/** The default chunk count (so chunks are ~1/1024 of the work: fine for balance, abort and progress). */
export const DEFAULT_CHUNKS = 1024;

const KERNEL_ARRAYS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array];

export interface ResolvedCall {
  length: number;
  args: KernelArg[];
  backend: UserKernelBackend;
  threads: number;
  chunkSize: number;
  signal?: AbortSignal;
  onProgress?: (fractionDone: number) => void;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'number' ? String(v) : typeof v;
}

export function checkArgs(args: unknown): KernelArg[] {
  if (args === undefined) return [];
  if (!Array.isArray(args)) throw new TypeError(`args must be an array of typed arrays and numbers, got ${describe(args)}`);
  return args.map((a, i) => {
    const name = `args[${i}]`;
    if (typeof a === 'number') {
      if (!Number.isFinite(a)) throw new RangeError(`${name} must be a finite number, got ${a}`);
      return a;
    }
    if (!KERNEL_ARRAYS.some((T) => a instanceof T)) {
      throw new TypeError(
        `${name} must be a finite number or a Float64Array, Float32Array, Int32Array, Uint32Array, ` +
          `Int16Array, Uint16Array, Int8Array or Uint8Array, got ${describe(a)}`,
      );
    }
    if (isDetached(a.buffer)) throw new TypeError(`${name} is detached (its ArrayBuffer was transferred)`);
    if (unstableLength(a.buffer)) throw new TypeError(`${name} must be over a fixed-length buffer (not a resizable or growable one)`);
    return a as KernelArg;
  });
}

export function resolveCall(length: unknown, args: unknown, o: UserKernelOptions | undefined): ResolvedCall {
  checkInteger('length', length, 0, Number.MAX_SAFE_INTEGER);
  const checked = checkArgs(args);
  checkObject('options', o);
  const backend = o?.backend ?? 'auto';
  if (!USER_BACKENDS.includes(backend)) {
    throw new RangeError(`options.backend must be one of ${USER_BACKENDS.map((b) => `'${b}'`).join(', ')}, got ${describe(backend)}`);
  }
  const threads = o?.threads ?? defaultThreads();
  checkInteger('options.threads', threads, 1, MAX_THREADS);
  const chunkSize = o?.chunkSize ?? Math.max(1, Math.ceil(length / DEFAULT_CHUNKS));
  checkInteger('options.chunkSize', chunkSize, 1, Number.MAX_SAFE_INTEGER);
  if (Math.ceil(length / chunkSize) > MAX_CHUNKS) {
    throw new RangeError(
      `options.chunkSize ${chunkSize} makes ${Math.ceil(length / chunkSize)} chunks of length ${length}; ` +
        `at most ${MAX_CHUNKS} are allowed: use a chunkSize of at least ${Math.ceil(length / MAX_CHUNKS)}`,
    );
  }
  const signal = o?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('options.signal must be an AbortSignal');
  const onProgress = o?.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('options.onProgress must be a function');
  return { length, args: checked, backend, threads, chunkSize, signal, onProgress };
}

export function chunkTotal(length: number, chunkSize: number): number {
  return Math.ceil(length / chunkSize);
}

/** Combines partials in chunk order: Σ from 0 (as the built-in kernels do), or a left fold of `combine`. */
export function combinePartials(partials: Float64Array, combine?: (a: number, b: number) => number): number {
  if (!combine) {
    let sum = 0;
    for (let c = 0; c < partials.length; c++) sum += partials[c];
    return sum;
  }
  if (partials.length === 0) return 0;
  let acc = partials[0];
  for (let c = 1; c < partials.length; c++) {
    acc = combine(acc, partials[c]);
    if (typeof acc !== 'number') throw new TypeError(`combine must return a number, got ${describe(acc)}`);
  }
  return acc;
}
