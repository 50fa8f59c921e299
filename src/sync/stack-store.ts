// The LifoQueue's store: items pushed on and popped off the top of a stack in a growable
// SharedArrayBuffer, each as [bytes][u32 length] so the top item's length sits just below the top.
// ctl[USED] (the Ring's "bytes used" word) is the top. Every function here runs with the queue's mutex held.
import { growBuffer, maxBytesOf, type ItemStore, type StoreState } from './item-store.js';
import { USED } from './ring.js';

const SUFFIX = 4;

export class StackStore implements ItemStore {
  readonly overhead = SUFFIX;
  private readonly u8: Uint8Array; // length-tracking: follows a grow() made by any thread

  constructor(
    private readonly ctl: Int32Array,
    private readonly data: SharedArrayBuffer,
  ) {
    this.u8 = new Uint8Array(data);
  }

  get maxCapacity(): number {
    return maxBytesOf(this.data);
  }

  ensureRoom(need: number): boolean {
    const top = this.ctl[USED];
    const cap = this.data.byteLength;
    if (cap - top >= need) return true;
    if (top + need > this.maxCapacity) return false;
    growBuffer(this.data, Math.min(this.maxCapacity, Math.max(cap * 2, top + need)));
    return true;
  }

  push(bytes: Uint8Array): void {
    const top = this.ctl[USED];
    this.u8.set(bytes, top);
    writeU32(this.u8, top + bytes.length, bytes.length);
    this.ctl[USED] = top + bytes.length + SUFFIX;
  }

  shift(): Uint8Array {
    const top = this.ctl[USED] - SUFFIX;
    const n = readU32(this.u8, top);
    this.ctl[USED] = top - n;
    return this.u8.slice(top - n, top);
  }

  clear(): void {
    this.ctl[USED] = 0;
  }

  state(): StoreState {
    return { data: this.data };
  }
}

/** Little-endian u32 at `at` (byte by byte: `at` need not be aligned). */
export function readU32(u8: Uint8Array, at: number): number {
  return (u8[at]! | (u8[at + 1]! << 8) | (u8[at + 2]! << 16) | (u8[at + 3]! << 24)) >>> 0;
}

export function writeU32(u8: Uint8Array, at: number, v: number): void {
  u8[at] = v & 0xff;
  u8[at + 1] = (v >>> 8) & 0xff;
  u8[at + 2] = (v >>> 16) & 0xff;
  u8[at + 3] = (v >>> 24) & 0xff;
}
