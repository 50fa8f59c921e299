// multicore/distributed: the executor API across machines, on BullMQ and Redis.
export { DistributedExecutor, type DistributedExecutorOptions, type DistributedTask } from './executor.js';
export { DistributedWorker, type DistributedWorkerOptions } from './worker.js';
export { UnknownTaskError, JobLostError, JobFailedError, RedisConnectionError } from './errors.js';
export { MissingPeerDependencyError } from './peers.js';
export type { JobOptions, KeepJobs } from './job-options.js';
export type { MapOptions as DistributedMapOptions } from './map.js';
export type { ConnectionSpec } from './connection.js';
export type { RedisOptions } from './redis-options.js';
export type { TaskRef } from './codec.js';
