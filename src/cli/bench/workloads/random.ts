// Deterministic inputs (mulberry32), so two runs of the bench measure the same data.
import { rng } from '../../../util/random.js';

/** A Float64Array on a SharedArrayBuffer: the 'workers' backend then reads it in place, as the native ones do. */
export const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));

/** n doubles uniform in [-1, 1), on shared memory. */
export function randomFloat64(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const x = sharedFloat64(n);
  for (let i = 0; i < n; i++) x[i] = r() * 2 - 1;
  return x;
}

export function concatFloat64(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
