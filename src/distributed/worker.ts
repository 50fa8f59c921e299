// DistributedWorker: takes jobs from a BullMQ queue and runs them in a local ThreadPoolExecutor or
// ProcessPoolExecutor. `multicore worker` is a thin command-line wrapper around it.
// BullMQ and ioredis are loaded by `start()`, not by importing this module (`import 'multicore'` must not pay
// for them).
import { availableParallelism } from 'node:os';
import type { Worker, UnrecoverableError, Job, ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { CancelledError, TaskTimeoutError } from '../executor/errors.js';
import type { Future } from '../executor/future.js';
import { toRedisOptions, describeConnection, type ConnectionSpec } from './connection.js';
import { assertPeers } from './peers.js';
import { importBullmq, importIoredis } from './load-peers.js';
import { PROTOCOL_VERSION, encodeFailure, isJobPayload, type JobResult } from './codec.js';
import { UnknownTaskError } from './errors.js';
import { cancelChannel, cancelledKey, checkQueueName, DEFAULT_PREFIX, DEFAULT_QUEUE } from './keys.js';
import { TaskRegistry, type ResolvedTask } from './task-registry.js';
import { setLongTimeout, type LongTimer } from './long-timer.js';
import { checkConnectTimeout, throttledLog, withConnectDeadline } from './connect.js';
import { createLocalPool, type LocalPool } from './local-pool.js';

export interface DistributedWorkerOptions {
  connection: ConnectionSpec;
  queue?: string;
  prefix?: string;
  /** Task modules (paths or file URLs): their exported functions are all this worker will run. */
  tasks: string[];
  /** Jobs run at once (default: the number of cores); also the size of the local pool. */
  concurrency?: number;
  /** Where jobs run: worker threads (default) or child processes. */
  mode?: 'thread' | 'process';
  /** BullMQ lock on a running job, renewed at half this period (default 30000 ms). */
  lockDuration?: number;
  /** How often this worker looks for jobs whose worker died (default 30000 ms). */
  stalledInterval?: number;
  /** Times a job may be recovered after its worker died before it fails (default 1). */
  maxStalledCount?: number;
  /** Shown in BullMQ's `processedBy`. */
  name?: string;
  /** Progress and problems (default: nothing). A repeated line is said once per 5 s. */
  log?: (line: string) => void;
  /**
   * How long start-up may wait for Redis (default 10000 ms; Infinity waits forever): past it, or at once
   * when Redis refuses the credentials, `start()` rejects with a RedisConnectionError. Once started, the
   * worker rides out Redis restarts however long they take.
   */
  connectTimeoutMs?: number;
}

/** Errors of a connection that is down (as opposed to errors of a job or of BullMQ itself). */
const CONNECTION_ERROR =
  /ECONNREFUSED|ENOENT|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|ENOTFOUND|EPIPE|Connection is closed|WRONGPASS|NOAUTH|invalid password/i;

const RUNNER = new URL('./job-runner.js', import.meta.url).href;
const RUN_JOB = { module: RUNNER, name: 'runJob' };
const RUN_BATCH = { module: RUNNER, name: 'runBatch' };

export class DistributedWorker {
  private readonly running = new Map<string, AbortController>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly bull: Worker,
    private readonly subscriber: Redis,
    private readonly pool: LocalPool,
    readonly registry: TaskRegistry,
    readonly description: string,
    private readonly Unrecoverable: typeof UnrecoverableError,
  ) {
    // A subscribed connection cannot run EXISTS: a sibling connection does, made at start.
    this.commands = subscriber.duplicate();
    this.commands.on('error', () => {});
  }
  private readonly commands: Redis;

  /** Loads the task modules, starts the local pool, subscribes to cancellations and starts taking jobs. */
  static async start(o: DistributedWorkerOptions): Promise<DistributedWorker> {
    if (typeof o !== 'object' || o === null) throw new TypeError('DistributedWorker.start: options must be an object');
    const redis = toRedisOptions(o.connection, 'connection');
    assertPeers('DistributedWorker');
    const queue = checkQueueName(o.queue ?? DEFAULT_QUEUE);
    const prefix = o.prefix === undefined ? DEFAULT_PREFIX : checkQueueName(o.prefix, 'prefix');
    const concurrency = o.concurrency ?? availableParallelism();
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
    const mode = o.mode ?? 'thread';
    if (mode !== 'thread' && mode !== 'process') throw new TypeError(`mode must be 'thread' or 'process', got '${String(mode)}'`);
    const connectTimeoutMs = checkConnectTimeout(o.connectTimeoutMs, 'connectTimeoutMs');
    const log = throttledLog(o.log ?? (() => {}));
    const where = describeConnection(redis);
    // Every connection reports the same outage: one line per window, saying where Redis was looked for.
    const onError = (what: string) => (err: Error) =>
      log(CONNECTION_ERROR.test(err.message) ? `cannot reach Redis at ${where}: ${err.message}` : `${what}: ${err.message}`);
    const registry = await TaskRegistry.load(o.tasks);
    const [{ Worker, UnrecoverableError }, { Redis }] = await Promise.all([
      importBullmq('DistributedWorker'),
      importIoredis('DistributedWorker'),
    ]);
    const pool = createLocalPool(mode, concurrency);
    const subscriber = new Redis(redis);
    subscriber.on('error', onError('cancel channel'));
    const channel = cancelChannel(prefix, queue);
    // Our own connection first, bounded: BullMQ's would retry forever, and closing one that never
    // connected waits forever too. Once it is subscribed, Redis is there and takes our credentials.
    try {
      await withConnectDeadline(subscriber.subscribe(channel), { where, timeoutMs: connectTimeoutMs, sources: [subscriber] });
    } catch (err) {
      subscriber.disconnect();
      await pool.shutdown({ wait: false, cancelFutures: true });
      throw err;
    }

    const holder: { self?: DistributedWorker } = {};
    const bull = new Worker(queue, (job: Job) => holder.self!.process(job, prefix, queue), {
      connection: redis as ConnectionOptions,
      prefix,
      concurrency,
      autorun: false,
      ...(o.name ? { name: o.name } : {}),
      ...(o.lockDuration ? { lockDuration: o.lockDuration } : {}),
      ...(o.stalledInterval ? { stalledInterval: o.stalledInterval } : {}),
      ...(o.maxStalledCount !== undefined ? { maxStalledCount: o.maxStalledCount } : {}),
    });
    bull.on('error', onError('worker'));
    const self = new DistributedWorker(
      bull,
      subscriber,
      pool,
      registry,
      `queue '${queue}' on ${where}, ${concurrency} ${mode}${concurrency === 1 ? '' : 's'}, tasks: ${registry.list().join(', ')}`,
      UnrecoverableError,
    );
    holder.self = self;
    // A job whose lock could not be renewed belongs to this worker no more: stalled-job recovery hands it to
    // another worker (or Redis lost it in a restart). Stop it here rather than run it twice in parallel.
    bull.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const id of jobIds)
        self.running
          .get(id)
          ?.abort(
            new CancelledError(`job ${id} lost its lock (Redis restarted, or this worker stalled); it is left to stalled-job recovery`),
          );
    });
    subscriber.on('message', (ch: string, jobId: string) => {
      if (ch === channel) self.running.get(jobId)?.abort(new CancelledError(`job ${jobId} was cancelled`));
    });
    void bull.run().catch((err) => log(`worker stopped: ${err?.message ?? err}`));
    await bull.waitUntilReady();
    return self;
  }

  private async process(job: Job, prefix: string, queue: string): Promise<JobResult> {
    const data = job.data as unknown;
    if (!isJobPayload(data)) {
      throw this.unrecoverable(new TypeError(`job ${job.id} is not a multicore job (expected { v, task, args })`));
    }
    if (data.v !== PROTOCOL_VERSION) {
      throw this.unrecoverable(new TypeError(`job ${job.id} uses protocol v${String(data.v)}; this worker speaks v${PROTOCOL_VERSION}`));
    }
    let task: ResolvedTask;
    try {
      task = this.registry.resolve(data.task);
    } catch (err) {
      throw this.unrecoverable(err);
    }
    const jobId = String(job.id);
    const ac = new AbortController();
    this.running.set(jobId, ac);
    // Cancelled before it reached us (the pub/sub message went by while it was queued)?
    void this.subscriberCheck(prefix, queue, jobId, ac);
    let timer: LongTimer | undefined;
    if (data.timeoutMs !== undefined) {
      // Not setTimeout: Node fires a delay of 2^31 ms or more after 1 ms.
      timer = setLongTimeout(
        () => ac.abort(new TaskTimeoutError(data.timeoutMs!, `job ${jobId} ran longer than timeoutMs (${data.timeoutMs} ms)`)),
        data.timeoutMs,
      );
    }
    let future: Future<unknown> | undefined;
    try {
      const aborted = new Promise<never>((_, reject) => {
        const onAbort = () => reject(ac.signal.reason);
        if (ac.signal.aborted) onAbort();
        else ac.signal.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => {});
      // The arguments stay encoded until they reach the pool's worker (see job-runner.ts).
      const bytes = Buffer.from(data.args, 'base64');
      future = data.batch
        ? this.pool.submit(RUN_BATCH, task.module, task.name, bytes, data.spread === true)
        : this.pool.submit(RUN_JOB, task.module, task.name, bytes);
      const value = (await Promise.race([future, aborted])) as Uint8Array;
      return { v: PROTOCOL_VERSION, value: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    } catch (err) {
      // Timeout or cancellation: raise the running task's AbortSignal (the local pool escalates if ignored).
      future?.cancel();
      if (err instanceof CancelledError && ac.signal.aborted) throw this.unrecoverable(err);
      throw failure(err);
    } finally {
      timer?.clear();
      this.running.delete(jobId);
    }
  }

  /** An error BullMQ does not retry (a bad job, an unknown task, a cancellation). */
  private unrecoverable(err: unknown): UnrecoverableError {
    const e = new this.Unrecoverable(encodeFailure(err));
    e.stack = (err as Error)?.stack ?? String(err);
    return e;
  }

  private async subscriberCheck(prefix: string, queue: string, jobId: string, ac: AbortController): Promise<void> {
    try {
      if (await this.subscriberClient().exists(cancelledKey(prefix, queue, jobId))) {
        ac.abort(new CancelledError(`job ${jobId} was cancelled`));
      }
    } catch {
      /* Redis away: the pub/sub message is the other path */
    }
  }

  private subscriberClient(): Redis {
    return this.commands;
  }

  /** Jobs running now. */
  get activeCount(): number {
    return this.running.size;
  }

  /**
   * Stops taking jobs, lets the running ones finish (or, with `force`, abandons them: their locks expire and
   * stalled-job recovery re-runs them on another worker), then closes the local pool and every Redis connection.
   */
  close(options: { force?: boolean } = {}): Promise<void> {
    const force = options.force === true;
    if (force && this.closing) {
      // A second, forced close while a graceful one waits: stop waiting for the running jobs.
      void this.bull.close(true);
      void this.pool.shutdown({ wait: false, cancelFutures: true });
    }
    this.closing ??= (async () => {
      await this.bull.close(force);
      await this.pool.shutdown({ wait: !force, cancelFutures: true });
      this.subscriber.disconnect();
      this.commands.disconnect();
    })();
    return this.closing;
  }
}

function failure(err: unknown): Error {
  const e = new Error(encodeFailure(err));
  // Dashboards show the stack: keep the task's own, not one of this wrapper.
  e.stack = (err as Error)?.stack ?? e.message.split('\n')[0];
  return e;
}

export { UnknownTaskError };
