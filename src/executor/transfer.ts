// Zero-copy transfer: wrap an argument (or a task's return value) in `transfer(value)` and its
// ArrayBuffers are moved to the other thread instead of copied; the sender's view is detached.
// SharedArrayBuffers never need this: they are always shared. Process pools copy (no shared memory).

import type { TransferListItem } from 'node:worker_threads';

export type Transferable = TransferListItem;

const kTransfer = Symbol.for('multicore.transfer');

export interface Transfer<T> {
  readonly [kTransfer]: true;
  readonly value: T;
  readonly list: Transferable[];
}

/** Marks `value` for zero-copy transfer. `list` defaults to the buffer of a typed array / DataView, or an ArrayBuffer itself. */
export function transfer<T>(value: T, list?: readonly Transferable[]): T {
  let items: Transferable[];
  if (list !== undefined) {
    if (!Array.isArray(list)) throw new TypeError('transfer(value, list): list must be an array of transferables');
    items = [...list];
  } else if (value instanceof ArrayBuffer) {
    items = [value];
  } else if (ArrayBuffer.isView(value)) {
    if (!(value.buffer instanceof ArrayBuffer)) return value; // SharedArrayBuffer: shared anyway
    items = [value.buffer];
  } else {
    throw new TypeError('transfer(value): value must be an ArrayBuffer, a typed array or a DataView (or pass list)');
  }
  return { [kTransfer]: true, value, list: items } as unknown as T;
}

export function isTransfer(v: unknown): v is Transfer<unknown> {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[kTransfer] === true;
}

/** Unwraps transfer markers among `args` (top level), collecting their transfer lists. */
export function unwrapTransfers(args: unknown[]): Transferable[] | null {
  let list: Transferable[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isTransfer(a)) {
      args[i] = a.value;
      for (const t of a.list) if (!(list ??= []).includes(t)) list.push(t);
    }
  }
  return list;
}
