// The Queue's byte ring: length-prefixed serialized items in a growable SharedArrayBuffer.
// Every function here runs with the Queue's mutex held.
import type { ItemStore, StoreState } from './item-store.js';

/** Control words (Int32) of a Queue. */
export const MUTEX = 0,
  COUNT = 1,
  NOT_EMPTY = 2,
  NOT_FULL = 3,
  UNFINISHED = 4,
  CLOSED = 5,
  HEAD = 6,
  TAIL = 7,
  USED = 8,
  MAX_SIZE = 9,
  GET_WAITERS = 10,
  PUT_WAITERS = 11,
  BYTES_BLOCKED = 12;
export const CONTROL_WORDS = 13;
const PREFIX = 4;

/** The FIFO store of a Queue. */
export class Ring implements ItemStore {
  readonly u8: Uint8Array; // length-tracking view: follows grow() made by any thread
  readonly overhead = PREFIX;

  constructor(
    readonly ctl: Int32Array,
    readonly data: SharedArrayBuffer,
  ) {
    this.u8 = new Uint8Array(data);
  }

  get capacity(): number {
    return this.data.byteLength;
  }
  get maxCapacity(): number {
    return (this.data as unknown as { maxByteLength: number }).maxByteLength;
  }

  /** Makes room for `need` bytes, growing the buffer when allowed; false when it cannot. */
  ensureRoom(need: number): boolean {
    const used = this.ctl[USED];
    const cap = this.capacity;
    if (cap - used >= need) return true;
    if (used + need > this.maxCapacity) return false;
    const newCap = Math.min(this.maxCapacity, Math.max(cap * 2, used + need));
    (this.data as unknown as { grow(n: number): void }).grow(newCap);
    const head = this.ctl[HEAD];
    if (used > 0 && head + used > cap) {
      // Wrapped: move the [head, cap) segment to the end of the grown buffer.
      const moved = cap - head;
      this.u8.copyWithin(newCap - moved, head, cap);
      this.ctl[HEAD] = newCap - moved;
    } else if (used === 0) {
      this.ctl[HEAD] = 0;
      this.ctl[TAIL] = 0;
    } else {
      this.ctl[TAIL] = head + used; // contiguous: tail may have wrapped to 0 exactly at cap
    }
    return true;
  }

  push(bytes: Uint8Array): void {
    const cap = this.capacity;
    let tail = this.ctl[TAIL];
    const n = bytes.length;
    for (let k = 0; k < PREFIX; k++) this.u8[(tail + k) % cap] = (n >>> (8 * k)) & 0xff;
    tail = this.write((tail + PREFIX) % cap, bytes, cap);
    this.ctl[TAIL] = tail;
    this.ctl[USED] += PREFIX + n;
  }

  shift(): Uint8Array {
    const cap = this.capacity;
    let head = this.ctl[HEAD];
    let n = 0;
    for (let k = 0; k < PREFIX; k++) n |= this.u8[(head + k) % cap]! << (8 * k);
    n >>>= 0;
    const out = new Uint8Array(n);
    head = this.read((head + PREFIX) % cap, out, cap);
    this.ctl[USED] -= PREFIX + n;
    if (this.ctl[USED] === 0) {
      head = 0;
      this.ctl[TAIL] = 0;
    }
    this.ctl[HEAD] = head;
    return out;
  }

  state(): StoreState {
    return { data: this.data };
  }

  clear(): void {
    this.ctl[HEAD] = 0;
    this.ctl[TAIL] = 0;
    this.ctl[USED] = 0;
  }

  private write(at: number, src: Uint8Array, cap: number): number {
    const first = Math.min(src.length, cap - at);
    this.u8.set(first === src.length ? src : src.subarray(0, first), at);
    if (first < src.length) this.u8.set(src.subarray(first), 0);
    return (at + src.length) % cap;
  }

  private read(at: number, dst: Uint8Array, cap: number): number {
    const first = Math.min(dst.length, cap - at);
    dst.set(this.u8.subarray(at, at + first));
    if (first < dst.length) dst.set(this.u8.subarray(0, dst.length - first), first);
    return (at + dst.length) % cap;
  }
}
