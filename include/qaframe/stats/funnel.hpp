#pragma once
/// @file funnel.hpp
/// Funnel-plot control limits for proportions (exact binomial or normal) and the flag of each
/// unit against them, for comparing teams of very different sizes with a benchmark.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// How funnel limits are computed.
enum class FunnelMethod {
  exact,  ///< interpolated binomial quantiles (Spiegelhalter 2005, appendix)
  normal  ///< p₀ ± z√(p₀(1 − p₀)/n), clipped to [0, 1]
};

/// Parses "exact" (also "binomial") or "normal"; anything else is InvalidArgument.
inline absl::StatusOr<FunnelMethod> parse_funnel_method(std::string_view name) {
  if (name == "exact" || name == "binomial") return FunnelMethod::exact;
  if (name == "normal") return FunnelMethod::normal;
  return absl::InvalidArgumentError(
      absl::StrCat("method must be 'exact' or 'normal', got '", std::string(name), "'"));
}

/// Where a unit lies against the funnel: below the lower limit, within, above the upper
/// limit, or no data (a unit of size 0).
enum class FunnelFlag : int { below = -1, within = 0, above = 1, no_data = 2 };

/// The word for a flag: "below", "within", "above" or "no data".
inline std::string_view to_string(FunnelFlag flag) {
  switch (flag) {
    case FunnelFlag::below:
      return "below";
    case FunnelFlag::above:
      return "above";
    case FunnelFlag::no_data:
      return "no data";
    case FunnelFlag::within:
      break;
  }
  return "within";
}

/// Funnel limits for a set of unit sizes at a set of two-sided levels.
struct FunnelLimits {
  double benchmark = detail::kNaN;  ///< the target proportion p₀
  Eigen::ArrayXd n;                 ///< unit sizes
  std::vector<double> levels;       ///< two-sided levels, e.g. 0.95 and 0.998
  Eigen::MatrixXd low;              ///< lower limits, one row per size, one column per level
  Eigen::MatrixXd high;             ///< upper limits, one row per size, one column per level
  FunnelMethod method = FunnelMethod::exact;  ///< how they were computed
  friend bool operator==(const FunnelLimits&, const FunnelLimits&) = default;
};

namespace detail {

/// Spiegelhalter (2005), "Funnel plots for comparing institutional performance", Stat Med
/// 24:1185–1202, appendix: r_p is the smallest r with P(R ≤ r) ≥ p for R ~ Bin(n, p₀);
/// α = (P(R ≤ r_p) − p)/(P(R ≤ r_p) − P(R ≤ r_p − 1)); the limit is (r_p − α)/n. The
/// interpolation makes the limits smooth in n instead of stepping with the integer quantile.
/// At r_p = 0 it can fall below 0, hence the clip.
inline double exact_funnel_limit(double p, double n, double p0) {
  // Binary search: the CDF is increasing in r and P(R ≤ n) = 1 ≥ p.
  double lo = 0.0, hi = n;
  while (lo < hi) {
    const double mid = std::floor((lo + hi) / 2.0);
    if (binomial_cdf(mid, n, p0) >= p)
      hi = mid;
    else
      lo = mid + 1.0;
  }
  const double f = binomial_cdf(lo, n, p0);
  const double f_below = lo > 0.0 ? binomial_cdf(lo - 1.0, n, p0) : 0.0;
  const double alpha = (f - p) / (f - f_below);
  return std::clamp((lo - alpha) / n, 0.0, 1.0);
}

inline absl::Status check_benchmark(double benchmark) {
  if (!(benchmark >= 0.0 && benchmark <= 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("benchmark must be a proportion in [0, 1], got ", benchmark));
  return absl::OkStatus();
}

inline absl::Status check_unit_size(double n, std::size_t i, FunnelMethod method) {
  if (!std::isfinite(n) || n < 0.0)
    return absl::InvalidArgumentError(
        absl::StrCat("n[", i, "] = ", n, " is not a finite size >= 0"));
  if (method == FunnelMethod::exact && n != std::floor(n))
    return absl::InvalidArgumentError(absl::StrCat(
        "n[", i, "] = ", n, " is not a whole number, which the exact binomial limits need"));
  return absl::OkStatus();
}

/// Lower and upper limits at one two-sided level for a checked size n > 0.
inline std::pair<double, double> funnel_pair(double p0, double n, double level,
                                             FunnelMethod method) {
  // A benchmark of 0 or 1 leaves no variation: the funnel collapses onto it.
  if (p0 == 0.0 || p0 == 1.0) return {p0, p0};
  if (method == FunnelMethod::normal) {
    const double half = normal_critical(level) * std::sqrt(p0 * (1.0 - p0) / n);
    return {std::clamp(p0 - half, 0.0, 1.0), std::clamp(p0 + half, 0.0, 1.0)};
  }
  return {exact_funnel_limit((1.0 - level) / 2.0, n, p0),
          exact_funnel_limit((1.0 + level) / 2.0, n, p0)};
}

}  // namespace detail

/// Funnel-plot limits around the benchmark proportion p₀ for each unit size in `n`, at each
/// two-sided level (default 95% and 99.8%, the "2 and 3 standard deviation" limits).
///
/// Spiegelhalter (2005), "Funnel plots for comparing institutional performance": exact limits
/// are the interpolated binomial quantiles at (1 ∓ level)/2 (see detail::exact_funnel_limit);
/// normal limits p₀ ± z√(p₀(1 − p₀)/n) with z = Φ⁻¹((1 + level)/2), clipped to [0, 1].
/// A benchmark of 0 or 1 gives limits equal to it; a size of 0 gives NaN limits.
/// InvalidArgument for a benchmark outside [0, 1], a negative or non-finite size (a fractional
/// one with the exact method), or a level outside (0, 1).
inline absl::StatusOr<FunnelLimits> funnel_limits(double benchmark, std::span<const double> n,
                                                  std::span<const double> levels,
                                                  FunnelMethod method = FunnelMethod::exact) {
  if (auto s = detail::check_benchmark(benchmark); !s.ok()) return s;
  for (const double level : levels)
    if (!(level > 0.0 && level < 1.0))
      return absl::InvalidArgumentError(
          absl::StrCat("each level must lie strictly between 0 and 1, got ", level));
  for (std::size_t i = 0; i < n.size(); ++i)
    if (auto s = detail::check_unit_size(n[i], i, method); !s.ok()) return s;
  const auto units = static_cast<Eigen::Index>(n.size());
  const auto k = static_cast<Eigen::Index>(levels.size());
  FunnelLimits out{benchmark,
                   Eigen::Map<const Eigen::ArrayXd>(n.data(), units),
                   std::vector<double>(levels.begin(), levels.end()),
                   Eigen::MatrixXd(units, k),
                   Eigen::MatrixXd(units, k),
                   method};
  for (Eigen::Index i = 0; i < units; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (n[i] == 0.0) {
        out.low(i, j) = out.high(i, j) = detail::kNaN;
        continue;
      }
      const auto [lo, hi] = detail::funnel_pair(benchmark, n[i], levels[j], method);
      out.low(i, j) = lo;
      out.high(i, j) = hi;
    }
  }
  return out;
}

