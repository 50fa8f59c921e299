// adviseHugePages(view, dropZeroed) → number: advises the whole huge pages inside a typed array's
// bytes (support/huge_pages.h) and returns how many bytes were advised. `allocate()` in
// src/kernels/allocate.ts passes dropZeroed = true for the buffer it has just made (all zeros,
// seen by nothing else yet); any other buffer must pass false: its contents would be lost.
#include "../support/huge_pages.h"
#include "addon.h"
#include "args.h"

namespace multicore::binding {

Napi::Value MulticoreAddon::AdviseHugePages(const Napi::CallbackInfo& info) {
  const AnyArrayArg a = any_typed_array(info.Env(), info[0], "view");
  if (!info[1].IsBoolean())
    throw Napi::TypeError::New(info.Env(),
                               "dropZeroed must be a boolean, got " + describe_value(info[1]));
  const bool drop_zeroed = info[1].As<Napi::Boolean>().Value();
  const std::size_t bytes = a.value.ByteLength();
  return Napi::Number::New(
      info.Env(), static_cast<double>(a.data ? advise_huge_pages(a.data, bytes, drop_zeroed) : 0));
}

}  // namespace multicore::binding
