// The persistent worker pool of the C++ backend. One Pool per process (Pool::shared), shared by
// every addon instance (main thread and worker threads) and by the C++ tests; it lives while
// someone holds a shared_ptr to it. See README.md in this folder for the design.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "job.h"

namespace multicore::pool {

inline constexpr unsigned kMaxThreads = 256;

class Pool {
 public:
  // threads: how many workers to start with (0: one per hardware thread). Workers start lazily,
  // on the first job.
  explicit Pool(unsigned threads = 0);
  ~Pool();  // stops and joins the workers; every job must have finished

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // The process-wide pool, created on first use, destroyed when the last holder lets go.
  static std::shared_ptr<Pool> shared();

  // Queues the job (FIFO) and returns once it is queued. Grows the pool if the job wants more
  // threads than exist. A job with no chunks finishes here, on the calling thread. Throws
  // std::system_error if no worker thread can be started at all.
  // `help` > 0 (one-phase jobs only): unless a worker still awake takes the job first, the calling
  // thread runs its first chunk, and the rest too if at that pace it fits in `help`, waking
  // nobody; otherwise it wakes the workers and returns (README: "The caller helps"). It may
  // finish the job itself. Only for jobs whose chunks are short.
  void submit(const std::shared_ptr<Job>& job,
              std::chrono::microseconds help = std::chrono::microseconds(0));

  // Runs the job with the calling thread as one of its participants and returns when it has
  // finished (on_done included).
  void run(const std::shared_ptr<Job>& job);

  // Stops the job before its next chunk; a job still waiting in the queue finishes at once.
  void cancel(const std::shared_ptr<Job>& job);

  // Workers the pool has, counting those it will start on its first job.
  unsigned thread_count() const;

 private:
  void ensure_threads(unsigned wanted);  // caller holds mu_
  void worker_main();
  void participate(const std::shared_ptr<Job>& job);                             // work, then leave
  void help(const std::shared_ptr<Job>& job, std::chrono::microseconds budget);  // as a guest
  void wake_for(const Job& job);     // notifies as many sleeping workers as the job may use
  bool leave(Job& job);              // caller holds mu_; true when the job is now finished
  void remove_from_queue(Job& job);  // caller holds mu_
  void push_job(const std::shared_ptr<Job>& job);  // caller holds mu_
  void spin_for_work() const;  // a short wait for a job before sleeping (README: "Idle workers")

  const unsigned initial_threads_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;  // jobs that still accept participants, oldest first
  std::atomic<std::size_t> queued_{0};      // queue_.size(), readable without mu_
  std::vector<std::thread> threads_;
  bool stop_ = false;
};

}  // namespace multicore::pool
