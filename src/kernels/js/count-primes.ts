// π(limit) by a segmented sieve of Eratosthenes over odd numbers (native/SPEC.md).
// Chunks are fixed by limit alone (chunkNumbers below, shared with the native kernels); inside a
// chunk, odd number n = 2*j + 1 has index j and a window is PRIMES_SEGMENT consecutive indices.
// Long work (the base sieve, a chunk crossing millions of base primes) runs as generator steps so
// the js backend can yield to the event loop and see an abort inside one chunk (chunks.ts).
import { drain, runChunks, TimeSlice, type Steps } from './chunks.js';

/** Odd numbers per sieve window: the length of the `marks` scratch array. */
export const PRIMES_SEGMENT = 1 << 18;
/** Base primes struck between two sub-steps: near 2^53 a chunk crosses 5.4 million base primes. */
const PRIMES_STEP = 1 << 16;
/** Numbers per window of the base sieve (its limit reaches ~9.5e7 near 2^53). */
const SIEVE_WINDOW = 1 << 20;

/** Numbers per chunk: 30·B for B = 2^e, the smallest e in 16..19 with B² ≥ 16·limit (else 2^19). */
export function primesChunkNumbers(limit: number): number {
  for (let e = 16; e < 19; e++) if (2 ** (2 * e) >= 16 * limit) return 30 * 2 ** e;
  return 30 * 2 ** 19;
}

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
  /** Numbers per chunk (see primesChunkNumbers). */
  chunkNumbers: number;
  /** Number of chunks: 0 when limit < 2. */
  segments: number;
  basePrimes: Uint32Array;
}

/** How many chunks the sieve of `limit` has (cheap: no base primes). */
export function sieveSegments(limit: number): number {
  return limit < 2 ? 0 : Math.floor(limit / primesChunkNumbers(limit)) + 1;
}

export function* planSieveSteps(limit: number): Steps<SievePlan> {
  const basePrimes = yield* oddPrimesUpToSteps(Math.floor(Math.sqrt(limit)));
  return { limit, chunkNumbers: primesChunkNumbers(limit), segments: sieveSegments(limit), basePrimes };
}

export function planSieve(limit: number): SievePlan {
  return drain(planSieveSteps(limit));
}

/**
 * Counts the odd primes in chunk `chunk`: the numbers [chunk·chunkNumbers, (chunk+1)·chunkNumbers) ∩ [0, limit].
 * The chunk is sieved in windows of marks.length odd indices (1 = composite; marks: a fresh
 * Uint8Array(PRIMES_SEGMENT)); each base prime's next multiple is computed once per chunk and
 * carried from window to window.
 */
export function countSegment(plan: SievePlan, chunk: number, marks: Uint8Array): number {
  return drain(countSegmentSteps(plan, chunk, marks));
}

export function* countSegmentSteps(plan: SievePlan, chunk: number, marks: Uint8Array): Steps<number> {
  const first = chunk * plan.chunkNumbers; // even
  const last = Math.min(first + plan.chunkNumbers - 1, plan.limit);
  const lo = first / 2; // index of first + 1
  const hi = last >= 1 ? Math.floor((last - 1) / 2) + 1 : 0; // one past the index of the largest odd ≤ last
  const primes = plan.basePrimes;
  // next[t]: index of the next odd multiple of primes[t] to strike, from p² on; primes with p² > last are left out.
  let n = 0;
  while (n < primes.length && primes[n] * primes[n] <= last) n++;
  const next = new Float64Array(n);
  for (let t = 0; t < n; t += PRIMES_STEP) {
    if (t > 0) yield;
    firstMultiples(primes, next, t, Math.min(t + PRIMES_STEP, n), lo);
  }
  const words = new Uint32Array(marks.buffer, marks.byteOffset, marks.length >>> 2);
  let count = 0;
  for (let w = lo; w < hi; w += marks.length) {
    if (w > lo) yield;
    const end = Math.min(w + marks.length, hi);
    const len = end - w;
    marks.fill(0, 0, len);
    for (let t = 0; t < n; t += PRIMES_STEP) {
      if (t > 0) yield;
      strike(primes, next, t, Math.min(t + PRIMES_STEP, n), w, len, marks);
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

/** next[t] for base primes [t0, t1): the index of the first odd multiple ≥ p² at or after index lo. */
function firstMultiples(primes: Uint32Array, next: Float64Array, t0: number, t1: number, lo: number): void {
  for (let t = t0; t < t1; t++) {
    const p = primes[t];
    const squareIndex = (p * p - 1) / 2;
    next[t] = squareIndex >= lo ? squareIndex : lo + ((p - ((lo - squareIndex) % p)) % p);
  }
}

/** Strikes the multiples of base primes [t0, t1) in the window [w, w + len) and carries next[]. */
function strike(primes: Uint32Array, next: Float64Array, t0: number, t1: number, w: number, len: number, marks: Uint8Array): void {
  for (let t = t0; t < t1; t++) {
    const p = primes[t];
    let j = next[t] - w;
    for (; j < len; j += p) marks[j] = 1;
    next[t] = w + j;
  }
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
  await runChunks(
    plan.segments,
    function* (s) {
      count += yield* countSegmentSteps(plan, s, marks);
    },
    control,
    slice,
  );
  return count;
}
