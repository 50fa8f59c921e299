// DistributedExecutor: the local executors' API over a BullMQ queue. One QueueEvents listener settles a map
// of pending futures (a listener per job would hit MaxListenersExceeded); job ids are chosen here, so an event
// can never settle the wrong future, not even after Redis restarted and BullMQ's own counter began again.
// BullMQ is loaded only when an executor is constructed (`import 'multicore'` must not pay ~0.5 s for it): the
// constructor starts an asynchronous start-up that imports it, and everything that talks to Redis awaits that.
import { randomBytes } from 'node:crypto';
import type { Queue, QueueEvents, ConnectionOptions, JobsOptions as BullJobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { Future, State, type FutureOwner } from '../executor/future.js';
import { ExecutorShutdownError } from '../executor/errors.js';
import { toRedisOptions, describeConnection, type ConnectionSpec } from './connection.js';
import { checkConnectTimeout, withConnectDeadline } from './connect.js';
import { assertPeers } from './peers.js';
import { importBullmq, importIoredis } from './load-peers.js';
import { PROTOCOL_VERSION, encodeValue, decodeValue, decodeFailure, type JobPayload, type JobResult, type TaskRef } from './codec.js';
import { errorClasses } from './error-classes.js';
import { JobLostError } from './errors.js';
import { checkJobOptions, toBullOptions, type JobOptions } from './job-options.js';
import { cancelChannel, cancelledKey, CANCELLED_TTL_S, DEFAULT_PREFIX, DEFAULT_QUEUE, checkQueueName } from './keys.js';
import { mapJobs, type MapOptions } from './map.js';
import type { MapInput } from '../executor/map.js';

export interface DistributedExecutorOptions {
  /** redis://host:port[/db], rediss://…, unix:///path.sock, `{ path }` or `{ host, port }` (plus ioredis options). */
  connection: ConnectionSpec;
  /** Queue name, shared with `multicore worker --queue` (default 'multicore'). */
  queue?: string;
  /** BullMQ key prefix (default 'bull'). */
  prefix?: string;
  /** Module for bare task names: `submit('square', 3)` means `{ module, name: 'square' }`. */
  module?: string;
  /** Options for every job; `submit`'s per-job options (see `withOptions`) override them. */
  defaultJobOptions?: JobOptions;
  /** How often pending jobs are checked against Redis for events that were missed (default 5000 ms). */
  reconcileIntervalMs?: number;
  /**
   * How long start-up may wait for Redis (default 10000 ms; Infinity waits forever). If Redis cannot be
   * reached by then, or refuses the credentials (at once), every future fails with a RedisConnectionError.
   * Once connected, the executor rides out Redis restarts however long they take.
   */
  connectTimeoutMs?: number;
}

/** A task: the name of an export of a module the workers were started with, or `{ module, name }`. */
export type DistributedTask = string | TaskRef;

interface Pending {
  future: Future<any>;
  jobId: string;
  added: boolean;
  missing: number;
  release?: () => void;
}

export class DistributedExecutor {
  readonly queueName: string;
  private readonly prefix: string;
  private readonly module: string | undefined;
  private readonly defaults: JobOptions;
  /** Set once BullMQ is loaded (`loaded` resolves with it); whatever uses it runs after `ready` or an add. */
  private queue: Queue | undefined;
  private readonly loaded: Promise<Queue>;
  private events: QueueEvents | undefined;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<string, Pending>();
  private readonly byFuture = new WeakMap<Future<any>, Pending>();
  private readonly clientId = randomBytes(6).toString('hex');
  private seq = 0;
  private closed = false;
  private closing: Promise<void> | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private reconciling = false;
  private readonly reconcileIntervalMs: number;

  constructor(options: DistributedExecutorOptions) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('DistributedExecutor: options must be an object with a connection');
    if (options.connection === undefined)
      throw new TypeError('DistributedExecutor: options.connection is required (redis:// URL, { path } or { host, port })');
    const redis = toRedisOptions(options.connection, 'options.connection') as ConnectionOptions;
    assertPeers('DistributedExecutor');
    this.queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE, 'options.queue');
    this.prefix = options.prefix === undefined ? DEFAULT_PREFIX : checkQueueName(options.prefix, 'options.prefix');
    if (options.module !== undefined && (typeof options.module !== 'string' || options.module === ''))
      throw new TypeError('options.module must be a non-empty string');
    this.module = options.module;
    this.defaults = checkJobOptions(options.defaultJobOptions, 'options.defaultJobOptions');
    const interval = options.reconcileIntervalMs ?? 5000;
    if (typeof interval !== 'number' || !(interval >= 10))
      throw new RangeError(`options.reconcileIntervalMs must be a number >= 10, got ${String(interval)}`);
    this.reconcileIntervalMs = interval;
    const connectTimeoutMs = checkConnectTimeout(options.connectTimeoutMs, 'options.connectTimeoutMs');
    const where = describeConnection(redis as Parameters<typeof describeConnection>[0]);

    // A failure here (BullMQ missing, a bad ioredis option) rejects `loaded` and `ready`: every future submitted
    // settles with it, and shutdown still resolves.
    this.loaded = Promise.all([importBullmq('DistributedExecutor'), importIoredis('DistributedExecutor')]).then(
      async ([{ Queue }, { Redis }]) => {
        // A first connection of our own, bounded: a wrong password or an unreachable Redis fails the futures
        // (RedisConnectionError) instead of waiting forever. BullMQ's connections would retry forever, and
        // closing one that never connected waits forever too, so they are made only once Redis answered.
        const probe = new Redis({ ...(redis as object), lazyConnect: false });
        try {
          await withConnectDeadline(probe.ping(), { where, timeoutMs: connectTimeoutMs, sources: [probe] });
        } finally {
          probe.disconnect();
        }
        const queue = new Queue(this.queueName, { connection: redis, prefix: this.prefix });
        // Errors while Redis is away are retried by ioredis; they must not crash the process as unhandled 'error's.
        queue.on('error', () => {});
        this.queue = queue;
        return queue;
      },
    );
    // QueueEvents reads the event stream from "$" by default, which means "after my first XREAD": a job that
    // finishes before that call would never be heard of. So start reading right after the stream's current
    // last entry, fetched before any job of ours exists.
    const startup = async (queue: Queue) => {
      await queue.waitUntilReady();
      const { QueueEvents } = await importBullmq('DistributedExecutor');
      const client = (await queue.getBackend().client) as unknown as Redis;
      const last = await client.xrevrange(`${this.prefix}:${this.queueName}:events`, '+', '-', 'COUNT', 1);
      const events = new QueueEvents(this.queueName, { connection: redis, prefix: this.prefix, lastEventId: last[0]?.[0] ?? '0-0' });
      this.events = events;
      events.on('error', () => {});
      events.on('active', ({ jobId }) => {
        const p = this.pending.get(jobId);
        if (p && p.future._state < State.Running) p.future._state = State.Running;
      });
      events.on('completed', ({ jobId, returnvalue }) => this.complete(jobId, returnvalue));
      events.on('failed', ({ jobId, failedReason }) => this.fail(jobId, failedReason));
      events.on('removed', ({ jobId }) => this.lost(jobId, `job ${jobId} was removed from the queue by someone else`));
      await events.waitUntilReady();
      // After a reconnect, ask Redis about every pending job: a restart without persistence lost them.
      const eventsClient = (await events.getBackend().client) as unknown as Redis;
      let first = eventsClient.status !== 'ready';
      eventsClient.on('ready', () => {
        if (!first) this.reconcileSoon();
        first = false;
      });
    };
    this.ready = this.loaded.then(startup);
    this.loaded.catch(() => {});
    this.ready.catch(() => {});
  }

  /** A view whose `submit` and `map` use these job options (attempts, backoff, priority, delay, timeoutMs, ...). */
  withOptions(options: JobOptions): Pick<DistributedExecutor, 'submit' | 'map'> {
    const o = checkJobOptions(options);
    return {
      submit: <T = unknown>(task: DistributedTask, ...args: unknown[]) => this.enqueue<T>(task, args, 'job', o),
      map: (<T = unknown>(task: DistributedTask, ...rest: unknown[]) => this.mapWith<T>(task, rest, o)) as DistributedExecutor['map'],
    };
  }

  /** Queues `task(...args)` on the workers; the future settles exactly once with its result or error. */
  submit<T = unknown>(task: DistributedTask, ...args: unknown[]): Future<T> {
    return this.enqueue<T>(task, args, 'job', {});
  }

  /** `task(item)` for each input item, or `task(a, b, …)` over several iterables zipped (stopping at the
   *  shortest), `chunkSize` items per job, at most `bufferSize` jobs in flight; options last. */
  map<T = unknown>(task: DistributedTask, input: MapInput, options?: MapOptions): AsyncIterableIterator<T>;
  map<T = unknown>(task: DistributedTask, ...inputs: MapInput[]): AsyncIterableIterator<T>;
  map<T = unknown>(task: DistributedTask, ...inputsThenOptions: [...MapInput[], MapOptions | undefined]): AsyncIterableIterator<T>;
  map<T = unknown>(task: DistributedTask, ...rest: unknown[]): AsyncIterableIterator<T> {
    return this.mapWith<T>(task, rest, {});
  }

  private mapWith<T>(task: DistributedTask, rest: unknown[], jo: JobOptions): AsyncIterableIterator<T> {
    if (this.closed) throw new ExecutorShutdownError();
    this.taskRef(task);
    return mapJobs<T>(
      (items, spread, signal) => this.enqueue<unknown[]>(task, items, spread ? 'spread' : 'batch', signal ? { ...jo, signal } : jo),
      rest,
    );
  }

  private taskRef(task: DistributedTask): TaskRef {
    if (typeof task === 'string') {
      if (task === '') throw new TypeError('task name must not be empty');
      return this.module === undefined ? { name: task } : { module: this.module, name: task };
    }
    if (typeof task === 'function') {
      throw new TypeError(
        'DistributedExecutor runs only named tasks: pass the name of an export of a module the workers were started with (`multicore worker --tasks`), or { module, name } — no code travels over the network',
      );
    }
    if (
      typeof task !== 'object' ||
      task === null ||
      typeof task.name !== 'string' ||
      task.name === '' ||
      (task.module !== undefined && typeof task.module !== 'string')
    ) {
      throw new TypeError('task must be a name or { module?: string, name: string }');
    }
    return task.module === undefined ? { name: task.name } : { module: task.module, name: task.name };
  }

  /** kind: 'job' (one call), 'batch' (a map chunk: one call per item), 'spread' (a map chunk over several iterables: task(...item)). */
  private enqueue<T>(task: DistributedTask, args: unknown[], kind: 'job' | 'batch' | 'spread', perJob: JobOptions): Future<T> {
    const batch = kind !== 'job';
    if (this.closed) throw new ExecutorShutdownError();
    const ref = this.taskRef(task);
    let encoded: string;
    try {
      encoded = encodeValue(args);
    } catch (err) {
      throw new TypeError(`submit: the arguments cannot be serialized (${(err as Error).message}); they must be structured-cloneable`, {
        cause: err,
      });
    }
    const opts = { ...this.defaults, ...perJob };
    const jobId = `${this.clientId}-${++this.seq}`;
    const payload: JobPayload = { v: PROTOCOL_VERSION, task: ref, args: encoded };
    if (opts.timeoutMs !== undefined) payload.timeoutMs = opts.timeoutMs;
    if (batch) payload.batch = true;
    if (kind === 'spread') payload.spread = true;
    const future = new Future<T>();
    future._owner = this.owner;
    const entry: Pending = { future, jobId, added: false, missing: 0 };
    this.pending.set(jobId, entry);
    this.byFuture.set(future, entry);
    if (opts.signal) {
      const signal = opts.signal;
      const onAbort = () => future.cancel();
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        entry.release = () => signal.removeEventListener('abort', onAbort);
      }
    }
    this.track(
      this.ready
        .then(() => this.queue!.add(ref.name, payload, toBullOptions(opts, jobId) as BullJobsOptions))
        .then(
          () => {
            entry.added = true;
            if (future._state === State.Cancelled) return this.cancelJob(jobId);
            this.scheduleReconcile();
          },
          (err) => this.settle(jobId, State.Failed, err),
        ),
    );
    return future;
  }

  /** What its futures call when cancelled (an object of its own, so `onCancel` is not public API). */
  private readonly owner: FutureOwner = { onCancel: (future) => this.onCancel(future) };

  /** The future is already settled as cancelled; take the job out of Redis or abort its run. */
  private onCancel(future: Future<any>): void {
    const entry = this.byFuture.get(future);
    if (!entry) return;
    this.drop(entry);
    if (entry.added) this.track(this.cancelJob(entry.jobId));
  }

  /** Redis work still on its way (adds, cancellations): shutdown waits for it before closing connections. */
  private readonly inflight = new Set<Promise<unknown>>();
  private track(p: Promise<unknown>): void {
    const q = p.catch(() => {}).finally(() => this.inflight.delete(q));
    this.inflight.add(q);
  }

  private async cancelJob(jobId: string): Promise<void> {
    try {
      const queue = await this.loaded;
      const client = (await queue.getBackend().client) as unknown as Redis;
      // The key first: a worker that takes the job up after the message went by still sees it.
      await client.set(cancelledKey(this.prefix, this.queueName, jobId), '1', 'EX', CANCELLED_TTL_S);
      const removed = await queue.remove(jobId).catch(() => 0);
      if (!removed) await client.publish(cancelChannel(this.prefix, this.queueName), jobId);
    } catch {
      /* Redis gone for good: the job is lost anyway; the future is already settled */
    }
  }

  private drop(entry: Pending): void {
    this.pending.delete(entry.jobId);
    entry.release?.();
    if (this.pending.size === 0 && this.reconcileTimer) {
      clearTimeout(this.reconcileTimer);
      this.reconcileTimer = undefined;
    }
  }

  private settle(jobId: string, state: State.Finished | State.Failed, value: unknown): void {
    const entry = this.pending.get(jobId);
    if (!entry) return; // already settled (a duplicate event, or cancelled): a future settles once
    this.drop(entry);
    entry.future._settle(state, value);
  }

  private complete(jobId: string, returnvalue: unknown): void {
    if (!this.pending.has(jobId)) return;
    let value: unknown;
    try {
      const r = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobResult;
      if (r?.v !== PROTOCOL_VERSION || typeof r.value !== 'string')
        throw new Error(`unsupported result format (protocol v${String(r?.v)})`);
      value = decodeValue(r.value);
    } catch (err) {
      this.settle(jobId, State.Failed, new Error(`job ${jobId}: cannot decode its result: ${(err as Error).message}`, { cause: err }));
      return;
    }
    this.settle(jobId, State.Finished, value);
  }

  private fail(jobId: string, failedReason: string | undefined): void {
    if (!this.pending.has(jobId)) return;
    this.settle(jobId, State.Failed, decodeFailure(failedReason, errorClasses));
  }

  private lost(jobId: string, message?: string): void {
    this.settle(jobId, State.Failed, new JobLostError(jobId, message));
  }

  // ---- reconciliation: the safety net under the event stream -----------------------------------------

  private scheduleReconcile(delay = this.reconcileIntervalMs): void {
    if (this.reconcileTimer || this.pending.size === 0 || this.closing) return;
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = undefined;
      void this.reconcile();
    }, delay);
    this.reconcileTimer.unref();
  }

  private reconcileSoon(): void {
    if (this.reconcileTimer) {
      clearTimeout(this.reconcileTimer);
      this.reconcileTimer = undefined;
    }
    void this.reconcile();
  }

  /** Settles pending futures whose jobs finished while no event reached us, or vanished from Redis. */
  private async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      const entries = [...this.pending.values()].filter((e) => e.added);
      const queue = await this.loaded; // loaded: a job was added
      for (let i = 0; i < entries.length; i += 200) {
        const batch = entries.slice(i, i + 200);
        const jobs = await Promise.all(batch.map((e) => queue.getJob(e.jobId)));
        batch.forEach((e, k) => {
          const job = jobs[k];
          if (!this.pending.has(e.jobId)) return;
          if (!job) {
            // Seen missing twice in a row (an event may have been on its way the first time): it is gone.
            if (++e.missing >= 2) this.lost(e.jobId);
            return;
          }
          e.missing = 0;
          if (job.finishedOn && job.returnvalue !== null && job.returnvalue !== undefined && !job.failedReason)
            this.complete(e.jobId, job.returnvalue);
          else if (job.finishedOn && job.failedReason && job.attemptsMade >= (job.opts.attempts ?? 1)) this.fail(e.jobId, job.failedReason);
        });
      }
    } catch {
      /* Redis unreachable: try again next round */
    } finally {
      this.reconciling = false;
      this.scheduleReconcile(
        [...this.pending.values()].some((e) => e.missing > 0) ? Math.min(500, this.reconcileIntervalMs) : this.reconcileIntervalMs,
      );
    }
  }

  // ---- shutdown ------------------------------------------------------------------------------------

  /**
   * No new submissions. `cancelFutures` cancels what has not started; `wait` (default true) resolves once every
   * future has settled and every Redis connection is closed. With `wait: false` the connections close in the
   * background once the pending futures settle.
   */
  shutdown(options: { wait?: boolean; cancelFutures?: boolean } = {}): Promise<void> {
    if (typeof options !== 'object' || options === null) throw new TypeError('shutdown: options must be an object');
    this.closed = true;
    if (options.cancelFutures) {
      for (const e of [...this.pending.values()]) if (e.future._state < State.Running) e.future.cancel();
    }
    this.closing ??= (async () => {
      while (this.pending.size || this.inflight.size) {
        await Promise.allSettled([...this.pending.values()].map((e) => e.future._getPromise()));
        await Promise.allSettled([...this.inflight]);
      }
      if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
      // The queue first: if Redis never answered, that fails the start-up below instead of waiting forever.
      // (If BullMQ is still loading, wait for it: the queue it is about to make must be closed too.)
      const queue = await this.loaded.catch(() => undefined);
      await queue?.close().catch(() => {});
      await this.ready.catch(() => {});
      await this.events?.close().catch(() => {});
    })();
    return options.wait === false ? Promise.resolve() : this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  /** Jobs submitted here that have not settled yet. */
  get pendingCount(): number {
    return this.pending.size;
  }
}
