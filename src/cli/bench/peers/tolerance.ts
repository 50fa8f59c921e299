// How NumPy's results are checked where its arithmetic legitimately differs from SPEC.md's.
// numpy.dot and `a @ b` go through BLAS, which sums in its own order (unrolled, blocked, with FMA
// where the CPU has it), so the last bits differ from multicore's fixed, in-order, no-FMA sums.
// Both are within the classic error bound of a floating-point sum of n terms, γ_n·Σ|terms| with
// γ_n = n·u/(1 − n·u) and u = 2⁻⁵³; two such results differ by at most 2·γ_n·Σ|terms|. That is the
// tolerance: far below any real mistake (one wrong term changes a result by a whole term).
import { compareExact } from '../verify.js';

const U = 2 ** -53;
const gamma = (n: number) => (n * U) / (1 - n * U);

/** Σx² by numpy.dot(x, x): within 2·γ_n·Σx² of the reference (all terms are non-negative). */
export function checkSumSquares(actual: number, expected: number, n: number): string | undefined {
  if (typeof actual !== 'number') return `expected a number, got ${typeof actual}`;
  const tol = 2 * gamma(n) * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  return diff <= tol ? undefined : `got ${actual}, expected ${expected} (differs by ${diff}, tolerance 2·γ_n·Σx² = ${tol})`;
}

/**
 * a @ b, both n×n: each element within 2·γ_n·(|a|·|b|)ᵢⱼ of the reference. (|a|·|b|)ᵢⱼ is bounded
 * here by n·max|a|·max|b| rather than computed, a looser bound that is still ~1e-10 for n = 400.
 */
export function checkMatmul(actual: Float64Array, expected: Float64Array, a: Float64Array, b: Float64Array, n: number): string | undefined {
  if (!(actual instanceof Float64Array) || actual.length !== expected.length) return compareExact(actual, expected);
  let maxA = 0,
    maxB = 0;
  for (const v of a) maxA = Math.max(maxA, Math.abs(v));
  for (const v of b) maxB = Math.max(maxB, Math.abs(v));
  const tol = 2 * gamma(n) * n * maxA * maxB;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= tol)) return `element ${i} is ${actual[i]}, expected ${expected[i]} (differs by ${diff}, tolerance ${tol})`;
  }
  return undefined;
}
