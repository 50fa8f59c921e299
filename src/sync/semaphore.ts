// Semaphore (Python's threading.Semaphore) and BoundedSemaphore, over Int32[3] =
// [count, sleeping waiters, bound (0: unbounded)].
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { lockTimeout } from './lock.js';
import {
  checkSignal,
  describe,
  parseWaitOptions,
  remaining,
  sharedInt32,
  waitAsync,
  waitSync,
  type SyncWaitOptions,
  type WaitOptions,
  notify,
} from './wait.js';

export const COUNT = 0,
  WAITERS = 1,
  BOUND = 2;
const MAX = 0x7fffffff;

export class Semaphore implements Shareable {
  static readonly shareKind: string = 'multicore.Semaphore';
  /** @internal */ readonly i32: Int32Array;

  /** `value`: the initial count, an integer >= 0 (default 1). */
  constructor(value?: number);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    value: number,
    shared: SharedArrayBuffer | undefined,
  );
  constructor(value: number = 1, shared?: SharedArrayBuffer) {
    if (shared !== undefined) {
      this.i32 = sharedInt32(shared, 3, new.target.name);
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new TypeError(`${new.target.name}: value must be an integer, got ${describe(value)}`);
    if (value < 0 || value > MAX) throw new RangeError(`${new.target.name}: value must be between 0 and ${MAX}, got ${value}`);
    this.i32 = new Int32Array(allocShared(12), 0, 3);
    this.i32[COUNT] = value;
  }

  /** Takes one unit without blocking the event loop: true once taken, false on timeout (Python semantics); rejects with an AbortError on `signal`. */
  async acquire(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, `${this.constructor.name}.acquire`);
    checkSignal(options);
    for (;;) {
      if (this.tryAcquire()) return true;
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(this.i32, WAITERS, 1);
      try {
        await waitAsync(this.i32, COUNT, 0, left, options?.signal);
      } finally {
        Atomics.sub(this.i32, WAITERS, 1);
      }
    }
  }

  /** Blocks the calling thread; true once taken, false on timeout. */
  acquireSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, `${this.constructor.name}.acquireSync`, false);
    for (;;) {
      if (this.tryAcquire()) return true;
      const left = remaining(deadline);
      if (left <= 0) return false;
      Atomics.add(this.i32, WAITERS, 1);
      waitSync(this.i32, COUNT, 0, left);
      Atomics.sub(this.i32, WAITERS, 1);
    }
  }

  /** One attempt that never waits. */
  tryAcquire(): boolean {
    for (;;) {
      const c = Atomics.load(this.i32, COUNT);
      if (c <= 0) return false;
      if (Atomics.compareExchange(this.i32, COUNT, c, c - 1) === c) return true;
    }
  }

  /** Returns `n` units (default 1) and wakes up to `n` waiters. */
  release(n: number = 1): void {
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new TypeError(`${this.constructor.name}.release: n must be an integer, got ${describe(n)}`);
    if (n < 1) throw new RangeError(`${this.constructor.name}.release: n must be >= 1, got ${n}`);
    const bound = this.i32[BOUND] || MAX;
    for (;;) {
      const c = Atomics.load(this.i32, COUNT);
      if (c + n > bound) this.overRelease(c, n);
      if (Atomics.compareExchange(this.i32, COUNT, c, c + n) === c) break;
    }
    // A waiter registers in WAITERS before it checks COUNT in Atomics.wait, so either it sees the
    // new count or we see it registered: no lost wake-up.
    if (Atomics.load(this.i32, WAITERS) > 0) notify(this.i32, COUNT, n);
  }

  /** The current count (a snapshot). */
  get value(): number {
    return Atomics.load(this.i32, COUNT);
  }

  /** Runs `fn` holding one unit; releases it when `fn` returns or throws. A timeout rejects with a TimeoutError. */
  async withLock<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError(`${this.constructor.name}.withLock: fn must be a function`);
    if (!(await this.acquire(options))) throw lockTimeout(`${this.constructor.name}.withLock`);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  withLockSync<T>(fn: () => T, options?: SyncWaitOptions): T {
    if (typeof fn !== 'function') throw new TypeError(`${this.constructor.name}.withLockSync: fn must be a function`);
    if (!this.acquireSync(options)) throw lockTimeout(`${this.constructor.name}.withLockSync`);
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  protected overRelease(_count: number, _n: number): never {
    throw new RangeError(`${this.constructor.name}.release: the count would overflow`);
  }

  [kShare](): unknown {
    return this.i32.buffer;
  }
}

registerShareable(Semaphore.shareKind, (state) => new Semaphore(0, state as SharedArrayBuffer));
