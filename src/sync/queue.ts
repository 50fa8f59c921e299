// Queue (Python's queue.Queue / multiprocessing.JoinableQueue): multi-producer multi-consumer, for
// structured-cloneable items, serialized (item-codec.ts: node:v8, with a fast path for small
// primitives) into a byte ring in shared memory.
import { allocShared, isSharedBuffer } from './memory.js';
import { encodeItem, decodeItem } from './item-codec.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { QueueClosedError, QueueEmptyError, QueueFullError, SyncStateError } from './errors.js';
import { lockSync, unlock } from './mutex.js';
import {
  Ring,
  MUTEX,
  COUNT,
  NOT_EMPTY,
  NOT_FULL,
  UNFINISHED,
  CLOSED,
  MAX_SIZE,
  GET_WAITERS,
  PUT_WAITERS,
  BYTES_BLOCKED,
  CONTROL_WORDS,
} from './ring.js';
import { growableBuffer, type ItemStore, type StoreState } from './item-store.js';
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
  static readonly shareKind: string = 'multicore.Queue';
  /** @internal */ readonly ctl: Int32Array;
  private readonly ring: ItemStore;
  /** The class name for messages ('Queue', 'LifoQueue', ...). */
  private readonly kind: string;

  constructor(options?: QueueOptions);
  /** @internal the reviver's form: the same queue over existing shared memory */ constructor(
    options: QueueOptions,
    shared: StoreState & { ctl: SharedArrayBuffer },
  );
  constructor(options: QueueOptions = {}, shared?: StoreState & { ctl: SharedArrayBuffer }) {
    this.kind = new.target.name;
    if (shared !== undefined) {
      this.ctl = sharedInt32(shared.ctl, CONTROL_WORDS, this.kind);
      this.ring = this.openStore(this.ctl, shared);
      return;
    }
    const kind = this.kind;
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`${kind}: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['maxSize', 'initialBytes', 'maxBytes'], kind);
    const maxSize = options.maxSize === undefined ? 0 : positiveInt(options.maxSize, `${kind}: options.maxSize`, 0);
    const maxBytes = options.maxBytes === undefined ? 64 << 20 : positiveInt(options.maxBytes, `${kind}: options.maxBytes`, 64, 2 ** 30);
    const initialBytes =
      options.initialBytes === undefined
        ? Math.min(16 << 10, maxBytes)
        : positiveInt(options.initialBytes, `${kind}: options.initialBytes`, 64, maxBytes);
    this.ctl = new Int32Array(allocShared(CONTROL_WORDS * 4), 0, CONTROL_WORDS);
    this.ctl[MAX_SIZE] = maxSize;
    this.ring = this.openStore(this.ctl, this.newStoreState(initialBytes, maxBytes));
  }

  /** @internal The buffers of a new, empty store (FIFO: one byte ring). Subclasses with another order override both. */
  protected newStoreState(initialBytes: number, maxBytes: number): StoreState {
    return { data: growableBuffer(initialBytes, maxBytes) };
  }

  /** @internal The store over the given buffers (run by the constructor, in every thread that revives this queue). */
  protected openStore(ctl: Int32Array, state: StoreState): ItemStore {
    if (!isSharedBuffer(state.data)) {
      throw new TypeError(`${this.kind}: shared data must be a SharedArrayBuffer or process-shared memory`);
    }
    return new Ring(ctl, state.data as SharedArrayBuffer);
  }

  get maxSize(): number {
    return this.ctl[MAX_SIZE];
  }
  /** Items queued now (a snapshot). */
  qsize(): number {
    return Atomics.load(this.ctl, COUNT);
  }
  empty(): boolean {
    return this.qsize() === 0;
  }
  full(): boolean {
    return this.maxSize > 0 && this.qsize() >= this.maxSize;
  }
  get closed(): boolean {
    return Atomics.load(this.ctl, CLOSED) !== 0;
  }

  /**
   * Adds an item, waiting (without blocking the event loop) while the queue is full. Rejects with
   * QueueFullError on timeout (Python: queue.Full), QueueClosedError when closed, AbortError on
   * `signal`, and DataCloneError for an item that is not structured-cloneable.
   */
  async put(item: T, options?: WaitOptions): Promise<void> {
    const deadline = parseWaitOptions(options, `${this.kind}.put`);
    checkSignal(options);
    const bytes = this.encode(item);
    await this.untilAsync(() => this.tryPutLocked(bytes) || undefined, NOT_FULL, PUT_WAITERS, deadline, QueueFullError, options?.signal);
  }

  /** Blocking put (Atomics.wait); throws as put rejects. */
  putSync(item: T, options?: SyncWaitOptions): void {
    const deadline = parseWaitOptions(options, `${this.kind}.putSync`, false);
    const bytes = this.encode(item);
    this.untilSync(() => this.tryPutLocked(bytes) || undefined, NOT_FULL, PUT_WAITERS, deadline, QueueFullError);
  }

  /**
   * Removes and returns the oldest item, waiting (without blocking the event loop) while the queue is
   * empty. Rejects with QueueEmptyError on timeout (Python: queue.Empty), QueueClosedError once the
   * queue is closed and drained, AbortError on `signal`.
   */
  async get(options?: WaitOptions): Promise<T> {
    const deadline = parseWaitOptions(options, `${this.kind}.get`);
    checkSignal(options);
    const bytes = await this.untilAsync(() => this.tryGetLocked(), NOT_EMPTY, GET_WAITERS, deadline, QueueEmptyError, options?.signal);
    return decodeItem(bytes) as T;
  }

  /** Blocking get (Atomics.wait); throws as get rejects. */
  getSync(options?: SyncWaitOptions): T {
    const deadline = parseWaitOptions(options, `${this.kind}.getSync`, false);
    return decodeItem(this.untilSync(() => this.tryGetLocked(), NOT_EMPTY, GET_WAITERS, deadline, QueueEmptyError)) as T;
  }

  /** put with timeoutMs 0: throws QueueFullError at once when full. */
  putNowait(item: T): void {
    this.putSync(item, { timeoutMs: 0 });
  }
  /** get with timeoutMs 0: throws QueueEmptyError at once when empty. */
  getNowait(): T {
    return this.getSync({ timeoutMs: 0 });
  }

  /** Marks one item got earlier as processed; throws SyncStateError when called more times than items were put. */
  taskDone(): void {
    const prev = Atomics.sub(this.ctl, UNFINISHED, 1);
    if (prev <= 0) {
      Atomics.add(this.ctl, UNFINISHED, 1);
      throw new SyncStateError(`${this.kind}.taskDone: called more times than there were items`);
    }
    if (prev === 1) notify(this.ctl, UNFINISHED);
  }

  /** Resolves true once every item put has been marked taskDone (false on timeout); rejects with an AbortError on `signal`. */
  async join(options?: WaitOptions): Promise<boolean> {
    const deadline = parseWaitOptions(options, `${this.kind}.join`);
    checkSignal(options);
    let v: number;
    while ((v = Atomics.load(this.ctl, UNFINISHED)) !== 0) {
      const left = remaining(deadline);
      if (left <= 0) return false;
      await waitAsync(this.ctl, UNFINISHED, v, left, options?.signal);
    }
    return true;
  }

  /** Blocking join. */
  joinSync(options?: SyncWaitOptions): boolean {
    const deadline = parseWaitOptions(options, `${this.kind}.joinSync`, false);
    let v: number;
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
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`${this.kind}.close: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['immediate'], `${this.kind}.close`);
    if (options.immediate !== undefined && typeof options.immediate !== 'boolean')
      throw new TypeError(`${this.kind}.close: options.immediate must be a boolean, got ${describe(options.immediate)}`);
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

  /** @internal The bytes stored for `item` (PriorityQueue prefixes its sort key). */
  protected serialize(item: T): Uint8Array {
    try {
      return encodeItem(item);
    } catch (err) {
      // Same error as postMessage gives for what the structured clone algorithm cannot copy.
      throw new DOMException(`${this.kind}.put: the item could not be cloned (${(err as Error).message})`, 'DataCloneError');
    }
  }

  private encode(item: T): Uint8Array {
    const bytes = this.serialize(item);
    if (bytes.length + this.ring.overhead > this.ring.maxCapacity) {
      throw new RangeError(
        `${this.kind}.put: item takes ${bytes.length} bytes serialized, more than the queue's maxBytes (${this.ring.maxCapacity})`,
      );
    }
    return bytes;
  }

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
  private async untilAsync<R>(
    attempt: () => R | undefined,
    word: number,
    waiters: number,
    deadline: number,
    Timeout: new () => Error,
    signal?: AbortSignal,
  ): Promise<R> {
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
        try {
          await waitAsync(this.ctl, word, seq, left, signal);
        } finally {
          lockSync(this.ctl, MUTEX, Infinity);
          this.ctl[waiters]--;
        }
      }
    } finally {
      unlock(this.ctl, MUTEX);
    }
  }

  /** With the mutex held: puts and wakes one getter, or returns false when it must wait. */
  private tryPutLocked(bytes: Uint8Array): boolean {
    if (this.ctl[CLOSED]) throw new QueueClosedError();
    const max = this.ctl[MAX_SIZE];
    if (max > 0 && this.ctl[COUNT] >= max) return false;
    if (!this.ring.ensureRoom(bytes.length + this.ring.overhead)) {
      this.ctl[BYTES_BLOCKED] = 1;
      return false;
    }
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
    return { ctl: this.ctl.buffer, ...this.ring.state() };
  }
}

registerShareable(Queue.shareKind, (state) => new Queue({}, state));
