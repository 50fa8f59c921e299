#include "job.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "shared_word.h"

namespace multicore::pool {

namespace {

std::int32_t load_cancel_word(const std::int32_t* control) {
  return control ? load_shared_word(&control[0], std::memory_order_acquire) : 0;
}

}  // namespace

Job::Job(std::vector<std::size_t> phase_ends, ChunkFn fn, unsigned max_participants,
         std::int32_t* control, DoneFn on_done)
    : phase_ends_(std::move(phase_ends)),
      total_(phase_ends_.empty() ? 0 : phase_ends_.back()),
      fn_(std::move(fn)),
      max_participants_(std::max(1u, max_participants)),
      control_(control),
      on_done_(std::move(on_done)) {
  if (control_) {
    shared_word(&control_[1]).store(0, std::memory_order_relaxed);
    const std::size_t clamped = std::min<std::size_t>(total_, INT32_MAX);
    shared_word(&control_[2]).store(static_cast<std::int32_t>(clamped), std::memory_order_release);
  }
}

void Job::request_cancel() {
  cancel_.store(true, std::memory_order_release);
  wake_phase_waiters();
}

bool Job::cancel_requested() const {
  return cancel_.load(std::memory_order_acquire) || load_cancel_word(control_) != 0;
}

void Job::wake_phase_waiters() {
  std::lock_guard<std::mutex> lock(mu_);  // taken so a waiter cannot miss the notification
  cv_.notify_all();
}

bool Job::wait_for_phase(std::size_t needed) {
  std::unique_lock<std::mutex> lock(mu_);
  while (completed_.load(std::memory_order_acquire) < needed) {
    if (cancel_requested()) return false;
    // The timeout only matters when JS sets the cancel word while we sleep.
    cv_.wait_for(lock, std::chrono::milliseconds(5));
  }
  return true;
}

bool Job::guest_leaves(Guest& g) {
  const std::size_t left = total_ - std::min(next_.load(std::memory_order_relaxed), total_);
  if (left == 0) return false;  // the loop ends by itself, and the guest closes the job
  // A worker that was still spinning joined at once: the call runs as if nobody had helped.
  bool leave = worker_joined_.load(std::memory_order_acquire);
  if (!leave && g.ran > 0) {
    // Stay while the chunks left fit the budget at the pace so far. Otherwise hand over: waking
    // a sleeping worker costs the waker a system call (tens of microseconds on a VM), which a
    // call the guest finishes within its budget never pays; helping on while a worker woke
    // measured no faster here.
    const auto spent = std::chrono::steady_clock::now() - g.start;
    leave = spent + spent / g.ran * left > g.budget;
  }
  if (leave) g.wake_workers();  // costs nothing when no worker sleeps
  return leave;
}

bool Job::work_loop(Guest* guest) {
  std::size_t phase = 0;
  for (;;) {
    if (guest && guest_leaves(*guest)) return false;
    if (cancel_requested()) {
      cancel_.store(true, std::memory_order_release);
      wake_phase_waiters();
      return true;
    }
    const std::size_t c = next_.fetch_add(1, std::memory_order_relaxed);
    if (c >= total_) return true;
    while (c >= phase_ends_[phase]) ++phase;  // chunks are claimed in increasing order
    if (phase > 0 && completed_.load(std::memory_order_acquire) < phase_ends_[phase - 1] &&
        !wait_for_phase(phase_ends_[phase - 1])) {
      return true;
    }
    try {
      fn_(c);
    } catch (const std::exception& e) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!failed_) error_ = e.what();
        failed_ = true;
      }
      request_cancel();
      return true;
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!failed_) error_ = "unknown C++ exception in a kernel chunk";
        failed_ = true;
      }
      request_cancel();
      return true;
    }
    if (guest) ++guest->ran;
    const std::size_t done = completed_.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (control_) shared_word(&control_[1]).fetch_add(1, std::memory_order_release);
    if (phase + 1 < phase_ends_.size() && done == phase_ends_[phase]) wake_phase_waiters();
  }
}

void Job::finish() {
  JobStatus status;
  std::string error;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (failed_) {
      status = JobStatus::kFailed;
      error = error_;
    } else if (completed_.load(std::memory_order_acquire) == total_) {
      status = JobStatus::kCompleted;  // a cancel that came after the last chunk changes nothing
    } else {
      status = JobStatus::kCancelled;
    }
  }
  if (on_done_) on_done_(status, error);
  on_done_ = nullptr;  // drop captured state on this thread, before anyone is released
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
  cv_.notify_all();
}

void Job::wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return finished_; });
}

bool Job::finished() const {
  std::lock_guard<std::mutex> lock(mu_);
  return finished_;
}

}  // namespace multicore::pool
