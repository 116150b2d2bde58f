#pragma once
/// @file ranking.hpp
/// Average ranks with their tie groups, shared by the rank tests and rank correlations.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace qaframe::stats {

/// Ranks 1..n of a sample, ties given the mean of the ranks they span (scipy's rankdata
/// "average"), and the sizes of the tie groups.
struct Ranking {
  Eigen::ArrayXd ranks;                 ///< average rank of each value, in input order
  std::vector<std::int64_t> tie_sizes;  ///< size t of each group of equal values with t ≥ 2
  friend bool operator==(const Ranking&, const Ranking&) = default;
};

/// Average ranks of `values` (which must hold no NaN: callers check). O(n log n).
inline Ranking average_ranks(std::span<const double> values) {
  const std::size_t n = values.size();
  // Sorting (value, index) pairs rather than indices keeps the comparisons in cache.
  std::vector<std::pair<double, std::uint32_t>> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = {values[i], static_cast<std::uint32_t>(i)};
  std::sort(order.begin(), order.end());
  Ranking out{Eigen::ArrayXd(static_cast<Eigen::Index>(n)), {}};
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && order[j].first == order[i].first) ++j;
    // Positions i..j-1 hold ranks i+1..j; their mean is (i + 1 + j)/2.
    const double rank = 0.5 * static_cast<double>(i + 1 + j);
    for (std::size_t m = i; m < j; ++m) out.ranks[order[m].second] = rank;
    if (j - i > 1) out.tie_sizes.push_back(static_cast<std::int64_t>(j - i));
    i = j;
  }
  return out;
}

namespace detail {
/// InvalidArgument naming the first NaN of `values` (called `name`), if any.
inline absl::Status check_no_nan(std::span<const double> values, const std::string& name) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isnan(values[i]))
      return absl::InvalidArgumentError(
          absl::StrCat(name, "[", i, "] is NaN: remove missing values before a rank test"));
  return absl::OkStatus();
}
}  // namespace detail

}  // namespace qaframe::stats
