// Bounded start-up against Redis. ioredis retries a connection forever (which is what rides out a Redis
// restart once running), so without a bound a client with a wrong password, or an unreachable Redis,
// waits forever. Start-up fails instead: at once when Redis refuses the credentials, and after
// `connectTimeoutMs` when it cannot be reached, with an error that says where and why.
import type { EventEmitter } from 'node:events';
import { RedisConnectionError } from './errors.js';
import { setLongTimeout } from './long-timer.js';

/** Default for `connectTimeoutMs` (DistributedExecutor) and `--connect-timeout` (multicore worker). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const AUTH = /WRONGPASS|NOAUTH|invalid password|invalid username-password|NOPERM|AUTH failed/i;

export function isAuthError(err: unknown): boolean {
  return AUTH.test(String((err as Error)?.message ?? err));
}

export function checkConnectTimeout(v: unknown, name: string): number {
  if (v === undefined) return DEFAULT_CONNECT_TIMEOUT_MS;
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number of milliseconds, got ${typeof v}`);
  if (!(v === Infinity || (Number.isInteger(v) && v >= 1))) throw new RangeError(`${name} must be an integer >= 1 or Infinity, got ${v}`);
  return v;
}

/**
 * Resolves with `startup`, or rejects with a RedisConnectionError: at the first authentication error
 * that any of `sources` emits, or when `timeoutMs` passes first (naming the last error seen).
 * `onError` hears every connection error meanwhile (for a throttled log).
 */
export function withConnectDeadline<T>(
  startup: Promise<T>,
  o: {
    where: string;
    timeoutMs: number;
    sources: EventEmitter[];
    onError?: (err: Error) => void;
  },
): Promise<T> {
  let last: Error | undefined;
  let settle!: (err: Error) => void;
  const failed = new Promise<never>((_, reject) => {
    settle = reject;
  });
  const onError = (err: Error) => {
    last = err;
    o.onError?.(err);
    if (isAuthError(err)) settle(new RedisConnectionError(o.where, `Redis at ${o.where} refused the credentials: ${err.message}`, err));
  };
  for (const s of o.sources) s.on('error', onError);
  const timer = setLongTimeout(
    () =>
      settle(
        new RedisConnectionError(
          o.where,
          `cannot reach Redis at ${o.where} within ${o.timeoutMs} ms${last ? ` (last error: ${last.message})` : ''}`,
          last,
        ),
      ),
    o.timeoutMs,
  );
  // A command refused for want of a password (NOAUTH) rejects `startup` itself rather than emitting 'error'.
  const started = startup.catch((err) => {
    throw isAuthError(err) ? new RedisConnectionError(o.where, `Redis at ${o.where} refused the credentials: ${err.message}`, err) : err;
  });
  return Promise.race([started, failed]).finally(() => {
    timer.clear();
    for (const s of o.sources) s.off('error', onError);
  });
}

/** A log that says a repeated line once per `windowMs` (with how often it happened meanwhile). */
export function throttledLog(log: (line: string) => void, windowMs = 5000): (line: string) => void {
  const seen = new Map<string, { at: number; repeats: number }>();
  return (line) => {
    const now = Date.now();
    const s = seen.get(line);
    if (s && now - s.at < windowMs) {
      s.repeats++;
      return;
    }
    log(
      s?.repeats ? `${line} (${s.repeats} more time${s.repeats === 1 ? '' : 's'} in the last ${Math.round((now - s.at) / 1000)} s)` : line,
    );
    seen.set(line, { at: now, repeats: 0 });
    if (seen.size > 100) seen.clear();
  };
}
