// Pool statistics: counts, queue-wait and run-time percentiles over the most recent tasks, utilization.
// PoolStats is what the pool records as tasks settle and workers go busy, idle and away; stats() reads it.
import type { Slot } from './slot.js';

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}
export interface ExecutorStats {
  /** Workers alive now (starting, running or idle). */
  workers: number;
  /** Workers running a task now (one still running a cancelled or timed-out task too). */
  busyWorkers: number;
  /** Tasks waiting in the pool's queue, not yet sent to a worker: what `maxQueue` bounds (a health endpoint's backlog). */
  queued: number;
  /** Tasks held by workers: running, pipelined behind a running one in the same worker, or cancelled or
   *  timed out while running (settled, but its worker holds it until it stops or `timeoutGraceMs` ends it). */
  inFlight: number;
  completed: number;
  failed: number;
  /** Cancelled by `cancel()`, by `shutdown({ cancelFutures })`, or by the task's own signal. */
  cancelled: number;
  /** Refused by `submit` because `maxQueue` tasks were already queued (TaskQueueFullError). */
  rejected: number;
  /** Workers that died unplanned (crash, OOM, signal), not those retired or terminated on purpose. */
  crashedWorkers: number;
  /** Milliseconds from submit to start in a worker (recent tasks). */
  queueWaitMs: Percentiles;
  /** Milliseconds a task ran in its worker (recent tasks). */
  runTimeMs: Percentiles;
  /** Fraction of worker-time spent running tasks since the pool started (0..1). */
  utilization: number;
}

/** A ring of the last `size` samples. */
export class Samples {
  private readonly buf: Float64Array;
  private n = 0;
  constructor(size = 8192) {
    this.buf = new Float64Array(size);
  }
  add(x: number): void {
    this.buf[this.n++ % this.buf.length] = x;
  }
  summary(): Percentiles {
    const len = Math.min(this.n, this.buf.length);
    if (len === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0, samples: 0 };
    const s = this.buf.slice(0, len).sort();
    const at = (q: number): number => s[Math.min(len - 1, Math.floor(q * len))];
    let sum = 0;
    for (let i = 0; i < len; i++) sum += s[i];
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[len - 1], mean: sum / len, samples: len };
  }
}

/** The pool's counters. Busy time is counted per worker from `busySince` (set when its first task starts)
 *  to when it goes idle or exits; alive time from its spawn to its exit. */
export class PoolStats {
  completed = 0;
  failed = 0;
  cancelled = 0;
  rejected = 0;
  crashed = 0;
  private busyMs = 0;
  private deadWorkerMs = 0;
  private readonly queueWait = new Samples();
  private readonly runTime = new Samples();

  /** A task ran `runMs` in its worker; its result arrived `now`. */
  ran(runMs: number, submittedAt: number, now: number): void {
    this.runTime.add(runMs);
    this.queueWait.add(Math.max(0, now - runMs - submittedAt));
  }

  /** A worker went idle (or exits): its busy stretch ends. */
  idle(s: Slot, now: number): void {
    if (s.busySince) {
      this.busyMs += now - s.busySince;
      s.busySince = 0;
    }
  }

  exited(s: Slot, now: number): void {
    this.idle(s, now);
    this.deadWorkerMs += now - s.spawnedAt;
  }

  snapshot(slots: Iterable<Slot>, queued: number): ExecutorStats {
    const now = performance.now();
    let busy = this.busyMs;
    let alive = this.deadWorkerMs;
    let workers = 0;
    let busyWorkers = 0;
    let inFlight = 0;
    for (const s of slots) {
      workers++;
      alive += now - s.spawnedAt;
      if (s.busySince) {
        busy += now - s.busySince;
        busyWorkers++;
      }
      inFlight += s.inFlight;
    }
    return {
      workers,
      busyWorkers,
      queued,
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
