// square(x, out, threads, control?) → Promise<void>;  squareSync(x, out, threads) → void
#include "../kernels/square.h"
#include "addon.h"

namespace multicore::binding {

namespace {

struct SquareArgs {
  ArrayArg<double> x, out;
};

SquareArgs square_args(const Napi::CallbackInfo& info) {
  SquareArgs a{float64_array_arg(info, 0, "x"), float64_array_arg(info, 1, "out")};
  require_length(info.Env(), "out.length", "x.length", a.x.length, a.out.length);
  // In place (the very same memory) is fine; a shifted overlap would read squared values.
  if (a.x.data != a.out.data && overlaps(a.x.begin(), a.x.end(), a.out.begin(), a.out.end())) {
    throw Napi::RangeError::New(info.Env(), "out must be x itself or not overlap x");
  }
  return a;
}

}  // namespace

Napi::Value MulticoreAddon::Square(const Napi::CallbackInfo& info) {
  SquareArgs a = square_args(info);
  const unsigned threads = threads_arg(info, 2);
  auto control = control_arg(info, 3);
  auto k = std::make_shared<kernels::Square>(a.x.data, a.out.data, a.x.length);
  return StartAsync(info.Env(), k, threads, control, {a.x.value, a.out.value}, nullptr);
}

Napi::Value MulticoreAddon::SquareSync(const Napi::CallbackInfo& info) {
  SquareArgs a = square_args(info);
  const unsigned threads = threads_arg(info, 2);
  kernels::Square k(a.x.data, a.out.data, a.x.length);
  RunSync(info.Env(), k, threads);
  return info.Env().Undefined();
}

}  // namespace multicore::binding
