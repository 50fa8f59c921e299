// monteCarloPi(samples, seed, threads, control?) → Promise<number>: the INSIDE count
#include "../kernels/monte_carlo_pi.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::MonteCarloPi(const Napi::CallbackInfo& info) {
  const std::uint64_t samples = integer_arg(info, 0, "samples", 1, kMaxSafeInteger);
  const auto seed = static_cast<std::uint32_t>(integer_arg(info, 1, "seed", 0, 0xffffffffu));
  const unsigned threads = threads_arg(info, 2);
  auto control = control_arg(info, 3);
  auto k = std::make_shared<kernels::MonteCarloPi>(samples, seed);
  return StartAsync(info.Env(), k, threads, control, {}, [k](Napi::Env env) {
    return Napi::Number::New(env, static_cast<double>(k->inside()));
  });
}

}  // namespace multicore::binding
