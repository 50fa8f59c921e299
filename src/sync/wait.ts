// Shared waiting helpers: option validation, deadlines, the keep-alive handle, and the two ways
// of sleeping on a 32-bit word of shared memory (Atomics.wait and Atomics.waitAsync).
//
// Protocol rules every primitive follows (see README.md):
//  - every wait is in a loop that re-checks the state after waking: spurious wake-ups are harmless;
//  - a waiter that was woken always re-tries to take what it waited for before giving up on a
//    deadline, so a wake-up is never swallowed by a waiter that leaves;
//  - an async wait abandoned by an AbortSignal cannot be removed from V8's waiter list, so the
//    aborting thread wakes *all* waiters of that word (they re-check and sleep again): the abandoned
//    waiter can then never absorb a later wake-one meant for a live waiter.
import { abortError } from './errors.js';
import { isSharedBuffer, notify } from './memory.js';
import { shmNative } from './shm-native.js';

export interface WaitOptions {
  /** Give up after this many milliseconds (0: try once without waiting; default: wait forever). */
  timeoutMs?: number;
  /** Abort the wait: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}
export type SyncWaitOptions = Pick<WaitOptions, 'timeoutMs'>;

export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

/** Validates `{ timeoutMs, signal }` and returns the absolute deadline (performance.now() based; Infinity for none). */
export function parseWaitOptions(options: WaitOptions | undefined, method: string, allowSignal = true): number {
  if (options === undefined) return Infinity;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${method}: options must be an object like { timeoutMs, signal }, got ${describe(options)}`);
  }
  checkOptionNames(options, WAIT_OPTIONS, method);
  const { timeoutMs, signal } = options;
  if (signal !== undefined) {
    if (!allowSignal) throw new TypeError(`${method}: options.signal is not supported by a blocking (Sync) wait`);
    if (!(signal instanceof AbortSignal)) throw new TypeError(`${method}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (timeoutMs === undefined) return Infinity;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs)) {
    throw new TypeError(`${method}: options.timeoutMs must be a number, got ${describe(timeoutMs)}`);
  }
  if (timeoutMs < 0) throw new RangeError(`${method}: options.timeoutMs must be >= 0, got ${timeoutMs}`);
  return performance.now() + timeoutMs;
}

const WAIT_OPTIONS = ['timeoutMs', 'signal'];

/** Refuses option names a method does not know (a misspelt `maxsize` or Python's `timeout` would be
 *  ignored silently otherwise), naming the unknown one and the known ones. */
export function checkOptionNames(options: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object' || typeof v === 'function') return (v as object).constructor?.name ?? typeof v;
  return `${typeof v} ${String(v)}`;
}

/** Milliseconds left before `deadline` (never negative; Infinity for none). */
export function remaining(deadline: number): number {
  if (deadline === Infinity) return Infinity;
  return Math.max(0, deadline - performance.now());
}

// --- keep-alive ---------------------------------------------------------------------------------
// On Node 20 a pending Atomics.waitAsync does not keep the event loop alive. While at least one
// async wait is pending on this thread we hold one ref'd interval timer (never firing in practice),
// so `await lock.acquire()` keeps the process alive like any pending I/O would.
let pendingWaits = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;
function hold(): void {
  if (pendingWaits++ === 0) keepAlive = setInterval(() => {}, 0x7fffffff);
}
function unhold(): void {
  if (--pendingWaits === 0) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

type WaitAsyncFn = (
  ta: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const atomicsWaitAsync = (Atomics as unknown as { waitAsync: WaitAsyncFn }).waitAsync;

/**
 * Sleeps without blocking the thread until `i32[index]` is notified, `timeoutMs` passes, or the
 * signal aborts (then rejects with an AbortError after waking every waiter of the word).
 */
export async function waitAsync(
  i32: Int32Array,
  index: number,
  expected: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WaitResult> {
  if (signal?.aborted) throw abortError(signal);
  let pending: Promise<WaitResult>;
  if (i32.buffer instanceof SharedArrayBuffer) {
    const r = atomicsWaitAsync(i32, index, expected, timeoutMs);
    if (!r.async) return r.value;
    pending = r.value;
  } else {
    // Process-shared memory: the addon sleeps in the kernel (futex) on a thread of its own.
    if (Atomics.load(i32, index) !== expected) return 'not-equal';
    const native = shmNative();
    pending = new Promise((resolve) => native.futexWaitAsync(i32, index, expected, timeoutMs, resolve));
  }
  hold();
  try {
    if (!signal) return await pending;
    return await new Promise<WaitResult>((resolve, reject) => {
      const onAbort = (): void => {
        notify(i32, index); // wake all, so the abandoned waiter cannot swallow a wake-one
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then((v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      });
    });
  } finally {
    unhold();
  }
}

/** Blocks the calling thread (Atomics.wait, or a futex for process-shared memory; allowed on Node's main thread, where it also blocks the event loop). */
export function waitSync(i32: Int32Array, index: number, expected: number, timeoutMs: number): WaitResult {
  if (i32.buffer instanceof SharedArrayBuffer) return Atomics.wait(i32, index, expected, timeoutMs);
  return shmNative().futexWait(i32, index, expected, timeoutMs);
}

/** Throws an AbortError at once when the signal is already aborted. */
export function checkSignal(options: WaitOptions | undefined): void {
  const signal = options?.signal;
  if (signal?.aborted) throw abortError(signal);
}

/** Validates the shared memory (a SharedArrayBuffer, or a process-shared segment) received in a reviver. */
export function sharedInt32(sab: unknown, length: number, kind: string): Int32Array {
  if (!isSharedBuffer(sab) || sab.byteLength < length * 4) {
    throw new TypeError(`${kind}: shared state must be a SharedArrayBuffer or process-shared memory of at least ${length * 4} bytes`);
  }
  return new Int32Array(sab, 0, length);
}

export { notify } from './memory.js';

/** Validates a positive integer argument. */
export function positiveInt(v: unknown, name: string, min = 1, max = 0x7fffffff): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer, got ${describe(v)}`);
  if (v < min || v > max) throw new RangeError(`${name} must be between ${min} and ${max}, got ${v}`);
  return v;
}
