// The pool's record of one worker, and which of the tasks it holds is running now.
import { Fifo } from './fifo.js';
import type { Future } from './future.js';
import { CTL_BEGUN, CTL_TIME_BYTE, type WorkerHandle } from './protocol.js';

// Thread workers share CTL_BYTES with the pool (protocol.ts): tasks begun, and when the last one began
// (epoch ms, performance.timeOrigin + performance.now()). The worker writes the time, then the count
// (Atomics.store), so a reader that sees the count sees that task's time.

export class Slot {
  ready = false;
  retiring = false;
  /** Stopped by terminateWorkers()/killWorkers(): the tasks it runs fail, none is requeued. */
  forced: 'terminateWorkers' | 'killWorkers' | null = null;
  readonly fifo = new Fifo<Future<any>>(); // sent to this worker, in order; results come back in this order
  readonly known = new Set<number>(); // task ids whose definition this worker has
  sent = 0;
  received = 0;
  timer: NodeJS.Timeout | null = null; // the watchdog's (timeouts, grace periods)
  timerAt = Infinity;
  idleTimer: NodeJS.Timeout | null = null;
  idleSince = performance.now();
  busySince = 0;
  fatal: unknown = undefined;
  readonly spawnedAt = performance.now();
  handle!: WorkerHandle;
  private time: Float64Array | null = null;
  get inFlight(): number {
    return this.fifo.size;
  }

  /**
   * The task this worker is running now: its index in `fifo` (0: the head) and since when (performance.now()
   * scale), or null when it has begun none of the tasks it holds (they are on their way to it).
   * A thread sends results in batches, so tasks past the head may have finished already: its shared
   * counter says which one it is on. A process sends each result when its task ends, so it is the head.
   */
  running(): { index: number; since: number } | null {
    if (this.inFlight === 0) return null;
    const ctl = this.handle.ctl;
    if (!ctl) return { index: 0, since: this.fifo.at(0)!._startedAt };
    this.time ??= new Float64Array(ctl.buffer, CTL_TIME_BYTE, 1);
    const begun = Atomics.load(ctl, CTL_BEGUN);
    const at = this.time[0] - performance.timeOrigin;
    const index = begun - this.received - 1;
    if (index < 0) return null;
    // it began another task while we read: that one began just now
    if (Atomics.load(ctl, CTL_BEGUN) !== begun) return { index: Math.min(index + 1, this.inFlight - 1), since: performance.now() };
    return { index: Math.min(index, this.inFlight - 1), since: at };
  }

  /** How many of the tasks it holds it has begun (the head counts as begun: it starts on arrival). */
  begun(): number {
    if (this.inFlight === 0) return 0;
    const r = this.running();
    return Math.max(1, r ? r.index + 1 : 0);
  }
}
