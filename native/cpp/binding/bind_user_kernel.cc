// runUserKernel(path, symbol, length, chunkSize, args, partials, failure, threads, control?) →
// Promise<void> A user's native kernel (include/multicore_kernel.h) on the pool. `args` is an array
// of typed arrays and numbers, passed to the chunk function as mc_arg without copying; `partials`
// (null, or a Float64Array with one element per chunk) receives the chunk partials of a reduce;
// `failure` (a Float64Array of length 2) receives {status, chunk} of the first chunk that returned
// non-zero. Loading errors (no library, no symbol, another ABI) throw synchronously.
#include "../kernels/user_kernel.h"
#include "addon.h"

namespace multicore::binding {

namespace {

mc_kind kind_of(napi_typedarray_type t) {
  switch (t) {
    case napi_float64_array: return MC_KIND_F64;
    case napi_float32_array: return MC_KIND_F32;
    case napi_int32_array: return MC_KIND_I32;
    case napi_uint32_array: return MC_KIND_U32;
    case napi_int16_array: return MC_KIND_I16;
    case napi_uint16_array: return MC_KIND_U16;
    case napi_int8_array: return MC_KIND_I8;
    case napi_uint8_array: return MC_KIND_U8;
    default: return MC_KIND_NUMBER;  // not an allowed array type
  }
}

const char* const kArgTypes =
    "a Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, "
    "Uint8Array or a number";

}  // namespace

Napi::Value MulticoreAddon::RunUserKernel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string path = string_arg(info, 0, "path");
  const std::string symbol = string_arg(info, 1, "symbol");
  const auto length = static_cast<std::int64_t>(integer_arg(info, 2, "length", 0, kMaxSafeInteger));
  const auto chunk =
      static_cast<std::int64_t>(integer_arg(info, 3, "chunkSize", 1, kMaxSafeInteger));
  const std::uint64_t chunks =
      static_cast<std::uint64_t>(length / chunk + (length % chunk ? 1 : 0));
  if (chunks > kMaxInt32) {
    throw Napi::RangeError::New(env, "length / chunkSize must be at most " +
                                         std::to_string(kMaxInt32) + " chunks, got " +
                                         std::to_string(chunks));
  }

  if (!info[4].IsArray())
    throw Napi::TypeError::New(env, "args must be an Array, got " + describe_value(info[4]));
  Napi::Array list = info[4].As<Napi::Array>();
  if (list.Length() > kMaxInt32) throw Napi::RangeError::New(env, "args has too many elements");
  std::vector<mc_arg> args(list.Length());
  std::vector<Napi::Value> keep;
  for (std::uint32_t i = 0; i < list.Length(); i++) {
    const std::string name = "args[" + std::to_string(i) + "]";
    Napi::Value v = list.Get(i);
    mc_arg& a = args[i];
    a = mc_arg{};
    if (v.IsNumber()) {
      a.kind = MC_KIND_NUMBER;
      a.number = v.As<Napi::Number>().DoubleValue();
      continue;
    }
    if (!v.IsTypedArray())
      throw Napi::TypeError::New(env,
                                 name + " must be " + kArgTypes + ", got " + describe_value(v));
    AnyArrayArg t = any_typed_array(env, v, name);
    a.kind = kind_of(t.type);
    if (a.kind == MC_KIND_NUMBER)
      throw Napi::TypeError::New(env,
                                 name + " must be " + kArgTypes + ", got " + describe_value(v));
    a.data = t.data;
    a.length = static_cast<std::int64_t>(t.length);
    keep.push_back(v);
  }

  double* partials = nullptr;
  if (!info[5].IsNull() && !info[5].IsUndefined()) {
    auto p = float64_array_arg(info, 5, "partials");
    require_length(env, "partials.length", "the number of chunks", chunks, p.length);
    partials = p.data;
    keep.push_back(p.value);
  }
  auto failure = float64_array_arg(info, 6, "failure");
  if (failure.length < 2) throw Napi::RangeError::New(env, "failure.length must be at least 2");
  keep.push_back(failure.value);
  const unsigned threads = threads_arg(info, 7);
  auto control = control_arg(info, 8);

  mc_chunk_fn fn;
  try {
    fn = kernels::load_user_kernel(path, symbol);
  } catch (const std::runtime_error& e) {
    throw Napi::Error::New(env, e.what());
  }
  auto k = std::make_shared<kernels::UserKernel>(fn, std::move(args), length, chunk, partials,
                                                 failure.data);
  return StartAsync(env, k, threads, control, std::move(keep), nullptr);
}

}  // namespace multicore::binding
