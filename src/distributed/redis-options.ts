// The ioredis connection options multicore passes through, declared here rather than imported from
// ioredis: bullmq and ioredis are optional peer dependencies, so the published types must compile in an
// app that never installed them. An object typed with ioredis' own RedisOptions is accepted as well.
export interface RedisOptions {
  host?: string;
  port?: number;
  /** A unix socket path. */
  path?: string;
  username?: string;
  password?: string;
  db?: number;
  /** TLS options (node:tls ConnectionOptions); `{}` for rediss:// defaults. */
  tls?: object;
  family?: number;
  connectionName?: string;
  connectTimeout?: number;
  commandTimeout?: number;
  keepAlive?: number;
  noDelay?: boolean;
  enableAutoPipelining?: boolean;
  lazyConnect?: boolean;
  enableOfflineQueue?: boolean;
  enableReadyCheck?: boolean;
  maxRetriesPerRequest?: number | null;
  // biome-ignore lint/suspicious/noConfusingVoidType: ioredis's own type, so a callback written for ioredis fits as it is
  retryStrategy?: (times: number) => number | void | null;
}
