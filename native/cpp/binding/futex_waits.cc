#include "futex_waits.h"

#include <chrono>
#include <climits>
#include <system_error>
#include <thread>

#include "../ipc/futex.h"

namespace multicore::binding {

void SettleWait(Napi::Env env, Napi::Function, void*, PendingWait* wait);
using WaitTsfn = Napi::TypedThreadSafeFunction<void, PendingWait, SettleWait>;

struct PendingWait {
  Napi::FunctionReference done;
  Napi::Reference<Napi::Value> keep;
  WaitTsfn tsfn;
  std::int32_t* addr = nullptr;
  std::int32_t expected = 0;
  double timeout_ms = -1;
  std::shared_ptr<void> mapping;  // keeps *addr mapped while the thread may touch it
  ipc::WaitResult result = ipc::WaitResult::kOk;
};

// On the JS thread; env is null when Node tears the TSFN down with the call queued (the
// finalizer has then deleted the wait already).
void SettleWait(Napi::Env env, Napi::Function, void*, PendingWait* wait) {
  if (env == nullptr) return;
  Napi::Function done = wait->done.Value();
  Napi::String result = Napi::String::New(env, ipc::wait_result_name(wait->result));
  wait->keep.Reset();
  wait->done.Reset();
  done.Call({result});  // an exception from it surfaces as uncaught, like any callback's
}

void FutexWaits::Start(Napi::Env env, Napi::Value keep, Napi::Function done, std::int32_t* addr,
                       std::int32_t expected, double timeout_ms, std::shared_ptr<void> mapping) {
  auto* wait = new PendingWait();
  wait->done = Napi::Persistent(done);
  wait->keep = Napi::Persistent(keep);
  wait->addr = addr;
  wait->expected = expected;
  wait->timeout_ms = timeout_ms;
  wait->mapping = std::move(mapping);
  try {
    wait->tsfn = WaitTsfn::New(
        env, "multicore.futexWait", 0, 1, nullptr,
        [](Napi::Env, PendingWait* w, void*) { delete w; }, wait);
  } catch (...) {
    delete wait;
    throw;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) {
      wait->tsfn.Release();
      throw Napi::Error::New(env, "futexWaitAsync: this context is shutting down");
    }
    waiting_.insert(wait);
  }
  try {
    std::thread([this, wait] { Run(wait); }).detach();
  } catch (const std::system_error& e) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      waiting_.erase(wait);
    }
    wait->tsfn.Release();
    throw Napi::Error::New(
        env, std::string("futexWaitAsync: cannot start a waiter thread: ") + e.what());
  }
}

void FutexWaits::Run(PendingWait* wait) {
  wait->result = ipc::futex_wait(wait->addr, wait->expected, wait->timeout_ms);
  std::lock_guard<std::mutex> lock(mu_);
  waiting_.erase(wait);
  wait->mapping.reset();  // under mu_: Shutdown may still be waking this address
  left_.notify_all();
  // While the context is torn down Node closes and deletes the TSFN itself: it must not be used
  // any more. Otherwise call it under mu_, so that a teardown cannot start in between.
  if (closing_) return;
  wait->tsfn.NonBlockingCall(wait);
  wait->tsfn.Release();
}

void FutexWaits::Shutdown() {
  std::unique_lock<std::mutex> lock(mu_);
  closing_ = true;
  // A thread may not have entered the kernel yet when we wake it: wake again until all left.
  while (!waiting_.empty()) {
    for (PendingWait* w : waiting_) ipc::futex_wake(w->addr, INT_MAX);
    left_.wait_for(lock, std::chrono::milliseconds(5));
  }
}

}  // namespace multicore::binding
