// π(limit) by a segmented sieve of Eratosthenes over odd numbers (native/SPEC.md).
// Chunks are fixed by limit alone (chunkNumbers below, shared with the native kernels); inside a
// chunk, odd number n = 2*j + 1 has index j and a window is PRIMES_SEGMENT consecutive indices.
import { runChunks } from './chunks.js';

/** Odd numbers per sieve window: the length of the `marks` scratch array. */
export const PRIMES_SEGMENT = 1 << 18;

/** Numbers per chunk: 30·B for B = 2^e, the smallest e in 16..19 with B² ≥ 16·limit (else 2^19). */
export function primesChunkNumbers(limit: number): number {
  for (let e = 16; e < 19; e++) if (2 ** (2 * e) >= 16 * limit) return 30 * 2 ** e;
  return 30 * 2 ** 19;
}

/** Odd primes up to `max` by a plain sieve (the base primes of the segmented sieve). */
export function oddPrimesUpTo(max: number): Uint32Array {
  if (max < 3) return new Uint32Array(0);
  const composite = new Uint8Array(max + 1);
  const out: number[] = [];
  for (let p = 3; p <= max; p += 2) {
    if (composite[p]) continue;
    out.push(p);
    for (let m = p * p; m <= max; m += 2 * p) composite[m] = 1;
  }
  return Uint32Array.from(out);
}

export interface SievePlan {
  limit: number;
  /** Numbers per chunk (see primesChunkNumbers). */
  chunkNumbers: number;
  /** Number of chunks: 0 when limit < 2. */
  segments: number;
  basePrimes: Uint32Array;
}

export function planSieve(limit: number): SievePlan {
  const chunkNumbers = primesChunkNumbers(limit);
  return {
    limit,
    chunkNumbers,
    segments: limit < 2 ? 0 : Math.floor(limit / chunkNumbers) + 1,
    basePrimes: oddPrimesUpTo(Math.floor(Math.sqrt(limit))),
  };
}

/**
 * Counts the odd primes in chunk `chunk`: the numbers [chunk·chunkNumbers, (chunk+1)·chunkNumbers) ∩ [0, limit].
 * The chunk is sieved in windows of marks.length odd indices (1 = composite; marks: a fresh
 * Uint8Array(PRIMES_SEGMENT)); each base prime's next multiple is computed once per chunk and
 * carried from window to window.
 */
export function countSegment(plan: SievePlan, chunk: number, marks: Uint8Array): number {
  const first = chunk * plan.chunkNumbers; // even
  const last = Math.min(first + plan.chunkNumbers - 1, plan.limit);
  const lo = first / 2; // index of first + 1
  const hi = last >= 1 ? Math.floor((last - 1) / 2) + 1 : 0; // one past the index of the largest odd ≤ last
  const primes = plan.basePrimes;
  // next[t]: index of the next odd multiple of primes[t] to strike, from p² on; primes with p² > last are left out.
  let n = 0;
  while (n < primes.length && primes[n] * primes[n] <= last) n++;
  const next = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const p = primes[t];
    const squareIndex = (p * p - 1) / 2;
    next[t] = squareIndex >= lo ? squareIndex : lo + ((p - ((lo - squareIndex) % p)) % p);
  }
  const words = new Uint32Array(marks.buffer, marks.byteOffset, marks.length >>> 2);
  let count = 0;
  for (let w = lo; w < hi; w += marks.length) {
    const end = Math.min(w + marks.length, hi);
    const len = end - w;
    marks.fill(0, 0, len);
    for (let t = 0; t < n; t++) {
      const p = primes[t];
      let j = next[t] - w;
      for (; j < len; j += p) marks[j] = 1;
      next[t] = w + j;
    }
    // Composites: four 0/1 bytes per word, summed by one multiply.
    let composite = 0;
    const full = len >>> 2;
    for (let i = 0; i < full; i++) composite += Math.imul(words[i], 0x01010101) >>> 24;
    for (let j = full * 4; j < len; j++) composite += marks[j];
    count += len - composite;
    if (w === 0 && len > 0) count -= 1; // the number 1
  }
  return count;
}

export async function countPrimesJs(limit: number, control?: Int32Array): Promise<number> {
  if (limit < 2) {
    await runChunks(0, () => {}, control);
    return 0;
  }
  const plan = planSieve(limit);
  const marks = new Uint8Array(PRIMES_SEGMENT);
  let count = 1; // the prime 2
  await runChunks(plan.segments, (s) => { count += countSegment(plan, s, marks); }, control);
  return count;
}
