// Escape-time iteration counts, row-major, exactly as native/SPEC.md fixes the arithmetic.
import { runChunks } from './chunks.js';

export interface MandelbrotParams {
  width: number;
  height: number;
  maxIter: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function mandelbrotRow(p: MandelbrotParams, row: number, out: Uint32Array): void {
  const dx = (p.xMax - p.xMin) / p.width;
  const dy = (p.yMax - p.yMin) / p.height;
  const cy = p.yMin + row * dy;
  const base = row * p.width;
  const maxIter = p.maxIter;
  for (let col = 0; col < p.width; col++) {
    const cx = p.xMin + col * dx;
    let x = 0, y = 0, i = 0;
    while (i < maxIter && x * x + y * y <= 4.0) {
      const xt = x * x - y * y + cx;
      y = 2.0 * x * y + cy;
      x = xt;
      i++;
    }
    out[base + col] = i;
  }
}

export async function mandelbrotJs(p: MandelbrotParams, out: Uint32Array, control?: Int32Array): Promise<void> {
  await runChunks(p.height, (row) => mandelbrotRow(p, row, out), control);
}
