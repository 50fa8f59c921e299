// One asynchronous kernel call: the promise, the references that keep its typed arrays alive,
// and the thread-safe function through which the pool reports completion to the JS thread.
// Its lifetime is the thread-safe function's: the TSFN finalizer deletes it, on the JS thread.
#pragma once

#include <napi.h>

#include <memory>
#include <string>
#include <vector>

#include "../pool/job.h"
#include "addon.h"

namespace multicore::binding {

void SettleCall(Napi::Env env, Napi::Function, AsyncCall* call, AsyncCall* data);
using CallTsfn = Napi::TypedThreadSafeFunction<AsyncCall, AsyncCall, SettleCall>;

struct AsyncCall {
  explicit AsyncCall(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}

  Napi::Promise::Deferred deferred;
  std::vector<Napi::Reference<Napi::Value>> keep;
  std::shared_ptr<kernels::Chunked> kernel;
  MulticoreAddon::ResultFn result;
  std::shared_ptr<pool::Job> job;
  CallTsfn tsfn;
  // Written by the pool thread before the TSFN call, read by SettleCall after it.
  pool::JobStatus status = pool::JobStatus::kCompleted;
  std::string error;
};

// The Error an aborted call rejects with: code 'ABORT_ERR', like DOMException AbortError.
Napi::Error AbortError(Napi::Env env);

}  // namespace multicore::binding
