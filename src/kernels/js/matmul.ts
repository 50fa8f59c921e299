// out = a (m×k) · b (k×n), row-major; each element summed from +0 in increasing p (native/SPEC.md).
import { chunkCount, runChunks, type Steps } from './chunks.js';

export const MATMUL_ROWS = 16;
/** Multiply-adds between two sub-steps (at the end of a row): a chunk of 16 long rows is not one loop. */
const MATMUL_STEP = 1 << 18;

export function matmulRows(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  k: number,
  n: number,
  rowStart: number,
  rowEnd: number,
): void {
  for (let i = rowStart; i < rowEnd; i++) matmulRow(a, b, out, k, n, i);
}

/** matmulRows in sub-steps: a yield at the end of a row once MATMUL_STEP multiply-adds were done. */
export function* matmulRowSteps(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  k: number,
  n: number,
  rowStart: number,
  rowEnd: number,
): Steps {
  let work = 0;
  for (let i = rowStart; i < rowEnd; i++) {
    matmulRow(a, b, out, k, n, i);
    work += k * n + n;
    if (work >= MATMUL_STEP && i + 1 < rowEnd) {
      work = 0;
      yield;
    }
  }
}

function matmulRow(a: Float64Array, b: Float64Array, out: Float64Array, k: number, n: number, i: number): void {
  const row = i * n;
  out.fill(0, row, row + n);
  for (let p = 0; p < k; p++) {
    const aip = a[i * k + p];
    const bp = p * n;
    for (let j = 0; j < n; j++) out[row + j] += aip * b[bp + j];
  }
}

export async function matmulJs(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  control?: Int32Array,
): Promise<void> {
  await runChunks(
    chunkCount(m, MATMUL_ROWS),
    (c) => {
      const start = c * MATMUL_ROWS;
      return matmulRowSteps(a, b, out, k, n, start, Math.min(start + MATMUL_ROWS, m));
    },
    control,
  );
}
