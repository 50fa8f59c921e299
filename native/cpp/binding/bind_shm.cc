// Shared memory between processes and waiting on it (src/sync/PROCESSES.md):
//   shmCreate(name, size) → ArrayBuffer   shmAttach(name) → ArrayBuffer   shmUnlink(name) → void
//   futexWait(i32, index, expected, timeoutMs) → 'ok' | 'not-equal' | 'timed-out'
//   futexWaitAsync(i32, index, expected, timeoutMs, done) → undefined; done(result) on this thread
//   later futexWake(i32, index, count) → number woken      processAlive(pid) → boolean
// A segment is seen by JS as an external (non-shared) ArrayBuffer over the mapping; its finalizer
// unmaps it. Errors carry the errno name in `code` (ENOENT, EEXIST, ...) for the TS layer.
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>

#include "../ipc/futex.h"
#include "../ipc/shm_segment.h"
#include "addon.h"
#include "shm_mappings.h"

namespace multicore::binding {

namespace {

const char* errno_name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ENOSPC: return "ENOSPC";
    case ENOMEM: return "ENOMEM";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EMFILE: return "EMFILE";
    case ENOSYS: return "ENOSYS";
    case EFBIG: return "EFBIG";
    default: return "EIO";
  }
}

[[noreturn]] void throw_errno(Napi::Env env, const std::string& what, int e, const char* step) {
  Napi::Error err = Napi::Error::New(env, what + ": " + step + " failed: " + std::strerror(e));
  err.Set("code", Napi::String::New(env, errno_name(e)));
  throw err;
}

// A POSIX shm name: "/" + 1..250 characters, none of them '/' or NUL.
std::string name_arg(const Napi::CallbackInfo& info, std::size_t i) {
  Napi::Env env = info.Env();
  if (!info[i].IsString()) throw Napi::TypeError::New(env, "name must be a string");
  std::string name = info[i].As<Napi::String>().Utf8Value();
  if (name.size() < 2 || name.size() > 251 || name[0] != '/' ||
      name.find('/', 1) != std::string::npos || name.find('\0') != std::string::npos) {
    throw Napi::RangeError::New(env,
                                "name must be '/' followed by 1 to 250 characters without '/'");
  }
  return name;
}

// The ArrayBuffer owns one reference to the mapping; its finalizer drops it (shm_mappings.h).
Napi::ArrayBuffer wrap(Napi::Env env, const ipc::Segment& s) {
  std::shared_ptr<ShmMapping> mapping;
  try {
    mapping = register_mapping(s.addr, s.size);
  } catch (...) {
    ipc::unmap_segment(s.addr, s.size);
    throw;
  }
  auto* owner = new std::shared_ptr<ShmMapping>(std::move(mapping));
  return Napi::ArrayBuffer::New(
      env, s.addr, s.size, [](Napi::Env, void*, std::shared_ptr<ShmMapping>* o) { delete o; },
      owner);
}

struct WordArg {
  Napi::Value array;
  std::int32_t* addr;
};

WordArg word_arg(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ArrayArg<std::int32_t> a = int32_array_arg(info, 0, "i32");
  const std::uint64_t index = integer_arg(info, 1, "index", 0, kMaxInt32);
  if (index >= a.length) {
    throw Napi::RangeError::New(env,
                                "index must be below i32.length = " + std::to_string(a.length));
  }
  return {a.value, a.data + index};
}

double timeout_arg(const Napi::CallbackInfo& info, std::size_t i) {
  Napi::Env env = info.Env();
  if (!info[i].IsNumber()) throw Napi::TypeError::New(env, "timeoutMs must be a number");
  const double t = info[i].As<Napi::Number>().DoubleValue();
  if (std::isnan(t) || t < 0)
    throw Napi::RangeError::New(env, "timeoutMs must be >= 0 or Infinity");
  return std::isinf(t) ? -1 : t;
}

std::int32_t expected_arg(const Napi::CallbackInfo& info, std::size_t i) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "expected must be a number");
  return info[i].As<Napi::Number>().Int32Value();
}

}  // namespace

Napi::Value MulticoreAddon::ShmCreate(const Napi::CallbackInfo& info) {
  const std::string name = name_arg(info, 0);
  const std::uint64_t size = integer_arg(info, 1, "size", 1, kMaxSafeInteger);
  const ipc::Segment s = ipc::create_segment(name, static_cast<std::size_t>(size));
  if (s.error) throw_errno(info.Env(), "shmCreate(" + name + ")", s.error, s.step);
  return wrap(info.Env(), s);
}

Napi::Value MulticoreAddon::ShmAttach(const Napi::CallbackInfo& info) {
  const std::string name = name_arg(info, 0);
  const ipc::Segment s = ipc::attach_segment(name);
  if (s.error) throw_errno(info.Env(), "shmAttach(" + name + ")", s.error, s.step);
  return wrap(info.Env(), s);
}

Napi::Value MulticoreAddon::ShmUnlink(const Napi::CallbackInfo& info) {
  const std::string name = name_arg(info, 0);
  if (int e = ipc::remove_segment(name))
    throw_errno(info.Env(), "shmUnlink(" + name + ")", e, "shm_unlink");
  return info.Env().Undefined();
}

Napi::Value MulticoreAddon::FutexWait(const Napi::CallbackInfo& info) {
  WordArg w = word_arg(info);
  const std::int32_t expected = expected_arg(info, 2);
  const double timeout = timeout_arg(info, 3);
  return Napi::String::New(info.Env(),
                           ipc::wait_result_name(ipc::futex_wait(w.addr, expected, timeout)));
}

Napi::Value MulticoreAddon::FutexWaitAsync(const Napi::CallbackInfo& info) {
  WordArg w = word_arg(info);
  const std::int32_t expected = expected_arg(info, 2);
  const double timeout = timeout_arg(info, 3);
  if (!info[4].IsFunction()) throw Napi::TypeError::New(info.Env(), "done must be a function");
  Napi::Function done = info[4].As<Napi::Function>();
  if (__atomic_load_n(w.addr, __ATOMIC_SEQ_CST) != expected) {
    done.Call({Napi::String::New(info.Env(), "not-equal")});
    return info.Env().Undefined();
  }
  waits_.Start(info.Env(), w.array, done, w.addr, expected, timeout, find_mapping(w.addr));
  return info.Env().Undefined();
}

Napi::Value MulticoreAddon::FutexWake(const Napi::CallbackInfo& info) {
  WordArg w = word_arg(info);
  if (!info[2].IsNumber()) throw Napi::TypeError::New(info.Env(), "count must be a number");
  const double c = info[2].As<Napi::Number>().DoubleValue();
  if (std::isnan(c) || c < 0)
    throw Napi::RangeError::New(info.Env(), "count must be >= 0 or Infinity");
  const int count = c >= INT_MAX ? INT_MAX : static_cast<int>(c);
  return Napi::Number::New(info.Env(), count == 0 ? 0 : ipc::futex_wake(w.addr, count));
}

Napi::Value MulticoreAddon::ProcessAlive(const Napi::CallbackInfo& info) {
  const std::uint64_t pid = integer_arg(info, 0, "pid", 1, kMaxInt32);
  return Napi::Boolean::New(info.Env(), ipc::process_alive(static_cast<int>(pid)));
}

}  // namespace multicore::binding
