// A Job is one kernel call as the pool sees it: a fixed number of chunks, cut into phases, a
// function that runs one chunk, and at most `max_participants` threads working on it at once.
// See README.md in this folder for the whole design.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace multicore::pool {

enum class JobStatus { kCompleted, kCancelled, kFailed };

class Job {
 public:
  using ChunkFn = std::function<void(std::size_t chunk)>;
  using DoneFn = std::function<void(JobStatus status, const std::string& error)>;

  // phase_ends: cumulative chunk counts, one entry per phase (e.g. {1, 1 + segments}). Every chunk
  // of phase p starts only after every chunk of phase p-1 has finished. `control` is the optional
  // SPEC control block (Int32Array memory: [0] cancel, [1] chunks done, [2] total); the Job
  // stores [1] = 0 and [2] = total before any chunk runs. `on_done` runs exactly once, on the
  // thread that finished the job, before wait() returns.
  Job(std::vector<std::size_t> phase_ends, ChunkFn fn, unsigned max_participants,
      std::int32_t* control, DoneFn on_done);

  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  std::size_t total_chunks() const { return total_; }
  std::size_t completed_chunks() const { return completed_.load(std::memory_order_acquire); }
  unsigned max_participants() const { return max_participants_; }

  // Asks every participant to stop before its next chunk. Use Pool::cancel so that a job that
  // nobody has started yet is also finished.
  void request_cancel();
  bool cancel_requested() const;

  // Blocks until on_done has returned.
  void wait();
  bool finished() const;

 private:
  friend class Pool;

  // The chunk loop every participant runs; returns when no chunk is left or the job stops.
  void work() { work_loop(nullptr); }
  // The submitting thread's part when it helps (Pool::submit, README "The caller helps").
  struct Guest {
    std::chrono::steady_clock::time_point start;
    std::chrono::microseconds budget;
    std::function<void()> wake_workers;  // called before the guest leaves work to the workers
    std::size_t ran = 0;                 // chunks the guest has run
  };
  // The same loop for the guest: after its first chunk it goes on only while the chunks left fit
  // its budget at its pace and no worker has joined; otherwise it wakes the workers and returns
  // false. True when it stopped for the job's own reasons (no chunk left, stop).
  bool help(Guest& guest) { return work_loop(&guest); }
  bool work_loop(Guest* guest);
  bool guest_leaves(Guest& guest);  // the check above; wakes the workers when needed
  void wake_phase_waiters();
  bool wait_for_phase(std::size_t needed_chunks);
  void finish();  // computes the status, calls on_done, releases wait()

  const std::vector<std::size_t> phase_ends_;
  const std::size_t total_;
  const ChunkFn fn_;
  const unsigned max_participants_;
  std::int32_t* const control_;
  DoneFn on_done_;

  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> completed_{0};
  std::atomic<bool> cancel_{false};

  mutable std::mutex mu_;  // guards error_, finished_ and the phase/finish condition variable
  std::condition_variable cv_;
  std::string error_;
  bool failed_ = false;
  bool finished_ = false;

  // Owned by the Pool, under the pool's mutex.
  unsigned participants_ = 0;
  bool queued_ = false;
  bool closed_ = false;  // no participant may join any more
  // The submitting thread is helping: counted in participants_, not against the cap.
  bool guest_ = false;
  std::atomic<bool> worker_joined_{false};  // set when a pool worker joins; the guest then stops
};

}  // namespace multicore::pool
