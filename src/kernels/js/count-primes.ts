// π(limit) by a segmented sieve of Eratosthenes over odd numbers (native/SPEC.md).
// Odd number n = 2*j + 1 has index j; a segment is SEGMENT consecutive indices.
import { chunkCount, runChunks } from './chunks.js';

export const PRIMES_SEGMENT = 1 << 18;

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
  /** Number of odd indices to sieve: odd numbers 1, 3, ..., up to limit. */
  indices: number;
  segments: number;
  basePrimes: Uint32Array;
}

export function planSieve(limit: number): SievePlan {
  const indices = limit >= 1 ? Math.floor((limit - 1) / 2) + 1 : 0;
  return {
    limit,
    indices,
    segments: chunkCount(indices, PRIMES_SEGMENT),
    basePrimes: oddPrimesUpTo(Math.floor(Math.sqrt(limit))),
  };
}

/** Counts the odd primes among the indices of one segment (index 0, the number 1, is not prime). */
export function countSegment(plan: SievePlan, segment: number, marks: Uint8Array): number {
  const lo = segment * PRIMES_SEGMENT;
  const hi = Math.min(lo + PRIMES_SEGMENT, plan.indices);
  const len = hi - lo;
  marks.fill(0, 0, len);
  const primes = plan.basePrimes;
  for (let t = 0; t < primes.length; t++) {
    const p = primes[t];
    const squareIndex = (p * p - 1) / 2;
    if (squareIndex >= hi) break;
    let j = squareIndex >= lo ? squareIndex - lo : (p - ((lo - squareIndex) % p)) % p;
    for (; j < len; j += p) marks[j] = 1;
  }
  let count = 0;
  for (let j = 0; j < len; j++) count += marks[j] ^ 1;
  if (lo === 0 && len > 0) count -= 1; // the number 1
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
