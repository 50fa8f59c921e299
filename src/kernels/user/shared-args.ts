// Typed-array arguments on their way to worker threads: arrays over a SharedArrayBuffer go as they
// are (zero-copy, the workers see the same memory); any other array is copied into a fresh
// SharedArrayBuffer before the call and copied back into the caller's array after it succeeds.
import type { KernelArg, KernelArray } from './types.js';

export interface SharedArgs {
  args: KernelArg[];
  /** Copies what the workers wrote back into the caller's (non-shared) arrays. */
  copyBack(): void;
}

export function shareArgs(args: readonly KernelArg[]): SharedArgs {
  const copies: [KernelArray, KernelArray][] = [];
  const shared = args.map((a) => {
    if (typeof a === 'number' || a.buffer instanceof SharedArrayBuffer) return a;
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => KernelArray;
    const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
    copy.set(a as never);
    copies.push([a, copy]);
    return copy;
  });
  return { args: shared, copyBack: () => { for (const [orig, copy] of copies) orig.set(copy as never); } };
}
