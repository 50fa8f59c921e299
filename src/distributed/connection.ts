// Turns the user's `connection` option into ioredis options that survive a Redis restart.
import type { RedisOptions } from './redis-options.js';

/** A redis:// or rediss:// URL, unix:///path/to.sock, or ioredis options with `path` or `host`/`port`. */
export type ConnectionSpec = string | ({ path: string } & RedisOptions) | ({ host?: string; port?: number } & RedisOptions);

/**
 * ioredis options for BullMQ. `maxRetriesPerRequest: null` makes commands wait across a reconnect instead of
 * failing after 20 retries, which is what lets workers and executors ride out a Redis restart; the retry
 * strategy backs off to at most one attempt a second, forever.
 */
export function toRedisOptions(spec: ConnectionSpec, argName = 'connection'): RedisOptions {
  let base: RedisOptions;
  if (typeof spec === 'string') base = parseUrl(spec, argName);
  else if (typeof spec === 'object' && spec !== null) {
    if ('path' in spec && spec.path !== undefined && typeof spec.path !== 'string') {
      throw new TypeError(`${argName}.path must be a string (a unix socket path), got ${typeof spec.path}`);
    }
    if ('port' in spec && spec.port !== undefined && !(Number.isInteger(spec.port) && spec.port > 0 && spec.port < 65536)) {
      throw new RangeError(`${argName}.port must be an integer in 1..65535, got ${String(spec.port)}`);
    }
    base = { ...spec };
  } else {
    throw new TypeError(`${argName} must be a redis:// URL, { path } or { host, port }, got ${spec === null ? 'null' : typeof spec}`);
  }
  return {
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
    ...base,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}

function parseUrl(s: string, argName: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new TypeError(`${argName} must be a URL like redis://127.0.0.1:6379 or unix:///run/redis.sock, got '${s}'`);
  }
  const auth: RedisOptions = {};
  if (url.username) auth.username = decodeURIComponent(url.username);
  if (url.password) auth.password = decodeURIComponent(url.password);
  const db = url.searchParams.get('db');
  if (url.protocol === 'unix:' || url.protocol === 'redis+unix:') {
    if (!url.pathname) throw new TypeError(`${argName}: ${s} names no socket path`);
    return { path: decodeURIComponent(url.pathname), ...auth, ...(db ? { db: Number(db) } : {}) };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`${argName}: unsupported protocol '${url.protocol}' (use redis:, rediss: or unix:)`);
  }
  const opts: RedisOptions = { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : 6379, ...auth };
  const dbPath = url.pathname.replace(/^\//, '');
  if (dbPath || db) {
    const n = Number(dbPath || db);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${argName}: database must be a non-negative integer, got '${dbPath || db}'`);
    opts.db = n;
  }
  if (url.protocol === 'rediss:') opts.tls = {};
  return opts;
}

/** A short human description for logs (never includes a password). */
export function describeConnection(opts: RedisOptions): string {
  return opts.path
    ? `unix:${opts.path}`
    : `${opts.tls ? 'rediss' : 'redis'}://${opts.host ?? '127.0.0.1'}:${opts.port ?? 6379}${opts.db ? `/${opts.db}` : ''}`;
}
