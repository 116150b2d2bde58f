#pragma once
/// @file multiple_testing.hpp
/// Adjustment of a family of p-values for multiple testing (Holm's step-down method).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace qaframe::stats {

/// Holm-adjusted p-values, in the order given.
///
/// Holm (1979), "A simple sequentially rejective multiple test procedure": with the m p-values
/// sorted ascending, adjusted p₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1) p₍ⱼ₎). Rejecting where the
/// adjusted p ≤ α controls the family-wise error rate at α under any dependence.
/// InvalidArgument for a p-value that is NaN or outside [0, 1]. An empty family gives an
/// empty array.
inline absl::StatusOr<Eigen::ArrayXd> holm(std::span<const double> pvalues) {
  const std::size_t m = pvalues.size();
  for (std::size_t i = 0; i < m; ++i)
    if (!(pvalues[i] >= 0.0 && pvalues[i] <= 1.0))
      return absl::InvalidArgumentError(
          absl::StrCat("pvalues[", i, "] = ", pvalues[i], " is not a probability in [0, 1]"));
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return pvalues[a] < pvalues[b]; });
  Eigen::ArrayXd adjusted(static_cast<Eigen::Index>(m));
  double running = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    running = std::max(running, std::min(1.0, static_cast<double>(m - i) * pvalues[order[i]]));
    adjusted[static_cast<Eigen::Index>(order[i])] = running;
  }
  return adjusted;
}

}  // namespace qaframe::stats
