#pragma once
// Parts of one input read on several threads (internal): the workbook's sheet cut at rows, a CSV
// text cut at records. The thread count a reader resolves, and the loop that runs the parts.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

namespace qaframe::detail {

/// The threads a reader uses for `requested` (0: the machine's cores, at most 8; at least 1).
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
