#include "addon.h"

#include "../support/cpu_features.h"

#ifndef MULTICORE_VERSION
#define MULTICORE_VERSION "0.0.0"
#endif

namespace multicore::binding {

MulticoreAddon::MulticoreAddon(Napi::Env env, Napi::Object exports)
    : env_(env), pool_(pool::Pool::shared()) {
  // Runs when this context is torn down (a worker exits, the process ends), before Node deletes
  // the thread-safe functions of calls still in flight.
  NAPI_THROW_IF_FAILED_VOID(env,
                            napi_add_env_cleanup_hook(env, &MulticoreAddon::CleanupHook, this));
  try {
    Napi::Value get = env.Global().Get("process").As<Napi::Object>().Get("getBuiltinModule");
    if (get.IsFunction()) {
      Napi::Value wt =
          get.As<Napi::Function>().Call({Napi::String::New(env, "node:worker_threads")});
      Napi::Value mark =
          wt.IsObject() ? wt.As<Napi::Object>().Get("markAsUntransferable") : env.Undefined();
      if (mark.IsFunction()) mark_untransferable_ = Napi::Persistent(mark.As<Napi::Function>());
    }
  } catch (const Napi::Error&) {
    // Older Node without process.getBuiltinModule: buffers cannot be pinned from here.
  }
  DefineAddon(exports, {
                           InstanceMethod("sumSquares", &MulticoreAddon::SumSquares),
                           InstanceMethod("sumSquaresSync", &MulticoreAddon::SumSquaresSync),
                           InstanceMethod("square", &MulticoreAddon::Square),
                           InstanceMethod("squareSync", &MulticoreAddon::SquareSync),
                           InstanceMethod("countPrimes", &MulticoreAddon::CountPrimes),
                           InstanceMethod("mandelbrot", &MulticoreAddon::Mandelbrot),
                           InstanceMethod("monteCarloPi", &MulticoreAddon::MonteCarloPi),
                           InstanceMethod("matmul", &MulticoreAddon::Matmul),
                           InstanceMethod("sort", &MulticoreAddon::Sort),
                           InstanceMethod("runUserKernel", &MulticoreAddon::RunUserKernel),
                           InstanceMethod("info", &MulticoreAddon::Info),
                           InstanceMethod("shmCreate", &MulticoreAddon::ShmCreate),
                           InstanceMethod("shmAttach", &MulticoreAddon::ShmAttach),
                           InstanceMethod("shmUnlink", &MulticoreAddon::ShmUnlink),
                           InstanceMethod("futexWait", &MulticoreAddon::FutexWait),
                           InstanceMethod("futexWaitAsync", &MulticoreAddon::FutexWaitAsync),
                           InstanceMethod("futexWake", &MulticoreAddon::FutexWake),
                           InstanceMethod("processAlive", &MulticoreAddon::ProcessAlive),
                           InstanceMethod("adviseHugePages", &MulticoreAddon::AdviseHugePages),
                       });
}

MulticoreAddon::~MulticoreAddon() {
  Shutdown();
  if (!hook_ran_) napi_remove_env_cleanup_hook(env_, &MulticoreAddon::CleanupHook, this);
}

void MulticoreAddon::CleanupHook(void* self) {
  auto* addon = static_cast<MulticoreAddon*>(self);
  addon->hook_ran_ = true;
  addon->Shutdown();
}

void MulticoreAddon::Shutdown() {
  std::vector<std::shared_ptr<pool::Job>> jobs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    for (auto& entry : in_flight_) jobs.push_back(entry.second);
  }
  for (auto& job : jobs) pool_->cancel(job);
  for (auto& job : jobs) job->wait();  // at most one chunk's time per participant
  waits_.Shutdown();
}

void MulticoreAddon::PinBuffers(Napi::Env env, const std::vector<Napi::Value>& arrays) {
  if (mark_untransferable_.IsEmpty()) return;
  for (const Napi::Value& v : arrays) {
    napi_value buffer;
    std::size_t length = 0;
    if (napi_get_typedarray_info(env, v, nullptr, &length, nullptr, &buffer, nullptr) != napi_ok)
      continue;
    bool plain = false;  // false for a SharedArrayBuffer, which can never be detached
    if (length == 0 || napi_is_arraybuffer(env, buffer, &plain) != napi_ok || !plain) continue;
    mark_untransferable_.Call({buffer});
  }
}

Napi::Value MulticoreAddon::Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  Napi::Array simd = Napi::Array::New(env);
  uint32_t i = 0;
  for (const std::string& f : detected_simd_features()) simd.Set(i++, Napi::String::New(env, f));
  out.Set("simd", simd);
  out.Set("simdLevel", Napi::String::New(env, simd_level_name(simd_level())));
  if (!simd_level_cap_error().empty())
    out.Set("simdLevelNote", Napi::String::New(env, simd_level_cap_error()));
  out.Set("version", Napi::String::New(env, MULTICORE_VERSION));
  out.Set("compiler", Napi::String::New(env, compiler_description()));
  out.Set("poolThreads", Napi::Number::New(env, pool_->thread_count()));
  return out;
}

}  // namespace multicore::binding

using multicore::binding::MulticoreAddon;
NODE_API_ADDON(MulticoreAddon)
