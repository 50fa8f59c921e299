// Per-job options of DistributedExecutor (BullMQ's job options, checked, with defaults that keep Redis bounded).

/** The BullMQ job options multicore sets (a subset of bullmq's JobsOptions, declared here: bullmq is an optional peer). */
export interface JobsOptions {
  jobId?: string;
  attempts?: number;
  removeOnComplete?: boolean | number | { age?: number; count?: number };
  removeOnFail?: boolean | number | { age?: number; count?: number };
  backoff?: number | { type: 'fixed' | 'exponential'; delay: number; jitter?: number };
  priority?: number;
  delay?: number;
}

export type KeepJobs = boolean | number | { age?: number; count?: number };

export interface JobOptions {
  /** Total tries, the first included (default 1). A job whose worker died is re-run without using one up. */
  attempts?: number;
  /** Wait between tries: milliseconds, or `{ type: 'fixed' | 'exponential', delay, jitter? }`. */
  backoff?: number | { type: 'fixed' | 'exponential'; delay: number; jitter?: number };
  /** 1 (first) .. 2097151 (last), or 0 for none (the default); jobs without a priority go before prioritized ones (BullMQ's rule). */
  priority?: number;
  /** Milliseconds before the job may start. */
  delay?: number;
  /** Run-time limit per try, counted on the worker from the start of the run; raises the task's AbortSignal. */
  timeoutMs?: number;
  /** What Redis keeps of finished jobs (default: the last hour, at most 1000). `true` removes at once. */
  removeOnComplete?: KeepJobs;
  /** Same for failed jobs (default: the last day, at most 1000). */
  removeOnFail?: KeepJobs;
  /** Aborting it cancels the job, as `future.cancel()` does. */
  signal?: AbortSignal;
}

export const DEFAULT_REMOVE_ON_COMPLETE = { age: 3600, count: 1000 };
export const DEFAULT_REMOVE_ON_FAIL = { age: 24 * 3600, count: 1000 };

function int(v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${v}`);
  return v;
}

function keep(v: KeepJobs, name: string): JobsOptions['removeOnComplete'] {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return int(v, name, 0);
  if (typeof v !== 'object' || v === null) throw new TypeError(`${name} must be a boolean, a count or { age, count }`);
  const out: { age?: number; count?: number } = {};
  if (v.age !== undefined) out.age = int(v.age, `${name}.age`, 0);
  if (v.count !== undefined) out.count = int(v.count, `${name}.count`, 0);
  return out as JobsOptions['removeOnComplete'];
}

/** Checks `o` (argument errors name the option) and returns it unchanged, `{}` when absent; the caller merges it over its defaults. */
export function checkJobOptions(o: JobOptions | undefined, argName = 'options'): JobOptions {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null) throw new TypeError(`${argName} must be an object`);
  if (o.attempts !== undefined) int(o.attempts, `${argName}.attempts`, 1);
  if (o.priority !== undefined) int(o.priority, `${argName}.priority`, 0, 2_097_151);
  if (o.delay !== undefined) int(o.delay, `${argName}.delay`, 0);
  if (o.timeoutMs !== undefined) int(o.timeoutMs, `${argName}.timeoutMs`, 1);
  if (o.backoff !== undefined) {
    if (typeof o.backoff === 'number') int(o.backoff, `${argName}.backoff`, 0);
    else if (typeof o.backoff !== 'object' || o.backoff === null || (o.backoff.type !== 'fixed' && o.backoff.type !== 'exponential')) {
      throw new TypeError(`${argName}.backoff must be milliseconds or { type: 'fixed' | 'exponential', delay }`);
    } else int(o.backoff.delay, `${argName}.backoff.delay`, 0);
  }
  if (o.removeOnComplete !== undefined) keep(o.removeOnComplete, `${argName}.removeOnComplete`);
  if (o.removeOnFail !== undefined) keep(o.removeOnFail, `${argName}.removeOnFail`);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw new TypeError(`${argName}.signal must be an AbortSignal`);
  return o;
}

/** BullMQ's options for one job. */
export function toBullOptions(o: JobOptions, jobId: string): JobsOptions {
  const out: JobsOptions = {
    jobId,
    attempts: o.attempts ?? 1,
    removeOnComplete: keep(o.removeOnComplete ?? DEFAULT_REMOVE_ON_COMPLETE, 'removeOnComplete'),
    removeOnFail: keep(o.removeOnFail ?? DEFAULT_REMOVE_ON_FAIL, 'removeOnFail'),
  };
  if (o.backoff !== undefined) out.backoff = typeof o.backoff === 'number' ? { type: 'fixed', delay: o.backoff } : o.backoff;
  if (o.priority) out.priority = o.priority;
  if (o.delay) out.delay = o.delay;
  return out;
}
