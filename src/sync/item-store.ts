// Where a Queue keeps its serialized items: the one interface behind the FIFO ring (ring.ts), the
// LIFO stack (stack-store.ts) and the priority heap (heap-store.ts). A store lives in growable
// SharedArrayBuffers, so every thread that revives the queue opens the same store; every method
// runs with the queue's mutex held.
import { allocGrowable } from './memory.js';

/** The buffers a store lives in (structured-cloneable: they travel with the queue). */
export interface StoreState {
  data: SharedArrayBuffer;
  [buffer: string]: SharedArrayBuffer;
}

export interface ItemStore {
  /** Bytes a store adds to each item's bytes (its length prefix and the like). */
  readonly overhead: number;
  /** The most bytes the store may ever hold. */
  readonly maxCapacity: number;
  /** Makes room for `need` bytes (item + overhead), growing the buffers when allowed; false when it cannot. */
  ensureRoom(need: number): boolean;
  /** Adds an item's bytes (room was ensured). */
  push(bytes: Uint8Array): void;
  /** Removes and returns the next item's bytes in the store's order (there is one). */
  shift(): Uint8Array;
  /** Drops every item. */
  clear(): void;
  /** The buffers to send to another thread. */
  state(): StoreState;
}

/** A SharedArrayBuffer of `initial` bytes that can grow to `max` (every thread's length-tracking views follow). */
export function growableBuffer(initial: number, max: number): SharedArrayBuffer {
  // Inside acrossProcesses() a segment of fixed size (other processes' mappings cannot follow a grow):
  // `max` bytes, at most 1 MiB unless more is needed at once. Its maxByteLength is its byteLength, so
  // the stores never try to grow it.
  return allocGrowable(initial, max, Math.min(max, Math.max(initial, 1 << 20))) as SharedArrayBuffer;
}

/** Grows `sab` to `bytes` (never shrinks). */
export function growBuffer(sab: SharedArrayBuffer, bytes: number): void {
  (sab as unknown as { grow(n: number): void }).grow(bytes);
}

/** The most bytes `sab` may grow to. */
export function maxBytesOf(sab: SharedArrayBuffer): number {
  return (sab as unknown as { maxByteLength: number }).maxByteLength;
}
