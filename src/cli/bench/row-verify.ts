// How a row's result is checked: the strategy's own verify (peers within a documented tolerance),
// else the workload's (exact). One place for the rows (runner.ts) and the side-by-side check.
import type { Strategy, Workload } from './workloads/types.js';

/** A reason when `actual` is wrong, undefined when it matches the reference. */
export function verifierOf<I, R>(w: Workload<I, R>, s: Strategy<I, R>, expected: R, input: I): (actual: R) => string | undefined {
  return (actual) => (s.verify ? s.verify(actual, expected, input) : w.verify(actual, expected));
}
