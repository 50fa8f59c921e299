#include "mandelbrot.h"

#include "../support/dispatch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using RowFn = bool (*)(const MandelbrotParams&, std::uint32_t, std::uint32_t*, RowStop);

// Vectors per group, per level: enough independent chains to hide the latency of one iteration,
// few enough to stay in registers (16 xmm/ymm; 32 zmm and NEON) and that a group rarely waits
// long for its slowest pixel. Measured on an EPYC (Zen 4): SSE2 3, AVX2 3, AVX-512 4.
template <class V>
constexpr int kGroups = 4;  // AVX-512, NEON, scalar
#if MC_SIMD_X86
template <>
constexpr int kGroups<simd::Sse2> = 3;
template <>
constexpr int kGroups<simd::Avx2> = 3;
#endif

#define MC_LEVEL_BODY "../kernels/mandelbrot_body.inc"
#include "../support/per_level.inc"
constexpr auto kRows = MC_LEVEL_TABLE(RowFn, row);

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
