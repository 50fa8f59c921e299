// The control block shared with a running kernel (see native/SPEC.md, "Control block"):
// [0] cancel flag, [1] chunks done, [2] total chunks. JS sets the flag when the AbortSignal fires
// and polls the counters to call onProgress; the kernel only does atomic loads and adds.
import type { ResolvedOptions } from './options.js';

export const CANCEL = 0;
export const DONE = 1;
export const TOTAL = 2;
const PROGRESS_INTERVAL_MS = 50; // at most ~20 calls a second

export function abortError(signal?: AbortSignal): DOMException {
  return new DOMException('The operation was aborted', { name: 'AbortError', cause: signal?.reason });
}

export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Runs one kernel call with a control block wired to `signal` and `onProgress`.
 * An already-aborted signal rejects at once; a kernel that stopped because of the cancel flag
 * rejects with an AbortError; an exception thrown by onProgress aborts the kernel and is rethrown.
 * An abort that comes before the promise settles always wins, even when the kernel finished
 * its last chunk first: `abort()` right after a call rejects however fast the kernel is (or
 * however the threads were scheduled), never "sometimes".
 */
export async function withControl<T>(o: ResolvedOptions, start: (control: Int32Array) => Promise<T>): Promise<T> {
  if (o.signal?.aborted) throw abortError(o.signal);
  const control = newControl();
  const onAbort = () => Atomics.store(control, CANCEL, 1);
  o.signal?.addEventListener('abort', onAbort, { once: true });

  let reported = 0;
  let progressError: { error: unknown } | undefined;
  const report = (fraction: number) => {
    if (!o.onProgress || progressError || fraction <= reported) return;
    reported = fraction;
    try {
      o.onProgress(fraction);
    } catch (error) {
      progressError = { error };
      Atomics.store(control, CANCEL, 1);
    }
  };
  const poll = () => {
    const total = Atomics.load(control, TOTAL);
    if (total > 0) report(Math.min(Atomics.load(control, DONE) / total, 1 - Number.EPSILON));
  };
  const timer = o.onProgress ? setInterval(poll, PROGRESS_INTERVAL_MS) : undefined;
  timer?.unref();

  try {
    let result: T;
    try {
      result = await start(control);
    } catch (err) {
      if (progressError) throw progressError.error;
      if (Atomics.load(control, CANCEL) || (err as { code?: unknown })?.code === 'ABORT_ERR') throw abortError(o.signal);
      throw err;
    }
    if (progressError) throw progressError.error;
    if (o.signal?.aborted) throw abortError(o.signal);
    report(1);
    if (progressError) throw (progressError as { error: unknown }).error;
    return result;
  } finally {
    if (timer) clearInterval(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}
