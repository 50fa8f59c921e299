// Named shared-memory segments (POSIX shm_open + mmap), plain C++ with no Node in sight: the
// binding (binding/bind_shm.cc) turns them into ArrayBuffers, the unit tests call them directly.
// Every function reports failure as an errno value instead of throwing; nothing here aborts.
#pragma once

#include <cstddef>
#include <string>

namespace multicore::ipc {

struct Segment {
  void* addr = nullptr;
  std::size_t size = 0;
  int error = 0;          // errno of the step that failed (0: ok)
  const char* step = "";  // which call failed: "shm_open", "fallocate", "fstat", "mmap"
};

// Creates `name` (a POSIX shm name: one leading '/', no other '/') exclusively, reserves `size`
// bytes of backing memory (so that touching a page can never raise SIGBUS when /dev/shm is
// full: ENOSPC is reported here instead) and maps it read-write, shared. On failure nothing is
// left behind (the name is removed again).
Segment create_segment(const std::string& name, std::size_t size);

// Maps an existing segment whole; its size comes from the segment itself.
Segment attach_segment(const std::string& name);

// Unmaps a mapping made by create_segment / attach_segment.
void unmap_segment(void* addr, std::size_t size);

// Removes the name (shm_unlink): mappings already made stay valid. 0 or an errno value.
int remove_segment(const std::string& name);

// True while a process with this pid exists (kill(pid, 0) does not fail with ESRCH).
bool process_alive(int pid);

}  // namespace multicore::ipc
