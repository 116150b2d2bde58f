#pragma once
/// @file share.hpp
/// A share of a count: the count, its denominator and the share with its Wilson interval, the
/// shape in which every audit-cycle measure reports a proportion (always with n).

#include <cstdint>
#include <limits>

#include "qaframe/stats/proportion.hpp"

namespace qaframe {

/// count of n, with the share count/n and its Wilson interval (NaN when n = 0).
struct Share {
  std::int64_t count = 0;                                      ///< the numerator
  std::int64_t n = 0;                                          ///< the denominator
  double estimate = std::numeric_limits<double>::quiet_NaN();  ///< count / n
  double low = std::numeric_limits<double>::quiet_NaN();       ///< lower Wilson limit
  double high = std::numeric_limits<double>::quiet_NaN();      ///< upper Wilson limit
  friend bool operator==(const Share&, const Share&) = default;
};

/// count of n at confidence `level`, with the Wilson (1927) interval: centre (p̂ + z²/2n)/(1 +
/// z²/n), half-width z√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n) (stats::proportion_ci). NaN when n = 0;
/// count is clamped to [0, n], and an invalid level gives NaN limits.
inline Share make_share(std::int64_t count, std::int64_t n, double level = 0.95) {
  Share s;
  s.count = count < 0 ? 0 : (count > n ? n : count);
  s.n = n < 0 ? 0 : n;
  if (s.n == 0) return s;
  s.estimate = static_cast<double>(s.count) / static_cast<double>(s.n);
  auto ci = stats::proportion_ci(static_cast<double>(s.count), static_cast<double>(s.n), level);
  if (ci.ok()) {
    s.low = ci->low;
    s.high = ci->high;
  }
  return s;
}

}  // namespace qaframe
