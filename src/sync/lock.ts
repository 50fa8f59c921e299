// Lock: a non-reentrant mutual-exclusion lock (Python's threading.Lock), usable from any thread.
import { kShare, registerShareable, type Shareable } from './registry.js';
import { SyncStateError } from './errors.js';
import { allocShared, isProcessShared } from './memory.js';
import { lockAsync, lockSync, tryLock, unlock, type OwnerCheck } from './mutex.js';
import { checkSignal, parseWaitOptions, sharedInt32, type SyncWaitOptions, type WaitOptions } from './wait.js';

/**
 * A mutex over one Int32 of shared memory (Drepper's three-state futex mutex; see README.md).
 * Not owned: like Python's Lock, any thread may release it. Passing it to a worker (through the
 * executors, or `encodeShared`/`decodeShared`) gives the worker the same lock.
 */
export class Lock implements Shareable {
  static readonly shareKind = 'multicore.Lock';
  /** @internal */ readonly i32: Int32Array;
  /** Across processes: word 1 holds the holder's pid, so that waiters can outlive a holder that dies. */
  private readonly owner: OwnerCheck | undefined;

  constructor();
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(shared: SharedArrayBuffer);
  constructor(shared?: SharedArrayBuffer) {
    const memory = shared ?? allocShared(8);
    const words = isProcessShared(memory) ? 2 : 1;
    this.i32 = sharedInt32(memory, words, 'Lock');
    this.owner =
      words === 2
        ? {
            pid: () => Atomics.load(this.i32, OWNER_PID),
            claim: (pid) => Atomics.compareExchange(this.i32, OWNER_PID, pid, process.pid) === pid,
          }
        : undefined;
  }

  /**
   * Waits without blocking the event loop. Resolves true once acquired, false when `timeoutMs`
   * passes first (Python: acquire returns False on timeout); rejects with an AbortError on `signal`.
   */
  async acquire(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'Lock.acquire');
    checkSignal(options);
    return this.owned(await lockAsync(this.i32, 0, deadline, options?.signal, this.owner));
  }

  /** Blocks the calling thread (on the main thread this blocks the event loop too). True once acquired, false on timeout. */
  acquireSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'Lock.acquireSync', false);
    return this.owned(lockSync(this.i32, 0, deadline, this.owner));
  }

  /** One attempt that never waits. */
  tryAcquire(): boolean {
    return this.owned(tryLock(this.i32, 0));
  }

  /** Unlocks and wakes one waiter. Throws SyncStateError when the lock is not locked. */
  release(): void {
    if (this.owner && Atomics.load(this.i32, 0) !== 0) Atomics.store(this.i32, OWNER_PID, 0);
    if (!unlock(this.i32, 0)) throw new SyncStateError('Lock.release: the lock is not locked');
  }

  /** Whether some thread holds the lock (a snapshot). */
  locked(): boolean {
    return Atomics.load(this.i32, 0) !== 0;
  }

  /** Runs `fn` holding the lock; releases it when `fn` returns, resolves or throws. A timeout rejects with a TimeoutError (there is no boolean to return). */
  async withLock<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('Lock.withLock: fn must be a function');
    if (!(await this.acquire(options))) throw lockTimeout('Lock.withLock');
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Synchronous withLock: blocks the thread to acquire. */
  withLockSync<T>(fn: () => T, options?: SyncWaitOptions): T {
    if (typeof fn !== 'function') throw new TypeError('Lock.withLockSync: fn must be a function');
    if (!this.acquireSync(options)) throw lockTimeout('Lock.withLockSync');
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  [kShare](): unknown {
    return this.i32.buffer;
  }

  private owned(got: boolean): boolean {
    if (got && this.owner) Atomics.store(this.i32, OWNER_PID, process.pid);
    return got;
  }
}

const OWNER_PID = 1;

/** withLock cannot return false in place of fn's result, so a timeout there is an error. */
export function lockTimeout(method: string): Error {
  const err = new Error(`${method}: timed out waiting for the lock`);
  err.name = 'TimeoutError';
  return err;
}

registerShareable(Lock.shareKind, (state) => new Lock(state as SharedArrayBuffer));
