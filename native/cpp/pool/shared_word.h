// A word of the control block (an Int32Array that JS reads and writes with Atomics) as an atomic,
// portably: GCC's __atomic_* builtins do not exist in MSVC, and std::atomic_ref is C++20 (this
// builds as C++17). std::atomic<std::int32_t> is checked below to have int32_t's size and alignment
// and to be lock-free, so an atomic over that memory is the plain 32-bit word JS sees, on GCC,
// Clang and MSVC alike (the same assumption V8 and Rust's AtomicI32::from_ptr make).
#pragma once

#include <atomic>
#include <cstdint>

namespace multicore::pool {

static_assert(sizeof(std::atomic<std::int32_t>) == sizeof(std::int32_t),
              "atomic int32 must be a plain word");
static_assert(alignof(std::atomic<std::int32_t>) == alignof(std::int32_t),
              "atomic int32 must have int32 alignment");
static_assert(std::atomic<std::int32_t>::is_always_lock_free,
              "atomic int32 must be lock-free to share memory with JS");

inline std::atomic<std::int32_t>& shared_word(std::int32_t* word) {
  return *reinterpret_cast<std::atomic<std::int32_t>*>(word);
}

inline std::int32_t load_shared_word(const std::int32_t* word, std::memory_order order) {
  return shared_word(const_cast<std::int32_t*>(word)).load(order);
}

}  // namespace multicore::pool
