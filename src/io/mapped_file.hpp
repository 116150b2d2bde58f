#pragma once
// Private to the library: a regular file mapped into memory for reading in place.

#include <cstddef>
#include <string>
#include <string_view>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace qaframe::detail {

// A regular file mapped read-only into memory, so that its text is parsed from the page cache in
// place: no copy, and no fresh pages to be zeroed and faulted in. ok() is false for anything
// else (a pipe, an empty file, a failed mapping); the caller then reads the file as a stream.
// The file must not be truncated while it is mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
#if defined(__linux__)
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                       MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const char*>(p);
        size_ = static_cast<std::size_t>(st.st_size);
        (void)::madvise(p, size_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
#else
    (void)path;
#endif
  }
  ~MappedFile() {
#if defined(__linux__)
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
#endif
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool ok() const { return data_ != nullptr; }
  std::string_view text() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace qaframe::detail
