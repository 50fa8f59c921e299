// sort(x, threads, control?) → Promise<void>, in place
#include <new>

#include "../kernels/sort.h"
#include "addon.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::Sort(const Napi::CallbackInfo& info) {
  auto x = float64_array_arg(info, 0, "x");
  const unsigned threads = threads_arg(info, 1);
  auto control = control_arg(info, 2);
  std::shared_ptr<kernels::Sort> k;
  try {
    k = std::make_shared<kernels::Sort>(x.data, x.length);  // allocates n keys of scratch
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(),
                                "x is too large to sort: out of memory for the scratch buffer");
  }
  return StartAsync(info.Env(), k, threads, control, {x.value}, nullptr);
}

}  // namespace multicore::binding
