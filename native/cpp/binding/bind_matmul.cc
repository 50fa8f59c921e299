// matmul(a, b, out, m, k, n, threads, control?) → Promise<void>
#include "../kernels/matmul.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::Matmul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto a = float64_array_arg(info, 0, "a");
  auto b = float64_array_arg(info, 1, "b");
  auto out = float64_array_arg(info, 2, "out");
  const std::uint64_t m = integer_arg(info, 3, "m", 0, kMaxInt32);
  const std::uint64_t k = integer_arg(info, 4, "k", 0, kMaxInt32);
  const std::uint64_t n = integer_arg(info, 5, "n", 0, kMaxInt32);
  const unsigned threads = threads_arg(info, 6);
  auto control = control_arg(info, 7);
  // Each factor is < 2^31, so the products fit in 64 bits; they must match the arrays exactly.
  require_length(env, "a.length", "m*k", m * k, a.length);
  require_length(env, "b.length", "k*n", k * n, b.length);
  require_length(env, "out.length", "m*n", m * n, out.length);
  if (overlaps(out.begin(), out.end(), a.begin(), a.end()) ||
      overlaps(out.begin(), out.end(), b.begin(), b.end())) {
    throw Napi::RangeError::New(env, "out must not overlap a or b");
  }
  auto kernel = std::make_shared<kernels::Matmul>(a.data, b.data, out.data, m, k, n);
  return StartAsync(env, kernel, threads, control, {a.value, b.value, out.value}, nullptr);
}

}  // namespace multicore::binding
