// The addon instance: one per JS context that loads multicore_cpp.node (main thread and each
// worker thread), stored as Node-API instance data; no JS state lives in statics. It holds a
// reference on the process-wide pool and tracks its calls in flight so that a context that goes
// away (a worker exiting mid-call) cancels and waits for them before its memory disappears.
#pragma once

#include <napi.h>

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "../kernels/chunked.h"
#include "../pool/pool.h"
#include "args.h"
#include "futex_waits.h"

namespace multicore::binding {

struct AsyncCall;

class MulticoreAddon : public Napi::Addon<MulticoreAddon> {
 public:
  MulticoreAddon(Napi::Env env, Napi::Object exports);
  ~MulticoreAddon();

  using ResultFn = std::function<Napi::Value(Napi::Env)>;

 private:
  // Kernel entry points, one file each (bind_*.cc).
  Napi::Value SumSquares(const Napi::CallbackInfo& info);
  Napi::Value SumSquaresSync(const Napi::CallbackInfo& info);
  Napi::Value Square(const Napi::CallbackInfo& info);
  Napi::Value SquareSync(const Napi::CallbackInfo& info);
  Napi::Value CountPrimes(const Napi::CallbackInfo& info);
  Napi::Value Mandelbrot(const Napi::CallbackInfo& info);
  Napi::Value MonteCarloPi(const Napi::CallbackInfo& info);
  Napi::Value Matmul(const Napi::CallbackInfo& info);
  Napi::Value Sort(const Napi::CallbackInfo& info);
  Napi::Value RunUserKernel(const Napi::CallbackInfo& info);  // bind_user_kernel.cc
  Napi::Value Info(const Napi::CallbackInfo& info);
  // Shared memory between processes and futex waits on it (bind_shm.cc).
  Napi::Value ShmCreate(const Napi::CallbackInfo& info);
  Napi::Value ShmAttach(const Napi::CallbackInfo& info);
  Napi::Value ShmUnlink(const Napi::CallbackInfo& info);
  Napi::Value FutexWait(const Napi::CallbackInfo& info);
  Napi::Value FutexWaitAsync(const Napi::CallbackInfo& info);
  Napi::Value FutexWake(const Napi::CallbackInfo& info);
  Napi::Value ProcessAlive(const Napi::CallbackInfo& info);
  Napi::Value AdviseHugePages(const Napi::CallbackInfo& info);

  // async_call.cc: runs the kernel on the pool and returns a Promise settled on this thread
  // with result(env). `keep` are the JS values (typed arrays) the call must keep alive.
  Napi::Value StartAsync(Napi::Env env, std::shared_ptr<kernels::Chunked> kernel, unsigned threads,
                         const ArrayArg<std::int32_t>& control, std::vector<Napi::Value> keep,
                         ResultFn result);
  // Runs the kernel on the pool with the calling thread taking part; blocks until done.
  void RunSync(Napi::Env env, kernels::Chunked& kernel, unsigned threads);
  // Marks the (non-shared) buffers of an async call untransferable: a transfer would move the
  // memory the pool is working on to another owner, which may free it mid-call (Node-API cannot
  // pin a backing store). On Node 20 a marked buffer is copied instead of moved.
  void PinBuffers(Napi::Env env, const std::vector<Napi::Value>& arrays);
  // Called once per call, on whichever thread finished the job.
  void OnJobDone(AsyncCall* call, pool::JobStatus status, const std::string& error);

  // Cancels every call in flight and waits for it; afterwards no pool thread touches this
  // context's memory or thread-safe functions. Idempotent.
  void Shutdown();
  static void CleanupHook(void* self);

  Napi::Env env_;
  std::shared_ptr<pool::Pool> pool_;
  Napi::FunctionReference mark_untransferable_;  // worker_threads.markAsUntransferable, if any
  std::mutex mu_;
  bool closing_ = false;
  bool hook_ran_ = false;
  std::unordered_map<const pool::Job*, std::shared_ptr<pool::Job>> in_flight_;
  FutexWaits waits_;
};

}  // namespace multicore::binding
