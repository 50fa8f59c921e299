// Queue (Python's queue.Queue / multiprocessing.JoinableQueue): multi-producer multi-consumer, for
// structured-cloneable items, serialized (item-codec.ts: node:v8, with a fast path for small
// primitives) into a byte ring in shared memory.
import { allocGrowable, allocShared, isProcessShared } from './memory.js';
import { encodeItem, decodeItem } from './item-codec.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { QueueClosedError, QueueEmptyError, QueueFullError, SyncStateError } from './errors.js';
import { lockSync, unlock } from './mutex.js';
import { Ring, MUTEX, COUNT, NOT_EMPTY, NOT_FULL, UNFINISHED, CLOSED, MAX_SIZE, GET_WAITERS, PUT_WAITERS, BYTES_BLOCKED, CONTROL_WORDS } from './ring.js';
import { checkOptionNames, checkSignal, describe, parseWaitOptions, positiveInt, remaining, sharedInt32, waitAsync, waitSync, type SyncWaitOptions, type WaitOptions, notify } from './wait.js';

export interface QueueOptions {
  /** Most items held at once; 0 (default) for no limit but memory. */
  maxSize?: number;
  /** Bytes of shared memory reserved at first (default 16 KiB); grows by doubling. */
  initialBytes?: number;
  /** Most bytes the serialized items may take (default 64 MiB); a put waits while they would not fit. */
  maxBytes?: number;
}

/**
 * The internal mutex guards only the ring's bookkeeping and one memcpy, never user code, so every
 * path (async ones too) takes it with a short blocking lock and never holds it across an await: a
 * sync call on the same thread can then never deadlock against a suspended async one.
 */
export class Queue<T = unknown> implements Shareable {
  static readonly shareKind = 'multicore.Queue';
  /** @internal */ readonly ctl: Int32Array;
  private readonly ring: Ring;

