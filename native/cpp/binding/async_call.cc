#include "async_call.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <system_error>

namespace multicore::binding {

namespace {

// How long a short-chunked call may take for the JS thread to run it itself rather than wake a
// sleeping pool worker (pool/README.md, "The caller helps"): waking one measured 40-100 us on a
// 2-core VM. MULTICORE_CALLER_HELP_US overrides it (0: never), for measuring the difference.
std::chrono::microseconds CallerHelp() {
  static const std::chrono::microseconds help = [] {
    const char* v = std::getenv("MULTICORE_CALLER_HELP_US");
    if (v == nullptr || *v == '\0') return std::chrono::microseconds(100);
    char* end = nullptr;
    const long us = std::strtol(v, &end, 10);
    return std::chrono::microseconds(*end == '\0' && us > 0 ? std::min(us, 10000L) : 0);
  }();
  return help;
}

}  // namespace

Napi::Error AbortError(Napi::Env env) {
  Napi::Error err = Napi::Error::New(env, "The operation was aborted");
  err.Set("code", Napi::String::New(env, "ABORT_ERR"));
  err.Set("name", Napi::String::New(env, "AbortError"));
  return err;
}

// On the JS thread. env is null when Node tears the TSFN down with this call still queued: then
// the finalizer below (which runs first) has already deleted the call, so touch nothing.
void SettleCall(Napi::Env env, Napi::Function, AsyncCall* call, AsyncCall*) {
  if (env == nullptr) return;
  try {
    switch (call->status) {
      case pool::JobStatus::kCompleted:
        try {
          call->deferred.Resolve(call->result ? call->result(env) : env.Undefined());
        } catch (const Napi::Error& e) {
          call->deferred.Reject(e.Value());
        }
        break;
      case pool::JobStatus::kCancelled: call->deferred.Reject(AbortError(env).Value()); break;
      case pool::JobStatus::kFailed:
        call->deferred.Reject(Napi::Error::New(env, "multicore_cpp: " + call->error).Value());
        break;
    }
  } catch (const Napi::Error&) {
    // Settling failed only because JS can no longer run here: the worker that made the call is
    // being terminated, and its promise goes with it. An exception leaving this callback would
    // abort the whole process (test/native/worker-teardown.test.ts).
  }
  call->keep.clear();  // the arrays may be collected from now on
  // The kernel's own memory goes now, not when the thread-safe function is finalized (a loop
  // iteration later): the promise's continuation may start the next call at once, and sort's
  // scratch is kept for that call only once released (kernels/sort_scratch.h). Back to back,
  // sort otherwise mapped a fresh scratch every call (1.12-1.16x its time with a pause between).
  call->result = nullptr;
  call->kernel.reset();
}

Napi::Value MulticoreAddon::StartAsync(Napi::Env env, std::shared_ptr<kernels::Chunked> kernel,
                                       unsigned threads, const ArrayArg<std::int32_t>& control,
                                       std::vector<Napi::Value> keep, ResultFn result) {
  if (control.data) keep.push_back(control.value);
  PinBuffers(env, keep);
  auto* call = new AsyncCall(env);
  Napi::Promise promise = call->deferred.Promise();
  for (const Napi::Value& v : keep) call->keep.push_back(Napi::Persistent(v));
  call->kernel = kernel;
  call->result = std::move(result);
  try {
    call->tsfn = CallTsfn::New(env, "multicore_cpp", 0, 1, call,
                               [](Napi::Env, void*, AsyncCall* c) { delete c; });
  } catch (...) {
    delete call;
    throw;
  }

  kernels::Chunked* k = kernel.get();  // kept alive by call->kernel until the TSFN finalizer
  call->job = std::make_shared<pool::Job>(
      k->phase_ends(), [k](std::size_t c) { k->run_chunk(c); }, threads, control.data,
      [this, call, k](pool::JobStatus s, const std::string& e) {
        // A chunk that stopped early on an abort left its output incomplete (chunked.h).
        if (s == pool::JobStatus::kCompleted && k->interrupted()) s = pool::JobStatus::kCancelled;
        OnJobDone(call, s, e);
      });
  k->attach(call->job.get());
  {
    std::lock_guard<std::mutex> lock(mu_);
    in_flight_.emplace(call->job.get(), call->job);
  }
  try {
    pool_->submit(call->job, k->short_chunks() ? CallerHelp() : std::chrono::microseconds(0));
  } catch (const std::system_error& e) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_.erase(call->job.get());
    }
    call->tsfn.Release();  // the finalizer deletes the call
    throw Napi::Error::New(env,
                           std::string("multicore_cpp: cannot start pool threads: ") + e.what());
  }
  return promise;
}

void MulticoreAddon::OnJobDone(AsyncCall* call, pool::JobStatus status, const std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  in_flight_.erase(call->job.get());
  // While the context is torn down Node closes the TSFN itself; it must not be used any more.
  if (closing_) return;
  call->status = status;
  call->error = error;
  call->tsfn.NonBlockingCall(call);
  call->tsfn.Release();
}

void MulticoreAddon::RunSync(Napi::Env env, kernels::Chunked& kernel, unsigned threads) {
  pool::JobStatus status = pool::JobStatus::kCompleted;
  std::string error;
  auto job = std::make_shared<pool::Job>(
      kernel.phase_ends(), [&kernel](std::size_t c) { kernel.run_chunk(c); }, threads, nullptr,
      [&](pool::JobStatus s, const std::string& e) {
        status = s;
        error = e;
      });
  try {
    pool_->run(job);
  } catch (const std::system_error& e) {
    throw Napi::Error::New(env,
                           std::string("multicore_cpp: cannot start pool threads: ") + e.what());
  }
  if (status == pool::JobStatus::kFailed) throw Napi::Error::New(env, "multicore_cpp: " + error);
  if (status == pool::JobStatus::kCancelled) throw AbortError(env);
}

}  // namespace multicore::binding
