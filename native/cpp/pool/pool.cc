#include "pool.h"

#include <algorithm>
#include <chrono>
#include <system_error>

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__)
#include <immintrin.h>
#endif

namespace multicore::pool {

namespace {

// How long an idle worker keeps looking for a job before it sleeps on the condition variable.
// Waking a sleeping thread (futex) measured 40-100 us per call on a VM, 4-5x a whole small
// kernel call; back-to-back calls find a spinning worker instead. rayon (the Rust backend) does
// the same.
constexpr auto kSpin = std::chrono::microseconds(50);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::this_thread::yield();
#endif
}

}  // namespace

Pool::Pool(unsigned threads)
    : initial_threads_(
          std::clamp(threads ? threads : std::thread::hardware_concurrency(), 1u, kMaxThreads)) {}

Pool::~Pool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

std::shared_ptr<Pool> Pool::shared() {
  // Leaked on purpose: addon instances of worker threads may let go of the pool while static
  // destructors run at process exit.
  static auto* mu = new std::mutex;
  static auto* weak = new std::weak_ptr<Pool>;
  std::lock_guard<std::mutex> lock(*mu);
  std::shared_ptr<Pool> pool = weak->lock();
  if (!pool) {
    pool = std::make_shared<Pool>();
    *weak = pool;
  }
  return pool;
}

unsigned Pool::thread_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::max(static_cast<unsigned>(threads_.size()), initial_threads_);
}

void Pool::ensure_threads(unsigned wanted) {
  wanted = std::min(std::max(wanted, initial_threads_), kMaxThreads);
  while (threads_.size() < wanted) {
    try {
      threads_.emplace_back([this] { worker_main(); });
    } catch (const std::system_error&) {
      if (threads_.empty()) throw;
      return;  // fewer threads than asked for still finish every job
    }
  }
}

void Pool::submit(const std::shared_ptr<Job>& job, std::chrono::microseconds help) {
  if (job->total_chunks() == 0) {
    job->finish();
    return;
  }
  const bool guest = help.count() > 0 && job->phase_ends_.size() == 1;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ensure_threads(job->max_participants());
    push_job(job);  // a worker still spinning takes it from here, woken or not
    if (guest) {
      job->guest_ = true;
      ++job->participants_;  // so that nobody finishes the job under the guest's feet
    }
  }
  if (guest) {
    this->help(job, help);
  } else {
    wake_for(*job);
  }
}

void Pool::wake_for(const Job& job) {
  bool wake_all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_all = job.max_participants() >= threads_.size();
  }
  if (wake_all) {
    cv_.notify_all();
  } else {
    for (unsigned i = 0; i < job.max_participants(); ++i) cv_.notify_one();
  }
}

void Pool::help(const std::shared_ptr<Job>& job, std::chrono::microseconds budget) {
  Job::Guest guest{std::chrono::steady_clock::now(), budget, [this, &job] { wake_for(*job); }};
  const bool ended = job->help(guest);
  bool last;
  {
    std::lock_guard<std::mutex> lock(mu_);
    job->guest_ = false;
    if (ended) {
      last = leave(*job);  // nothing left to claim, or the job stops: as any participant
    } else {
      // Handing over to the workers (woken by now): the job stays open (and queued, unless the
      // workers already fill its cap); if they have all been and gone meanwhile, the guest
      // finishes it.
      last = --job->participants_ == 0 && job->closed_;
    }
  }
  if (last) job->finish();
}

void Pool::run(const std::shared_ptr<Job>& job) {
  if (job->total_chunks() == 0) {
    job->finish();
    return;
  }
  const unsigned helpers = job->max_participants() - 1;
  const bool share = helpers > 0 && job->total_chunks() > 1;
  {
    std::lock_guard<std::mutex> lock(mu_);
    job->participants_ = 1;  // the calling thread
    if (share) {
      ensure_threads(helpers);
      push_job(job);
    }
  }
  if (share) {
    for (unsigned i = 0; i < helpers; ++i) cv_.notify_one();
  }
  participate(job);
  job->wait();
}

void Pool::cancel(const std::shared_ptr<Job>& job) {
  job->request_cancel();
  bool finish_now = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (job->participants_ == 0 && !job->closed_ && job->queued_) {
      remove_from_queue(*job);
      job->closed_ = true;
      finish_now = true;
    }
  }
  if (finish_now) job->finish();
}

void Pool::push_job(const std::shared_ptr<Job>& job) {
  queue_.push_back(job);
  job->queued_ = true;
  queued_.store(queue_.size(), std::memory_order_release);
}

void Pool::remove_from_queue(Job& job) {
  if (!job.queued_) return;
  auto it = std::find_if(queue_.begin(), queue_.end(),
                         [&job](const std::shared_ptr<Job>& j) { return j.get() == &job; });
  if (it != queue_.end()) queue_.erase(it);
  job.queued_ = false;
  queued_.store(queue_.size(), std::memory_order_release);
}

void Pool::spin_for_work() const {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (unsigned i = 1; queued_.load(std::memory_order_acquire) == 0; ++i) {
    cpu_relax();
    if (i % 64 == 0 && std::chrono::steady_clock::now() >= until) return;
  }
}

bool Pool::leave(Job& job) {
  // A participant leaves only when no chunk is left to claim or the job stops, so nobody else
  // should join: close the job. The last one out finishes it.
  remove_from_queue(job);
  job.closed_ = true;
  return --job.participants_ == 0;
}

void Pool::participate(const std::shared_ptr<Job>& job) {
  job->work();
  bool last;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last = leave(*job);
  }
  if (last) job->finish();
}

void Pool::worker_main() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (queue_.empty() && !stop_) {
      lock.unlock();
      spin_for_work();
      lock.lock();
    }
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stop_ with nothing left to do
    std::shared_ptr<Job> job = queue_.front();
    // A guest (the submitting thread, helping) does not count against the job's cap.
    if (++job->participants_ - (job->guest_ ? 1 : 0) >= job->max_participants()) {
      remove_from_queue(*job);
    }
    job->worker_joined_.store(true, std::memory_order_release);
    lock.unlock();
    participate(job);
    job.reset();  // release captured kernel state before sleeping
    lock.lock();
  }
}

}  // namespace multicore::pool
