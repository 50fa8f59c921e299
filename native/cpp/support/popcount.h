// Bits set in a 64-bit word, on every compiler: GCC's and Clang's builtin, a SWAR count elsewhere
// (MSVC's __popcnt64 needs the POPCNT instruction, which the portable path must not assume).
#pragma once

#include <cstdint>

namespace multicore {

inline int popcount64(std::uint64_t w) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_popcountll(w);
#else
  w = w - ((w >> 1) & 0x5555555555555555ULL);
  w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
  w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((w * 0x0101010101010101ULL) >> 56);
#endif
}

}  // namespace multicore
