// The chunk-level interface every kernel offers to a scheduler (the pool, a test, a benchmark).
// A kernel call is cut into chunks whose boundaries depend only on the input size (SPEC.md), and
// the chunks into phases: every chunk of phase p must finish before any chunk of phase p+1
// starts. Chunks of one phase may run in any order, on any thread, concurrently.
#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace multicore::pool {
class Job;
}

namespace multicore::kernels {

class Chunked {
 public:
  virtual ~Chunked() = default;

  // Cumulative chunk counts, one entry per phase; the last entry is the total.
  const std::vector<std::size_t>& phase_ends() const { return phase_ends_; }
  std::size_t total_chunks() const { return phase_ends_.empty() ? 0 : phase_ends_.back(); }

  // Runs global chunk c (0 <= c < total_chunks()).
  virtual void run_chunk(std::size_t c) = 0;

  // True when every chunk is a bounded, small amount of work (tens of microseconds), so the
  // thread that submits an async call may run the call itself when it is that short, rather than
  // wake a sleeping pool worker (pool/README.md, "The caller helps"): the JS thread then blocks
  // for the help budget plus one chunk at most.
  virtual bool short_chunks() const { return false; }

  // Runs every chunk on up to `threads` threads of the shared pool; false if it was cancelled
  // through the control block (or a chunk was interrupted, see below).
  bool run(unsigned threads, int* control = nullptr);

  // Long chunks (a mandelbrot row at a huge maxIter) poll the job they run in, so that an abort
  // does not wait for the whole chunk. A scheduler that runs chunks outside run() calls attach()
  // before the first chunk, and treats a job whose chunk was interrupted() as cancelled even if
  // every chunk returned: the interrupted chunk's output is incomplete.
  void attach(const pool::Job* job) { job_ = job; }
  bool stop_requested() const;
  bool interrupted() const { return interrupted_.load(std::memory_order_acquire); }

 protected:
  void mark_interrupted() { interrupted_.store(true, std::memory_order_release); }

  std::vector<std::size_t> phase_ends_;

 private:
  const pool::Job* job_ = nullptr;
  std::atomic<bool> interrupted_{false};
};

inline std::size_t chunks_for(std::size_t n, std::size_t chunk) { return (n + chunk - 1) / chunk; }

}  // namespace multicore::kernels
