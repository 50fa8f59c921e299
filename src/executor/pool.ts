// The pool: a queue of futures, a set of workers (threads or processes behind WorkerHandle), and the
// dispatch loop between them. See README.md beside this file for the design.
import type { Transferable } from './transfer.js';
import { BrokenExecutorError, CancelledError, TaskTimeoutError, WorkerCrashedError, deserializeError, serializeError } from './errors.js';
import { Future, State } from './future.js';
import {
  ABORT, ABORT_CANCEL, ABORT_SIGNAL, ABORT_TIMEOUT, ERR, FATAL, INIT, INIT_FAILED, OK, READY, RESULTS, RESULT_FIELDS, RUN,
  type ExitInfo, type WorkerFactory, type WorkerHandle,
} from './protocol.js';
import { Samples, type ExecutorStats } from './stats.js';
import { taskDef, type TaskDef } from './task.js';
import { Slot } from './slot.js';
import { stop as stopWatch, taskAborted, taskStarted, type WatchdogHost } from './watchdog.js';

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

const MAX_BATCH = 64;

export class Pool implements WatchdogHost {
  private queue: Future<any>[] = [];
  private qHead = 0;
  private queued = 0;
  private live = 0; // submitted and not yet settled
  private readonly slots = new Set<Slot>();
  private starting = 0;
  private dispatchScheduled = false;
  private startFailures = 0;
  private avgRunMs = -1;
  private closing = false;
  private broken: BrokenExecutorError | null = null;
  private drained: (() => void) | null = null;
  private finished: Promise<void> | null = null; // shutdown's, shared by every shutdown() call
  private nextTaskId = 1;
  private readonly exits = new Map<Slot, { promise: Promise<void>; resolve: () => void }>();
  // stats
  private completed = 0;
  private failed = 0;
  private cancelled = 0;
  private rejected = 0;
  private crashed = 0;
  private busyMs = 0;
  private deadWorkerMs = 0;
  private readonly queueWait = new Samples();
  private readonly runTime = new Samples();

  constructor(private readonly cfg: PoolConfig) {
    for (let i = 0; i < cfg.minWorkers; i++) this.spawn();
  }

  get isBroken(): BrokenExecutorError | null { return this.broken; }
  get taskTimeoutMs(): number { return this.cfg.taskTimeoutMs; }
  get timeoutGraceMs(): number { return this.cfg.timeoutGraceMs; }

  // ---- submit / cancel --------------------------------------------------------------------------

