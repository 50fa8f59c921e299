#include "user_kernel.h"

#include <memory>
#include <unordered_map>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace multicore::kernels {

namespace {

#ifdef _WIN32
using Library = HMODULE;
std::string last_error() { return "error " + std::to_string(GetLastError()); }
Library open_library(const std::string& path) { return LoadLibraryA(path.c_str()); }
void close_library(Library lib) { FreeLibrary(lib); }
void* find_symbol(Library lib, const char* name) {
  return reinterpret_cast<void*>(GetProcAddress(lib, name));
}
#else
using Library = void*;
std::string last_error() {
  const char* e = dlerror();
  return e ? e : "unknown error";
}
Library open_library(const std::string& path) {
  return dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
}
void close_library(Library lib) { dlclose(lib); }
void* find_symbol(Library lib, const char* name) {
  dlerror();  // clear
  return dlsym(lib, name);
}
#endif

std::mutex libraries_mu;
// Opened libraries by path; never closed (see load_user_kernel).
std::unordered_map<std::string, Library>& libraries() {
  static auto* map = new std::unordered_map<std::string, Library>();
  return *map;
}

}  // namespace

mc_chunk_fn load_user_kernel(const std::string& path, const std::string& symbol) {
  std::lock_guard<std::mutex> lock(libraries_mu);
  auto it = libraries().find(path);
  if (it == libraries().end()) {
    Library lib = open_library(path);
    if (!lib) throw std::runtime_error("cannot load the library " + path + ": " + last_error());
    if (const void* v = find_symbol(lib, "mc_kernel_abi_version")) {
      const std::int32_t version = *static_cast<const std::int32_t*>(v);
      if (version != MC_KERNEL_ABI_VERSION) {
        close_library(lib);  // refused: unload it again
        throw std::runtime_error(path + " was built for multicore kernel ABI " +
                                 std::to_string(version) + ", this multicore runs ABI " +
                                 std::to_string(MC_KERNEL_ABI_VERSION) +
                                 " (rebuild it against this package's include/multicore_kernel.h)");
      }
    }
    it = libraries().emplace(path, lib).first;
  }
  void* fn = find_symbol(it->second, symbol.c_str());
  if (!fn) {
    throw std::runtime_error(path + " has no exported symbol '" + symbol +
                             "' (declare it with MC_KERNEL(" + symbol +
                             ") from multicore_kernel.h, "
                             "or extern \"C\" with default visibility)");
  }
  return reinterpret_cast<mc_chunk_fn>(fn);
}

UserKernel::UserKernel(mc_chunk_fn fn, std::vector<mc_arg> args, std::int64_t length,
                       std::int64_t chunk_size, double* partials, double* failure_out)
    : fn_(fn),
      args_(std::move(args)),
      length_(length),
      chunk_size_(chunk_size),
      partials_(partials),
      failure_out_(failure_out) {
  if (length < 0 || chunk_size < 1)
    throw std::invalid_argument("length must be >= 0 and chunk_size >= 1");
  phase_ends_ = {static_cast<std::size_t>(length / chunk_size + (length % chunk_size ? 1 : 0))};
}

void UserKernel::run_chunk(std::size_t c) {
  const std::int64_t start = static_cast<std::int64_t>(c) * chunk_size_;
  const std::int64_t end = start + chunk_size_ < length_ ? start + chunk_size_ : length_;
  double partial = 0.0;
  const std::int32_t status =
      fn_(start, end, args_.data(), static_cast<std::int32_t>(args_.size()), &partial);
  if (status != MC_OK) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (failed_chunk_ < 0) {
        failed_status_ = status;
        failed_chunk_ = static_cast<std::int64_t>(c);
        if (failure_out_) {
          failure_out_[0] = status;
          failure_out_[1] = static_cast<double>(c);
        }
      }
    }
    throw std::runtime_error("chunk " + std::to_string(c) + " [" + std::to_string(start) + ", " +
                             std::to_string(end) + ") returned status " + std::to_string(status));
  }
  if (partials_) partials_[c] = partial;
}

std::int32_t UserKernel::failed_status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_status_;
}

std::int64_t UserKernel::failed_chunk() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_chunk_;
}

}  // namespace multicore::kernels
