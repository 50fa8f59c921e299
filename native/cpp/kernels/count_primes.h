// countPrimes: π(limit), exact (SPEC.md "countPrimes"). Segmented sieve of Eratosthenes over odd
// numbers. Phase 0 (one chunk) sieves the base primes up to ⌊√limit⌋; phase 1 has one chunk per
// segment of 2^18 odd numbers (a 256 KiB byte array, sized for L2).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::uint64_t kPrimeSegmentOdds = std::uint64_t{1} << 18;

class CountPrimes final : public Chunked {
 public:
  explicit CountPrimes(std::uint64_t limit);
  void run_chunk(std::size_t c) override;
  std::uint64_t result() const;

  static std::size_t segment_count(std::uint64_t limit);

 private:
  void sieve_base_primes();
  std::uint64_t count_segment(std::uint64_t segment) const;

  std::uint64_t limit_;
  std::vector<std::uint32_t> base_primes_;  // odd primes ≤ √limit
  std::atomic<std::uint64_t> odd_primes_{0};
};

std::uint64_t count_primes(std::uint64_t limit, unsigned threads);

// ⌊√n⌋ exactly, for any 64-bit n.
std::uint64_t isqrt(std::uint64_t n);

}  // namespace multicore::kernels
