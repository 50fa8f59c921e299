// PriorityQueue (Python's queue.PriorityQueue): a Queue whose get returns the least item, ordered
// as Python's heapq orders them (priority-key.ts says what is comparable).
import { HeapStore } from './heap-store.js';
import type { ItemStore, StoreState } from './item-store.js';
import { encodeKey } from './priority-key.js';
import { isSharedBuffer } from './memory.js';
import { Queue } from './queue.js';
import { registerShareable } from './registry.js';
import { writeU32 } from './stack-store.js';

/**
 * Everything as Queue (maxSize, timeouts, taskDone/join, close, across threads), but `get` returns
 * the least item: numbers, strings, or arrays such as `[priority, item]` compared element by element
 * (Python's tuples). Comparing a number with a string, or two values that are neither (objects,
 * null, ...), throws a TypeError from `put`, where Python's heappush raises one: `[1, {...}]` and
 * `[2, {...}]` are fine, `[1, {...}]` twice is not. Equal items come out in the order they were put.
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static override readonly shareKind: string = 'multicore.PriorityQueue';

  /** @internal */
  protected override newStoreState(initialBytes: number, maxBytes: number): StoreState {
    return HeapStore.create(initialBytes, maxBytes);
  }

  /** @internal */
  protected override openStore(_ctl: Int32Array, state: StoreState): ItemStore {
    if (!isSharedBuffer(state.data) || !isSharedBuffer(state.index)) {
      throw new TypeError('PriorityQueue: shared data and index must be SharedArrayBuffers or process-shared memory');
    }
    return new HeapStore(state.data, state.index);
  }

  /** @internal The sort key, then the item: [u32 key length][key][item]. */
  protected override serialize(item: T): Uint8Array {
    const value = super.serialize(item);
    const key = encodeKey(item);
    const bytes = new Uint8Array(4 + key.length + value.length);
    writeU32(bytes, 0, key.length);
    bytes.set(key, 4);
    bytes.set(value, 4 + key.length);
    return bytes;
  }
}

registerShareable(PriorityQueue.shareKind, (state) => new PriorityQueue({}, state));
