#include "args.h"

#include <cmath>
#include <string>

namespace multicore::binding {

namespace {

// How a JS value looks in an error message: "undefined", "string", "Int32Array", "NaN", "0.5".
std::string describe(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsNumber()) return v.ToString().Utf8Value();
  if (v.IsTypedArray()) {
    switch (v.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_int8_array: return "Int8Array";
      case napi_uint8_array: return "Uint8Array";
      case napi_uint8_clamped_array: return "Uint8ClampedArray";
      case napi_int16_array: return "Int16Array";
      case napi_uint16_array: return "Uint16Array";
      case napi_int32_array: return "Int32Array";
      case napi_uint32_array: return "Uint32Array";
      case napi_float32_array: return "Float32Array";
      case napi_float64_array: return "Float64Array";
      case napi_bigint64_array: return "BigInt64Array";
      case napi_biguint64_array: return "BigUint64Array";
      default: return "TypedArray";
    }
  }
  if (v.IsArray()) return "Array";
  if (v.IsArrayBuffer()) return "ArrayBuffer";
  if (v.IsString()) return "string";
  if (v.IsBoolean()) return "boolean";
  if (v.IsBigInt()) return "bigint";
  if (v.IsFunction()) return "function";
  if (v.IsSymbol()) return "symbol";
  return "object";
}

[[noreturn]] void type_error(Napi::Env env, const std::string& msg) {
  throw Napi::TypeError::New(env, msg);
}

[[noreturn]] void range_error(Napi::Env env, const std::string& msg) {
  throw Napi::RangeError::New(env, msg);
}

// "resizable" / "growable" when the view's buffer can change length: JS may shrink (and free)
// a resizable ArrayBuffer while an async kernel works on it, so such views are refused
// (SPEC.md "Fixed-length buffers only"); growable SharedArrayBuffers by the same rule.
const char* unstable_length(Napi::Env env, napi_value buffer) {
  for (const char* key : {"resizable", "growable"}) {
    napi_value v;
    NAPI_THROW_IF_FAILED(env, napi_get_named_property(env, buffer, key, &v), nullptr);
    napi_valuetype t;
    NAPI_THROW_IF_FAILED(env, napi_typeof(env, v, &t), nullptr);
    bool b = false;
    if (t == napi_boolean) NAPI_THROW_IF_FAILED(env, napi_get_value_bool(env, v, &b), nullptr);
    if (b) return key;
  }
  return nullptr;
}

template <typename T>
ArrayArg<T> typed_array_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name,
                            napi_typedarray_type type, const char* type_name) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    type_error(env, std::string(name) + " must be a" + (type_name[0] == 'I' ? "n " : " ") +
                        type_name + ", got " + describe(v));
  }
  // The raw call works for views over SharedArrayBuffer too (Napi::ArrayBuffer would not).
  ArrayArg<T> a;
  a.value = v.As<Napi::TypedArray>();
  napi_typedarray_type actual;
  void* data = nullptr;
  napi_value buffer;
  std::size_t offset = 0;
  NAPI_THROW_IF_FAILED(
      env, napi_get_typedarray_info(env, v, &actual, &a.length, &data, &buffer, &offset), a);
  if (const char* kind = unstable_length(env, buffer)) {
    type_error(env, std::string(name) + " must be over a fixed-length buffer, got a view of a " +
                        kind + (kind[0] == 'r' ? " ArrayBuffer" : " SharedArrayBuffer"));
  }
  // The getters read above are user-replaceable JS: take the pointer and length after them.
  NAPI_THROW_IF_FAILED(
      env, napi_get_typedarray_info(env, v, &actual, &a.length, &data, &buffer, &offset), a);
  bool detached = false;
  NAPI_THROW_IF_FAILED(env, napi_is_detached_arraybuffer(env, buffer, &detached), a);
  if (detached) type_error(env, std::string(name) + " is detached");
  a.data = a.length ? static_cast<T*>(data) : nullptr;
  return a;
}

}  // namespace

std::string describe_value(const Napi::Value& v) { return describe(v); }

