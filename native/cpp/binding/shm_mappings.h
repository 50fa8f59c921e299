// Ownership of the mappings behind shared-memory ArrayBuffers. A mapping is unmapped when its last
// owner lets go: the ArrayBuffer (its finalizer) and every async futex wait on a word inside it.
// Without the second, a context torn down with a wait pending could unmap the word before the
// teardown wakes that wait, and the waiter thread would sleep forever on a word nobody can reach.
#pragma once

#include <cstddef>
#include <memory>

namespace multicore::binding {

struct ShmMapping {
  ShmMapping(void* a, std::size_t s) : addr(a), size(s) {}
  ~ShmMapping();
  void* const addr;
  const std::size_t size;
};

// Registers a new mapping (process-wide: every JS context's buffers).
std::shared_ptr<ShmMapping> register_mapping(void* addr, std::size_t size);

// The mapping that holds `p`, or null when `p` is not in one (e.g. a SharedArrayBuffer).
std::shared_ptr<ShmMapping> find_mapping(const void* p);

}  // namespace multicore::binding
