// Monte Carlo π with a counter-based generator (native/SPEC.md): sample s is a pure function of
// (seed, s), so any backend and any thread count count exactly the same points inside.
import { chunkCount, runChunks } from './chunks.js';

export const PI_CHUNK = 1 << 20;
const TWO_32 = 2 ** 32;
const INV_2_32 = 2 ** -32;

/** Chris Wellons' lowbias32 integer hash. */
export function lowbias32(v: number): number {
  v ^= v >>> 16;
  v = Math.imul(v, 0x7feb352d);
  v ^= v >>> 15;
  v = Math.imul(v, 0x846ca68b);
  v ^= v >>> 16;
  return v >>> 0;
}

/** Points inside the quarter circle among samples [start, end); the range must not cross a 2^32 boundary. */
export function countInside(seed: number, start: number, end: number): number {
  const hi = Math.floor(start / TWO_32);
  const k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e3779b9));
  const k2 = lowbias32(k1 ^ 0x85ebca6b);
  const loStart = start - hi * TWO_32;
  const loEnd = loStart + (end - start);
  let inside = 0;
  for (let lo = loStart; lo < loEnd; lo++) {
    const px = lowbias32(lo ^ k1) * INV_2_32;
    const py = lowbias32(lowbias32(lo ^ k2) ^ 0x27d4eb2f) * INV_2_32;
    if (px * px + py * py < 1.0) inside++;
  }
  return inside;
}

export function piChunkRange(samples: number, chunk: number): [number, number] {
  const start = chunk * PI_CHUNK;
  return [start, Math.min(start + PI_CHUNK, samples)];
}

export function piChunks(samples: number): number {
  return chunkCount(samples, PI_CHUNK);
}

/** Resolves with the inside count; the caller computes 4 * inside / samples. */
export async function monteCarloInsideJs(samples: number, seed: number, control?: Int32Array): Promise<number> {
  let inside = 0;
  await runChunks(
    piChunks(samples),
    (c) => {
      const [start, end] = piChunkRange(samples, c);
      inside += countInside(seed, start, end);
    },
    control,
  );
  return inside;
}
