/*
 * The native (C) form of the example kernels, built against multicore's include/multicore_kernel.h:
 *     cc -O3 -funroll-loops -ffp-contract=off -shared -fPIC -I <package>/include blur.c -o libblur.so
 * (node build.mjs does it). Same arithmetic, in the same order, as blur.mjs and assembly/blur.ts,
 * so every form gives the same bits.
 */
#include <multicore_kernel.h>

MC_DEFINE_ABI_VERSION();

static inline int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* out[x] += w * in[x] for x in [0, n): restrict on parameters lets the compiler vectorize it without an
 * aliasing check (out and in never overlap: they are different images). */
static void add_scaled(float* restrict out, const float* restrict in, float w, int64_t n) {
  for (int64_t x = 0; x < n; x++) out[x] += w * in[x];
}

/*
 * blur(start, end, [src, dst, weights, radius, width, height, pass]): one pass of a separable
 * Gaussian blur of a width × height float image, rows [start, end) of dst. pass 0 blurs along rows,
 * pass 1 along columns; edges repeat the border pixel. weights has 2·radius + 1 taps (the radius
 * is an argument of its own because the wasm form sees arrays as bare addresses). Each output pixel is
 * 0 + w[0]·s[-r] + w[1]·s[-r+1] + ... in float, left to right.
 */
MC_KERNEL(blur) {
  if (nargs != 7) return 1;
  (void)partial;
  const float* restrict src = MC_F32(args, 0);
  float* restrict dst = MC_F32(args, 1);
  const float* restrict w = MC_F32(args, 2);
  const int64_t r = (int64_t)MC_NUMBER(args, 3);
  const int64_t taps = 2 * r + 1;
  const int64_t width = (int64_t)MC_NUMBER(args, 4);
  const int64_t height = (int64_t)MC_NUMBER(args, 5);
  const int pass = (int)MC_NUMBER(args, 6);
  /* Bad arguments are the caller's bug: return a status rather than read out of bounds. */
  if (MC_LENGTH(args, 0) < width * height || MC_LENGTH(args, 1) < width * height || end > height) return 2;
  if (r < 0 || MC_LENGTH(args, 2) < taps) return 3;

  for (int64_t y = start; y < end; y++) {
    float* restrict out = dst + y * width;
    for (int64_t x = 0; x < width; x++) out[x] = 0.0f;
    for (int64_t k = 0; k < taps; k++) {
      const float wk = w[k];
      if (pass == 0) {
        const float* restrict row = src + y * width;
        const int64_t lo = r - k > 0 ? r - k : 0;                       /* first x with x + k - r >= 0 */
        const int64_t hi = width - (k - r > 0 ? k - r : 0);              /* first x with x + k - r >= width */
        for (int64_t x = 0; x < lo && x < width; x++) out[x] += wk * row[clamp(x + k - r, 0, width - 1)];
        if (hi > lo) add_scaled(out + lo, row + lo + k - r, wk, hi - lo);
        for (int64_t x = hi > lo ? hi : lo; x < width; x++) out[x] += wk * row[clamp(x + k - r, 0, width - 1)];
      } else {
        add_scaled(out, src + clamp(y + k - r, 0, height - 1) * width, wk, width);
      }
    }
  }
  return MC_OK;
}

/*
 * sumSquares(start, end, [x]) in reduce: the chunk's Σ x[i]², computed exactly as multicore's
 * built-in sumSquares does (native/SPEC.md): 8 accumulators, the tail's element t into accumulator
 * t, combined pairwise. With chunkSize 65536 the reduce result has the built-in's bits.
 */
MC_KERNEL(sumSquares) {
  if (nargs != 1 || args[0].kind != MC_KIND_F64 || end > MC_LENGTH(args, 0)) return 1;
  const double* restrict x = MC_F64(args, 0);
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = start;
  for (; i + 8 <= end; i += 8) {
    for (int j = 0; j < 8; j++) acc[j] += x[i + j] * x[i + j];
  }
  for (int t = 0; i < end; i++, t++) acc[t] += x[i] * x[i];
  *partial = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  return MC_OK;
}