std::string string_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsString())
    type_error(info.Env(), std::string(name) + " must be a string, got " + describe(v));
  return v.As<Napi::String>().Utf8Value();
}

AnyArrayArg any_typed_array(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray()) type_error(env, name + " must be a typed array, got " + describe(v));
  AnyArrayArg a;
  a.value = v.As<Napi::TypedArray>();
  napi_value buffer;
  std::size_t offset = 0;
  NAPI_THROW_IF_FAILED(
      env, napi_get_typedarray_info(env, v, &a.type, &a.length, &a.data, &buffer, &offset), a);
  if (const char* kind = unstable_length(env, buffer)) {
    type_error(env, name + " must be over a fixed-length buffer, got a view of a " + kind +
                        (kind[0] == 'r' ? " ArrayBuffer" : " SharedArrayBuffer"));
  }
  // The getters read above are user-replaceable JS: take the pointer and length after them.
  NAPI_THROW_IF_FAILED(
      env, napi_get_typedarray_info(env, v, &a.type, &a.length, &a.data, &buffer, &offset), a);
  bool detached = false;
  NAPI_THROW_IF_FAILED(env, napi_is_detached_arraybuffer(env, buffer, &detached), a);
  if (detached) type_error(env, name + " is detached");
  if (!a.length) a.data = nullptr;
  return a;
}

ArrayArg<double> float64_array_arg(const Napi::CallbackInfo& info, std::size_t i,
                                   const char* name) {
  return typed_array_arg<double>(info, i, name, napi_float64_array, "Float64Array");
}

ArrayArg<std::int32_t> int32_array_arg(const Napi::CallbackInfo& info, std::size_t i,
                                       const char* name) {
  return typed_array_arg<std::int32_t>(info, i, name, napi_int32_array, "Int32Array");
}

ArrayArg<std::uint32_t> uint32_array_arg(const Napi::CallbackInfo& info, std::size_t i,
                                         const char* name) {
  return typed_array_arg<std::uint32_t>(info, i, name, napi_uint32_array, "Uint32Array");
}

std::uint64_t integer_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name,
                          std::uint64_t min, std::uint64_t max) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  if (!v.IsNumber()) type_error(env, std::string(name) + " must be a number, got " + describe(v));
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || std::trunc(d) != d) {
    range_error(env, std::string(name) + " must be an integer in " + std::to_string(min) + ".." +
                         std::to_string(max) + ", got " + describe(v));
  }
  return static_cast<std::uint64_t>(d);
}

unsigned threads_arg(const Napi::CallbackInfo& info, std::size_t i) {
  return static_cast<unsigned>(integer_arg(info, i, "threads", 1, 256));
}

double finite_number_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  if (!v.IsNumber()) type_error(env, std::string(name) + " must be a number, got " + describe(v));
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d))
    range_error(env, std::string(name) + " must be a finite number, got " + describe(v));
  return d;
}

ArrayArg<std::int32_t> control_arg(const Napi::CallbackInfo& info, std::size_t i) {
  const Napi::Value v = info[i];
  if (v.IsUndefined() || v.IsNull()) return {};
  ArrayArg<std::int32_t> a =
      typed_array_arg<std::int32_t>(info, i, "control", napi_int32_array, "Int32Array");
  if (a.length < 4) {
    range_error(info.Env(), "control.length must be at least 4, got " + std::to_string(a.length));
  }
  return a;
}

void require_length(Napi::Env env, const char* what, const char* expected_text,
                    std::uint64_t expected, std::uint64_t actual) {
  if (actual == expected) return;
  range_error(env, std::string(what) + " must be " + expected_text + " = " +
                       std::to_string(expected) + ", got " + std::to_string(actual));
}

bool overlaps(const void* a0, const void* a1, const void* b0, const void* b1) {
  auto p = [](const void* q) { return reinterpret_cast<std::uintptr_t>(q); };
  return p(a0) < p(b1) && p(b0) < p(a1);
}

}  // namespace multicore::binding
