// Barrier (Python's threading.Barrier) over Int32[3] = [arrived count, phase, parties].
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { BrokenBarrierError } from './errors.js';
import { actionSource, runAction, type BarrierAction } from './barrier-action.js';
import {
  checkOptionNames,
  checkSignal,
  describe,
  parseWaitOptions,
  positiveInt,
  remaining,
  sharedInt32,
  waitAsync,
  waitSync,
  type SyncWaitOptions,
  type WaitOptions,
  notify,
} from './wait.js';

const COUNT = 0,
  PHASE = 1,
  PARTIES = 2;
const BROKEN = 1;

export interface BarrierOptions {
  /**
   * Run by one party per generation, the last to arrive, before any party is released (Python's
   * `action`). It may run in any thread the barrier was sent to, so it is sent as source and must be
   * self-contained (no closure; a TypeError says which outer names it uses). If it throws, the
   * barrier breaks: that party's wait throws the error, the others BrokenBarrierError.
   */
  action?: BarrierAction;
  /** The timeout of a wait() given none (Python's `timeout`); default: wait forever. */
  timeoutMs?: number;
}

interface BarrierState {
  ctl: SharedArrayBuffer;
  action?: string;
  timeoutMs?: number;
}

/**
 * phase = generation * 2 + broken-bit. A party reads the phase, arrives (count + 1) and sleeps while
 * the phase is unchanged. The last to arrive resets count to 0 and advances the phase by 2 (next
 * generation, not broken); abort() sets the broken bit; reset() advances the phase by 4 (skipping a
 * generation) so sleepers of the current generation can tell a reset (broken for them) from a pass.
 * The next generation cannot complete while a sleeper of this one has not left, so "phase + 2" is
 * unambiguous.
 */
export class Barrier implements Shareable {
  static readonly shareKind = 'multicore.Barrier';
  /** @internal */ readonly i32: Int32Array;
  private readonly action: string | undefined;
  /** The timeout of a wait() given none, in ms (undefined: none). */
  readonly timeoutMs: number | undefined;

