// A small seeded PRNG (mulberry32, src/util/random.ts, also the bench's) so failing inputs can be reproduced.
import { rng } from '../../src/util/random.js';

export function randomFloat64(length: number, seed: number, scale = 1000): Float64Array {
  const next = rng(seed);
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = (next() - 0.5) * scale;
  return x;
}

/** Bytes equal: stricter than ===, and NaN equals NaN. */
export function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
