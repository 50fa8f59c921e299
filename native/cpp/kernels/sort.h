// sort: in place, the order of Float64Array.prototype.sort() (SPEC.md "sort"): ascending,
// -0 before +0, NaN last (stored back as the canonical quiet NaN).
//
// Parallel LSD radix sort on the order-preserving 64-bit key, 7 passes of 10 bits, ping-ponging
// between x (reused as key storage) and one scratch buffer of n keys. Phases:
//   keys:    x → scratch as keys, histogram of digit 0 per chunk        (C chunks)
//   for each digit d = 0..6:
//     prefix:  per-chunk scatter offsets; a digit shared by every key skips its pass   (1 chunk)
//     scatter: stable scatter of each chunk by digit d                   (C chunks)
//     histo:   histogram of digit d+1 per chunk (d < 6)                  (C chunks)
//   finish:  keys → doubles, into x                                      (C chunks)
// Arrays of at most one chunk are sorted in a single chunk with std::sort on the keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "chunked.h"
#include "sort_scratch.h"

namespace multicore::kernels {

inline constexpr std::size_t kSortChunk = std::size_t{1} << 16;

// Order-preserving key of a double; every NaN maps to the largest key.
std::uint64_t sort_key(double v);
double from_sort_key(std::uint64_t key);

class Sort final : public Chunked {
 public:
  Sort(double* x, std::size_t n);  // allocates the scratch buffer (may throw std::bad_alloc)
  void run_chunk(std::size_t c) override;

 private:
  // 10 bits (7 passes) measured faster than 11 (6 passes: 2048 scattered write streams thrash
  // L1 and the TLB) and 8 (8 passes) on Zen 4 at 10^7 keys.
  static constexpr int kDigitBits = 10;
  static constexpr int kPasses = (64 + kDigitBits - 1) / kDigitBits;
  static constexpr std::size_t kRadix = std::size_t{1} << kDigitBits;

  void run_small();
  void make_keys(std::size_t chunk);
  void histogram(std::size_t chunk, int digit);
  void prefix(int digit);
  void scatter(std::size_t chunk, int digit);
  void finish(std::size_t chunk);
  std::size_t chunk_len(std::size_t chunk) const;

  double* x_;
  std::size_t n_;
  std::size_t chunks_ = 0;
  SortScratch::Ptr scratch_;
  // Set only by prefix(), a single-chunk phase, so every other phase sees them stable.
  std::uint64_t* cur_ = nullptr;         // where the keys are now
  std::uint64_t* other_ = nullptr;       // the other buffer
  const std::uint64_t* from_ = nullptr;  // the current pass reads here...
  std::uint64_t* to_ = nullptr;          // ...and writes here
  bool skip_ = false;                    // the current pass moves nothing
  std::vector<std::uint64_t> counts_;    // chunks_ × kRadix: counts, then scatter offsets
};

void sort(double* x, std::size_t n, unsigned threads);

}  // namespace multicore::kernels
