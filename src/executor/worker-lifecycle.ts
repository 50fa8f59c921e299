// Worker lifecycle: spawning (and counting start failures), the idle timer that retires a worker idle
// for idleTimeoutMs (down to minWorkers), retiring (asked to end, or killed), ref/unref, and the exit
// promises shutdown awaits. What a worker does between spawn and exit is the pool's business.
import type { ExitInfo, WorkerFactory } from './protocol.js';
import { INIT } from './protocol.js';
import { Slot } from './slot.js';
import type { TaskDef } from './task.js';

export interface LifecycleConfig {
  minWorkers: number;
  idleTimeoutMs: number;
  initializer: TaskDef | null;
  initArgs: unknown[];
  initDecode: boolean;
  factory: WorkerFactory;
}

export interface LifecycleEvents {
  message(s: Slot, msg: any[]): void;
  exit(s: Slot, info: ExitInfo): void;
  /** The factory threw: no worker was made. */
  startFailed(err: unknown): void;
}

export class WorkerLifecycle {
  readonly slots = new Set<Slot>();
  /** Spawned, not ready yet. */
  starting = 0;
  /** Consecutive workers that died before they were ready. */
  startFailures = 0;
  private readonly exits = new Map<Slot, { promise: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly cfg: LifecycleConfig,
    private readonly events: LifecycleEvents,
  ) {}

  /** Starts a worker and sends it INIT. `ref`: whether work is pending (else it must not keep Node alive). */
  spawn(ref: boolean): void {
    const s = new Slot();
    this.starting++;
    try {
      s.handle = this.cfg.factory({ message: (m) => this.events.message(s, m), exit: (i) => this.events.exit(s, i) });
    } catch (err) {
      this.starting--;
      this.events.startFailed(err);
      return;
    }
    this.slots.add(s);
    let resolve!: () => void;
    this.exits.set(s, {
      promise: new Promise<void>((r) => {
        resolve = r;
      }),
      resolve,
    });
    if (!ref) s.handle.unref();
    s.handle.post(
      [
        INIT,
        {
          initializer: this.cfg.initializer,
          initArgs: this.cfg.initArgs,
          initDecode: this.cfg.initDecode,
          flushEachTask: s.handle.kind === 'process',
        },
      ],
      null,
    );
  }

  /** The worker said READY. */
  ready(s: Slot): void {
    s.ready = true;
    this.starting--;
    this.startFailures = 0;
  }

  /** The worker took a task: it is not idle. */
  busy(s: Slot): void {
    if (s.idleTimer) {
      clearTimeout(s.idleTimer);
      s.idleTimer = null;
    }
  }

  /** The worker has nothing to do since `now`: retire it after idleTimeoutMs unless it gets work. */
  idle(s: Slot, now: number): void {
    s.idleSince = now;
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

  /** Ends a worker: hard kills it now; otherwise it is asked to end (what it printed is flushed). */
  retire(s: Slot, hard: boolean): void {
    if (s.retiring) return;
    s.retiring = true;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    s.handle.ref(); // an unref'd child would not report its exit to a process that is waiting for it
    s.handle.terminate(hard ? 'kill' : 'close');
  }

  /** terminateWorkers()/killWorkers(): stops the worker now, even one already on its way out. */
  force(s: Slot, how: 'terminateWorkers' | 'killWorkers'): void {
    s.retiring = true;
    s.forced = how;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    s.handle.ref();
    s.handle.terminate(how === 'killWorkers' ? 'kill' : 'terminate');
  }

  /** The worker exited: forget it. */
  exited(s: Slot): void {
    this.slots.delete(s);
    if (s.idleTimer) clearTimeout(s.idleTimer);
    if (!s.ready) this.starting--;
    this.exits.get(s)?.resolve();
    this.exits.delete(s);
  }

  /** ref'd while work is pending, so a forgotten executor does not keep Node alive. */
  setRef(on: boolean): void {
    for (const s of this.slots) on ? s.handle.ref() : this.release(s);
  }

  /** Nothing is pending: `s` must not keep Node alive, unless it is on its way out or still holds tasks. */
  release(s: Slot): void {
    // A retiring worker stays ref'd until its exit is reported: shutdown() may be waiting for that exit,
    // and with nothing else ref'd the process would end first (exit code 13 under a top-level await).
    // One holding tasks when every future has settled runs a cancelled or timed-out task that ignores
    // its signal: it stays ref'd until the grace period's kill, else a process worker would outlive
    // this process, spinning for ever.
    if (!s.retiring && s.inFlight === 0) s.handle.unref();
  }

  /** Resolves once every worker alive now has exited. */
  allExited(): Promise<void> {
    return Promise.all([...this.exits.values()].map((e) => e.promise)).then(() => {});
  }
}
