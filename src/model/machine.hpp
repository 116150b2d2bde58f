#pragma once
// Private to the library: the machine's cores and memory for large work. run_parts runs parts of
// one job on several threads (a workbook's sheet cut at rows, a CSV text cut at records, the rows
// of a large table); the memory helpers ask for huge pages and return freed memory, each a no-op
// where the platform lacks it.
//
// advise_huge_pages asks the kernel to back a large buffer with transparent huge pages.
// Filling a fresh buffer of a hundred megabytes faults in tens of thousands of 4 KiB pages; on a
// virtual machine each fault is costly (a third of the time of reading a large CSV file was
// spent in them). With huge pages it is a few dozen. Only whole 2 MiB pages inside the buffer
// are advised, so nothing outside it is affected; where the advice is not supported it is a
// no-op. Call it before the buffer is first written.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

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

/// The threads a job uses for `requested` (0: the machine's cores, at most 8; at least 1).
inline std::size_t resolve_threads(std::size_t requested) {
  return requested != 0 ? requested
                        : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
}

/// Runs `part(k)` for k in [0, n): part 0 on the calling thread, the others on threads of their
/// own (on the calling thread when no thread can be had), and returns when all have ended, the
/// threads joined even when part 0 throws. `part` must not throw on the other threads.
template <class Part>
void run_parts(std::size_t n, Part&& part) {
  struct Joined {
    std::vector<std::thread> threads;
    ~Joined() {
      for (std::thread& t : threads) t.join();
    }
  } pool;
  pool.threads.reserve(n > 1 ? n - 1 : 0);
  for (std::size_t k = 1; k < n; ++k) {
    try {
      pool.threads.emplace_back(std::ref(part), k);
    } catch (const std::system_error&) {
      part(k);  // no thread to be had: this one runs the part
    }
  }
  if (n > 0) part(0);
}

}  // namespace qaframe::detail
