// BoundedSemaphore (Python's threading.BoundedSemaphore): a Semaphore that remembers its initial
// value in word BOUND of its Int32[3] state, and refuses a release that would exceed it.
import { registerShareable } from './registry.js';
import { BOUND, Semaphore } from './semaphore.js';

/** A Semaphore whose count may never exceed its initial value: an over-release throws a RangeError (Python: ValueError). */
export class BoundedSemaphore extends Semaphore {
  static override readonly shareKind: string = 'multicore.BoundedSemaphore';

  /** `value`: the initial count and the bound, an integer >= 1 (default 1). */
  constructor(value?: number);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    value: number,
    shared: SharedArrayBuffer | undefined,
  );
  constructor(value: number = 1, shared?: SharedArrayBuffer) {
    super(value, shared);
    if (shared === undefined) {
      if (value === 0) throw new RangeError('BoundedSemaphore: value must be >= 1, got 0');
      this.i32[BOUND] = value;
    }
  }

  /** The bound (the initial value). */
  get bound(): number {
    return this.i32[BOUND];
  }

  protected override overRelease(count: number, n: number): never {
    throw new RangeError(`BoundedSemaphore.release: released too many times (count ${count} + ${n} > bound ${this.i32[BOUND]})`);
  }
}

registerShareable(BoundedSemaphore.shareKind, (state) => new BoundedSemaphore(0, state as SharedArrayBuffer));
