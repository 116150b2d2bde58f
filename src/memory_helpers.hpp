#pragma once
// Private to the library: memory helpers for large reads (huge pages, mapped files, returning
// freed memory). Each is a no-op or reports failure where the platform lacks it.
//
// advise_huge_pages asks the kernel to back a large buffer with transparent huge pages.
// Filling a fresh buffer of a hundred megabytes faults in tens of thousands of 4 KiB pages; on a
// virtual machine each fault is costly (a third of the time of reading a large CSV file was
// spent in them). With huge pages it is a few dozen. Only whole 2 MiB pages inside the buffer
// are advised, so nothing outside it is affected; where the advice is not supported it is a
// no-op. Call it before the buffer is first written.

#include <cstddef>
#include <cstdint>

#include <string>
#include <string_view>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qaframe::detail {

inline void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Returns memory freed after a large build (the file's text, the build-time indexes) to the
// system. glibc keeps freed heap memory for reuse, so without this a set read from a file held
// about 10 bytes an audit more resident memory than its columns need. A no-op elsewhere.
inline void release_free_memory() {
#if defined(__GLIBC__)
  (void)malloc_trim(0);
#endif
}

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
