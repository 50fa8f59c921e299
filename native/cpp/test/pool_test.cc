#include "pool/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "pool/run.h"
#include "pool/shared_word.h"
#include "pool_test_util.h"

namespace multicore::pool {
namespace {

using namespace std::chrono_literals;

using test::make_job;
using test::Outcome;

TEST(Pool, RunsEveryChunkExactlyOnce) {
  std::vector<std::atomic<int>> hits(1000);
  EXPECT_EQ(run_chunks({1000}, 4, [&](std::size_t c) { hits[c].fetch_add(1); }),
            JobStatus::kCompleted);
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(Pool, ProgressCounterReachesTotal) {
  std::int32_t control[4] = {0, 77, 0, 0};
  run_chunks(
      {10, 25}, 3, [](std::size_t) {}, control);
  EXPECT_EQ(control[1], 25);
  EXPECT_EQ(control[2], 25);
  EXPECT_EQ(control[3], 0);
}

TEST(Pool, PhasesAreBarriers) {
  std::atomic<std::size_t> done_phase0{0};
  std::atomic<bool> violated{false};
  run_chunks({50, 51, 120}, 4, [&](std::size_t c) {
    if (c < 50) {
      std::this_thread::sleep_for(50us);
      done_phase0.fetch_add(1);
    } else if (done_phase0.load() != 50) {
      violated = true;
    }
  });
  EXPECT_FALSE(violated.load());
}

TEST(Pool, NeverMoreParticipantsThanAsked) {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::atomic<int> now{0}, peak{0};
    run_chunks({200}, threads, [&](std::size_t) {
      const int n = now.fetch_add(1) + 1;
      int p = peak.load();
      while (n > p && !peak.compare_exchange_weak(p, n)) {
      }
      std::this_thread::sleep_for(20us);
      now.fetch_sub(1);
    });
    EXPECT_LE(peak.load(), static_cast<int>(threads));
  }
}

TEST(Pool, GrowsWhenAskedForMoreThreads) {
  Pool pool(2);
  Outcome out;
  auto job = make_job(
      {64}, [](std::size_t) {}, 20, nullptr, out);
  pool.submit(job);
  job->wait();
  EXPECT_GE(pool.thread_count(), 20u);
  auto huge = make_job(
      {4}, [](std::size_t) {}, 1000, nullptr, out);  // capped at kMaxThreads
  pool.submit(huge);
  huge->wait();
  EXPECT_LE(pool.thread_count(), kMaxThreads);
}

TEST(Pool, CancelThroughControlBlock) {
  std::int32_t control[4] = {0, 0, 0, 0};
  std::atomic<int> ran{0};
  std::atomic<int> ran_at_cancel{-1};
  const JobStatus s = run_chunks(
      {100000}, 3,
      [&](std::size_t c) {
        ran.fetch_add(1);
        if (c == 10) {
          multicore::pool::shared_word(&control[0]).store(1, std::memory_order_release);
          ran_at_cancel.store(ran.load());
        }
      },
      control);
  EXPECT_EQ(s, JobStatus::kCancelled);
  // Each participant stops before its next chunk: after the flag is up, at most the chunks other
  // participants had already begun (one each) still run. Counted from the moment of the store, not
  // from chunk 10's start: under load (TSan, a busy CI) the thread holding chunk 10 can be
  // descheduled while the others run hundreds of chunks.
  ASSERT_GE(ran_at_cancel.load(), 1);
  EXPECT_LE(ran.load(), ran_at_cancel.load() + 3);
  EXPECT_EQ(control[1], ran.load());
}

TEST(Pool, CancelWhileWaitingAtAPhaseBarrier) {
  std::int32_t control[4] = {0, 0, 0, 0};
  const JobStatus s = run_chunks(
      {2, 10}, 4,
      [&](std::size_t c) {
        if (c == 0) {
          multicore::pool::shared_word(&control[0]).store(1, std::memory_order_release);
          std::this_thread::sleep_for(20ms);  // others are parked at the barrier by now
        }
      },
      control);
  EXPECT_EQ(s, JobStatus::kCancelled);
}

TEST(Pool, CancelAQueuedJobBeforeItStarts) {
  Pool pool(1);
  std::atomic<bool> release{false};
  Outcome blocker_out, queued_out;
  auto blocker = make_job(
      {1},
      [&](std::size_t) {
        while (!release) std::this_thread::sleep_for(1ms);
      },
      1, nullptr, blocker_out);
  auto queued = make_job(
      {5}, [](std::size_t) { FAIL() << "a cancelled job must not run"; }, 1, nullptr, queued_out);
  pool.submit(blocker);
  pool.submit(queued);
  pool.cancel(queued);
  EXPECT_TRUE(queued->finished());
  EXPECT_EQ(queued_out.status, JobStatus::kCancelled);
  release = true;
  blocker->wait();
  EXPECT_EQ(blocker_out.status, JobStatus::kCompleted);
  EXPECT_EQ(queued_out.calls.load(), 1);
}

TEST(Pool, ExceptionInAChunkFailsTheJob) {
  EXPECT_THROW(run_chunks({100}, 2,
                          [](std::size_t c) {
                            if (c == 5) throw std::runtime_error("boom");
                          }),
               std::runtime_error);
}

TEST(Pool, EmptyJobFinishesAtOnce) {
  Outcome out;
  auto job = make_job(
      {}, [](std::size_t) {}, 4, nullptr, out);
  Pool::shared()->submit(job);
  EXPECT_TRUE(job->finished());
  EXPECT_EQ(out.status, JobStatus::kCompleted);
}

TEST(Pool, ConcurrentJobsFromManyThreads) {
  auto pool = Pool::shared();
  std::vector<std::thread> submitters;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 6; ++t) {
    submitters.emplace_back([&, t] {
      for (int r = 0; r < 20; ++r) {
        std::vector<std::uint64_t> parts(100);
        run_chunks({100}, 1 + (t + r) % 4, [&](std::size_t c) { parts[c] = c * c; });
        std::uint64_t sum = 0;
        for (auto p : parts) sum += p;
        if (sum != 328350) wrong.fetch_add(1);
      }
    });
  }
  for (auto& s : submitters) s.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Pool, ManyAsyncJobsInFlight) {
  auto pool = Pool::shared();
  constexpr int kJobs = 500;
  std::vector<Outcome> outs(kJobs);
  std::vector<std::shared_ptr<Job>> jobs;
  std::atomic<std::size_t> total{0};
  for (int i = 0; i < kJobs; ++i) {
    jobs.push_back(make_job(
        {static_cast<std::size_t>(i % 7 + 1)}, [&](std::size_t) { total.fetch_add(1); }, 1 + i % 3,
        nullptr, outs[i]));
    pool->submit(jobs.back());
  }
  std::size_t expected = 0;
  for (int i = 0; i < kJobs; ++i) {
    jobs[i]->wait();
    expected += i % 7 + 1;
    EXPECT_EQ(outs[i].calls.load(), 1);
    EXPECT_EQ(outs[i].status, JobStatus::kCompleted);
  }
  EXPECT_EQ(total.load(), expected);
}

TEST(Pool, FifoAmongQueuedJobs) {
  Pool pool(1);
  std::vector<int> order;
  std::mutex mu;
  std::vector<Outcome> outs(5);
  std::vector<std::shared_ptr<Job>> jobs;
  for (int i = 0; i < 5; ++i) {
    jobs.push_back(make_job(
        {1},
        [&, i](std::size_t) {
          std::lock_guard<std::mutex> l(mu);
          order.push_back(i);
        },
        1, nullptr, outs[i]));
  }
  for (auto& j : jobs) pool.submit(j);
  for (auto& j : jobs) j->wait();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace multicore::pool
