// Named shared memory and futex waits across processes (ipc/): create, attach from a forked
// child, wake across the process boundary, timeouts, and the errors for bad names and sizes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <string>
#include <thread>

#include "ipc/futex.h"
#include "ipc/shm_segment.h"

using namespace multicore::ipc;

namespace {

std::string unique_name(const char* tag) {
  return "/mc_test_" + std::to_string(getpid()) + "_" + tag;
}

// C++17 has no atomic_ref: the builtins the kernel's futex contract is written against.
struct Word {
  std::int32_t* p;
  std::int32_t load() const { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
  void store(std::int32_t v) const { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
};
Word word(void* addr, std::size_t i = 0) { return Word{static_cast<std::int32_t*>(addr) + i}; }

}  // namespace

TEST(Shm, CreateAttachShareAndRemove) {
  const std::string name = unique_name("share");
  Segment a = create_segment(name, 8192);
  ASSERT_EQ(a.error, 0) << a.step;
  ASSERT_EQ(a.size, 8192u);
  Segment b = attach_segment(name);
  ASSERT_EQ(b.error, 0) << b.step;
  EXPECT_EQ(b.size, 8192u);
  EXPECT_NE(a.addr, b.addr);  // two mappings of the same memory
  word(a.addr, 5).store(42);
  EXPECT_EQ(word(b.addr, 5).load(), 42);
  EXPECT_EQ(remove_segment(name), 0);
  word(b.addr, 6).store(7);  // mappings outlive the name
  EXPECT_EQ(word(a.addr, 6).load(), 7);
  unmap_segment(a.addr, a.size);
  unmap_segment(b.addr, b.size);
  EXPECT_EQ(attach_segment(name).error, ENOENT);
  EXPECT_EQ(remove_segment(name), ENOENT);
}

TEST(Shm, Errors) {
  const std::string name = unique_name("errors");
  EXPECT_EQ(attach_segment(name).error, ENOENT);
  EXPECT_EQ(create_segment(name, 0).error, EINVAL);
  Segment a = create_segment(name, 4096);
  ASSERT_EQ(a.error, 0);
  EXPECT_EQ(create_segment(name, 4096).error, EEXIST);  // exclusive
  Segment huge = create_segment(unique_name("huge"), std::size_t{1} << 60);
  EXPECT_NE(huge.error, 0);  // cannot reserve: reported, not a SIGBUS later
  EXPECT_EQ(attach_segment(unique_name("huge")).error, ENOENT);  // nothing left behind
  EXPECT_EQ(remove_segment(name), 0);
  unmap_segment(a.addr, a.size);
}

TEST(Futex, TimeoutAndNotEqual) {
  std::int32_t w = 3;
  EXPECT_EQ(futex_wait(&w, 4, -1), WaitResult::kNotEqual);
  EXPECT_EQ(futex_wait(&w, 3, 1), WaitResult::kTimedOut);
  EXPECT_EQ(futex_wake(&w, 1), 0);
}

TEST(Futex, WakesAThreadOfThisProcess) {
  const std::string name = unique_name("thread");
  Segment s = create_segment(name, 4096);
  ASSERT_EQ(s.error, 0);
  remove_segment(name);
  auto* w = static_cast<std::int32_t*>(s.addr);
  std::thread t([w] {
    while (word(w).load() == 0) futex_wait(w, 0, -1);
  });
  word(w).store(1);
  futex_wake(w, 1);
  t.join();
  unmap_segment(s.addr, s.size);
}

// The child attaches by name (its own mapping, another address), waits for the parent's
// store + wake, and answers through the same memory.
TEST(Futex, WakesAnotherProcess) {
  const std::string name = unique_name("proc");
  Segment s = create_segment(name, 4096);
  ASSERT_EQ(s.error, 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Segment c = attach_segment(name);
    if (c.error) _exit(2);
    auto* w = static_cast<std::int32_t*>(c.addr);
    word(w, 1).store(1);  // attached
    futex_wake(w + 1, 1);
    while (word(w).load() == 0) futex_wait(w, 0, -1);
    word(w, 2).store(word(w).load() + 1);
    futex_wake(w + 2, 1);
    _exit(0);
  }
  auto* w = static_cast<std::int32_t*>(s.addr);
  while (word(w, 1).load() == 0) futex_wait(w + 1, 0, -1);
  EXPECT_TRUE(process_alive(pid));
  word(w).store(41);
  futex_wake(w, 1);
  while (word(w, 2).load() == 0) futex_wait(w + 2, 0, -1);
  EXPECT_EQ(word(w, 2).load(), 42);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_FALSE(process_alive(pid));  // reaped
  EXPECT_TRUE(process_alive(getpid()));
  EXPECT_FALSE(process_alive(0));
  remove_segment(name);
  unmap_segment(s.addr, s.size);
}
