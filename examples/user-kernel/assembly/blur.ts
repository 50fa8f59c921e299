// The WebAssembly form of the example kernels, in AssemblyScript (TypeScript syntax, compiled by the
// `assemblyscript` npm package: `node build.mjs`, or `npx multicore compile`, or the asc line in
// ../README.md). Array arguments arrive as byte addresses in the kernel's shared memory, numbers
// as numbers; the chunk functions do not allocate (--runtime stub). SIMD128 does four floats at a
// time, in the same order per pixel as blur.c and blur.mjs, so the bits match.

@inline function clampi(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}

/** One pass of a separable Gaussian blur: rows [start, end) of dst (see blur.c). Returns 0 (ok). */
export function blur(start: i32, end: i32, src: usize, dst: usize, weights: usize, radius: i32,
  width: i32, height: i32, pass: i32): i32 {
  const taps = 2 * radius + 1;
  const zero = f32x4.splat(0);
  for (let y = start; y < end; y++) {
    const out = dst + ((<usize>y * <usize>width) << 2);
    let x = 0;
    for (; x + 4 <= width; x += 4) v128.store(out + (<usize>x << 2), zero);
    for (; x < width; x++) store<f32>(out + (<usize>x << 2), 0);
    for (let k = 0; k < taps; k++) {
      const wk = load<f32>(weights + (<usize>k << 2));
      const wv = f32x4.splat(wk);
      if (pass == 0) {
        const row = src + ((<usize>y * <usize>width) << 2);
        const d = k - radius;
        const lo = max(-d, 0);           // first x with x + d >= 0
        const hi = width - max(d, 0);    // first x with x + d >= width
        for (x = 0; x < min(lo, width); x++) {
          const o = out + (<usize>x << 2);
          store<f32>(o, load<f32>(o) + wk * load<f32>(row + (<usize>clampi(x + d, 0, width - 1) << 2)));
        }
        x = lo;
        for (; x + 4 <= hi; x += 4) {
          const o = out + (<usize>x << 2);
          v128.store(o, f32x4.add(v128.load(o), f32x4.mul(wv, v128.load(row + (<usize>(x + d) << 2)))));
        }
        for (; x < hi; x++) {
          const o = out + (<usize>x << 2);
          store<f32>(o, load<f32>(o) + wk * load<f32>(row + (<usize>(x + d) << 2)));
        }
        for (x = max(hi, lo); x < width; x++) {
          const o = out + (<usize>x << 2);
          store<f32>(o, load<f32>(o) + wk * load<f32>(row + (<usize>clampi(x + d, 0, width - 1) << 2)));
        }
      } else {
        const row = src + ((<usize>clampi(y + k - radius, 0, height - 1) * <usize>width) << 2);
        x = 0;
        for (; x + 4 <= width; x += 4) {
          const o = out + (<usize>x << 2);
          v128.store(o, f32x4.add(v128.load(o), f32x4.mul(wv, v128.load(row + (<usize>x << 2)))));
        }
        for (; x < width; x++) {
          const o = out + (<usize>x << 2);
          store<f32>(o, load<f32>(o) + wk * load<f32>(row + (<usize>x << 2)));
        }
      }
    }
  }
  return 0;
}

/** Σ x[i]² of the chunk, as the built-in sumSquares computes it: 8 accumulators (four f64x2),
 *  the tail's element t into accumulator t, combined pairwise. */
export function sumSquares(start: i32, end: i32, x: usize): f64 {
  let a01 = f64x2.splat(0);
  let a23 = f64x2.splat(0);
  let a45 = f64x2.splat(0);
  let a67 = f64x2.splat(0);
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const p = x + (<usize>i << 3);
    const v01 = v128.load(p);
    const v23 = v128.load(p, 16);
    const v45 = v128.load(p, 32);
    const v67 = v128.load(p, 48);
    a01 = f64x2.add(a01, f64x2.mul(v01, v01));
    a23 = f64x2.add(a23, f64x2.mul(v23, v23));
    a45 = f64x2.add(a45, f64x2.mul(v45, v45));
    a67 = f64x2.add(a67, f64x2.mul(v67, v67));
  }
  let a0 = f64x2.extract_lane(a01, 0);
  let a1 = f64x2.extract_lane(a01, 1);
  let a2 = f64x2.extract_lane(a23, 0);
  let a3 = f64x2.extract_lane(a23, 1);
  let a4 = f64x2.extract_lane(a45, 0);
  let a5 = f64x2.extract_lane(a45, 1);
  let a6 = f64x2.extract_lane(a67, 0);
  for (let t = 0; i < end; i++, t++) {
    const v = load<f64>(x + (<usize>i << 3));
    const sq = v * v;
    if (t == 0) a0 += sq;
    else if (t == 1) a1 += sq;
    else if (t == 2) a2 += sq;
    else if (t == 3) a3 += sq;
    else if (t == 4) a4 += sq;
    else if (t == 5) a5 += sq;
    else a6 += sq;
  }
  const a7 = f64x2.extract_lane(a67, 1);
  return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
}
