#pragma once
// Private to the library: asks the kernel to back a large buffer with transparent huge pages.
//
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

}  // namespace qaframe::detail
