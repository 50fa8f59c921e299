#include "shm_mappings.h"

#include <cstdint>
#include <map>
#include <mutex>

#include "../ipc/shm_segment.h"

namespace multicore::binding {

namespace {

std::mutex& registry_mutex() {
  static std::mutex mu;
  return mu;
}

// Start address → mapping; weak, so the registry never keeps one alive.
std::map<std::uintptr_t, std::weak_ptr<ShmMapping>>& registry() {
  static auto* r =
      new std::map<std::uintptr_t,
                   std::weak_ptr<ShmMapping>>();  // never destroyed: finalizers may run at exit
  return *r;
}

}  // namespace

ShmMapping::~ShmMapping() {
  {
    std::lock_guard<std::mutex> lock(registry_mutex());
    registry().erase(reinterpret_cast<std::uintptr_t>(addr));
  }
  ipc::unmap_segment(addr, size);
}

std::shared_ptr<ShmMapping> register_mapping(void* addr, std::size_t size) {
  auto m = std::make_shared<ShmMapping>(addr, size);
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry()[reinterpret_cast<std::uintptr_t>(addr)] = m;
  return m;
}

std::shared_ptr<ShmMapping> find_mapping(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  std::lock_guard<std::mutex> lock(registry_mutex());
  auto& r = registry();
  auto it = r.upper_bound(at);
  if (it == r.begin()) return nullptr;
  --it;
  std::shared_ptr<ShmMapping> m = it->second.lock();
  if (!m || at >= it->first + m->size) return nullptr;
  return m;
}

}  // namespace multicore::binding
