#include "chunked.h"

#include <cstdint>

#include "../pool/run.h"

namespace multicore::kernels {

bool Chunked::run(unsigned threads, int* control) {
  static_assert(sizeof(int) == sizeof(std::int32_t), "control words are 32-bit");
  return pool::run_chunks(phase_ends_, threads, [this](std::size_t c) { run_chunk(c); },
                          reinterpret_cast<std::int32_t*>(control)) == pool::JobStatus::kCompleted;
}

}  // namespace multicore::kernels
