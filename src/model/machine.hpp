#pragma once
// Private to the library: memory helpers for large reads (huge pages, returning freed memory). Each
// is a no-op or reports failure where the platform lacks it.
//
// advise_huge_pages asks the kernel to back a large buffer with transparent huge pages.
// Filling a fresh buffer of a hundred megabytes faults in tens of thousands of 4 KiB pages; on a
// virtual machine each fault is costly (a third of the time of reading a large CSV file was
// spent in them). With huge pages it is a few dozen. Only whole 2 MiB pages inside the buffer
// are advised, so nothing outside it is affected; where the advice is not supported it is a
// no-op. Call it before the buffer is first written.

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
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

}  // namespace qaframe::detail
