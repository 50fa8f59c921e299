// Σ x[i]² exactly as native/SPEC.md fixes it: 65536-element chunks, 8 accumulators per chunk,
// chunk sums added in chunk order, so every backend and thread count gives the same bits.
import { chunkCount, runChunks, runChunksSync } from './chunks.js';

export const SUM_SQUARES_CHUNK = 65536;

export function sumSquaresChunk(x: Float64Array, start: number, end: number): number {
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const v0 = x[i],
      v1 = x[i + 1],
      v2 = x[i + 2],
      v3 = x[i + 3];
    const v4 = x[i + 4],
      v5 = x[i + 5],
      v6 = x[i + 6],
      v7 = x[i + 7];
    a0 += v0 * v0;
    a1 += v1 * v1;
    a2 += v2 * v2;
    a3 += v3 * v3;
    a4 += v4 * v4;
    a5 += v5 * v5;
    a6 += v6 * v6;
    a7 += v7 * v7;
  }
  const tail = end - i;
  if (tail > 0) a0 += x[i] * x[i];
  if (tail > 1) a1 += x[i + 1] * x[i + 1];
  if (tail > 2) a2 += x[i + 2] * x[i + 2];
  if (tail > 3) a3 += x[i + 3] * x[i + 3];
  if (tail > 4) a4 += x[i + 4] * x[i + 4];
  if (tail > 5) a5 += x[i + 5] * x[i + 5];
  if (tail > 6) a6 += x[i + 6] * x[i + 6];
  return a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
}

export function combineInOrder(partials: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < partials.length; c++) sum += partials[c];
  return sum;
}

function chunkFn(x: Float64Array, partials: Float64Array) {
  return (c: number) => {
    const start = c * SUM_SQUARES_CHUNK;
    partials[c] = sumSquaresChunk(x, start, Math.min(start + SUM_SQUARES_CHUNK, x.length));
  };
}

export async function sumSquaresJs(x: Float64Array, control?: Int32Array): Promise<number> {
  const partials = new Float64Array(chunkCount(x.length, SUM_SQUARES_CHUNK));
  await runChunks(partials.length, chunkFn(x, partials), control);
  return combineInOrder(partials);
}

export function sumSquaresJsSync(x: Float64Array): number {
  const partials = new Float64Array(chunkCount(x.length, SUM_SQUARES_CHUNK));
  runChunksSync(partials.length, chunkFn(x, partials));
  return combineInOrder(partials);
}
