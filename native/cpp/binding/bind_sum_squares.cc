// sumSquares(x, threads, control?) → Promise<number>;  sumSquaresSync(x, threads) → number
#include "../kernels/sum_squares.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::SumSquares(const Napi::CallbackInfo& info) {
  auto x = float64_array_arg(info, 0, "x");
  const unsigned threads = threads_arg(info, 1);
  auto control = control_arg(info, 2);
  auto k = std::make_shared<kernels::SumSquares>(x.data, x.length);
  return StartAsync(info.Env(), k, threads, control, {x.value},
                    [k](Napi::Env env) { return Napi::Number::New(env, k->result()); });
}

Napi::Value MulticoreAddon::SumSquaresSync(const Napi::CallbackInfo& info) {
  auto x = float64_array_arg(info, 0, "x");
  const unsigned threads = threads_arg(info, 1);
  kernels::SumSquares k(x.data, x.length);
  RunSync(info.Env(), k, threads);
  return Napi::Number::New(info.Env(), k.result());
}

}  // namespace multicore::binding
