#include "chunked.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "../pool/job.h"
#include "../pool/pool.h"

namespace multicore::kernels {

bool Chunked::stop_requested() const { return job_ != nullptr && job_->cancel_requested(); }

bool Chunked::run(unsigned threads, int* control) {
  static_assert(sizeof(int) == sizeof(std::int32_t), "control words are 32-bit");
  pool::JobStatus status = pool::JobStatus::kCompleted;
  std::string error;
  auto job = std::make_shared<pool::Job>(
      phase_ends_, [this](std::size_t c) { run_chunk(c); }, threads,
      reinterpret_cast<std::int32_t*>(control),
      [&](pool::JobStatus s, const std::string& e) {
        status = s;
        error = e;
      });
  attach(job.get());
  pool::Pool::shared()->run(job);
  attach(nullptr);
  if (status == pool::JobStatus::kFailed) throw std::runtime_error(error);
  return status == pool::JobStatus::kCompleted && !interrupted();
}

}  // namespace multicore::kernels
