// Argument checking for the binding (SPEC.md "Native binding interface"). Every function throws
// a Napi::TypeError (wrong JS type, detached buffer) or Napi::RangeError (value out of range)
// whose message starts with the argument's name, so bad input never reaches a kernel.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace multicore::binding {

inline constexpr std::uint64_t kMaxSafeInteger = (std::uint64_t{1} << 53) - 1;
inline constexpr std::uint64_t kMaxInt32 = 0x7fffffff;

template <typename T>
struct ArrayArg {
  Napi::TypedArray value;
  T* data = nullptr;
  std::size_t length = 0;

  const void* begin() const { return data; }
  const void* end() const { return data + length; }
};

// Any typed array (checked like the others: fixed-length, not detached); `type` says which.
struct AnyArrayArg {
  Napi::TypedArray value;
  napi_typedarray_type type = napi_int8_array;
  void* data = nullptr;
  std::size_t length = 0;
};
AnyArrayArg any_typed_array(Napi::Env env, const Napi::Value& v, const std::string& name);

// A string argument.
std::string string_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name);

// How a JS value looks in an error message: "undefined", "string", "Int32Array", "NaN", "0.5".
std::string describe_value(const Napi::Value& v);

ArrayArg<double> float64_array_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name);
ArrayArg<std::int32_t> int32_array_arg(const Napi::CallbackInfo& info, std::size_t i,
                                       const char* name);
ArrayArg<std::uint32_t> uint32_array_arg(const Napi::CallbackInfo& info, std::size_t i,
                                         const char* name);

// An integer-valued number in [min, max]; NaN, ±Infinity and fractions are RangeErrors.
std::uint64_t integer_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name,
                          std::uint64_t min, std::uint64_t max);

// `threads`: an integer in 1..256.
unsigned threads_arg(const Napi::CallbackInfo& info, std::size_t i);

// A finite number.
double finite_number_arg(const Napi::CallbackInfo& info, std::size_t i, const char* name);

// The optional control block: undefined/null → data == nullptr, else an Int32Array of length ≥ 4.
ArrayArg<std::int32_t> control_arg(const Napi::CallbackInfo& info, std::size_t i);

// RangeError "<what> must be <expected>, got <actual>" unless actual == expected.
void require_length(Napi::Env env, const char* what, const char* expected_text,
                    std::uint64_t expected, std::uint64_t actual);

// True when the byte ranges [a0, a1) and [b0, b1) share a byte.
bool overlaps(const void* a0, const void* a1, const void* b0, const void* b1);

}  // namespace multicore::binding
