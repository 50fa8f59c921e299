// mulberry32: a small seeded PRNG, so inputs are reproducible from their seed. Used by the bench's
// workloads and by the tests; it lives here, apart from both, so neither reaches into the other.

/** A generator of doubles uniform in [0, 1), the same sequence for the same seed. */
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
