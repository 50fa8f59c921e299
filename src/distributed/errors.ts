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
  constructor(readonly jobId: string, message = `job ${jobId} is no longer in Redis (was Redis restarted without persistence, or flushed?)`) {
    super(message);
  }
}

/** BullMQ failed the job for a reason of its own (e.g. it stalled more often than maxStalledCount allows). */
export class JobFailedError extends Error {
  override name = 'JobFailedError';
}
