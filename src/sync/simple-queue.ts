// SimpleQueue (Python's queue.SimpleQueue): an unbounded FIFO without task tracking. It wraps a
// Queue rather than extending it, so it has no maxSize, full(), taskDone(), join() or close(), as
// in Python; passed to another thread it arrives as the same live queue.
import { Queue } from './queue.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { checkOptionNames, describe, type SyncWaitOptions, type WaitOptions } from './wait.js';

export interface SimpleQueueOptions {
  /** Bytes of shared memory reserved at first (default 16 KiB); grows by doubling. */
  initialBytes?: number;
  /** Most bytes the serialized items may take (default 64 MiB); a put waits only while they would not fit. */
  maxBytes?: number;
}

export class SimpleQueue<T = unknown> implements Shareable {
  static readonly shareKind = 'multicore.SimpleQueue';
  private readonly queue: Queue<T>;

  constructor(options?: SimpleQueueOptions);
  /** @internal the reviver's form: over an existing queue */ constructor(options: SimpleQueueOptions, shared: Queue<T>);
  constructor(options: SimpleQueueOptions = {}, shared?: Queue<T>) {
    if (shared !== undefined) {
      this.queue = shared;
      return;
    }
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`SimpleQueue: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['initialBytes', 'maxBytes'], 'SimpleQueue');
    this.queue = new Queue<T>(options);
  }

  /** Items queued now (a snapshot). */
  qsize(): number {
    return this.queue.qsize();
  }
  empty(): boolean {
    return this.queue.empty();
  }

  /** Adds an item. Never waits for room in items (unbounded); only while its bytes would pass `maxBytes`. */
  put(item: T, options?: WaitOptions): Promise<void> {
    return this.queue.put(item, options);
  }
  putSync(item: T, options?: SyncWaitOptions): void {
    this.queue.putSync(item, options);
  }
  putNowait(item: T): void {
    this.queue.putNowait(item);
  }

  /** Removes and returns the oldest item, waiting while empty; QueueEmptyError on timeout, AbortError on `signal`. */
  get(options?: WaitOptions): Promise<T> {
    return this.queue.get(options);
  }
  getSync(options?: SyncWaitOptions): T {
    return this.queue.getSync(options);
  }
  getNowait(): T {
    return this.queue.getNowait();
  }

  [kShare](): unknown {
    return this.queue[kShare]();
  }
}

registerShareable(SimpleQueue.shareKind, (state) => new SimpleQueue({}, new Queue({}, state)));
