// Deterministic inputs (mulberry32), so two runs of the bench measure the same data.
import { allocate } from '../../../kernels/allocate.js';
import { rng } from '../../../util/random.js';

/**
 * A Float64Array as the README tells users to make one for kernels (`allocate`): on a
 * SharedArrayBuffer, so the 'workers' backend reads it in place as the native ones do, and from
 * 4 MiB in huge pages where the system offers them, as NumPy's arrays are.
 */
export const sharedFloat64 = (n: number) => allocate(Float64Array, n);

/** n doubles uniform in [-1, 1), on shared memory. */
export function randomFloat64(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const x = sharedFloat64(n);
  for (let i = 0; i < n; i++) x[i] = r() * 2 - 1;
  return x;
}

/** The parts one after another in a new array of their type. */
export function concatTyped<T extends Float64Array | Uint32Array>(parts: T[], make: (length: number) => T): T {
  const out = make(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const concatFloat64 = (parts: Float64Array[]): Float64Array => concatTyped(parts, (n) => new Float64Array(n));
