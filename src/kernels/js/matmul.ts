// out = a (m×k) · b (k×n), row-major; each element summed from +0 in increasing p (native/SPEC.md).
import { chunkCount, runChunks } from './chunks.js';

export const MATMUL_ROWS = 16;

export function matmulRows(a: Float64Array, b: Float64Array, out: Float64Array, k: number, n: number,
  rowStart: number, rowEnd: number): void {
  for (let i = rowStart; i < rowEnd; i++) {
    const row = i * n;
    out.fill(0, row, row + n);
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) out[row + j] += aip * b[bp + j];
    }
  }
}

export async function matmulJs(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number,
  control?: Int32Array): Promise<void> {
  await runChunks(chunkCount(m, MATMUL_ROWS), (c) => {
    const start = c * MATMUL_ROWS;
    matmulRows(a, b, out, k, n, start, Math.min(start + MATMUL_ROWS, m));
  }, control);
}
