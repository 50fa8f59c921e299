#include "run.h"

#include <memory>
#include <stdexcept>
#include <string>

#include "pool.h"

namespace multicore::pool {

JobStatus run_chunks(const std::vector<std::size_t>& phase_ends, unsigned threads,
                     const std::function<void(std::size_t)>& fn, std::int32_t* control) {
  JobStatus status = JobStatus::kCompleted;
  std::string error;
  auto job = std::make_shared<Job>(phase_ends, fn, threads, control,
                                   [&](JobStatus s, const std::string& e) {
                                     status = s;
                                     error = e;
                                   });
  Pool::shared()->run(job);
  if (status == JobStatus::kFailed) throw std::runtime_error(error);
  return status;
}

}  // namespace multicore::pool