/// Funnel limits at the usual 95% and 99.8% levels.
inline absl::StatusOr<FunnelLimits> funnel_limits(double benchmark, std::span<const double> n,
                                                  FunnelMethod method = FunnelMethod::exact) {
  static constexpr double kLevels[] = {0.95, 0.998};
  return funnel_limits(benchmark, n, kLevels, method);
}

/// The flag of each unit with count[i] events of n[i]: above when count/n exceeds the upper
/// limit at `level`, below when it is under the lower one, within otherwise (on a limit is
/// within); no data when n[i] = 0. The benchmark defaults to the pooled proportion Σcount/Σn.
/// InvalidArgument for unequal lengths, a count outside [0, n], or as funnel_limits.
inline absl::StatusOr<std::vector<FunnelFlag>> funnel_flags(
    std::span<const double> count, std::span<const double> n,
    std::optional<double> benchmark = std::nullopt, double level = 0.998,
    FunnelMethod method = FunnelMethod::exact) {
  if (count.size() != n.size())
    return absl::InvalidArgumentError(
        absl::StrCat("count and n must have equal lengths, got ", count.size(), " and ", n.size()));
  if (!(level > 0.0 && level < 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie strictly between 0 and 1, got ", level));
  double events = 0.0, total = 0.0;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (auto s = detail::check_unit_size(n[i], i, method); !s.ok()) return s;
    if (!std::isfinite(count[i]) || count[i] < 0.0 || count[i] > n[i])
      return absl::InvalidArgumentError(absl::StrCat(
          "count[", i, "] = ", count[i], " is not a count in [0, n[", i, "] = ", n[i], "]"));
    events += count[i];
    total += n[i];
  }
  const double p0 = benchmark ? *benchmark : (total > 0.0 ? events / total : 0.0);
  if (auto s = detail::check_benchmark(p0); !s.ok()) return s;
  std::vector<FunnelFlag> flags(n.size(), FunnelFlag::no_data);
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i] == 0.0) continue;
    const auto [lo, hi] = detail::funnel_pair(p0, n[i], level, method);
    const double share = count[i] / n[i];
    flags[i] = share > hi ? FunnelFlag::above : share < lo ? FunnelFlag::below : FunnelFlag::within;
  }
  return flags;
}

}  // namespace qaframe::stats
