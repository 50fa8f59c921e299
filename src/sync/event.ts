// Event (Python's threading.Event): one Int32 word = generation * 2 + flag; waiters sleep on it.
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import {
  checkSignal,
  parseWaitOptions,
  remaining,
  sharedInt32,
  waitAsync,
  waitSync,
  type SyncWaitOptions,
  type WaitOptions,
  notify,
} from './wait.js';

const STATE = 0;
const FLAG = 1;

/**
 * Every set() that finds the flag clear also advances the generation (the bits above the flag), so a
 * waiter that was asleep when set() happened sees the word changed even if clear() followed at once:
 * it returns true, as Python's Event.wait() does (CPython bpo-13502), instead of sleeping on.
 */
export class Event implements Shareable {
  static readonly shareKind = 'multicore.Event';
  /** @internal */ readonly i32: Int32Array;

  constructor();
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(shared: SharedArrayBuffer);
  constructor(shared?: SharedArrayBuffer) {
    this.i32 = shared === undefined ? new Int32Array(allocShared(4), 0, 1) : sharedInt32(shared, 1, 'Event');
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    for (;;) {
      const s = Atomics.load(this.i32, STATE);
      if (s & FLAG) return;
      // next generation, flag set (wraps around after 2^31 sets: only "different" matters)
      if (Atomics.compareExchange(this.i32, STATE, s, (s + 2) | FLAG) === s) break;
    }
    notify(this.i32, STATE);
  }

  /** Resets the flag; later waits block until the next set(). Waiters that a set() woke still return true. */
  clear(): void {
    for (;;) {
      const s = Atomics.load(this.i32, STATE);
      if (!(s & FLAG) || Atomics.compareExchange(this.i32, STATE, s, s & ~FLAG) === s) return;
    }
  }

  isSet(): boolean {
    return (Atomics.load(this.i32, STATE) & FLAG) !== 0;
  }

  /** Resolves true once the flag is set (or was set while waiting), false on timeout (Python semantics);
   *  rejects with an AbortError on `signal`. */
  async wait(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'Event.wait');
    checkSignal(options);
    const start = Atomics.load(this.i32, STATE);
    for (let s = start; !setSince(start, s); s = Atomics.load(this.i32, STATE)) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      await waitAsync(this.i32, STATE, s, left, options?.signal);
    }
    return true;
  }

  /** Blocks the calling thread: true once set (or set while waiting), false on timeout. */
  waitSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'Event.waitSync', false);
    const start = Atomics.load(this.i32, STATE);
    for (let s = start; !setSince(start, s); s = Atomics.load(this.i32, STATE)) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      waitSync(this.i32, STATE, s, left);
    }
    return true;
  }

  [kShare](): unknown {
    return this.i32.buffer;
  }
}

/** The flag is set now, or a set() happened since `start` was read (the generation moved on). */
function setSince(start: number, now: number): boolean {
  return (now & FLAG) !== 0 || (now & ~FLAG) !== (start & ~FLAG);
}

registerShareable(Event.shareKind, (state) => new Event(state as SharedArrayBuffer));
