// Helpers shared by the pool's unit tests (pool_test.cc, pool_guest_test.cc).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pool/job.h"

namespace multicore::pool::test {

// What a job's on_done saw: how often it ran (must be once), with what, and on which thread.
struct Outcome {
  std::atomic<int> calls{0};
  JobStatus status = JobStatus::kCompleted;
  std::string error;
  std::thread::id done_on;
};

inline std::shared_ptr<Job> make_job(std::vector<std::size_t> phases, Job::ChunkFn fn,
                                     unsigned threads, std::int32_t* control, Outcome& out) {
  return std::make_shared<Job>(std::move(phases), std::move(fn), threads, control,
                               [&out](JobStatus s, const std::string& e) {
                                 out.status = s;
                                 out.error = e;
                                 out.done_on = std::this_thread::get_id();
                                 out.calls.fetch_add(1);
                               });
}

}  // namespace multicore::pool::test
