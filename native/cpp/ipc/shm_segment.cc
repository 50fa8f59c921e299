#include "shm_segment.h"

#include <cerrno>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace multicore::ipc {

#if defined(__unix__) || defined(__APPLE__)

namespace {

Segment failure(int error, const char* step) {
  Segment s;
  s.error = error;
  s.step = step;
  return s;
}

Segment map_fd(int fd, std::size_t size) {
  void* addr =
      size == 0 ? MAP_FAILED : mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (addr == MAP_FAILED) return failure(size == 0 ? EINVAL : errno, "mmap");
  Segment s;
  s.addr = addr;
  s.size = size;
  return s;
}

// Reserves the backing pages. Linux has posix_fallocate on tmpfs; elsewhere ftruncate only.
int reserve(int fd, std::size_t size) {
#if defined(__linux__)
  int r = posix_fallocate(fd, 0, static_cast<off_t>(size));
  if (r == 0) return 0;
  if (r != EOPNOTSUPP && r != EINVAL) return r;
#endif
  return ftruncate(fd, static_cast<off_t>(size)) == 0 ? 0 : errno;
}

}  // namespace

Segment create_segment(const std::string& name, std::size_t size) {
  if (size == 0) return failure(EINVAL, "size");
  int fd = shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR, 0600);
  if (fd < 0) return failure(errno, "shm_open");
  if (int err = reserve(fd, size)) {
    close(fd);
    shm_unlink(name.c_str());
    return failure(err, "fallocate");
  }
  Segment s = map_fd(fd, size);
  close(fd);  // the mapping keeps the memory; the fd is not needed any more
  if (s.error) shm_unlink(name.c_str());
  return s;
}

Segment attach_segment(const std::string& name) {
  int fd = shm_open(name.c_str(), O_RDWR, 0600);
  if (fd < 0) return failure(errno, "shm_open");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return failure(err, "fstat");
  }
  Segment s = map_fd(fd, static_cast<std::size_t>(st.st_size));
  close(fd);
  return s;
}

void unmap_segment(void* addr, std::size_t size) {
  if (addr != nullptr) munmap(addr, size);
}

int remove_segment(const std::string& name) { return shm_unlink(name.c_str()) == 0 ? 0 : errno; }

bool process_alive(int pid) {
  if (pid <= 0) return false;
  return kill(pid, 0) == 0 || errno != ESRCH;  // EPERM: it exists, owned by someone else
}

#else  // Windows: CreateFileMappingW / OpenFileMappingW / MapViewOfFile, in design (README.md)

Segment create_segment(const std::string&, std::size_t) {
  Segment s;
  s.error = ENOSYS;
  s.step = "shm_open";
  return s;
}
Segment attach_segment(const std::string&) {
  Segment s;
  s.error = ENOSYS;
  s.step = "shm_open";
  return s;
}
void unmap_segment(void*, std::size_t) {}
int remove_segment(const std::string&) { return ENOSYS; }
bool process_alive(int) { return true; }

#endif

}  // namespace multicore::ipc
