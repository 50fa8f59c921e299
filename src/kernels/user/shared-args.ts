// Typed-array arguments on their way to worker threads: arrays over a SharedArrayBuffer go as they
// are (zero-copy, the workers see the same memory); any other array is copied into a fresh
// SharedArrayBuffer before the call and copied back into the caller's memory after it succeeds.
// Views of one buffer are copied together (buffer-spans.ts), so aliasing survives the copy.
import { bufferSpans, copySpan, viewIn } from './buffer-spans.js';
import type { KernelArg, KernelArray } from './types.js';

export interface SharedArgs {
  args: KernelArg[];
  /** Copies what the workers wrote back into the caller's (non-shared) arrays. */
  copyBack(): void;
}

export function shareArgs(args: readonly KernelArg[]): SharedArgs {
  const toCopy = args.filter((a): a is KernelArray => typeof a !== 'number' && !(a.buffer instanceof SharedArrayBuffer));
  const spans = bufferSpans(toCopy);
  const copies = new Map(
    [...spans.values()].map((s) => {
      const sab = new SharedArrayBuffer(s.end - s.start);
      copySpan(s.buffer, s.start, sab, 0, s.end - s.start);
      return [s.buffer, sab] as const;
    }),
  );
  const shared = args.map((a) => {
    if (typeof a === 'number' || a.buffer instanceof SharedArrayBuffer) return a;
    return viewIn(a, spans.get(a.buffer)!, copies.get(a.buffer)!, 0);
  });
  return {
    args: shared,
    copyBack: () => {
      for (const s of spans.values()) copySpan(copies.get(s.buffer)!, 0, s.buffer, s.start, s.end - s.start);
    },
  };
}
