// A mandelbrot row with a huge maxIter must stop soon after an abort (the row polls the cancel
// flag every kMandelbrotPollIters iterations), and the call must then report cancelled.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

#include "kernels/mandelbrot.h"
#include "pool/shared_word.h"
#include "support/dispatch.h"

namespace multicore::kernels {
namespace {

struct CountingStop {
  std::atomic<int> polls{0};
  int stop_after;
  static bool poll(const void* self) {
    auto* s = static_cast<CountingStop*>(const_cast<void*>(self));
    return ++s->polls > s->stop_after;
  }
};

TEST(MandelbrotCancel, RowPollsAndStopsAtEveryLevel) {
  MandelbrotParams p;
  p.width = 64;
  p.height = 64;
  p.max_iter = 2147483647;  // the row at c = 0 would run for minutes
  for (SimdLevel level : simd::simd_levels_runnable()) {
    CountingStop stop;
    stop.stop_after = 3;
    std::vector<std::uint32_t> out(p.width);
    EXPECT_FALSE(mandelbrot_row(level, p, 32, out.data(), RowStop{CountingStop::poll, &stop}))
        << simd_level_name(level);
    EXPECT_EQ(stop.polls.load(), 4) << simd_level_name(level);
  }
}

TEST(MandelbrotCancel, RowThatNeverStopsIsNotPolledWhenShort) {
  MandelbrotParams p;
  p.width = 16;
  p.height = 2;
  p.max_iter = kMandelbrotPollIters;  // exactly one block: no poll needed
  CountingStop stop;
  stop.stop_after = 0;
  std::vector<std::uint32_t> out(p.width);
  EXPECT_TRUE(mandelbrot_row(p, 1, out.data(), RowStop{CountingStop::poll, &stop}));
  EXPECT_EQ(stop.polls.load(), 0);
}

// The whole call, one row per chunk: the cancel word is set while the only row is running.
void expect_abort_returns(std::uint32_t height, unsigned threads) {
  MandelbrotParams p;
  p.width = 64;
  p.height = height;
  p.max_iter = 2147483647;
  if (height == 1) p.y_min = 0.0;  // the real axis: points of the set, which never escape
  std::vector<std::uint32_t> out(static_cast<std::size_t>(p.width) * p.height);
  std::int32_t control[4] = {0, 0, 0, 0};
  Mandelbrot k(p, out.data());
  auto done = std::async(std::launch::async,
                         [&] { return k.run(threads, reinterpret_cast<int*>(control)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  multicore::pool::shared_word(&control[0]).store(1, std::memory_order_release);
  if (done.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    std::fprintf(stderr, "mandelbrot ignored the abort for 60 s\n");
    std::_Exit(1);  // the kernel thread would run for hours: fail now
  }
  EXPECT_FALSE(done.get()) << "an interrupted row must make the call cancelled";
  EXPECT_TRUE(k.interrupted());
}

TEST(MandelbrotCancel, AbortMidRowOfTheOnlyRow) { expect_abort_returns(1, 1); }
TEST(MandelbrotCancel, AbortMidRowWithSeveralThreads) { expect_abort_returns(64, 3); }

}  // namespace
}  // namespace multicore::kernels
