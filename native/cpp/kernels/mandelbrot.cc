#include "mandelbrot.h"

#include "../support/dispatch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using RowFn = bool (*)(const MandelbrotParams&, std::uint32_t, std::uint32_t*, RowStop);

// Vectors per group, per level: enough independent chains to hide the latency of one iteration,
// few enough to stay in registers (16 xmm/ymm; 32 zmm and NEON) and that a group rarely waits
// long for its slowest pixel. Measured on an EPYC (Zen 4): SSE2 3, AVX2 3, AVX-512 4.
#if MC_SIMD_X86
namespace sse2 {
using V = simd::Sse2;
#include "mandelbrot_body.inc"
bool row(const MandelbrotParams& p, std::uint32_t r, std::uint32_t* out, RowStop s) {
  return row_groups<3>(p, r, out, s);
}
}  // namespace sse2

MC_TARGET_PUSH(MC_FEATURES_AVX2)
namespace avx2 {
using V = simd::Avx2;
#include "mandelbrot_body.inc"
bool row(const MandelbrotParams& p, std::uint32_t r, std::uint32_t* out, RowStop s) {
  return row_groups<3>(p, r, out, s);
}
}  // namespace avx2
MC_TARGET_POP()

MC_TARGET_PUSH(MC_FEATURES_AVX512)
namespace avx512 {
using V = simd::Avx512;
#include "mandelbrot_body.inc"
bool row(const MandelbrotParams& p, std::uint32_t r, std::uint32_t* out, RowStop s) {
  return row_groups<4>(p, r, out, s);
}
}  // namespace avx512
MC_TARGET_POP()

constexpr simd::LevelTable<RowFn> kRows{sse2::row, avx2::row, avx512::row, nullptr};
#else
namespace scalar {
using V = simd::Scalar;
#include "mandelbrot_body.inc"
bool row(const MandelbrotParams& p, std::uint32_t r, std::uint32_t* out, RowStop s) {
  return row_groups<4>(p, r, out, s);
}
}  // namespace scalar
#if MC_SIMD_NEON
namespace neon {
using V = simd::Neon;
#include "mandelbrot_body.inc"
bool row(const MandelbrotParams& p, std::uint32_t r, std::uint32_t* out, RowStop s) {
  return row_groups<4>(p, r, out, s);
}
}  // namespace neon
constexpr simd::LevelTable<RowFn> kRows{scalar::row, nullptr, nullptr, neon::row};
#else
constexpr simd::LevelTable<RowFn> kRows{scalar::row, nullptr, nullptr, nullptr};
#endif
#endif

bool poll_chunked(const void* k) { return static_cast<const Chunked*>(k)->stop_requested(); }

}  // namespace

bool mandelbrot_row(SimdLevel level, const MandelbrotParams& p, std::uint32_t row,
                    std::uint32_t* out, RowStop stop) {
  return kRows.at(level)(p, row, out, stop);
}

bool mandelbrot_row(const MandelbrotParams& p, std::uint32_t row, std::uint32_t* out,
                    RowStop stop) {
  static const RowFn fn = kRows.at(simd_level());
  return fn(p, row, out, stop);
}

Mandelbrot::Mandelbrot(const MandelbrotParams& p, std::uint32_t* out) : p_(p), out_(out) {
  phase_ends_ = {p.width == 0 ? 0 : static_cast<std::size_t>(p.height)};
}

void Mandelbrot::run_chunk(std::size_t row) {
  if (!mandelbrot_row(p_, static_cast<std::uint32_t>(row), out_ + row * p_.width,
                      RowStop{poll_chunked, this})) {
    mark_interrupted();
  }
}

void mandelbrot(const MandelbrotParams& p, std::uint32_t* out, unsigned threads) {
  Mandelbrot(p, out).run(threads);
}

}  // namespace multicore::kernels
