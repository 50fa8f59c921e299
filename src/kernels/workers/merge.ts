// k-way merge of sorted runs in the order of Float64Array.prototype.sort: -0 before +0, NaN last.
import type { Steps } from '../js/chunks.js';

/** Elements written between two sub-steps of one merge (a merge of two long runs is not one loop). */
export const MERGE_STEP = 1 << 16;

/** true when a must come before b. */
export function before(a: number, b: number): boolean {
  if (Number.isNaN(a)) return false; // NaN is last
  if (Number.isNaN(b)) return true;
  if (a < b) return true;
  return a === 0 && b === 0 && Object.is(a, -0) && Object.is(b, 0);
}

/** Merges the sorted runs src[s1, e1) and src[e1, e2) into dst[s1, e2). */
export function mergeTwo(src: Float64Array, dst: Float64Array, s1: number, e1: number, e2: number): void {
  mergeSome(src, dst, [s1, e1, s1], e1, e2, e2);
}

/** mergeTwo in sub-steps of MERGE_STEP elements written. */
export function* mergeTwoSteps(src: Float64Array, dst: Float64Array, s1: number, e1: number, e2: number): Steps {
  const state = [s1, e1, s1];
  while (!mergeSome(src, dst, state, e1, e2, Math.min(state[2] + MERGE_STEP, e2))) yield;
}

/** Merges from `state` = [i, j, o] until dst[stop) is written, and saves where it stopped; true when done. */
function mergeSome(src: Float64Array, dst: Float64Array, state: number[], e1: number, e2: number, stop: number): boolean {
  let [i, j, o] = state;
  while (i < e1 && j < e2 && o < stop) dst[o++] = before(src[j], src[i]) ? src[j++] : src[i++];
  while (i < e1 && o < stop) dst[o++] = src[i++];
  while (j < e2 && o < stop) dst[o++] = src[j++];
  state[0] = i;
  state[1] = j;
  state[2] = o;
  return o >= e2;
}

/** One pairwise pass: which runs merge together, and the run boundaries after the pass. */
export function mergePass(bounds: number[]): { pairs: [number, number, number][]; next: number[] } {
  const pairs: [number, number, number][] = [];
  const next: number[] = [];
  for (let r = 0; r + 1 < bounds.length; r += 2) {
    const end = r + 2 < bounds.length ? bounds[r + 2] : bounds[r + 1];
    pairs.push([bounds[r], bounds[r + 1], end]);
    next.push(bounds[r]);
  }
  next.push(bounds.at(-1)!);
  return { pairs, next };
}

/** Merges sorted runs of x (given by their boundaries) into out, on this thread. x is used as scratch. */
export function mergeRuns(x: Float64Array, bounds: number[], out: Float64Array): void {
  let src = x;
  let dst = out;
  while (bounds.length > 2) {
    const { pairs, next } = mergePass(bounds);
    for (const [s1, e1, e2] of pairs) mergeTwo(src, dst, s1, e1, e2);
    bounds = next;
    [src, dst] = [dst, src];
  }
  if (src !== out) out.set(src);
}
