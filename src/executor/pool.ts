// The pool: ties the queue of tasks (task-queue.ts), the workers (worker-lifecycle.ts, slot.ts), the
// dispatch policy (dispatch-policy.ts), the watchdog (watchdog.ts), crash attribution
// (crash-attribution.ts) and the counters (stats.ts) together. Every task settles here, exactly once.
// See README.md beside this file for the design.
import type { Transferable } from './transfer.js';
import { attributeExit, describeExit } from './crash-attribution.js';
import { assign, type DispatchHost } from './dispatch-policy.js';
import { BrokenExecutorError, CancelledError, TaskTimeoutError, deserializeError, serializeError } from './errors.js';
import { type Future, State } from './future.js';
import {
  ABORT,
  ABORT_CANCEL,
  ABORT_SIGNAL,
  ABORT_TIMEOUT,
  ERR,
  FATAL,
  INIT_FAILED,
  OK,
  READY,
  RESULTS,
  RESULT_FIELDS,
  RUN,
  RUN_DEFS,
  SKIPPED,
  type ExitInfo,
  type WorkerFactory,
} from './protocol.js';
import { PoolStats, type ExecutorStats } from './stats.js';
import { taskDef, type TaskDef } from './task.js';
import { TaskQueue } from './task-queue.js';
import type { Slot } from './slot.js';
import { stop as stopWatch, taskAborted, taskStarted, type WatchdogHost } from './watchdog.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

export interface PoolConfig {
  maxWorkers: number;
  minWorkers: number;
  idleTimeoutMs: number;
  maxTasksPerWorker: number;
  taskTimeoutMs: number;
  timeoutGraceMs: number;
  /** Tasks that may wait in the queue (not yet sent to a worker); submit beyond it is refused. */
  maxQueue: number;
  initializer: TaskDef | null;
  initArgs: unknown[];
  /** initArgs hold encoded sync primitives (the worker imports multicore/sync to revive them). */
  initDecode: boolean;
  factory: WorkerFactory;
}

/** A running task's pool-side view, for the abort reasons (protocol ABORT_*). */
type AbortKind = typeof ABORT_CANCEL | typeof ABORT_TIMEOUT | typeof ABORT_SIGNAL;

export class Pool implements WatchdogHost, DispatchHost {
  private readonly queue = new TaskQueue();
  private readonly workers: WorkerLifecycle;
  private readonly counts = new PoolStats();
  private live = 0; // submitted and not yet settled
  private dispatchScheduled = false;
  /** Exponential average of the tasks' run times (ms; -1: none yet): the dispatch policy's input. */
  avgRunMs = -1;
  private closing = false;
  private broken: BrokenExecutorError | null = null;
  private drained: (() => void) | null = null;
  private finished: Promise<void> | null = null; // shutdown's, shared by every shutdown() call
  private nextTaskId = 1;

  constructor(private readonly cfg: PoolConfig) {
    this.workers = new WorkerLifecycle(cfg, {
      message: (s, m) => this.onMessage(s, m),
      exit: (s, i) => this.onExit(s, i),
      startFailed: (err) => this.startFailed(err),
    });
    for (let i = 0; i < cfg.minWorkers; i++) this.workers.spawn(false);
  }

  get isBroken(): BrokenExecutorError | null {
    return this.broken;
  }
  get taskTimeoutMs(): number {
    return this.cfg.taskTimeoutMs;
  }
  get timeoutGraceMs(): number {
    return this.cfg.timeoutGraceMs;
  }
  get maxQueue(): number {
    return this.cfg.maxQueue;
  }
  // DispatchHost
  get slots(): Iterable<Slot> {
    return this.workers.slots;
  }
  get waiting(): number {
    return this.queue.waiting;
  }
  get starting(): number {
    return this.workers.starting;
  }
  get canStart(): number {
    return this.broken ? 0 : Math.max(0, this.cfg.maxWorkers - this.workers.slots.size);
  }
  get maxTasksPerWorker(): number {
    return this.cfg.maxTasksPerWorker;
  }