  enqueue(f: Future<any>): void {
    f._id = this.nextTaskId++;
    f._owner = this;
    f._submittedAt = performance.now();
    this.queue.push(f);
    this.queued++;
    if (this.live++ === 0) this.setRef(true);
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
   * bounded by the pipeline depth (dispatch-policy), not by maxQueue. Returns false (and counts the
   * refusal) when `f` was not queued.
   */
  admit(f: Future<any>): boolean {
    this.enqueue(f);
    if (this.queued <= this.cfg.maxQueue + this.starting) return true;
    this.dispatch();
    if (this.queued <= this.cfg.maxQueue + this.starting) return true;
    // f is still the queue's tail (dispatch takes from the head, and some task is left): take it back
    this.queue.pop();
    this.queued--;
    f._owner = null;
    this.rejected++;
    this.settled();
    return false;
  }

  get maxQueue(): number { return this.cfg.maxQueue; }

  onCancel(f: Future<any>, previous: State): void {
    this.cancelled++;
    if (previous === State.Queued) this.queued--;
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
    return r != null && s!.fifo[s!.head + r.index] === f;
  }

  private postAbort(f: Future<any>, reason: number): void {
    const slot = f._slot as Slot | null;
    if (!slot) return;
    try {
      const detail = reason === ABORT_TIMEOUT ? this.cfg.taskTimeoutMs
        : reason === ABORT_SIGNAL ? serializeError((f._value as Error).cause) : null;
      slot.handle.post([ABORT, f._id, reason, detail], null);
    } catch {
      /* the worker is gone: its exit handles the rest */
    }
  }

  private settle(f: Future<any>, state: State.Finished | State.Failed | State.Cancelled, value: unknown): void {
    if (!f._settle(state, value)) return;
    if (state === State.Finished) this.completed++;
    else if (state === State.Failed) this.failed++;
    else this.cancelled++;
    this.settled();
  }

  private settled(): void {
    if (--this.live === 0) {
      this.setRef(false);
      if (this.closing) this.drained?.();
    }
  }

  private setRef(on: boolean): void {
    // A retiring worker stays ref'd until its exit is reported: shutdown() may be waiting for that exit,
    // and with nothing else ref'd the process would end first (exit code 13 under a top-level await).
    for (const s of this.slots) on ? s.handle.ref() : s.retiring || s.handle.unref();
  }

  // ---- dispatch ---------------------------------------------------------------------------------

  /** How many tasks a worker may hold at once: deep for tiny tasks, one for long ones (learned). */
  private perWorkerLimit(): number {
    const a = this.avgRunMs;
    if (a < 0 || a > 2) return 1;
    if (a > 0.5) return 4;
    if (a > 0.05) return 16;
    return 2 * MAX_BATCH;
  }

  dispatch(): void {
    this.dispatchScheduled = false;
    this.assign();
    this.maybeSpawn();
    if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.qHead);
      this.qHead = 0;
    }
  }

  /**
   * Hands queued tasks to ready workers. Pipelining (more than one task in a worker) applies only when
   * no other worker could take them: a task is never put behind a busy worker, nor a second task behind
   * an idle worker's first, while a worker is starting or another could be started (maxWorkers) for it.
   * Tasks that wait for each other (Barrier, Event, Queue) then each get a worker, up to maxWorkers.
   */
  private assign(): void {
    if (this.queued > 0) {
      const limit = this.perWorkerLimit();
      // a worker whose current task runs much longer than usual gets nothing more behind it
      const stallAt = performance.now() - Math.max(1, 4 * this.avgRunMs);
      const open = (s: Slot): boolean =>
        s.ready && !s.retiring && (s.inFlight === 0 || (s.inFlight < limit && (s.running()?.since ?? Infinity) > stallAt));
      const canStart = this.broken ? 0 : Math.max(0, this.cfg.maxWorkers - this.slots.size);
      // idle workers first; a busy worker gets more behind its task only when every worker there can be is up
      for (const pass of [0, 1]) {
        if (this.queued === 0 || (pass === 1 && (this.starting > 0 || canStart > 0))) break;
        let eligible = 0;
        for (const s of this.slots) if (open(s) && (pass === 1 || s.inFlight === 0)) eligible++;
        if (eligible === 0) continue;
        const share = Math.ceil(this.queued / (eligible + this.starting + canStart));
        for (const s of this.slots) {
          if (this.queued === 0) break;
          if (!open(s) || (pass === 0 && s.inFlight > 0)) continue;
          let n = Math.min(share, limit - s.inFlight, MAX_BATCH);
          if (this.cfg.maxTasksPerWorker !== Infinity) n = Math.min(n, this.cfg.maxTasksPerWorker - s.sent);
          if (n > 0) this.send(s, n);
        }
      }
    }
  }

  private take(): Future<any> | undefined {
    while (this.qHead < this.queue.length) {
      const f = this.queue[this.qHead];
      this.queue[this.qHead++] = undefined as never;
      if (f._state === State.Queued) {
        this.queued--;
        return f;
      }
    }
    return undefined;
  }

  private send(s: Slot, n: number): void {
    const batch: Future<any>[] = [];
    const msg: unknown[] = [RUN, null];
    let defs: unknown[] | null = null;
    let transfer: Transferable[] | null = null;
    for (let i = 0; i < n; i++) {
      const f = this.take();
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
    msg[1] = defs;
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
          this.settle(f, State.Failed, new TypeError(`the task's arguments could not be sent to the worker: ${(err as Error)?.message ?? err}`, { cause: err }));
        }
      }
    }
  }

  private accept(s: Slot, f: Future<any>): void {
    f._slot = s;
    s.sent++;
    if (s.fifo.push(f) - s.head === 1) this.startHead(s, performance.now());
    else f._state = State.Dispatched;
  }

  private startHead(s: Slot, now: number): void {
    const f = s.fifo[s.head];
    if (f._state < State.Running) f._state = State.Running;
    f._startedAt = now;
    if (s.busySince === 0) s.busySince = now;
    if (s.idleTimer) { clearTimeout(s.idleTimer); s.idleTimer = null; }
    taskStarted(this, s, now);
  }

  // ---- workers ----------------------------------------------------------------------------------

  private maybeSpawn(): void {
    if (this.broken) return;
    while (this.slots.size < this.cfg.maxWorkers && this.starting < this.queued) this.spawn();
  }

  private spawn(): void {
    const s = new Slot();
    this.starting++;
    try {
      s.handle = this.cfg.factory({ message: (m) => this.onMessage(s, m), exit: (i) => this.onExit(s, i) });
    } catch (err) {
      this.starting--;
      this.startFailed(err);
      return;
    }
    this.slots.add(s);
    let resolve!: () => void;
    this.exits.set(s, { promise: new Promise<void>((r) => { resolve = r; }), resolve });
    if (this.live === 0) s.handle.unref();
    s.handle.post([INIT, { initializer: this.cfg.initializer, initArgs: this.cfg.initArgs, initDecode: this.cfg.initDecode, flushEachTask: s.handle.kind === 'process' }], null);
  }

  private onMessage(s: Slot, msg: any[]): void {
    switch (msg[0]) {
      case RESULTS: return this.onResults(s, msg);
      case READY:
        s.ready = true;
        this.starting--;
        this.startFailures = 0;
        this.becameIdle(s, performance.now());
        return this.dispatch();
      case INIT_FAILED:
      case FATAL:
        s.fatal = deserializeError(msg[1]);
        return;
    }
  }

  private onResults(s: Slot, msg: any[]): void {
    const now = performance.now();
    for (let i = 1; i < msg.length; i += RESULT_FIELDS) {
      const f = s.fifo[s.head];
      s.fifo[s.head++] = undefined as never;
      s.received++;
      const status = msg[i];
      const runMs = msg[i + 2] as number;
      if (status !== 2) {
        this.runTime.add(runMs);
        this.queueWait.add(Math.max(0, now - runMs - f._submittedAt));
        this.avgRunMs = this.avgRunMs < 0 ? runMs : this.avgRunMs * 0.9 + runMs * 0.1;
      }
      if (f._state < State.Finished) {
        if (status === OK) this.settle(f, State.Finished, msg[i + 1]);
        else if (status === ERR) this.settle(f, State.Failed, deserializeError(msg[i + 1]));
        else this.settle(f, State.Cancelled, new CancelledError());
      }
      f._slot = null;
    }
    if (s.head === s.fifo.length) {
      s.fifo.length = 0;
      s.head = 0;
      this.becameIdle(s, now);
    } else {
      if (s.head > 256) { s.fifo.splice(0, s.head); s.head = 0; }
      this.startHead(s, now);
    }
    if (s.received >= this.cfg.maxTasksPerWorker && s.inFlight === 0) this.retire(s, false);
    this.dispatch();
  }

  private becameIdle(s: Slot, now: number): void {
    if (s.busySince) { this.busyMs += now - s.busySince; s.busySince = 0; }
    s.idleSince = now;
    if (this.closing && this.live === 0) return;
    if (this.cfg.idleTimeoutMs !== Infinity && !s.idleTimer) {
      s.idleTimer = setTimeout(() => this.idleCheck(s), this.cfg.idleTimeoutMs);
      s.idleTimer.unref();
    }
  }

  private idleCheck(s: Slot): void {
    s.idleTimer = null;
    if (s.inFlight > 0 || s.retiring) return;
    const left = s.idleSince + this.cfg.idleTimeoutMs - performance.now();
    if (left > 1) {
      s.idleTimer = setTimeout(() => this.idleCheck(s), left);
      s.idleTimer.unref();
    } else if (this.staying() > this.cfg.minWorkers) {
      this.retire(s, false);
    }
  }

  /** Ready workers not already on their way out (idle timers firing together must not all retire). */
  private staying(): number {
    let n = 0;
    for (const s of this.slots) if (s.ready && !s.retiring) n++;
    return n;
  }

  private retire(s: Slot, hard: boolean): void {
    if (s.retiring) return;
    s.retiring = true;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    s.handle.ref(); // an unref'd child would not report its exit to a process that is waiting for it
    s.handle.terminate(hard);
  }

  // ---- timeouts (watchdog.ts decides when) ----------------------------------------------------

  timedOut(s: Slot, f: Future<any>): void {
    // cooperative first: the task's AbortSignal; then, after the grace period, the worker goes
    this.settle(f, State.Failed, new TaskTimeoutError(this.cfg.taskTimeoutMs));
    f._abortedAt = performance.now();
    this.postAbort(f, ABORT_TIMEOUT);
  }

  kill(s: Slot): void {
    this.retire(s, true);
  }

  // ---- crashes ----------------------------------------------------------------------------------

  private onExit(s: Slot, info: ExitInfo): void {
    const now = performance.now();
    this.slots.delete(s);
    stopWatch(s);
    if (s.idleTimer) clearTimeout(s.idleTimer);
    if (s.busySince) this.busyMs += now - s.busySince;
    this.deadWorkerMs += now - s.spawnedAt;
    this.exits.get(s)?.resolve();
    this.exits.delete(s);
    if (!s.ready) {
      this.starting--;
      if (!s.retiring) this.startFailed(s.fatal ?? info.error ?? new Error(describeExit(info)));
    } else {
      const cause = s.fatal ?? info.error;
      const planned = s.retiring; // idle retirement, recycling, shutdown, or a timed-out task's worker
      if (!planned) this.crashed++;
      // which task was running: threads count the tasks they began; a process's results are flushed per task
      const crashedAt = s.handle.ctl ? Atomics.load(s.handle.ctl, 0) - s.received - 1 : 0;
      const requeue: Future<any>[] = [];
      s.fifo.slice(s.head).forEach((f, i) => {
        f._slot = null;
        if (f._state >= State.Finished) return;
        if (!planned && i === crashedAt) {
          const what = s.handle.kind === 'thread' ? `worker thread ${s.handle.id}` : `worker process ${s.handle.id}`;
          this.settle(f, State.Failed, new WorkerCrashedError(`${what} died while running the task: ${describeExit(info, cause)}`, { ...info, cause }));
        } else {
          f._state = State.Queued; // it never started (or its result was lost with the worker): run it again
          requeue.push(f);
        }
      });
      if (requeue.length > 0) {
        this.queue = requeue.concat(this.queue.slice(this.qHead));
        this.qHead = 0;
        this.queued += requeue.length;
      }
    }
    if (!this.closing && !this.broken) while (this.slots.size < this.cfg.minWorkers) this.spawn();
    this.dispatch();
    if (this.closing && this.live === 0) this.drained?.();
  }

  private startFailed(err: unknown): void {
    this.startFailures++;
    if (this.startFailures < Math.min(3, this.cfg.maxWorkers) || this.broken) return;
    this.broken = new BrokenExecutorError(`the executor cannot start workers: ${(err as Error)?.message ?? err}`, { cause: err });
    let f: Future<any> | undefined;
    while ((f = this.take())) this.settle(f, State.Failed, this.broken);
  }

  // ---- shutdown and stats -----------------------------------------------------------------------

  /** Every call shares one drain: a second shutdown() (maybe with cancelFutures) settles with the first. */
  async shutdown(wait: boolean, cancelFutures: boolean): Promise<void> {
    this.closing = true;
    if (cancelFutures) this.cancelNotStarted();
    const finished = (this.finished ??= (async () => {
      if (this.live > 0) await new Promise<void>((resolve) => { this.drained = resolve; });
      for (const s of this.slots) this.retire(s, s.inFlight > 0);
      await Promise.all([...this.exits.values()].map((e) => e.promise));
    })());
    if (wait) await finished;
    else finished.catch(() => {});
  }

  /**
   * cancelFutures: as Python, cancels what has not started and leaves running tasks be. Idle workers
   * first take what they would have taken at once (dispatch waits for a microtask after submit), and
   * a task counts as started once it is the task its worker runs now or next (future.running()), or
   * the worker has begun it; what is queued in the pool or pipelined behind that is cancelled.
   */
  private cancelNotStarted(): void {
    this.assign();
    for (let i = this.qHead; i < this.queue.length; i++) this.queue[i]?.cancel();
    for (const s of this.slots) {
      for (let i = s.head + s.begun(); i < s.fifo.length; i++) if (s.fifo[i]._state === State.Dispatched) s.fifo[i].cancel();
    }
  }

  stats(): ExecutorStats {
    const now = performance.now();
    let busy = this.busyMs;
    let alive = this.deadWorkerMs;
    let busyWorkers = 0;
    let inFlight = 0;
    for (const s of this.slots) {
      alive += now - s.spawnedAt;
      if (s.busySince) { busy += now - s.busySince; busyWorkers++; }
      inFlight += s.inFlight;
    }
    return {
      workers: this.slots.size,
      busyWorkers,
      queued: this.queued,
      inFlight,
      completed: this.completed,
      failed: this.failed,
      cancelled: this.cancelled,
      rejected: this.rejected,
      crashedWorkers: this.crashed,
      queueWaitMs: this.queueWait.summary(),
      runTimeMs: this.runTime.summary(),
      utilization: alive > 0 ? Math.min(1, busy / alive) : 0,
    };
  }
}

function describeExit(info: ExitInfo, cause?: unknown): string {
  const code = (cause as { code?: string } | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it ran out of memory (ERR_WORKER_OUT_OF_MEMORY, see resourceLimits)';
  if (info.signal) return `killed by signal ${info.signal}`;
  if (cause instanceof Error) return `uncaught ${cause.name}: ${cause.message}`;
  return `exited with code ${info.exitCode}`;
}
