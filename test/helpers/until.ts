// Waiting for a state in tests: poll a condition, fail with a message naming it after a bound. The
// bound only turns a hang into a readable failure; it is never a timing assertion.

export interface UntilOptions {
  /** Fail after this long (default 10 s); `Infinity` leaves the bound to the test's own timeout. */
  timeoutMs?: number;
  /** Named in the failure message. */
  what?: string;
  /** Poll interval (default 10 ms). */
  everyMs?: number;
}

/** Resolves once `cond()` holds; `options` may be just the timeout in milliseconds. */
export async function until(cond: () => boolean | Promise<boolean>, options: UntilOptions | number = {}): Promise<void> {
  const { timeoutMs = 10_000, what = 'condition', everyMs = 10 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