  // ---- submit / cancel --------------------------------------------------------------------------

  enqueue(f: Future<any>): void {
    f._id = this.nextTaskId++;
    f._owner = this;
    f._submittedAt = performance.now();
    this.queue.push(f);
    if (this.live++ === 0) this.workers.setRef(true);
    if (!this.dispatchScheduled) {
      this.dispatchScheduled = true;
      queueMicrotask(() => this.dispatch());
    }
  }

  /**
   * Load shedding: enqueues `f` unless more than maxQueue tasks would then wait for a worker. At the
   * limit, a dispatch still pending from this tick runs first, so what idle workers take at once, and
   * one task for each worker starting (piscina's pendingCapacity), do not count as waiting. Tasks
   * already sent to a worker (pipelined behind its running one) are in flight, not queued: they are
   * bounded by the pipeline depth (dispatch-policy.ts), not by maxQueue. Returns false (and counts the
   * refusal) when `f` was not queued.
   */
  admit(f: Future<any>): boolean {
    this.enqueue(f);
    if (this.queue.waiting <= this.cfg.maxQueue + this.workers.starting) return true;
    this.dispatch();
    if (this.queue.waiting <= this.cfg.maxQueue + this.workers.starting) return true;
    this.queue.withdrawLast(f); // dispatch takes from the head and left some: f is still the tail
    f._owner = null;
    this.counts.rejected++;
    this.settled();
    return false;
  }

  onCancel(f: Future<any>, previous: State): void {
    this.counts.cancelled++;
    if (previous === State.Queued) this.queue.cancelled();
    else {
      // a running task that ignores its signal loses its worker after the grace period, as on a timeout
      const now = performance.now();
      f._abortedAt = now;
      // cancel() or the task's own signal (its future then holds an AbortError)
      this.postAbort(f, f._value instanceof CancelledError ? ABORT_CANCEL : ABORT_SIGNAL);
      if (f._slot) taskAborted(this, f._slot as Slot, now);
    }
    this.settled();
  }

  isRunning(f: Future<any>): boolean {
    const s = f._slot as Slot | null;
    const r = s?.running();
    return r != null && s!.fifo.at(r.index) === f;
  }

  private postAbort(f: Future<any>, reason: AbortKind): void {
    const slot = f._slot as Slot | null;
    if (!slot) return;
    try {
      const detail =
        reason === ABORT_TIMEOUT ? this.cfg.taskTimeoutMs : reason === ABORT_SIGNAL ? serializeError((f._value as Error).cause) : null;
      slot.handle.post([ABORT, f._id, reason, detail], null);
    } catch {
      /* the worker is gone: its exit handles the rest */
    }
  }

  private settle(f: Future<any>, state: State.Finished | State.Failed | State.Cancelled, value: unknown): void {
    if (!f._settle(state, value)) return;
    if (state === State.Finished) this.counts.completed++;
    else if (state === State.Failed) this.counts.failed++;
    else this.counts.cancelled++;
    this.settled();
  }

  private settled(): void {
    if (--this.live === 0) {
      this.workers.setRef(false);
      if (this.closing) this.drained?.();
    }
  }

  // ---- dispatch (dispatch-policy.ts decides who gets what) ---------------------------------------

  dispatch(): void {
    this.dispatchScheduled = false;
    assign(this);
    this.maybeSpawn();
  }