  constructor(options: QueueOptions = {}, /** @internal */ shared?: { ctl: SharedArrayBuffer; data: SharedArrayBuffer }) {
    if (shared !== undefined) {
      this.ctl = sharedInt32(shared.ctl, CONTROL_WORDS, 'Queue');
      if (!(shared.data instanceof SharedArrayBuffer || isProcessShared(shared.data))) throw new TypeError('Queue: shared data must be a SharedArrayBuffer or process-shared memory');
      this.ring = new Ring(this.ctl, shared.data);
      return;
    }
    if (typeof options !== 'object' || options === null) throw new TypeError(`Queue: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['maxSize', 'initialBytes', 'maxBytes'], 'Queue');
    const maxSize = options.maxSize === undefined ? 0 : positiveInt(options.maxSize, 'Queue: options.maxSize', 0);
    const maxBytes = options.maxBytes === undefined ? 64 << 20 : positiveInt(options.maxBytes, 'Queue: options.maxBytes', 64, 2 ** 30);
    const initialBytes = options.initialBytes === undefined ? Math.min(16 << 10, maxBytes)
      : positiveInt(options.initialBytes, 'Queue: options.initialBytes', 64, maxBytes);
    this.ctl = new Int32Array(allocShared(CONTROL_WORDS * 4), 0, CONTROL_WORDS);
    this.ctl[MAX_SIZE] = maxSize;
    // Across processes the ring cannot grow (other processes' mappings would not follow): it gets
    // maxBytes at once, 1 MiB unless given.
    const data = allocGrowable(initialBytes, maxBytes, options.maxBytes ?? Math.max(initialBytes, 1 << 20)) as SharedArrayBuffer;
    this.ring = new Ring(this.ctl, data);
  }

  get maxSize(): number { return this.ctl[MAX_SIZE]; }
  /** Items queued now (a snapshot). */
  qsize(): number { return Atomics.load(this.ctl, COUNT); }
  empty(): boolean { return this.qsize() === 0; }
  full(): boolean { return this.maxSize > 0 && this.qsize() >= this.maxSize; }
  get closed(): boolean { return Atomics.load(this.ctl, CLOSED) !== 0; }

  /**
   * Adds an item, waiting (without blocking the event loop) while the queue is full. Rejects with
   * QueueFullError on timeout (Python: queue.Full), QueueClosedError when closed, AbortError on
   * `signal`, and DataCloneError for an item that is not structured-cloneable.
   */
  async put(item: T, options?: WaitOptions): Promise<void> {
    const deadline = parseWaitOptions(options, 'Queue.put');
    checkSignal(options);
    const bytes = this.encode(item);
    await this.untilAsync(() => this.tryPutLocked(bytes) || undefined, NOT_FULL, PUT_WAITERS, deadline, QueueFullError, options?.signal);
  }

  /** Blocking put (Atomics.wait); throws as put rejects. */
  putSync(item: T, options?: SyncWaitOptions): void {
    const deadline = parseWaitOptions(options, 'Queue.putSync', false);
    const bytes = this.encode(item);
    this.untilSync(() => this.tryPutLocked(bytes) || undefined, NOT_FULL, PUT_WAITERS, deadline, QueueFullError);
  }

  /**
   * Removes and returns the oldest item, waiting (without blocking the event loop) while the queue is
   * empty. Rejects with QueueEmptyError on timeout (Python: queue.Empty), QueueClosedError once the
   * queue is closed and drained, AbortError on `signal`.
   */
  async get(options?: WaitOptions): Promise<T> {
    const deadline = parseWaitOptions(options, 'Queue.get');
    checkSignal(options);
    const bytes = await this.untilAsync(() => this.tryGetLocked(), NOT_EMPTY, GET_WAITERS, deadline, QueueEmptyError, options?.signal);
    return decodeItem(bytes) as T;
  }

  /** Blocking get (Atomics.wait); throws as get rejects. */
  getSync(options?: SyncWaitOptions): T {
    const deadline = parseWaitOptions(options, 'Queue.getSync', false);
    return decodeItem(this.untilSync(() => this.tryGetLocked(), NOT_EMPTY, GET_WAITERS, deadline, QueueEmptyError)) as T;
  }

  /** put with timeoutMs 0: throws QueueFullError at once when full. */
  putNowait(item: T): void { this.putSync(item, { timeoutMs: 0 }); }
  /** get with timeoutMs 0: throws QueueEmptyError at once when empty. */
  getNowait(): T { return this.getSync({ timeoutMs: 0 }); }

  /** Marks one item got earlier as processed; throws SyncStateError when called more times than items were put. */
  taskDone(): void {
    const prev = Atomics.sub(this.ctl, UNFINISHED, 1);
    if (prev <= 0) {
      Atomics.add(this.ctl, UNFINISHED, 1);
      throw new SyncStateError('Queue.taskDone: called more times than there were items');
    }
    if (prev === 1) notify(this.ctl, UNFINISHED);
  }

  /** Resolves true once every item put has been marked taskDone (false on timeout); rejects with an AbortError on `signal`. */
  async join(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, 'Queue.join');
    checkSignal(options);
    let v;
    while ((v = Atomics.load(this.ctl, UNFINISHED)) !== 0) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      await waitAsync(this.ctl, UNFINISHED, v, left, options?.signal);
    }
    return true;
  }

  /** Blocking join. */
  joinSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, 'Queue.joinSync', false);
    let v;
    while ((v = Atomics.load(this.ctl, UNFINISHED)) !== 0) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      waitSync(this.ctl, UNFINISHED, v, left);
    }
    return true;
  }

  /**
   * Closes the queue (Python 3.13's shutdown) and wakes every blocked put and get: puts then throw
   * QueueClosedError; gets return what is left, then throw QueueClosedError. With `immediate`, the
   * items left are discarded and counted as done, so join() returns too.
   */
  close(options: { immediate?: boolean } = {}): void {
    if (typeof options !== 'object' || options === null) throw new TypeError(`Queue.close: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['immediate'], 'Queue.close');
    if (options.immediate !== undefined && typeof options.immediate !== 'boolean') throw new TypeError(`Queue.close: options.immediate must be a boolean, got ${describe(options.immediate)}`);
    lockSync(this.ctl, MUTEX, Infinity);
    try {
      Atomics.store(this.ctl, CLOSED, 1);
      if (options.immediate) {
        const dropped = this.ctl[COUNT];
        Atomics.store(this.ctl, COUNT, 0);
        this.ring.clear();
        if (dropped > 0 && Atomics.sub(this.ctl, UNFINISHED, dropped) === dropped) notify(this.ctl, UNFINISHED);
      }
      this.ctl[NOT_EMPTY]++;
      this.ctl[NOT_FULL]++;
    } finally {
      unlock(this.ctl, MUTEX);
    }
    notify(this.ctl, NOT_EMPTY);
    notify(this.ctl, NOT_FULL);
  }

