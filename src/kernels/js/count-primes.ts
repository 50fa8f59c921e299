// π(limit) by a segmented sieve of Eratosthenes over odd numbers (native/SPEC.md).
// Odd number n = 2*j + 1 has index j; a segment is SEGMENT consecutive indices.
import { chunkCount, drain, runChunks, TimeSlice, type Steps } from './chunks.js';

export const PRIMES_SEGMENT = 1 << 18;
/** Base primes (segment) or candidates and marks (base sieve) between two sub-steps: for a limit
 * near 2^53 the base sieve runs to ~9.5e7 and a segment crosses 5.4 million base primes. */
const PRIMES_STEP = 1 << 16;
const SIEVE_WINDOW = 1 << 20;

/** Odd primes up to `max` (the base primes of the segmented sieve), sieved a window at a time. */
export function* oddPrimesUpToSteps(max: number): Steps<Uint32Array> {
  const out: number[] = [];
  const window = new Uint8Array(SIEVE_WINDOW);
  for (let lo = 3; lo <= max; lo += SIEVE_WINDOW) {
    sieveWindow(window, out, lo, Math.min(max + 1, lo + SIEVE_WINDOW));
    yield;
  }
  return Uint32Array.from(out);
}

/** Appends the primes in [lo, hi) (lo odd) to `primes`, which holds every odd prime below lo. */
function sieveWindow(window: Uint8Array, primes: number[], lo: number, hi: number): void {
  window.fill(0);
  for (let t = 0; t < primes.length; t++) {
    const p = primes[t];
    if (p * p >= hi) break;
    let m = Math.max(p * p, Math.ceil(lo / p) * p);
    if ((m & 1) === 0) m += p;
    for (; m < hi; m += 2 * p) window[m - lo] = 1;
  }
  for (let n = lo; n < hi; n += 2) {
    if (window[n - lo]) continue;
    primes.push(n);
    for (let m = n * n; m < hi; m += 2 * n) window[m - lo] = 1;
  }
}

export function oddPrimesUpTo(max: number): Uint32Array {
  return drain(oddPrimesUpToSteps(max));
}

export interface SievePlan {
  limit: number;
  /** Number of odd indices to sieve: odd numbers 1, 3, ..., up to limit. */
  indices: number;
  segments: number;
  basePrimes: Uint32Array;
}

const oddIndices = (limit: number) => (limit >= 1 ? Math.floor((limit - 1) / 2) + 1 : 0);

/** How many segments the sieve of `limit` has (cheap: no base primes). */
export function sieveSegments(limit: number): number {
  return chunkCount(oddIndices(limit), PRIMES_SEGMENT);
}

export function* planSieveSteps(limit: number): Steps<SievePlan> {
  const indices = oddIndices(limit);
  const basePrimes = yield* oddPrimesUpToSteps(Math.floor(Math.sqrt(limit)));
  return { limit, indices, segments: chunkCount(indices, PRIMES_SEGMENT), basePrimes };
}

export function planSieve(limit: number): SievePlan {
  return drain(planSieveSteps(limit));
}

/** Counts the odd primes among the indices of one segment (index 0, the number 1, is not prime). */
export function countSegment(plan: SievePlan, segment: number, marks: Uint8Array): number {
  return drain(countSegmentSteps(plan, segment, marks));
}

export function* countSegmentSteps(plan: SievePlan, segment: number, marks: Uint8Array): Steps<number> {
  const lo = segment * PRIMES_SEGMENT;
  const hi = Math.min(lo + PRIMES_SEGMENT, plan.indices);
  const len = hi - lo;
  marks.fill(0, 0, len);
  for (let t = 0; t < plan.basePrimes.length; t += PRIMES_STEP) {
    if (t > 0) yield;
    if (!markSegment(plan.basePrimes, t, Math.min(t + PRIMES_STEP, plan.basePrimes.length), lo, hi, marks)) break;
  }
  let count = 0;
  for (let j = 0; j < len; j++) count += marks[j] ^ 1;
  if (lo === 0 && len > 0) count -= 1; // the number 1
  return count;
}

/** Marks the odd multiples of base primes [t0, t1) in the segment; false once a prime's square is past it. */
function markSegment(primes: Uint32Array, t0: number, t1: number, lo: number, hi: number, marks: Uint8Array): boolean {
  const len = hi - lo;
  for (let t = t0; t < t1; t++) {
    const p = primes[t];
    const squareIndex = (p * p - 1) / 2;
    if (squareIndex >= hi) return false;
    let j = squareIndex >= lo ? squareIndex - lo : (p - ((lo - squareIndex) % p)) % p;
    for (; j < len; j += p) marks[j] = 1;
  }
  return true;
}

export async function countPrimesJs(limit: number, control?: Int32Array): Promise<number> {
  if (limit < 2) {
    await runChunks(0, () => {}, control);
    return 0;
  }
  const slice = new TimeSlice(control);
  const plan = await slice.drive(planSieveSteps(limit));
  const marks = new Uint8Array(PRIMES_SEGMENT);
  let count = 1; // the prime 2
  await runChunks(plan.segments, function* (s) { count += yield* countSegmentSteps(plan, s, marks); }, control, slice);
  return count;
}
