// A user's native kernel (include/multicore_kernel.h): a chunk function loaded from a shared
// library by path, run chunk by chunk on the pool like the built-in kernels. Plain C++, no Node.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "chunked.h"
#include "multicore_kernel.h"

namespace multicore::kernels {

// Loads the library at `path` (once per path for the life of the process: a pool thread may still
// be inside it, so it is never unloaded) and returns its exported `symbol`. Throws
// std::runtime_error saying what is missing: the library (with the loader's message), the symbol,
// or a matching mc_kernel_abi_version. Thread-safe.
mc_chunk_fn load_user_kernel(const std::string& path, const std::string& symbol);

// One call of a user kernel over [0, length) in chunks of `chunk_size` items. With `partials`
// (one double per chunk, e.g. a JS Float64Array's memory) each chunk writes its partial there.
// A chunk that returns a non-zero status throws (the pool then stops the call); the first
// failure is kept: failed_status() and failed_chunk(), and also written as {status, chunk} to
// `failure_out` when given (memory the caller reads after the call: a JS Float64Array(2)).
class UserKernel final : public Chunked {
 public:
  UserKernel(mc_chunk_fn fn, std::vector<mc_arg> args, std::int64_t length, std::int64_t chunk_size,
             double* partials, double* failure_out = nullptr);
  void run_chunk(std::size_t c) override;

  std::size_t chunk_count() const { return total_chunks(); }
  std::int32_t failed_status() const;
  std::int64_t failed_chunk() const;

 private:
  const mc_chunk_fn fn_;
  const std::vector<mc_arg> args_;
  const std::int64_t length_;
  const std::int64_t chunk_size_;
  double* const partials_;
  double* const failure_out_;
  mutable std::mutex mu_;
  std::int32_t failed_status_ = 0;
  std::int64_t failed_chunk_ = -1;
};

}  // namespace multicore::kernels