  private encode(item: T): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = encodeItem(item);
    } catch (err) {
      // Same error as postMessage gives for what the structured clone algorithm cannot copy.
      throw new DOMException(`Queue.put: the item could not be cloned (${(err as Error).message})`, 'DataCloneError');
    }
    if (bytes.length + 4 > this.ring.maxCapacity) {
      throw new RangeError(`Queue.put: item takes ${bytes.length} bytes serialized, more than the queue's maxBytes (${this.ring.maxCapacity})`);
    }
    return bytes;
  }

  /** With the mutex held: puts and wakes one getter, or returns false when it must wait. */
  /**
   * Runs `attempt` under the queue's mutex until it returns a value, waiting on `word` (NOT_FULL or
   * NOT_EMPTY, bumped by the other side) in between, with `waiters` counting the sleepers. The mutex is
   * never held while waiting. Throws `Timeout` when the deadline passes.
   */
  private untilSync<R>(attempt: () => R | undefined, word: number, waiters: number, deadline: number, Timeout: new () => Error): R {
    lockSync(this.ctl, MUTEX, Infinity);
    try {
      for (;;) {
        const r = attempt();
        if (r !== undefined) return r;
        const left = remaining(deadline);
        if (left <= 0) throw new Timeout();
        const seq = this.ctl[word];
        this.ctl[waiters]++;
        unlock(this.ctl, MUTEX);
        waitSync(this.ctl, word, seq, left);
        lockSync(this.ctl, MUTEX, Infinity);
        this.ctl[waiters]--;
      }
    } finally {
      unlock(this.ctl, MUTEX);
    }
  }

  /** As untilSync, but waits without blocking the event loop (and rejects on `signal`). */
  private async untilAsync<R>(attempt: () => R | undefined, word: number, waiters: number, deadline: number,
    Timeout: new () => Error, signal?: AbortSignal): Promise<R> {
    lockSync(this.ctl, MUTEX, Infinity);
    try {
      for (;;) {
        const r = attempt();
        if (r !== undefined) return r;
        const left = remaining(deadline);
        if (left <= 0) throw new Timeout();
        const seq = this.ctl[word];
        this.ctl[waiters]++;
        unlock(this.ctl, MUTEX);
        try { await waitAsync(this.ctl, word, seq, left, signal); }
        finally { lockSync(this.ctl, MUTEX, Infinity); this.ctl[waiters]--; }
      }
    } finally {
      unlock(this.ctl, MUTEX);
    }
  }

  private tryPutLocked(bytes: Uint8Array): boolean {
    if (this.ctl[CLOSED]) throw new QueueClosedError();
    const max = this.ctl[MAX_SIZE];
    if (max > 0 && this.ctl[COUNT] >= max) return false;
    if (!this.ring.ensureRoom(bytes.length + 4)) { this.ctl[BYTES_BLOCKED] = 1; return false; }
    this.ring.push(bytes);
    Atomics.add(this.ctl, COUNT, 1);
    Atomics.add(this.ctl, UNFINISHED, 1);
    this.ctl[NOT_EMPTY]++;
    if (this.ctl[GET_WAITERS] > 0) notify(this.ctl, NOT_EMPTY, 1);
    return true;
  }

  /** With the mutex held: takes the oldest item's bytes and wakes putters, or returns undefined when it must wait. */
  private tryGetLocked(): Uint8Array | undefined {
    if (this.ctl[COUNT] === 0) {
      if (this.ctl[CLOSED]) throw new QueueClosedError();
      return undefined;
    }
    const bytes = this.ring.shift();
    Atomics.sub(this.ctl, COUNT, 1);
    this.ctl[NOT_FULL]++;
    if (this.ctl[PUT_WAITERS] > 0) {
      // A putter blocked on bytes (not on maxSize) may need more than one freed item: wake them all.
      const all = this.ctl[BYTES_BLOCKED] !== 0;
      this.ctl[BYTES_BLOCKED] = 0;
      notify(this.ctl, NOT_FULL, all ? Infinity : 1);
    }
    return bytes;
  }

  [kShare](): unknown {
    return { ctl: this.ctl.buffer, data: this.ring.data };
  }
}

registerShareable(Queue.shareKind, (state) => new Queue({}, state as { ctl: SharedArrayBuffer; data: SharedArrayBuffer }));
