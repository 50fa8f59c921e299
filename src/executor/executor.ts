// The executor API shared by ThreadPoolExecutor and ProcessPoolExecutor: submit, map, shutdown.
import { encodeShared, kShare, threadOnlyIn, transferablesOf } from '../sync/shareable.js';
import { ExecutorShutdownError, TaskQueueFullError, abortError } from './errors.js';
import { Future, State } from './future.js';
import { mapOver, parseMapArgs, type ChunkSink, type MapInput, type MapOptions } from './map.js';
import { resolveOptions, type ExecutorOptions, type ResolvedOptions } from './options.js';
import { Pool } from './pool.js';
import { F_CHUNK, F_DECODE, F_SPREAD, type WorkerFactory } from './protocol.js';
import type { ExecutorStats } from './stats.js';
import { resolveTask, type ModuleTask, type TaskFunction } from './task.js';
import { cancelOnAbort, checkTaskOptions, type TaskOptions } from './task-options.js';
import { isTransfer, unwrapTransfers } from './transfer.js';
import { checkOptionsObject } from './validate.js';

export type { ExecutorOptions } from './options.js';

export abstract class Executor {
  private readonly pool: Pool;
  private readonly options: ResolvedOptions;
  private closed = false;
  private readonly who: string;
  private readonly threads: boolean;

  protected constructor(
    who: string,
    options: ExecutorOptions | undefined,
    threads: boolean,
    factory: (o: ResolvedOptions) => WorkerFactory,
  ) {
    this.who = who;
    this.threads = threads;
    const o = resolveOptions(options, who, threads);
    this.options = o;
    const init = o.initializer === undefined ? null : resolveTask(o.initializer, o.module, 'initializer');
    const initArgs = encodeShared(o.initArgs) as unknown[];
    const initDecode = initArgs !== o.initArgs;
    if (initDecode && !threads && threadOnlyIn(initArgs)) throw this.refuseShared(o.initArgs, 'initArgs', 'constructor');
    if (initDecode && transferablesOf(initArgs).length > 0) {
      throw new TypeError(`${who}: initArgs cannot hold a Pipe Connection: a Connection moves to one worker; pass it to a task instead`);
    }
    this.pool = new Pool({
      maxWorkers: o.maxWorkers,
      minWorkers: o.minWorkers,
      idleTimeoutMs: o.idleTimeoutMs,
      maxTasksPerWorker: o.maxTasksPerWorker,
      taskTimeoutMs: o.taskTimeoutMs,
      timeoutGraceMs: o.timeoutGraceMs,
      maxQueue: o.maxQueue,
      initializer: init ? init.def : null,
      initArgs,
      initDecode,
      factory: factory(o),
    });
  }

  get maxWorkers(): number {
    return this.options.maxWorkers;
  }

  /** Schedules `task(...args)` on a worker and returns its Future. */
  submit<F extends TaskFunction>(task: F, ...args: Parameters<F>): Future<Awaited<ReturnType<F>>>;
  submit<R = unknown>(task: ModuleTask | string, ...args: unknown[]): Future<R>;
  submit(task: unknown, ...args: unknown[]): Future<unknown> {
    return this.schedule('submit', undefined, task, args);
  }

  /** `submit` with per-task options: `{ signal }` cancels the task when it aborts (the future rejects with
   *  an AbortError whose cause is the signal's reason; a running task has its own signal raised). */
  submitWith<F extends TaskFunction>(options: TaskOptions, task: F, ...args: Parameters<F>): Future<Awaited<ReturnType<F>>>;
  submitWith<R = unknown>(options: TaskOptions, task: ModuleTask | string, ...args: unknown[]): Future<R>;
  submitWith(options: TaskOptions, task: unknown, ...args: unknown[]): Future<unknown> {
    const { signal } = checkTaskOptions(options, 'submitWith');
    return this.schedule('submitWith', signal, task, args);
  }

  /** Bad arguments throw; a full queue (maxQueue) or an already-aborted signal give a future already rejected. */
  private schedule(what: 'submit' | 'submitWith', signal: AbortSignal | undefined, task: unknown, args: unknown[]): Future<unknown> {
    this.checkOpen(what);
    const { id } = resolveTask(task, this.options.module, what);
    const f = new Future<unknown>();
    f._fn = id;
    this.prepare(f, args, 'submit');
    if (signal?.aborted) {
      f._settle(State.Cancelled, abortError(signal.reason));
      return f;
    }
    if (!this.pool.admit(f)) {
      f._settle(State.Failed, new TaskQueueFullError(this.pool.maxQueue));
      return f;
    }
    if (signal) cancelOnAbort(f, signal);
    return f;
  }

  /**
   * Python's `Executor.map`, lazy: `task(item)` for each item of `input`, or with several iterables
   * `task(a, b, …)` over them zipped (stopping at the shortest); sync or async iterables, possibly endless.
   * At most bufferSize chunks in flight, chunkSize items per message, in order unless ordered: false.
   * The options, if any, are the last argument (a plain object).
   */
  map<T, R>(task: ((item: T) => R) | ModuleTask | string, input: MapInput<T>, options?: MapOptions): AsyncIterableIterator<Awaited<R>>;
  map<R = unknown>(task: ((...items: any[]) => R) | ModuleTask | string, ...inputs: MapInput[]): AsyncIterableIterator<Awaited<R>>;
  map<R = unknown>(
    task: ((...items: any[]) => R) | ModuleTask | string,
    ...inputsThenOptions: [...MapInput[], MapOptions | undefined]
  ): AsyncIterableIterator<Awaited<R>>;
  map(task: unknown, ...rest: unknown[]): AsyncIterableIterator<unknown> {
    this.checkOpen('map');
    const { id } = resolveTask(task, this.options.module, 'map');
    const { inputs, options } = parseMapArgs(rest);
    return mapOver(this.chunkSink(id), inputs, options);
  }

