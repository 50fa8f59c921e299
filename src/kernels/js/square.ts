// out[i] = x[i] * x[i] — the seeds' compute_square over an array. out may be x itself.
import { chunkCount, runChunks, runChunksSync } from './chunks.js';

export const SQUARE_CHUNK = 65536;

export function squareChunk(x: Float64Array, out: Float64Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const v = x[i];
    out[i] = v * v;
  }
}

function chunkFn(x: Float64Array, out: Float64Array) {
  return (c: number) => {
    const start = c * SQUARE_CHUNK;
    squareChunk(x, out, start, Math.min(start + SQUARE_CHUNK, x.length));
  };
}

export async function squareJs(x: Float64Array, out: Float64Array, control?: Int32Array): Promise<void> {
  await runChunks(chunkCount(x.length, SQUARE_CHUNK), chunkFn(x, out), control);
}

export function squareJsSync(x: Float64Array, out: Float64Array): void {
  runChunksSync(chunkCount(x.length, SQUARE_CHUNK), chunkFn(x, out));
}
