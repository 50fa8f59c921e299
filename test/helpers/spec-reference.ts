// SPEC.md's arithmetic for sumSquares and monteCarloPi written out in plain JS, independently of the
// library's own JS kernels: the raw-binding tests compare both addons with it, bit for bit.

/** Σ x² in chunks of 65,536 with 8 accumulators, combined in SPEC's fixed order. */
export function sumSquaresSpec(x: Float64Array): number {
  let result = 0;
  for (let start = 0; start < x.length; start += 65536) {
    const end = Math.min(x.length, start + 65536);
    const acc = [0, 0, 0, 0, 0, 0, 0, 0];
    let i = start;
    for (; i + 8 <= end; i += 8) for (let j = 0; j < 8; j++) acc[j] += x[i + j] * x[i + j];
    for (let t = 0; i + t < end; t++) acc[t] += x[i + t] * x[i + t];
    result += acc[0] + acc[1] + (acc[2] + acc[3]) + (acc[4] + acc[5] + (acc[6] + acc[7]));
  }
  return result;
}

function h(v: number): number {
  v ^= v >>> 16;
  v = Math.imul(v, 0x7feb352d);
  v ^= v >>> 15;
  v = Math.imul(v, 0x846ca68b);
  v ^= v >>> 16;
  return v >>> 0;
}

/** How many of the first `samples` points of the counter-based generator fall inside the unit circle. */
export function monteCarloInsideSpec(samples: number, seed: number): number {
  let inside = 0;
  for (let s = 0; s < samples; s++) {
    const hi = Math.floor(s / 2 ** 32),
      lo = s >>> 0;
    const k1 = h(seed ^ h(hi ^ 0x9e3779b9)),
      k2 = h(k1 ^ 0x85ebca6b);
    const px = h(lo ^ k1) * 2 ** -32,
      py = h(h(lo ^ k2) ^ 0x27d4eb2f) * 2 ** -32;
    if (px * px + py * py < 1.0) inside++;
  }
  return inside;
}
