// countPrimes: π(limit), exact (SPEC.md "countPrimes"). Segmented sieve of Eratosthenes on a
// mod-30 wheel: one byte holds the 8 numbers 30b + {1, 7, 11, 13, 17, 19, 23, 29}.
// Phase 0 (one chunk) sieves the base primes up to ⌊√limit⌋; phase 1 has one chunk per
// prime_chunk_bytes(limit) wheel bytes (30 · 2^16..2^19 numbers), each sieved in L1/L2-sized
// segments.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "chunked.h"

namespace multicore::kernels {

// Wheel bytes per chunk, B = 2^e for the smallest e in 16..19 with B² ≥ 16·limit (else 2^19):
// chunk c covers the numbers [c·30·B, (c+1)·30·B). A chunk starts with one division per sieving
// prime (≤ √limit), so chunks grow with √limit; small limits keep enough chunks for every thread.
std::uint64_t prime_chunk_bytes(std::uint64_t limit);
inline constexpr std::uint64_t kPrimeMaxChunkBytes = std::uint64_t{1} << 19;
// Inside a chunk (not part of the contract): segments for L2, blocks for L1.
inline constexpr std::uint64_t kPrimeSegmentBytes = 256 * 1024;
inline constexpr std::uint64_t kPrimeBlockBytes = 32 * 1024;

class CountPrimes final : public Chunked {
 public:
  explicit CountPrimes(std::uint64_t limit);
  void run_chunk(std::size_t c) override;
  std::uint64_t result() const;

  // Sieve chunks (phase 1) for `limit`: 0 when limit < 2.
  static std::size_t segment_count(std::uint64_t limit);

 private:
  void sieve_base_primes();
  std::uint64_t count_chunk(std::uint64_t chunk) const;

  std::uint64_t limit_;
  std::uint64_t chunk_bytes_;
  std::vector<std::uint32_t> base_primes_;      // odd primes ≤ √limit
  std::atomic<std::uint64_t> wheel_primes_{0};  // primes > 5 found by the chunks
};

std::uint64_t count_primes(std::uint64_t limit, unsigned threads);

// ⌊√n⌋ exactly, for any 64-bit n.
std::uint64_t isqrt(std::uint64_t n);

}  // namespace multicore::kernels
