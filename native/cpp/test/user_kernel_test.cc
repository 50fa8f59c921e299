// User native kernels (kernels/user_kernel.h): loading by path and symbol with clear errors, the
// same results at every thread count, partials in chunk order, a non-zero status stopping the call,
// cancel through the control block. The kernels are test/user_kernels/*.cc, built as shared
// libraries by CMake.
#include "kernels/user_kernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <thread>

#include "test_util.h"

namespace multicore::kernels {
namespace {

const std::string kLib = MC_TEST_KERNELS_PATH;
const std::string kBadAbiLib = MC_TEST_BAD_ABI_PATH;

mc_arg f64(std::vector<double>& v) {
  mc_arg a{};
  a.kind = MC_KIND_F64;
  a.data = v.data();
  a.length = static_cast<std::int64_t>(v.size());
  return a;
}

mc_arg i32(std::vector<std::int32_t>& v) {
  mc_arg a{};
  a.kind = MC_KIND_I32;
  a.data = v.data();
  a.length = static_cast<std::int64_t>(v.size());
  return a;
}

mc_arg number(double x) {
  mc_arg a{};
  a.kind = MC_KIND_NUMBER;
  a.number = x;
  return a;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(UserKernel, SquareMatchesAtEveryThreadCount) {
  auto fn = load_user_kernel(kLib, "mc_test_square");
  for (std::size_t n : {0u, 1u, 999u, 100000u}) {
    std::vector<double> x = test::random_doubles(n, 7);
    for (unsigned threads : test::kThreadCounts) {
      std::vector<double> out(n, -1.0);
      UserKernel k(fn, {f64(x), f64(out)}, static_cast<std::int64_t>(n), 1000, nullptr);
      ASSERT_TRUE(k.run(threads));
      for (std::size_t i = 0; i < n; i++)
        ASSERT_EQ(test::bits_of(out[i]), test::bits_of(x[i] * x[i])) << i;
    }
  }
}

TEST(UserKernel, PartialsAreStoredByChunkWhateverTheThreads) {
  auto fn = load_user_kernel(kLib, "mc_test_sum");
  std::vector<double> x = test::random_doubles(12345, 3);
  std::vector<double> expected;
  for (std::size_t s = 0; s < x.size(); s += 100) {
    double sum = 0.0;
    for (std::size_t i = s; i < std::min(x.size(), s + 100); i++) sum += x[i];
    expected.push_back(sum);
  }
  for (unsigned threads : test::kThreadCounts) {
    std::vector<double> partials(expected.size(), -1.0);
    UserKernel k(fn, {f64(x)}, static_cast<std::int64_t>(x.size()), 100, partials.data());
    ASSERT_EQ(k.chunk_count(), expected.size());
    ASSERT_TRUE(k.run(threads));
    for (std::size_t c = 0; c < expected.size(); c++)
      ASSERT_EQ(test::bits_of(partials[c]), test::bits_of(expected[c]));
  }
}

TEST(UserKernel, LibrariesAreCachedByPath) {
  EXPECT_EQ(load_user_kernel(kLib, "mc_test_sum"), load_user_kernel(kLib, "mc_test_sum"));
}

TEST(UserKernel, MissingLibraryNamesThePath) {
  const std::string e = error_of([] { load_user_kernel("/nonexistent/libnothing.so", "f"); });
  EXPECT_NE(e.find("cannot load the library /nonexistent/libnothing.so"), std::string::npos) << e;
}

TEST(UserKernel, MissingSymbolNamesIt) {
  const std::string e = error_of([] { load_user_kernel(kLib, "no_such_kernel"); });
  EXPECT_NE(e.find("has no exported symbol 'no_such_kernel'"), std::string::npos) << e;
}

TEST(UserKernel, AnotherAbiVersionIsRefused) {
  const std::string e = error_of([] { load_user_kernel(kBadAbiLib, "mc_test_noop"); });
  EXPECT_NE(e.find("ABI 999"), std::string::npos) << e;
}

TEST(UserKernel, NonZeroStatusStopsTheCallAndIsKept) {
  auto fn = load_user_kernel(kLib, "mc_test_fail");
  for (unsigned threads : test::kThreadCounts) {
    double failure[2] = {0, -1};
    UserKernel k(fn, {number(7), number(4500)}, 10000, 1000, nullptr, failure);
    const std::string e = error_of([&] { k.run(threads); });
    EXPECT_NE(e.find("chunk 4 [4000, 5000) returned status 7"), std::string::npos) << e;
    EXPECT_EQ(k.failed_status(), 7);
    EXPECT_EQ(k.failed_chunk(), 4);
    EXPECT_EQ(failure[0], 7);
    EXPECT_EQ(failure[1], 4);
  }
}

TEST(UserKernel, ControlBlockCancelStopsWithinAChunk) {
  auto fn = load_user_kernel(kLib, "mc_test_slow");
  std::vector<std::int32_t> calls(1, 0);
  int control[4] = {0, 0, 0, 0};
  UserKernel k(fn, {i32(calls), number(2)}, 100000, 1, nullptr);
  bool completed = true;
  std::thread runner([&] { completed = k.run(2, control); });
  auto count = [&] { return reinterpret_cast<std::atomic<std::int32_t>*>(calls.data())->load(); };
  while (count() < 3) std::this_thread::yield();
  reinterpret_cast<std::atomic<int>*>(&control[0])->store(1, std::memory_order_release);
  const int at_cancel = count();
  runner.join();
  EXPECT_FALSE(completed);
  // Each of the 2 threads may finish the chunk it had started, and no more.
  EXPECT_LE(count(), at_cancel + 2);
  EXPECT_EQ(control[2], 100000);
}

TEST(UserKernel, ArgumentsArriveAsGiven) {
  auto fn = load_user_kernel(kLib, "mc_test_describe");
  std::vector<std::int32_t> ints(5);
  std::vector<double> out(6, -1.0);
  UserKernel k(fn, {i32(ints), number(2.5), f64(out)}, 1, 1, nullptr);
  ASSERT_TRUE(k.run(1));
  EXPECT_EQ(out, (std::vector<double>{MC_KIND_I32, 5, MC_KIND_NUMBER, 2.5, MC_KIND_F64, 6}));
}

}  // namespace
}  // namespace multicore::kernels
