/** A small seeded PRNG (mulberry32) so failing inputs can be reproduced. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFloat64(length: number, seed: number, scale = 1000): Float64Array {
  const next = rng(seed);
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = (next() - 0.5) * scale;
  return x;
}

/** Bytes equal: stricter than ===, and NaN equals NaN. */
export function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;
}
