// Condition (Python's threading.Condition) over a Lock or RLock and one Int32 sequence word.
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { SyncStateError } from './errors.js';
import { Lock, lockTimeout } from './lock.js';
import { RLock } from './rlock.js';
import { lockAsync, lockSync, unlock } from './mutex.js';
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
  type WaitResult,
  notify,
} from './wait.js';

const SEQ = 0;

/**
 * wait() reads the sequence word while holding the lock, releases the lock, and sleeps until the
 * word changes; notify() bumps the word (callers hold the lock) and wakes n sleepers. A notify
 * between the release and the sleep changes the word, so the sleep returns at once: no lost wake-up.
 * Wake-ups may be spurious, as in Python: wait in a loop, or use waitFor.
 */
export class Condition implements Shareable {
  static readonly shareKind = 'multicore.Condition';
  readonly lock: Lock | RLock;
  /** @internal */ readonly i32: Int32Array;

  /** `lock`: the Lock or RLock to use (default: a new RLock, as in Python). */
  constructor(lock?: Lock | RLock);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    lock: Lock | RLock,
    shared: SharedArrayBuffer,
  );
  constructor(lock?: Lock | RLock, shared?: SharedArrayBuffer) {
    if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock)) {
      throw new TypeError(`Condition: lock must be a Lock or an RLock, got ${describe(lock)}`);
    }
    this.lock = lock ?? new RLock();
    this.i32 = shared === undefined ? new Int32Array(allocShared(4), 0, 1) : sharedInt32(shared, 1, 'Condition');
  }

  acquire(options?: WaitOptions): Promise<boolean> {
    return this.lock.acquire(options);
  }
  acquireSync(options?: SyncWaitOptions): boolean {
    return this.lock.acquireSync(options);
  }
  release(): void {
    this.lock.release();
  }

  async withLock<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('Condition.withLock: fn must be a function');
    if (!(await this.acquire(options))) throw lockTimeout('Condition.withLock');
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  withLockSync<T>(fn: () => T, options?: SyncWaitOptions): T {
    if (typeof fn !== 'function') throw new TypeError('Condition.withLockSync: fn must be a function');
    if (!this.acquireSync(options)) throw lockTimeout('Condition.withLockSync');
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /**
   * Releases the lock, waits (without blocking the event loop) for a notify, re-acquires the lock.
   * Resolves true when notified, false on timeout (Python semantics); the lock is held again either
   * way. On `signal` it rejects with an AbortError, also after re-acquiring the lock.
   */
  async wait(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'Condition.wait');
    checkSignal(options);
    const seq = Atomics.load(this.i32, SEQ);
    const saved = this.releaseForWait('Condition.wait');
    let result: WaitResult;
    try {
      result = await waitAsync(this.i32, SEQ, seq, remaining(deadline), options?.signal);
    } finally {
      await lockAsync(this.lockWord(), 0, Infinity);
      this.restore(saved);
    }
    return result !== 'timed-out';
  }

  /** Blocking wait: true when notified, false on timeout; the lock is held again either way. */
  waitSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'Condition.waitSync', false);
    const seq = Atomics.load(this.i32, SEQ);
    const saved = this.releaseForWait('Condition.waitSync');
    const result = waitSync(this.i32, SEQ, seq, remaining(deadline));
    lockSync(this.lockWord(), 0, Infinity);
    this.restore(saved);
    return result !== 'timed-out';
  }

  /** Waits until `predicate()` is truthy (checked with the lock held); resolves its last value (falsy on timeout). */
  async waitFor<T>(predicate: () => T, options?: WaitOptions): Promise<T> {
    if (typeof predicate !== 'function') throw new TypeError('Condition.waitFor: predicate must be a function');
    const deadline = parseWaitOptions(options, 'Condition.waitFor');
    let result = predicate();
    while (!result) {
      const left = remaining(deadline);
      if (left <= 0) break;
      await this.wait({ timeoutMs: left === Infinity ? undefined : left, signal: options?.signal });
      result = predicate();
    }
    return result;
  }

  /** Blocking waitFor. */
  waitForSync<T>(predicate: () => T, options?: SyncWaitOptions): T {
    if (typeof predicate !== 'function') throw new TypeError('Condition.waitForSync: predicate must be a function');
    const deadline = parseWaitOptions(options, 'Condition.waitForSync', false);
    let result = predicate();
    while (!result) {
      const left = remaining(deadline);
      if (left <= 0) break;
      this.waitSync({ timeoutMs: left === Infinity ? undefined : left });
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiters (default 1). Call it holding the lock. */
  notify(n: number = 1): void {
    if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`Condition.notify: n must be a number, got ${describe(n)}`);
    if (n < 0) throw new RangeError(`Condition.notify: n must be >= 0, got ${n}`);
    this.checkOwned('Condition.notify');
    Atomics.add(this.i32, SEQ, 1);
    if (n > 0) notify(this.i32, SEQ, n);
  }

  /** Wakes every waiter. Call it holding the lock. */
  notifyAll(): void {
    this.checkOwned('Condition.notifyAll');
    Atomics.add(this.i32, SEQ, 1);
    notify(this.i32, SEQ);
  }

  private lockWord(): Int32Array {
    return this.lock.i32;
  }

  private checkOwned(method: string): void {
    const owned = this.lock instanceof RLock ? this.lock.isOwned() : this.lock.locked();
    if (!owned) throw new SyncStateError(`${method}: the condition's lock is not held`);
  }

  private releaseForWait(method: string): number {
    this.checkOwned(method);
    if (this.lock instanceof RLock) return this.lock.releaseAll();
    unlock(this.lock.i32, 0);
    return 1;
  }

  private restore(saved: number): void {
    if (this.lock instanceof RLock) this.lock.restore(saved);
  }

  [kShare](): unknown {
    return { lock: this.lock[kShare](), lockKind: this.lock instanceof RLock ? 'RLock' : 'Lock', seq: this.i32.buffer };
  }
}

registerShareable(Condition.shareKind, (state: { lock: SharedArrayBuffer; lockKind: string; seq: SharedArrayBuffer }) => {
  const lock = state.lockKind === 'RLock' ? new RLock(state.lock) : new Lock(state.lock);
  return new Condition(lock, state.seq);
});
