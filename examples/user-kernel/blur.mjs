// The JS form of the example kernels: chunk functions (start, end, ...args) over items [start, end).
// multicore runs them on the main thread (backend 'js') or on worker threads (backend 'workers'),
// which import this module. Float arithmetic in float32, in the same order as blur.c and
// assembly/blur.ts (Math.fround after every operation), so every form gives the same bits.
const f = Math.fround;

/**
 * One pass of a separable Gaussian blur of a width × height image: rows [start, end) of dst; pass 0
 * along rows, 1 along columns, edges repeat the border pixel; weights has 2·radius + 1 taps.
 */
export function blur(start, end, src, dst, weights, radius, width, height, pass) {
  const r = radius;
  const taps = 2 * r + 1;
  for (let y = start; y < end; y++) {
    const out = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = 0; k < taps; k++) {
        const s =
          pass === 0
            ? src[out + Math.min(Math.max(x + k - r, 0), width - 1)]
            : src[Math.min(Math.max(y + k - r, 0), height - 1) * width + x];
        acc = f(acc + f(weights[k] * s));
      }
      dst[out + x] = acc;
    }
  }
}

/** Σ x[i]² of the chunk, as multicore's built-in sumSquares computes it (native/SPEC.md). */
export function sumSquares(start, end, x) {
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
    a0 += x[i] * x[i];
    a1 += x[i + 1] * x[i + 1];
    a2 += x[i + 2] * x[i + 2];
    a3 += x[i + 3] * x[i + 3];
    a4 += x[i + 4] * x[i + 4];
    a5 += x[i + 5] * x[i + 5];
    a6 += x[i + 6] * x[i + 6];
    a7 += x[i + 7] * x[i + 7];
  }
  const acc = [a0, a1, a2, a3, a4, a5, a6, a7];
  for (let t = 0; i < end; i++, t++) acc[t] += x[i] * x[i];
  return acc[0] + acc[1] + (acc[2] + acc[3]) + (acc[4] + acc[5] + (acc[6] + acc[7]));
}

/** 2r + 1 normalized Gaussian taps (σ = r / 2), as float32. */
export function gaussianWeights(r) {
  const sigma = Math.max(r / 2, 0.5);
  const w = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = w.reduce((a, b) => a + b, 0);
  return Float32Array.from(w, (v) => v / sum);
}
