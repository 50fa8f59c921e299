// Errors that only the distributed executor raises. The shared ones (CancelledError, TaskTimeoutError,
// WorkerCrashedError, BrokenExecutorError) come from the local executors, so `instanceof` works across both.

/** The job named a task that the worker was not started with (no code travels over the network). */
export class UnknownTaskError extends Error {
  override name = 'UnknownTaskError';
}

/**
 * The job vanished from Redis while its future was pending: Redis restarted without persistence (or was
 * flushed), so the queue and everything in it was lost. The job may or may not have run.
 */
export class JobLostError extends Error {
  override name = 'JobLostError';
  constructor(
    readonly jobId: string,
    message = `job ${jobId} is no longer in Redis (was Redis restarted without persistence, or flushed?)`,
  ) {
    super(message);
  }
}

/** BullMQ failed the job for a reason of its own (e.g. it stalled more often than maxStalledCount allows). */
export class JobFailedError extends Error {
  override name = 'JobFailedError';
}

/**
 * Redis could not be used: it refused the credentials (at once), or could not be reached within the
 * connect timeout (`connectTimeoutMs`, `multicore worker --connect-timeout`).
 */
export class RedisConnectionError extends Error {
  override name = 'RedisConnectionError';
  readonly code = 'ERR_MULTICORE_REDIS_CONNECTION';
  constructor(
    readonly where: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** A `tasks` module of a worker could not be loaded, or exports no functions. */
export class TaskModuleError extends Error {
  override name = 'TaskModuleError';
}
