// Pool::submit with `help`: the submitting thread runs chunks itself (README "The caller helps").
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "pool/pool.h"
#include "pool/shared_word.h"
#include "pool_test_util.h"

namespace multicore::pool {
namespace {

using namespace std::chrono_literals;

using test::make_job;
using test::Outcome;

// A pool whose workers have started and then gone to sleep (past their spin).
std::unique_ptr<Pool> sleeping_pool(unsigned threads) {
  auto pool = std::make_unique<Pool>(threads);
  Outcome out;
  auto warm = make_job(
      {threads}, [](std::size_t) {}, threads, nullptr, out);
  pool->submit(warm);
  warm->wait();
  std::this_thread::sleep_for(20ms);
  return pool;
}

// Which threads ran which chunks.
struct Ran {
  std::mutex mu;
  std::vector<std::thread::id> by;
  explicit Ran(std::size_t n) : by(n) {}
  void mark(std::size_t c) {
    std::lock_guard<std::mutex> l(mu);
    EXPECT_EQ(by[c], std::thread::id()) << "chunk " << c << " ran twice";
    by[c] = std::this_thread::get_id();
  }
  std::size_t on(std::thread::id t) {
    std::lock_guard<std::mutex> l(mu);
    std::size_t k = 0;
    for (auto id : by) k += id == t;
    return k;
  }
  bool all_ran() {
    std::lock_guard<std::mutex> l(mu);
    for (auto id : by) {
      if (id == std::thread::id()) return false;
    }
    return true;
  }
};

TEST(PoolGuest, ASmallCallRunsWhollyOnTheCallerAndFinishesThere) {
  auto pool = sleeping_pool(2);
  Ran ran(4);
  Outcome out;
  auto job = make_job(
      {4}, [&](std::size_t c) { ran.mark(c); }, 1, nullptr, out);
  pool->submit(job, 100ms);  // four empty chunks fit any budget
  // Finished before submit returned, on this thread, with no worker woken for it.
  EXPECT_TRUE(job->finished());
  EXPECT_EQ(out.calls.load(), 1);
  EXPECT_EQ(out.status, JobStatus::kCompleted);
  EXPECT_EQ(out.done_on, std::this_thread::get_id());
  EXPECT_EQ(ran.on(std::this_thread::get_id()), 4u);
}

TEST(PoolGuest, ACallOverTheBudgetIsHandedToTheWorkersAfterOneChunk) {
  auto pool = sleeping_pool(2);
  Ran ran(40);
  Outcome out;
  auto job = make_job(
      {40},
      [&](std::size_t c) {
        std::this_thread::sleep_for(300us);
        ran.mark(c);
      },
      1, nullptr, out);
  const auto t0 = std::chrono::steady_clock::now();
  pool->submit(job, 100us);
  const auto submit_took = std::chrono::steady_clock::now() - t0;
  job->wait();
  EXPECT_EQ(out.calls.load(), 1);
  EXPECT_EQ(out.status, JobStatus::kCompleted);
  EXPECT_TRUE(ran.all_ran());
  // The first chunk shows the rest cannot fit: the caller ran that one (a worker that joined
  // before it would have taken it instead) and no more.
  EXPECT_LE(ran.on(std::this_thread::get_id()), 1u);
  EXPECT_LT(submit_took, 40 * 300us);
}

TEST(PoolGuest, WorkersThatJoinWhileTheCallerHelpsStillFillTheJobsCap) {
  Pool pool(4);
  for (unsigned threads : {1u, 2u, 3u}) {
    // Right after a job the workers are still spinning, so they join while the caller is in
    // its (long) first chunk: the caller must not take one of the job's `threads` places.
    Outcome warm_out;
    auto warm = make_job(
        {4}, [](std::size_t) {}, 4, nullptr, warm_out);
    pool.submit(warm);
    warm->wait();
    const auto caller = std::this_thread::get_id();
    std::atomic<int> now{0}, peak{0};
    Outcome out;
    auto job = make_job(
        {100},
        [&](std::size_t) {
          if (std::this_thread::get_id() == caller) {
            std::this_thread::sleep_for(2ms);
            return;
          }
          const int n = now.fetch_add(1) + 1;
          int p = peak.load();
          while (n > p && !peak.compare_exchange_weak(p, n)) {
          }
          std::this_thread::sleep_for(100us);
          now.fetch_sub(1);
        },
        threads, nullptr, out);
    pool.submit(job, 50us);
    job->wait();
    EXPECT_EQ(out.status, JobStatus::kCompleted);
    EXPECT_EQ(peak.load(), static_cast<int>(threads)) << "workers fill the cap, never exceed it";
  }
}

TEST(PoolGuest, AJobWithPhasesIsNotHelpedWith) {
  auto pool = sleeping_pool(2);
  Ran ran(6);
  Outcome out;
  auto job = make_job(
      {2, 6}, [&](std::size_t c) { ran.mark(c); }, 2, nullptr, out);
  pool->submit(job, 100ms);  // the caller would otherwise wait at the barrier
  job->wait();
  EXPECT_EQ(out.status, JobStatus::kCompleted);
  EXPECT_TRUE(ran.all_ran());
  EXPECT_EQ(ran.on(std::this_thread::get_id()), 0u);
}

TEST(PoolGuest, AChunkThatThrowsOnTheCallerFailsTheJobOnce) {
  auto pool = sleeping_pool(2);
  Outcome out;
  auto job = make_job(
      {3},
      [](std::size_t c) {
        if (c == 1) throw std::runtime_error("boom");
      },
      1, nullptr, out);
  pool->submit(job, 100ms);
  job->wait();
  EXPECT_EQ(out.calls.load(), 1);
  EXPECT_EQ(out.status, JobStatus::kFailed);
  EXPECT_EQ(out.error, "boom");
}

TEST(PoolGuest, ACallAbortedBeforeItStartsRunsNothing) {
  auto pool = sleeping_pool(2);
  std::int32_t control[4] = {1, 0, 0, 0};
  Outcome out;
  auto job = make_job(
      {5}, [](std::size_t) { FAIL() << "an aborted call must not run"; }, 1, control, out);
  pool->submit(job, 100ms);
  job->wait();
  EXPECT_EQ(out.calls.load(), 1);
  EXPECT_EQ(out.status, JobStatus::kCancelled);
}

TEST(PoolGuest, ManyHelpedCallsFromManyThreadsEachSettleOnce) {
  auto pool = Pool::shared();
  std::vector<std::thread> submitters;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 6; ++t) {
    submitters.emplace_back([&, t] {
      for (int r = 0; r < 200; ++r) {
        const std::size_t n = 1 + (t * 7 + r) % 40;
        std::vector<std::atomic<int>> hits(n);
        Outcome out;
        auto job = make_job(
            {n},
            [&](std::size_t c) {
              if (c % 5 == 0) std::this_thread::sleep_for(std::chrono::microseconds(r % 50));
              hits[c].fetch_add(1);
            },
            1 + (t + r) % 3, nullptr, out);
        pool->submit(job, std::chrono::microseconds(1 + r % 200));
        job->wait();
        if (out.calls.load() != 1 || out.status != JobStatus::kCompleted) wrong.fetch_add(1);
        for (auto& h : hits) {
          if (h.load() != 1) wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& s : submitters) s.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace multicore::pool
