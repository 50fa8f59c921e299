// The executor API shared by ThreadPoolExecutor and ProcessPoolExecutor: submit, map, shutdown.
import { encodeShared } from '../sync/shareable.js';
import { ExecutorShutdownError } from './errors.js';
import { Future } from './future.js';
import { mapTasks, type MapOptions } from './map.js';
import { resolveOptions, type ExecutorOptions, type ResolvedOptions } from './options.js';
import { Pool } from './pool.js';
import { F_DECODE, type WorkerFactory } from './protocol.js';
import type { ExecutorStats } from './stats.js';
import { resolveTask, type ModuleTask, type TaskFunction } from './task.js';
import { isTransfer, unwrapTransfers } from './transfer.js';
import { checkOptionsObject } from './validate.js';

export type { ExecutorOptions } from './options.js';

export abstract class Executor {
  /** @internal */ readonly _pool: Pool;
  /** @internal */ readonly _options: ResolvedOptions;
  private closed = false;
  private readonly who: string;

  protected constructor(who: string, options: ExecutorOptions | undefined, threads: boolean, factory: (o: ResolvedOptions) => WorkerFactory) {
    this.who = who;
    const o = resolveOptions(options, who, threads);
    this._options = o;
    const init = o.initializer === undefined ? null : resolveTask(o.initializer, o.module, 'initializer');
    const initArgs = encodeShared(o.initArgs) as unknown[];
    this._pool = new Pool({
      maxWorkers: o.maxWorkers, minWorkers: o.minWorkers, idleTimeoutMs: o.idleTimeoutMs,
      maxTasksPerWorker: o.maxTasksPerWorker, taskTimeoutMs: o.taskTimeoutMs, timeoutGraceMs: o.timeoutGraceMs,
      initializer: init ? init.def : null, initArgs, factory: factory(o),
    });
  }

  get maxWorkers(): number { return this._options.maxWorkers; }

  /** Schedules `task(...args)` on a worker and returns its Future. */
  submit<F extends TaskFunction>(task: F, ...args: Parameters<F>): Future<Awaited<ReturnType<F>>>;
  submit<R = unknown>(task: ModuleTask | string, ...args: unknown[]): Future<R>;
  submit(task: unknown, ...args: unknown[]): Future<unknown> {
    this._checkOpen('submit');
    const { id } = resolveTask(task, this._options.module, 'submit');
    const f = new Future<unknown>();
    f._fn = id;
    this._prepare(f, args);
    this._pool.enqueue(f);
    return f;
  }

  /** Like Array.prototype.map over a (possibly async, possibly endless) iterable, run on the workers:
   *  lazy (at most bufferSize chunks in flight), chunkSize items per message, in order unless ordered: false. */
  map<T, R>(task: ((item: T) => R) | ModuleTask | string, input: Iterable<T> | AsyncIterable<T>, options?: MapOptions): AsyncIterableIterator<Awaited<R>> {
    this._checkOpen('map');
    const { id } = resolveTask(task, this._options.module, 'map');
    return mapTasks(this, id, input, options) as AsyncIterableIterator<Awaited<R>>;
  }

  /** Stops accepting work. wait (default true): resolves once every pending future settled and every
   *  worker exited. cancelFutures: cancels what has not started yet. */
  async shutdown(options: { wait?: boolean; cancelFutures?: boolean } = {}): Promise<void> {
    const o = checkOptionsObject(options, 'shutdown');
    if (o.wait !== undefined && typeof o.wait !== 'boolean') throw new TypeError('shutdown: wait must be a boolean');
    if (o.cancelFutures !== undefined && typeof o.cancelFutures !== 'boolean') throw new TypeError('shutdown: cancelFutures must be a boolean');
    this.closed = true;
    await this._pool.shutdown(o.wait !== false, o.cancelFutures === true);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }

  /** Counts, queue-wait and run-time percentiles, utilization. */
  stats(): ExecutorStats {
    return this._pool.stats();
  }

  /** @internal */
  _checkOpen(what: string): void {
    if (this.closed) throw new ExecutorShutdownError(`${this.who}.${what}: cannot schedule new tasks after shutdown()`);
    const broken = this._pool.isBroken;
    if (broken) throw broken;
  }

  /** @internal Arguments: transfer markers unwrapped, shareable primitives encoded (only when there are objects). */
  _prepare(f: Future<unknown>, args: unknown[]): void {
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
    if (objects) {
      f._args = encodeShared(args);
      f._flags |= F_DECODE;
    } else {
      f._args = args;
    }
  }
}
