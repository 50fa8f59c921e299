// Checks a form's output against the JS form's: the bits of every array argument of the calls
// (the kernel writes its results there) and reduce's result, or the spec's own checker.
import type { KernelArray } from '../../../kernels/user/types.js';
import type { BenchCall } from './spec.js';

/** The distinct arrays among the calls' arguments, in first-seen order. */
export function arraysOf(calls: BenchCall[]): KernelArray[] {
  const seen = new Set<KernelArray>();
  for (const c of calls) for (const a of c.args) if (typeof a !== 'number') seen.add(a);
  return [...seen];
}

export type Snapshot = { arrays: Uint8Array[]; result: unknown };

export function snapshot(arrays: KernelArray[], result: unknown): Snapshot {
  return { arrays: arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice()), result };
}

/** Puts every array back as it was before the first call (the input generator's values). */
export function restore(arrays: KernelArray[], pristine: Snapshot): void {
  arrays.forEach((a, i) => {
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(pristine.arrays[i]);
  });
}

/** Where `got` differs from `expected` (the JS form's), or undefined when the bits are the same. */
export function difference(arrays: KernelArray[], got: Snapshot, expected: Snapshot): string | undefined {
  if (!Object.is(got.result, expected.result)) return `result ${String(got.result)}, the JS form's ${String(expected.result)}`;
  for (let i = 0; i < arrays.length; i++) {
    const g = got.arrays[i];
    const e = expected.arrays[i];
    for (let b = 0; b < g.length; b++) {
      if (g[b] !== e[b]) {
        const a = arrays[i];
        const j = Math.floor(b / a.BYTES_PER_ELEMENT);
        const view = (bytes: Uint8Array) =>
          new (a.constructor as new (b: ArrayBufferLike, o: number, n: number) => KernelArray)(bytes.buffer, 0, a.length)[j];
        return `array ${i} (${a.constructor.name}) element ${j}: ${view(g)}, the JS form's ${view(e)}`;
      }
    }
  }
  return undefined;
}
