#include "futex.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <ctime>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace multicore::ipc {

#if defined(__linux__)

WaitResult futex_wait(std::int32_t* addr, std::int32_t expected, double timeout_ms) {
  timespec ts{};
  timespec* tp = nullptr;
  if (timeout_ms >= 0 && std::isfinite(timeout_ms)) {
    const double secs = std::floor(timeout_ms / 1000.0);
    ts.tv_sec = static_cast<time_t>(secs);
    ts.tv_nsec = static_cast<long>((timeout_ms - secs * 1000.0) * 1e6);
    if (ts.tv_nsec >= 1000000000L) ts.tv_nsec = 999999999L;
    tp = &ts;
  }
  // FUTEX_WAIT (not _PRIVATE): the key is the shared page, so other processes' wakes reach us.
  long r = syscall(SYS_futex, addr, FUTEX_WAIT, expected, tp, nullptr, 0);
  if (r == 0) return WaitResult::kOk;
  switch (errno) {
    case EAGAIN: return WaitResult::kNotEqual;
    case ETIMEDOUT: return WaitResult::kTimedOut;
    default: return WaitResult::kOk;  // EINTR and friends: a spurious wake-up
  }
}

int futex_wake(std::int32_t* addr, int count) {
  long r = syscall(SYS_futex, addr, FUTEX_WAKE, count < 0 ? INT_MAX : count, nullptr, nullptr, 0);
  return r < 0 ? 0 : static_cast<int>(r);
}

#else  // macOS: os_sync_wait_on_address(..., OS_SYNC_WAIT_ON_ADDRESS_SHARED) / __ulock_wait, in
       // design

WaitResult futex_wait(std::int32_t*, std::int32_t, double) { return WaitResult::kUnsupported; }
int futex_wake(std::int32_t*, int) { return 0; }

#endif

const char* wait_result_name(WaitResult r) {
  switch (r) {
    case WaitResult::kOk: return "ok";
    case WaitResult::kNotEqual: return "not-equal";
    case WaitResult::kTimedOut: return "timed-out";
    default: return "unsupported";
  }
}

}  // namespace multicore::ipc
