// Escape-time iteration counts, row-major, exactly as native/SPEC.md fixes the arithmetic.
import { runChunks, type Steps } from './chunks.js';

/** Iterations between two sub-steps of a row: a row at maxIter 2^31-1 is not one unbroken loop. */
export const MANDELBROT_STEP = 1 << 17;

export interface MandelbrotParams {
  width: number;
  height: number;
  maxIter: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** One row, in sub-steps of at most MANDELBROT_STEP iterations (summed over its pixels). */
export function* mandelbrotRowSteps(p: MandelbrotParams, row: number, out: Uint32Array): Steps {
  const state = new Float64Array(4);
  while (!mandelbrotRowPart(p, row, out, state, MANDELBROT_STEP)) yield;
}

export function mandelbrotRow(p: MandelbrotParams, row: number, out: Uint32Array): void {
  mandelbrotRowPart(p, row, out, new Float64Array(4), Infinity);
}

/**
 * Runs one row for at most `budget` iterations from `state` = [col, x, y, i] (where the last call
 * stopped) and saves where it stops; true when the row is done. The loop is only cut, never
 * changed: each pixel runs the same iterations in the same order as in one unbroken loop.
 */
function mandelbrotRowPart(p: MandelbrotParams, row: number, out: Uint32Array, state: Float64Array, budget: number): boolean {
  const dx = (p.xMax - p.xMin) / p.width;
  const dy = (p.yMax - p.yMin) / p.height;
  const cy = p.yMin + row * dy;
  const base = row * p.width;
  const maxIter = p.maxIter;
  let col = state[0] | 0,
    x = state[1],
    y = state[2],
    i = state[3] | 0; // counts fit in int32: maxIter < 2^31
  for (; col < p.width; col++) {
    const cx = p.xMin + col * dx;
    const stop = Math.min(i + budget, maxIter);
    const from = i;
    while (i < stop && x * x + y * y <= 4.0) {
      const xt = x * x - y * y + cx;
      y = 2.0 * x * y + cy;
      x = xt;
      i++;
    }
    if (i === stop && i < maxIter) {
      // the budget ran out inside this pixel
      state[0] = col;
      state[1] = x;
      state[2] = y;
      state[3] = i;
      return false;
    }
    budget -= i - from;
    out[base + col] = i;
    x = 0;
    y = 0;
    i = 0;
  }
  return true;
}

export async function mandelbrotJs(p: MandelbrotParams, out: Uint32Array, control?: Int32Array): Promise<void> {
  await runChunks(p.height, (row) => mandelbrotRowSteps(p, row, out), control);
}
