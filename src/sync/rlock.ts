// RLock: a re-entrant lock (Python's threading.RLock). Re-entry is counted per thread: the thread
// that holds it may acquire it again, and must release it as many times.
import { threadId } from 'node:worker_threads';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { SyncStateError } from './errors.js';
import { lockTimeout } from './lock.js';
import { allocShared, isProcessShared } from './memory.js';
import { lockAsync, lockSync, tryLock, unlock, type OwnerCheck } from './mutex.js';
import { checkSignal, parseWaitOptions, sharedInt32, type SyncWaitOptions, type WaitOptions } from './wait.js';

const MUTEX = 0,
  OWNER = 1,
  COUNT = 2;
/** This thread's owner tag: threadId + 1 (0 means "no owner"; the main thread's threadId is 0). */
const THREAD_TAG = threadId + 1;
/** Across processes threadIds repeat, so the tag also holds the pid: (pid << 9 | threadId mod 512) + 1.
 *  The holder's pid can be read back from it, for owner-death detection. */
const PROCESS_TAG = (((process.pid << 9) | (threadId & 511)) + 1) | 0;
const pidOfTag = (tag: number): number => (tag === 0 ? 0 : (tag - 1) >>> 9);

/**
 * Layout: Int32[3] = [futex mutex word, owner tag, re-entry count]. Owner and count are written only
 * by the owning thread while it holds the mutex. Note: "per thread" means two async tasks on the same
 * thread share ownership, as two calls on one Python thread would.
 */
export class RLock implements Shareable {
  static readonly shareKind = 'multicore.RLock';
  /** @internal */ readonly i32: Int32Array;
  private readonly me: number;
  private readonly owner: OwnerCheck | undefined;

  constructor();
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(shared: SharedArrayBuffer);
  constructor(shared?: SharedArrayBuffer) {
    const memory = shared ?? allocShared(12);
    this.i32 = sharedInt32(memory, 3, 'RLock');
    const processes = isProcessShared(memory);
    this.me = processes ? PROCESS_TAG : THREAD_TAG;
    this.owner = processes
      ? {
          pid: () => pidOfTag(Atomics.load(this.i32, OWNER)),
          claim: (pid) => {
            const tag = Atomics.load(this.i32, OWNER);
            if (pidOfTag(tag) !== pid || Atomics.compareExchange(this.i32, OWNER, tag, this.me) !== tag) return false;
            this.i32[COUNT] = 1;
            return true;
          },
        }
      : undefined;
  }

  /** Resolves true once held by this thread (at once when it already is), false on timeout; rejects with an AbortError on `signal`. */
  async acquire(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'RLock.acquire');
    checkSignal(options);
    if (this.reenter()) return true;
    if (!(await lockAsync(this.i32, MUTEX, deadline, options?.signal, this.owner))) return false;
    this.own();
    return true;
  }

  /** Blocks the calling thread; true once held, false on timeout. */
  acquireSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'RLock.acquireSync', false);
    if (this.reenter()) return true;
    if (!lockSync(this.i32, MUTEX, deadline, this.owner)) return false;
    this.own();
    return true;
  }

  tryAcquire(): boolean {
    if (this.reenter()) return true;
    if (!tryLock(this.i32, MUTEX)) return false;
    this.own();
    return true;
  }

  /** Drops one level of ownership; the last one unlocks. Throws SyncStateError when this thread does not hold it. */
  release(): void {
    if (Atomics.load(this.i32, OWNER) !== this.me) throw new SyncStateError('RLock.release: the lock is not held by this thread');
    const left = this.i32[COUNT] - 1;
    this.i32[COUNT] = left;
    if (left === 0) {
      Atomics.store(this.i32, OWNER, 0);
      unlock(this.i32, MUTEX);
    }
  }

  /** Whether this thread holds it. */
  isOwned(): boolean {
    return Atomics.load(this.i32, OWNER) === this.me;
  }

  /** Whether any thread holds it. */
  locked(): boolean {
    return Atomics.load(this.i32, MUTEX) !== 0;
  }

  /** How many times this thread holds it (0 when it does not). */
  get recursionLevel(): number {
    return this.isOwned() ? this.i32[COUNT] : 0;
  }

  async withLock<T>(fn: () => T | Promise<T>, options?: WaitOptions): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('RLock.withLock: fn must be a function');
    if (!(await this.acquire(options))) throw lockTimeout('RLock.withLock');
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  withLockSync<T>(fn: () => T, options?: SyncWaitOptions): T {
    if (typeof fn !== 'function') throw new TypeError('RLock.withLockSync: fn must be a function');
    if (!this.acquireSync(options)) throw lockTimeout('RLock.withLockSync');
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** @internal Condition.wait: release every level, returning the count to restore. */
  releaseAll(): number {
    if (Atomics.load(this.i32, OWNER) !== this.me) throw new SyncStateError('the lock is not held by this thread');
    const count = this.i32[COUNT];
    this.i32[COUNT] = 0;
    Atomics.store(this.i32, OWNER, 0);
    unlock(this.i32, MUTEX);
    return count;
  }

  /** @internal Condition.wait: re-take the mutex (already locked by the caller) at `count` levels. */
  restore(count: number): void {
    this.own(count);
  }

  private reenter(): boolean {
    if (Atomics.load(this.i32, OWNER) !== this.me) return false;
    this.i32[COUNT]++;
    return true;
  }

  private own(count = 1): void {
    Atomics.store(this.i32, OWNER, this.me);
    this.i32[COUNT] = count;
  }

  [kShare](): unknown {
    return this.i32.buffer;
  }
}

registerShareable(RLock.shareKind, (state) => new RLock(state as SharedArrayBuffer));
