// Redis names used beside BullMQ's own keys, for cancelling running jobs across machines.
export const DEFAULT_QUEUE = 'multicore';
export const DEFAULT_PREFIX = 'bull';

/** Pub/sub channel every worker of a queue subscribes to; a message is the id of a job to abort. */
export function cancelChannel(prefix: string, queue: string): string {
  return `${prefix}:${queue}:multicore:cancel`;
}

/**
 * Set (with a TTL) when a job is cancelled, so a worker that picks the job up after the pub/sub message went
 * by still sees the cancellation.
 */
export function cancelledKey(prefix: string, queue: string, jobId: string): string {
  return `${prefix}:${queue}:multicore:cancelled:${jobId}`;
}

export const CANCELLED_TTL_S = 24 * 3600;

export function checkQueueName(queue: unknown, argName = 'queue'): string {
  if (typeof queue !== 'string' || queue === '' || queue.includes(':')) {
    throw new TypeError(
      `${argName} must be a non-empty string without ':', got ${typeof queue === 'string' ? `'${queue}'` : typeof queue}`,
    );
  }
  return queue;
}
