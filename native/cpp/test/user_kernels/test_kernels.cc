// Tiny user kernels for user_kernel_test.cc, built as a shared library by CMake the way a user
// builds theirs: against include/multicore_kernel.h, the chunk functions exported by MC_KERNEL.
#include <atomic>
#include <chrono>
#include <thread>

#include "multicore_kernel.h"

MC_DEFINE_ABI_VERSION();

// args: x (f64), out (f64): out[i] = x[i] * x[i]
MC_KERNEL(mc_test_square) {
  (void)nargs;
  (void)partial;
  const double* x = MC_F64(args, 0);
  double* out = MC_F64(args, 1);
  for (int64_t i = start; i < end; i++) out[i] = x[i] * x[i];
  return MC_OK;
}

// args: x (f64); partial = x[start] + ... + x[end - 1], left to right
MC_KERNEL(mc_test_sum) {
  (void)nargs;
  const double* x = MC_F64(args, 0);
  double s = 0.0;
  for (int64_t i = start; i < end; i++) s += x[i];
  *partial = s;
  return MC_OK;
}

// args: status (number), item (number): returns `status` from the chunk holding `item`.
MC_KERNEL(mc_test_fail) {
  (void)nargs;
  (void)partial;
  const double item = MC_NUMBER(args, 1);
  return item >= static_cast<double>(start) && item < static_cast<double>(end)
             ? static_cast<int32_t>(MC_NUMBER(args, 0))
             : MC_OK;
}

// args: calls (i32, length >= 1), ms (number): counts its calls, then sleeps `ms` milliseconds.
MC_KERNEL(mc_test_slow) {
  (void)start;
  (void)end;
  (void)nargs;
  (void)partial;
  // (an int32 and a lock-free std::atomic<int32_t> share their layout; C++17 has no atomic_ref)
  reinterpret_cast<std::atomic<int32_t>*>(MC_I32(args, 0))->fetch_add(1, std::memory_order_relaxed);
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(MC_NUMBER(args, 1))));
  return MC_OK;
}

// args: any; out (f64, last argument): out[2i] = kind of argument i, out[2i + 1] = its length or
// value. Run it with length 1.
MC_KERNEL(mc_test_describe) {
  (void)start;
  (void)end;
  (void)partial;
  double* out = MC_F64(args, nargs - 1);
  for (int32_t i = 0; i < nargs; i++) {
    out[2 * i] = args[i].kind;
    out[2 * i + 1] =
        args[i].kind == MC_KIND_NUMBER ? args[i].number : static_cast<double>(args[i].length);
  }
  return MC_OK;
}
