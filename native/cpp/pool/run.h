// Blocking convenience over the shared pool, for the kernels' "whole thing on N threads"
// functions, the C++ tests and benchmarks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "job.h"

namespace multicore::pool {

// Runs every chunk of the phases on up to `threads` threads (the caller is one of them) and
// returns the job's status. Throws std::runtime_error with the chunk's message if a chunk threw.
JobStatus run_chunks(const std::vector<std::size_t>& phase_ends, unsigned threads,
                     const std::function<void(std::size_t)>& fn, std::int32_t* control = nullptr);

}  // namespace multicore::pool
