// Waiting on a 32-bit word of memory shared between processes, in the kernel: Linux futex
// without FUTEX_PRIVATE_FLAG (keyed by the page's inode and offset, so waiters in different
// processes, each with its own mapping address, meet). Same contract as Atomics.wait/notify.
#pragma once

#include <cstdint>

namespace multicore::ipc {

enum class WaitResult { kOk, kNotEqual, kTimedOut, kUnsupported };

// Sleeps while *addr == expected, until woken, `timeout_ms` passes (< 0 or infinite: no limit),
// or a spurious wake-up (reported as kOk: callers re-check their state in a loop).
WaitResult futex_wait(std::int32_t* addr, std::int32_t expected, double timeout_ms);

// Wakes up to `count` waiters of addr (in any process); returns how many were woken.
int futex_wake(std::int32_t* addr, int count);

const char* wait_result_name(WaitResult r);

}  // namespace multicore::ipc
