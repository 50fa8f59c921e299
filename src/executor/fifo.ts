// A first-in first-out array with a moving head: shift() is O(1) (it clears the slot it leaves, so what
// was taken can be collected) and the array is compacted once the dead head is large, or reset once it
// is empty. Used for the pool's queue, each worker's list of tasks sent to it, and the queue inside a
// worker (worker-entry.ts), which holds flat task records (TASK_FIELDS values each).

/** Past this many dead slots at the head, and when they are over half the array, the array is compacted. */
const COMPACT_AT = 1024;

export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  /** How many items are in it. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds at the tail; returns the new size. */
  push(item: T): number {
    this.items.push(item);
    return this.items.length - this.head;
  }

  /** Takes the head (undefined when empty). */
  shift(): T | undefined {
    const items = this.items;
    if (this.head === items.length) return undefined;
    const item = items[this.head];
    items[this.head++] = undefined;
    if (this.head === items.length) {
      items.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AT && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The item `i` places after the head (0: the head); undefined past the tail. */
  at(i: number): T | undefined {
    return this.items[this.head + i];
  }

  /** Takes the tail (undefined when empty). */
  pop(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items.pop();
    if (this.head === this.items.length) this.clear();
    return item;
  }

  /** Puts `items` before the head, in their order (they come out first). */
  unshiftAll(items: T[]): void {
    if (items.length === 0) return;
    this.items = (items as (T | undefined)[]).concat(this.items.slice(this.head));
    this.head = 0;
  }

  /** The items from the head to the tail, as a new array. */
  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }

  clear(): void {
    this.items.length = 0;
    this.head = 0;
  }
}