  /** `parties`: how many threads must call wait() for all of them to pass (an integer >= 1). */
  constructor(parties: number, options?: BarrierOptions);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    parties: number,
    options: BarrierOptions,
    shared: BarrierState,
  );
  constructor(parties: number, options: BarrierOptions = {}, shared?: BarrierState) {
    if (shared !== undefined) {
      this.i32 = sharedInt32(shared.ctl, 3, 'Barrier');
      this.action = shared.action;
      this.timeoutMs = shared.timeoutMs;
      return;
    }
    positiveInt(parties, 'Barrier: parties');
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`Barrier: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['action', 'timeoutMs'], 'Barrier');
    this.action = options.action === undefined ? undefined : actionSource(options.action);
    if (options.timeoutMs !== undefined) parseWaitOptions({ timeoutMs: options.timeoutMs }, 'Barrier');
    this.timeoutMs = options.timeoutMs;
    this.i32 = new Int32Array(allocShared(12), 0, 3);
    this.i32[PARTIES] = parties;
  }

  get parties(): number {
    return this.i32[PARTIES];
  }
  /** How many parties are waiting in the current generation (a snapshot). */
  get nWaiting(): number {
    return this.broken ? 0 : Atomics.load(this.i32, COUNT);
  }
  get broken(): boolean {
    return (Atomics.load(this.i32, PHASE) & BROKEN) !== 0;
  }

  /**
   * Arrives and waits (without blocking the event loop) for all parties. Resolves the arrival index
   * (0 .. parties-1, parties-1 for the last). Rejects with BrokenBarrierError when the barrier is or
   * becomes broken; a timeout breaks the barrier (as in Python) and rejects with BrokenBarrierError;
   * `signal` breaks it and rejects with an AbortError.
   */
  async wait(options?: WaitOptions): Promise<number> {
    const deadline = this.deadline(options, parseWaitOptions(options, 'Barrier.wait'));
    checkSignal(options);
    const phase = this.arrive();
    if (phase.index === this.parties - 1) return this.complete(phase.phase, phase.index);
    for (;;) {
      const now = Atomics.load(this.i32, PHASE);
      if (now !== phase.phase) return this.leave(phase.phase, now, phase.index);
      const left = remaining(deadline);
      if (left <= 0) {
        this.abort();
        throw new BrokenBarrierError('Barrier.wait timed out; the barrier is now broken');
      }
      try {
        await waitAsync(this.i32, PHASE, phase.phase, left, options?.signal);
      } catch (err) {
        this.abort();
        throw err;
      }
    }
  }

  /** Blocking wait; same results. */
  waitSync(options?: SyncWaitOptions): number {
    const deadline = this.deadline(options, parseWaitOptions(options, 'Barrier.waitSync', false));
    const phase = this.arrive();
    if (phase.index === this.parties - 1) return this.complete(phase.phase, phase.index);
    for (;;) {
      const now = Atomics.load(this.i32, PHASE);
      if (now !== phase.phase) return this.leave(phase.phase, now, phase.index);
      const left = remaining(deadline);
      if (left <= 0) {
        this.abort();
        throw new BrokenBarrierError('Barrier.waitSync timed out; the barrier is now broken');
      }
      waitSync(this.i32, PHASE, phase.phase, left);
    }
  }

  /** Breaks the barrier: current and future waiters get BrokenBarrierError until reset(). */
  abort(): void {
    for (;;) {
      const p = Atomics.load(this.i32, PHASE);
      if (p & BROKEN) break;
      if (Atomics.compareExchange(this.i32, PHASE, p, p | BROKEN) === p) break;
    }
    notify(this.i32, PHASE);
  }

  /** Returns the barrier to its empty state; parties waiting now get BrokenBarrierError. */
  reset(): void {
    Atomics.store(this.i32, COUNT, 0);
    for (;;) {
      const p = Atomics.load(this.i32, PHASE);
      if (Atomics.compareExchange(this.i32, PHASE, p, ((p & ~BROKEN) + 4) | 0) === p) break;
    }
    notify(this.i32, PHASE);
  }

  private arrive(): { phase: number; index: number } {
    const phase = Atomics.load(this.i32, PHASE);
    if (phase & BROKEN) throw new BrokenBarrierError();
    return { phase, index: Atomics.add(this.i32, COUNT, 1) };
  }

  /** `parsed`, or the default timeout's deadline when the call gave no timeoutMs. */
  private deadline(options: SyncWaitOptions | undefined, parsed: number): number {
    if (options?.timeoutMs !== undefined || this.timeoutMs === undefined) return parsed;
    return performance.now() + this.timeoutMs;
  }

  /** The last party: runs the action (a throw breaks the barrier), then releases everyone. */
  private complete(phase: number, index: number): number {
    if (this.action !== undefined) {
      if (Atomics.load(this.i32, PHASE) !== phase) throw new BrokenBarrierError(); // broken before the action could run
      try {
        runAction(this.action);
      } catch (err) {
        this.abort();
        throw err;
      }
    }
    Atomics.store(this.i32, COUNT, 0);
    const ok = Atomics.compareExchange(this.i32, PHASE, phase, (phase + 2) | 0) === phase;
    notify(this.i32, PHASE);
    if (!ok) throw new BrokenBarrierError();
    return index;
  }

  private leave(phase: number, now: number, index: number): number {
    if ((now & ~BROKEN) === ((phase + 2) | 0)) return index; // passed (the next generation may already be broken)
    throw new BrokenBarrierError();
  }

  [kShare](): unknown {
    return { ctl: this.i32.buffer as SharedArrayBuffer, action: this.action, timeoutMs: this.timeoutMs } satisfies BarrierState;
  }
}

registerShareable(Barrier.shareKind, (state) => new Barrier(1, {}, state as BarrierState));
