// Async futex waits for one JS context: each pending wait sleeps in the kernel on a thread of
// its own (never a libuv threadpool thread: a wait may last forever) and settles its promise on
// the JS thread through a thread-safe function. Abort/timeouts are handled by the caller's
// protocol (wake the word, re-check); teardown of the context wakes every wait still pending
// and waits for its thread to leave the kernel before the memory can go away.
#pragma once

#include <napi.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace multicore::binding {

struct PendingWait;

class FutexWaits {
 public:
  // Starts the wait and calls `done(result)` on the JS thread when it ends. `keep` (the typed
  // array) stays referenced until then, and `mapping` (the shared-memory mapping holding addr, if
  // any) until the waiter thread is done. A callback rather than a promise: a context torn down
  // mid-wait frees its references, but a napi_deferred can only be freed by settling it, which
  // JS can no longer do then (valgrind saw one lost per such wait).
  void Start(Napi::Env env, Napi::Value keep, Napi::Function done, std::int32_t* addr,
             std::int32_t expected, double timeout_ms, std::shared_ptr<void> mapping);
  // Wakes and reaps every pending wait; later waits are refused. Idempotent.
  void Shutdown();

 private:
  void Run(PendingWait* wait);

  std::mutex mu_;
  std::condition_variable left_;
  std::unordered_set<PendingWait*> waiting_;
  bool closing_ = false;
};

}  // namespace multicore::binding