  /** map's narrow view of this executor. Chunks are queued without maxQueue's check: a map bounds what
   *  it has in flight itself (bufferSize), and refusing one chunk would end the whole iteration. */
  private chunkSink(fnId: number): ChunkSink {
    return {
      parallelism: this.options.maxWorkers,
      submitChunk: (items, spread, signal) => {
        this.checkOpen('map');
        const f = new Future<unknown[]>();
        f._fn = fnId;
        this.prepare(f as Future<unknown>, items, 'map');
        f._flags |= spread ? F_CHUNK | F_SPREAD : F_CHUNK;
        if (signal?.aborted) {
          f._settle(State.Cancelled, abortError(signal.reason));
          return f;
        }
        this.pool.enqueue(f);
        if (signal) cancelOnAbort(f, signal);
        return f;
      },
    };
  }

  /** Stops accepting work. wait (default true): resolves once every pending future settled and every
   *  worker exited. cancelFutures: cancels what has not started yet. */
  async shutdown(options: { wait?: boolean; cancelFutures?: boolean } = {}): Promise<void> {
    const o = checkOptionsObject(options, 'shutdown');
    if (o.wait !== undefined && typeof o.wait !== 'boolean') throw new TypeError('shutdown: wait must be a boolean');
    if (o.cancelFutures !== undefined && typeof o.cancelFutures !== 'boolean')
      throw new TypeError('shutdown: cancelFutures must be a boolean');
    this.closed = true;
    await this.pool.shutdown(o.wait !== false, o.cancelFutures === true);
  }

  /**
   * Python 3.14's terminate_workers(): shuts the executor down (as shutdown({ cancelFutures: true }): no
   * new work, what has not started is cancelled) and stops every worker at once: SIGTERM for a process,
   * Worker.terminate() for a thread. The tasks they were running fail with BrokenExecutorError. Resolves
   * once every worker has exited.
   */
  terminateWorkers(): Promise<void> {
    this.closed = true;
    return this.pool.forceShutdown('terminateWorkers');
  }

  /** Python 3.14's kill_workers(): terminateWorkers() with SIGKILL for a process. */
  killWorkers(): Promise<void> {
    this.closed = true;
    return this.pool.forceShutdown('killWorkers');
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }

  /** Counts, queue-wait and run-time percentiles, utilization. */
  stats(): ExecutorStats {
    return this.pool.stats();
  }

  private checkOpen(what: string): void {
    if (this.closed) throw new ExecutorShutdownError(`${this.who}.${what}: cannot schedule new tasks after shutdown()`);
    const broken = this.pool.isBroken;
    if (broken) throw broken;
  }

  /** Arguments: transfer markers unwrapped, shareable primitives encoded (only when there are objects).
   *  Threads: a Pipe Connection's port joins the transfer list. Processes: only primitives in
   *  process-shared memory (acrossProcesses) and views of SharedMemory; thread-only ones are refused. */
  private prepare(f: Future<unknown>, args: unknown[], what: 'submit' | 'map'): void {
    let objects = false;
    let transfers = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (typeof a === 'object' && a !== null) {
        objects = true;
        if (isTransfer(a)) transfers = true;
      }
    }
    if (transfers) f._transfer = unwrapTransfers(args);
    f._args = args;
    if (!objects) return;
    const encoded = encodeShared(args);
    if (encoded === args) return; // no sync primitive among them
    // Processes: primitives made with acrossProcesses() and views of SharedMemory travel by name.
    if (!this.threads && threadOnlyIn(encoded)) throw this.refuseShared(args, what === 'map' ? 'item' : 'args', what);
    f._args = encoded;
    f._flags |= F_DECODE;
    const ports = transferablesOf(encoded);
    if (ports.length > 0) {
      const list = f._transfer ?? [];
      for (const p of ports) if (!list.includes(p)) list.push(p);
      f._transfer = list;
    }
  }

  /** The TypeError for a sync primitive sent to a process worker, naming where it is among `values`. */
  private refuseShared(values: unknown[], name: 'args' | 'initArgs' | 'item', what: string): TypeError {
    const found = findShareable(values, name, new Set());
    const kind = found ? ` (${found.kind})` : '';
    const where = name === 'item' ? `a map item${kind}` : `${found?.path ?? name}${kind}`;
    return new TypeError(
      `${this.who}.${what}: ${where} cannot be sent to a process worker: it lives in memory shared with threads only; make it with acrossProcesses(() => ...) to share it with processes, or use ThreadPoolExecutor`,
    );
  }
}

/** The first shareable object (a sync primitive) in `value`, searched as encodeShared does. */
function findShareable(value: unknown, path: string, seen: Set<unknown>): { path: string; kind: string } | null {
  if (typeof value !== 'object' || value === null || seen.has(value)) return null;
  if (typeof (value as Record<symbol, unknown>)[kShare] === 'function')
    return { path, kind: value.constructor?.name || 'a sync primitive' };
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findShareable(value[i], `${path}[${i}]`, seen);
      if (r) return r;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  for (const key of Object.keys(value)) {
    const r = findShareable(
      (value as Record<string, unknown>)[key],
      `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`,
      seen,
    );
    if (r) return r;
  }
  return null;
}