  /** DispatchHost: sends up to `n` queued tasks to `s` in one RUN message. */
  send(s: Slot, n: number): void {
    const batch: Future<any>[] = [];
    const msg: unknown[] = [RUN, null];
    let defs: unknown[] | null = null;
    let transfer: Transferable[] | null = null;
    for (let i = 0; i < n; i++) {
      const f = this.queue.take();
      if (!f) break;
      batch.push(f);
      if (!s.known.has(f._fn)) {
        s.known.add(f._fn);
        (defs ??= []).push(f._fn, taskDef(f._fn));
      }
      msg.push(f._id, f._fn, f._args, f._flags);
      if (f._transfer) transfer = transfer ? transfer.concat(f._transfer) : f._transfer;
    }
    if (batch.length === 0) return;
    msg[RUN_DEFS] = defs;
    try {
      s.handle.post(msg, s.handle.kind === 'thread' ? transfer : null);
      for (const f of batch) this.accept(s, f);
    } catch {
      // one of them cannot be cloned (or the worker is gone): send one by one, fail those that cannot go
      for (const f of batch) {
        try {
          s.handle.post([RUN, [f._fn, taskDef(f._fn)], f._id, f._fn, f._args, f._flags], s.handle.kind === 'thread' ? f._transfer : null);
          this.accept(s, f);
        } catch (err) {
          this.settle(
            f,
            State.Failed,
            new TypeError(`the task's arguments could not be sent to the worker: ${(err as Error)?.message ?? err}`, { cause: err }),
          );
        }
      }
    }
  }

  private accept(s: Slot, f: Future<any>): void {
    f._slot = s;
    s.sent++;
    if (s.fifo.push(f) === 1) this.startHead(s, performance.now());
    else f._state = State.Dispatched;
  }

  private startHead(s: Slot, now: number): void {
    const f = s.fifo.at(0)!;
    if (f._state < State.Running) f._state = State.Running;
    f._startedAt = now;
    if (s.busySince === 0) s.busySince = now;
    this.workers.busy(s);
    taskStarted(this, s, now);
  }

  private maybeSpawn(): void {
    if (this.broken) return;
    while (this.workers.slots.size < this.cfg.maxWorkers && this.workers.starting < this.queue.waiting) this.workers.spawn(this.live > 0);
  }

  // ---- messages from workers ----------------------------------------------------------------------

  private onMessage(s: Slot, msg: any[]): void {
    switch (msg[0]) {
      case RESULTS:
        this.onResults(s, msg);
        return;
      case READY:
        this.workers.ready(s);
        this.becameIdle(s, performance.now());
        this.dispatch();
        return;
      case INIT_FAILED:
      case FATAL:
        s.fatal = deserializeError(msg[1]);
        return;
    }
  }

  private onResults(s: Slot, msg: any[]): void {
    const now = performance.now();
    for (let i = 1; i < msg.length; i += RESULT_FIELDS) {
      const f = s.fifo.shift()!;
      s.received++;
      const status = msg[i];
      const runMs = msg[i + 2] as number;
      if (status !== SKIPPED) {
        this.counts.ran(runMs, f._submittedAt, now);
        this.avgRunMs = this.avgRunMs < 0 ? runMs : this.avgRunMs * 0.9 + runMs * 0.1;
      }
      if (f._state < State.Finished) {
        if (status === OK) this.settle(f, State.Finished, msg[i + 1]);
        else if (status === ERR) this.settle(f, State.Failed, deserializeError(msg[i + 1]));
        else this.settle(f, State.Cancelled, new CancelledError());
      }
      f._slot = null;
    }
    if (s.fifo.size === 0) this.becameIdle(s, now);
    else this.startHead(s, now);
    if (s.received >= this.cfg.maxTasksPerWorker && s.inFlight === 0) this.workers.retire(s, false);
    this.dispatch();
  }

  private becameIdle(s: Slot, now: number): void {
    this.counts.idle(s, now);
    if (this.live === 0) this.workers.release(s); // it held only settled tasks (cancelled or timed out)
    if (this.closing && this.live === 0) {
      s.idleSince = now;
      return;
    }
    this.workers.idle(s, now);
  }

  // ---- timeouts (watchdog.ts decides when) ----------------------------------------------------

  timedOut(_s: Slot, f: Future<any>): void {
    // cooperative first: the task's AbortSignal; then, after the grace period, the worker goes
    this.settle(f, State.Failed, new TaskTimeoutError(this.cfg.taskTimeoutMs));
    f._abortedAt = performance.now();
    this.postAbort(f, ABORT_TIMEOUT);
  }

  kill(s: Slot): void {
    this.workers.retire(s, true);
  }

  // ---- exits (crash-attribution.ts says who is to blame) ------------------------------------------

