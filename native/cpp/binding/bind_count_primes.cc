// countPrimes(limit, threads, control?) → Promise<number>
#include "../kernels/count_primes.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::CountPrimes(const Napi::CallbackInfo& info) {
  const std::uint64_t limit = integer_arg(info, 0, "limit", 0, kMaxSafeInteger);
  const unsigned threads = threads_arg(info, 1);
  auto control = control_arg(info, 2);
  auto k = std::make_shared<kernels::CountPrimes>(limit);
  return StartAsync(info.Env(), k, threads, control, {}, [k](Napi::Env env) {
    return Napi::Number::New(env, static_cast<double>(k->result()));
  });
}

}  // namespace multicore::binding
