// LifoQueue (Python's queue.LifoQueue): a Queue whose get returns the item put last.
import type { ItemStore, StoreState } from './item-store.js';
import { isSharedBuffer } from './memory.js';
import { Queue } from './queue.js';
import { registerShareable } from './registry.js';
import { StackStore } from './stack-store.js';

/** Everything as Queue (maxSize, timeouts, taskDone/join, close, across threads), but last in, first out. */
export class LifoQueue<T = unknown> extends Queue<T> {
  static override readonly shareKind: string = 'multicore.LifoQueue';

  /** @internal */
  protected override openStore(ctl: Int32Array, state: StoreState): ItemStore {
    if (!isSharedBuffer(state.data)) throw new TypeError('LifoQueue: shared data must be a SharedArrayBuffer or process-shared memory');
    return new StackStore(ctl, state.data);
  }
}

registerShareable(LifoQueue.shareKind, (state) => new LifoQueue({}, state));
