// The PriorityQueue's store: a binary min-heap (Python's heapq) of record offsets over an arena of
// records, both in growable SharedArrayBuffers. Every function here runs with the queue's mutex held.
//
//   index (Int32): [count, top, freed, seq, heap[0], heap[1], ...]   heap[k] = offset of a record
//   data (bytes):  records [u32 n][u32 seq][n bytes: u32 keyLength, key, item], appended at `top`
//
// A record taken off the heap leaves a hole (`freed` counts its bytes); when the arena is full and
// at least half of it is holes (or it cannot grow), the live records slide down (one pass, in offset
// order), so each byte is moved O(1) times on average. Equal keys come out in put order: `seq` (the
// put's number, compared modulo 2^32) breaks ties.
import { growableBuffer, growBuffer, maxBytesOf, type ItemStore, type StoreState } from './item-store.js';
import { compareKeys, IncomparableError } from './priority-key.js';
import { readU32, writeU32 } from './stack-store.js';

const COUNT = 0;
const TOP = 1;
const FREED = 2;
const SEQ = 3;
const HEAP = 4;
const HEADER = 8; // u32 n + u32 seq before each record's bytes
const MIN_RECORD = HEADER + 4 + 2; // a key and an item take at least a byte each

export class HeapStore implements ItemStore {
  readonly overhead = HEADER;
  private readonly u8: Uint8Array; // length-tracking views: follow a grow() made by any thread
  private readonly idx: Int32Array;

  constructor(
    private readonly data: SharedArrayBuffer,
    private readonly index: SharedArrayBuffer,
  ) {
    this.u8 = new Uint8Array(data);
    this.idx = new Int32Array(index);
  }

  /** The buffers of an empty store. */
  static create(initialBytes: number, maxBytes: number): StoreState {
    const maxSlots = HEAP + Math.ceil(maxBytes / MIN_RECORD);
    return { data: growableBuffer(initialBytes, maxBytes), index: growableBuffer(Math.min(64, maxSlots) * 4, maxSlots * 4) };
  }

  get maxCapacity(): number {
    return maxBytesOf(this.data);
  }

  ensureRoom(need: number): boolean {
    const idx = this.idx;
    if ((HEAP + idx[COUNT] + 1) * 4 > this.index.byteLength) {
      if ((HEAP + idx[COUNT] + 1) * 4 > maxBytesOf(this.index)) return false;
      growBuffer(this.index, Math.min(maxBytesOf(this.index), this.index.byteLength * 2));
    }
    const cap = this.data.byteLength;
    if (cap - idx[TOP] >= need) return true;
    const live = idx[TOP] - idx[FREED];
    if (live + need > this.maxCapacity) return false;
    if (idx[FREED] > 0 && (idx[FREED] >= live || idx[TOP] + need > this.maxCapacity)) this.compact();
    if (cap - idx[TOP] >= need) return true;
    growBuffer(this.data, Math.min(this.maxCapacity, Math.max(cap * 2, idx[TOP] + need)));
    return true;
  }

  /**
   * Adds a record (`bytes` = u32 keyLength, key, item). Finds the new item's place before changing
   * anything, so a key Python's heappush could not compare (IncomparableError) leaves the heap as it was.
   */
  push(bytes: Uint8Array): void {
    const idx = this.idx;
    const seq = idx[SEQ];
    let k = idx[COUNT];
    const path: number[] = [];
    try {
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (compareKeys(bytes, 4, this.u8, idx[HEAP + parent] + HEADER + 4) >= 0) break; // ties: the older first
        path.push(parent);
        k = parent;
      }
    } catch (err) {
      if (!(err instanceof IncomparableError)) throw err;
      throw new TypeError(`PriorityQueue.put: the item cannot be ordered against one already queued: ${err.message}`);
    }
    const at = idx[TOP];
    writeU32(this.u8, at, bytes.length);
    writeU32(this.u8, at + 4, seq);
    this.u8.set(bytes, at + HEADER);
    idx[TOP] = at + HEADER + bytes.length;
    idx[SEQ] = (seq + 1) | 0;
    let hole = idx[COUNT];
    for (const parent of path) {
      idx[HEAP + hole] = idx[HEAP + parent];
      hole = parent;
    }
    idx[HEAP + hole] = at;
    idx[COUNT]++;
  }

  /** Removes the least item and returns its bytes (without the key). */
  shift(): Uint8Array {
    const idx = this.idx;
    const at = idx[HEAP];
    const n = readU32(this.u8, at);
    const keyLength = readU32(this.u8, at + HEADER);
    const item = this.u8.slice(at + HEADER + 4 + keyLength, at + HEADER + n);
    const count = --idx[COUNT];
    if (count === 0) {
      this.clear();
      return item;
    }
    idx[FREED] += HEADER + n;
    this.siftDown(idx[HEAP + count], count);
    return item;
  }

  clear(): void {
    this.idx[COUNT] = 0;
    this.idx[TOP] = 0;
    this.idx[FREED] = 0;
  }

  state(): StoreState {
    return { data: this.data, index: this.index };
  }

  /** Puts `record` at the root of the heap[0 .. count) and moves it down to its place. */
  private siftDown(record: number, count: number): void {
    const idx = this.idx;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= count) break;
      if (child + 1 < count && this.less(idx[HEAP + child + 1], idx[HEAP + child])) child++;
      if (!this.less(idx[HEAP + child], record)) break;
      idx[HEAP + k] = idx[HEAP + child];
      k = child;
    }
    idx[HEAP + k] = record;
  }

  /**
   * Record order for a get. Two items whose keys cannot be compared (Python's heappop would raise
   * TypeError and lose the item) are ordered by put order instead: a get never fails on the keys.
   */
  private less(x: number, y: number): boolean {
    let c: number;
    try {
      c = compareKeys(this.u8, x + HEADER + 4, this.u8, y + HEADER + 4);
    } catch (err) {
      if (!(err instanceof IncomparableError)) throw err;
      c = 0;
    }
    if (c !== 0) return c < 0;
    return ((readU32(this.u8, x + 4) - readU32(this.u8, y + 4)) | 0) < 0;
  }

  /** Slides the live records down over the holes, in offset order, and updates their heap slots. */
  private compact(): void {
    const idx = this.idx;
    const count = idx[COUNT];
    const slots = Array.from({ length: count }, (_, k) => k).sort((p, q) => idx[HEAP + p] - idx[HEAP + q]);
    let to = 0;
    for (const slot of slots) {
      const from = idx[HEAP + slot];
      const size = HEADER + readU32(this.u8, from);
      if (from !== to) this.u8.copyWithin(to, from, from + size);
      idx[HEAP + slot] = to;
      to += size;
    }
    idx[TOP] = to;
    idx[FREED] = 0;
  }
}
