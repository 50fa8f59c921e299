// The server workload's CPU endpoint: tile k of a Mandelbrot image cut into a grid of square tiles.
// The bench process and the server process share these definitions, so the bench can check every
// response's checksum against its own reference.
import { mandelbrotRow, type MandelbrotParams } from '../../../kernels/reference.js';

export interface TileGrid {
  /** Tiles per side: the image is tilesPerSide² tiles. */
  tilesPerSide: number;
  /** Pixels per tile side. */
  tileSize: number;
  maxIter: number;
}

const X_MIN = -2.0,
  X_MAX = 0.5,
  Y_MIN = -1.25,
  Y_MAX = 1.25;

export const tileCount = (g: TileGrid) => g.tilesPerSide * g.tilesPerSide;

/** The kernel parameters of tile k (row-major over the grid). */
export function tileParams(g: TileGrid, k: number): MandelbrotParams {
  if (!Number.isInteger(k) || k < 0 || k >= tileCount(g)) throw new RangeError(`tile must be an integer in [0, ${tileCount(g)}), got ${k}`);
  const tx = k % g.tilesPerSide,
    ty = Math.floor(k / g.tilesPerSide);
  const w = (X_MAX - X_MIN) / g.tilesPerSide,
    h = (Y_MAX - Y_MIN) / g.tilesPerSide;
  return {
    width: g.tileSize,
    height: g.tileSize,
    maxIter: g.maxIter,
    xMin: X_MIN + tx * w,
    xMax: X_MIN + (tx + 1) * w,
    yMin: Y_MIN + ty * h,
    yMax: Y_MIN + (ty + 1) * h,
  };
}

/** FNV-1a over the 32-bit counts: what the server answers, so the bench checks every pixel cheaply. */
export function checksum(counts: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < counts.length; i++) h = Math.imul(h ^ counts[i], 0x01000193) >>> 0;
  return h;
}

/** The tile computed in plain JS on the calling thread (inline, piscina and ThreadPoolExecutor rows). */
export function tileChecksumJs(p: MandelbrotParams): number {
  const out = new Uint32Array(p.width * p.height);
  for (let r = 0; r < p.height; r++) mandelbrotRow(p, r, out);
  return checksum(out);
}