  private onExit(s: Slot, info: ExitInfo): void {
    const wasReady = s.ready;
    stopWatch(s);
    this.counts.exited(s, performance.now());
    this.workers.exited(s);
    if (!wasReady) {
      if (!s.retiring) this.startFailed(s.fatal ?? info.error ?? new Error(describeExit(info)));
    } else {
      const planned = s.retiring; // idle retirement, recycling, shutdown, or a timed-out task's worker
      if (!planned) this.counts.crashed++;
      if (s.forced) {
        this.forcedExit(s, info);
        return;
      }
      const { culprit, requeue } = attributeExit(s, info, planned);
      if (culprit) this.settle(culprit.future, State.Failed, culprit.error);
      this.queue.requeueFront(requeue);
    }
    if (!this.closing && !this.broken) while (this.workers.slots.size < this.cfg.minWorkers) this.workers.spawn(this.live > 0);
    this.dispatch();
    if (this.closing && this.live === 0) this.drained?.();
  }

  /** A worker stopped by terminateWorkers()/killWorkers() exited: what it ran fails (nothing is requeued:
   *  the pool is shut down, and what had not begun was cancelled). */
  private forcedExit(s: Slot, info: ExitInfo): void {
    for (const f of s.fifo.toArray()) {
      f._slot = null;
      if (f._state < State.Finished) {
        this.settle(
          f,
          State.Failed,
          new BrokenExecutorError(`the task was running when ${s.forced}() stopped its worker (${describeExit(info)})`),
        );
      }
    }
    if (this.live === 0) this.drained?.();
  }

  private startFailed(err: unknown): void {
    this.workers.startFailures++;
    if (this.workers.startFailures < Math.min(3, this.cfg.maxWorkers) || this.broken) return;
    this.broken = new BrokenExecutorError(`the executor cannot start workers: ${(err as Error)?.message ?? err}`, { cause: err });
    let f: Future<any> | undefined;
    while ((f = this.queue.take())) this.settle(f, State.Failed, this.broken);
  }

  // ---- shutdown and stats -----------------------------------------------------------------------

  /** Every call shares one drain: a second shutdown() (maybe with cancelFutures) settles with the first. */
  async shutdown(wait: boolean, cancelFutures: boolean): Promise<void> {
    this.closing = true;
    if (cancelFutures) this.cancelNotStarted();
    const finished = (this.finished ??= (async () => {
      if (this.live > 0)
        await new Promise<void>((resolve) => {
          this.drained = resolve;
        });
      for (const s of this.workers.slots) this.workers.retire(s, s.inFlight > 0);
      await this.workers.allExited();
    })());
    if (wait) await finished;
    else finished.catch(() => {});
  }

  /**
   * terminateWorkers()/killWorkers() (Python 3.14's ProcessPoolExecutor.terminate_workers/kill_workers):
   * shutdown with cancelFutures, then every worker is stopped at once (SIGTERM or SIGKILL for a process,
   * terminate() for a thread); the tasks they were running fail with BrokenExecutorError.
   */
  forceShutdown(how: 'terminateWorkers' | 'killWorkers'): Promise<void> {
    this.closing = true;
    this.cancelNotStarted();
    for (const s of this.workers.slots) this.workers.force(s, how);
    return this.shutdown(true, false);
  }

  /**
   * cancelFutures: as Python, cancels what has not started and leaves running tasks be. Idle workers
   * first take what they would have taken at once (dispatch waits for a microtask after submit), and
   * a task counts as started once it is the task its worker runs now or next (future.running()), or
   * the worker has begun it; what is queued in the pool or pipelined behind that is cancelled.
   */
  private cancelNotStarted(): void {
    assign(this);
    for (const f of this.queue.toArray()) f.cancel();
    for (const s of this.workers.slots) {
      for (let i = s.begun(); i < s.inFlight; i++) {
        const f = s.fifo.at(i)!;
        if (f._state === State.Dispatched) f.cancel();
      }
    }
  }

  stats(): ExecutorStats {
    return this.counts.snapshot(this.workers.slots, this.queue.waiting);
  }
}
