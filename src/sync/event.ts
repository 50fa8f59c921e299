// Event (Python's threading.Event): one Int32 flag word; waiters sleep while it is 0.
import { kShare, registerShareable, type Shareable } from './registry.js';
import { checkSignal, parseWaitOptions, remaining, sharedInt32, waitAsync, waitSync, type SyncWaitOptions, type WaitOptions } from './wait.js';

const FLAG = 0;

export class Event implements Shareable {
  static readonly shareKind = 'multicore.Event';
  /** @internal */ readonly i32: Int32Array;

  constructor(/** @internal */ shared?: SharedArrayBuffer) {
    this.i32 = shared === undefined ? new Int32Array(new SharedArrayBuffer(4)) : sharedInt32(shared, 1, 'Event');
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    Atomics.store(this.i32, FLAG, 1);
    Atomics.notify(this.i32, FLAG);
  }

  /** Resets the flag; later waits block until the next set(). */
  clear(): void {
    Atomics.store(this.i32, FLAG, 0);
  }

  isSet(): boolean {
    return Atomics.load(this.i32, FLAG) === 1;
  }

  /** Resolves true once the flag is set, false on timeout (Python semantics); rejects with an AbortError on `signal`. */
  async wait(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'Event.wait');
    checkSignal(options);
    while (Atomics.load(this.i32, FLAG) === 0) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      await waitAsync(this.i32, FLAG, 0, left, options?.signal);
    }
    return true;
  }

  /** Blocks the calling thread: true once set, false on timeout. */
  waitSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'Event.waitSync', false);
    while (Atomics.load(this.i32, FLAG) === 0) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      waitSync(this.i32, FLAG, 0, left);
    }
    return true;
  }

  [kShare](): unknown {
    return this.i32.buffer;
  }
}

registerShareable(Event.shareKind, (state) => new Event(state as SharedArrayBuffer));
