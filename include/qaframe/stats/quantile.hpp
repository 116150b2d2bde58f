#pragma once
/// @file quantile.hpp
/// Sample quantiles by linear interpolation between order statistics, the definition shared by
/// R's quantile() default, numpy's percentile() default and the tools whose conventions
/// qaframe follows (FunnelPlotR's winsorising, DfE LAIT's quartile bands).

#include <cmath>
#include <cstddef>
#include <span>

#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// The q-quantile of `sorted` (ascending, no NaN) by Hyndman and Fan's (1996) definition 7:
/// h = (N − 1)q, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with 0-based order statistics. NaN for
/// an empty sample or q outside [0, 1].
inline double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty() || !(q >= 0.0 && q <= 1.0)) return detail::kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto below = static_cast<std::size_t>(std::floor(h));
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (h - std::floor(h)) * (sorted[below + 1] - sorted[below]);
}

}  // namespace qaframe::stats
