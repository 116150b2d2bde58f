#pragma once
/// @file proportion.hpp
/// Confidence intervals for a binomial proportion (Wilson, Wilson with continuity correction,
/// Clopper-Pearson, Jeffreys, Agresti-Coull, Wald), Newcombe's interval for the difference of
/// two independent proportions, and the pooled two-proportion z-test.
///
/// Counts are doubles so that weighted or pooled counts can be used; they must lie in
/// [0, nobs]. A proportion with nobs = 0 carries no information: its interval is NaN, with a
/// note in the scalar result (a team with no audits is valid data, not an error).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// How a confidence interval for one proportion is computed.
enum class ProportionMethod { wilson, wilson_cc, exact, jeffreys, agresti_coull, normal };

/// The method's name as `parse_proportion_method` accepts it.
inline std::string_view to_string(ProportionMethod method) {
  switch (method) {
    case ProportionMethod::wilson:
      return "wilson";
    case ProportionMethod::wilson_cc:
      return "wilson_cc";
    case ProportionMethod::exact:
      return "exact";
    case ProportionMethod::jeffreys:
      return "jeffreys";
    case ProportionMethod::agresti_coull:
      return "agresti_coull";
    case ProportionMethod::normal:
      break;
  }
  return "normal";
}

/// Parses a method name: wilson, wilson_cc, exact (also clopper_pearson and statsmodels'
/// "beta"), jeffreys, agresti_coull, normal (also wald). Unknown names are InvalidArgument.
inline absl::StatusOr<ProportionMethod> parse_proportion_method(std::string_view name) {
  if (name == "wilson") return ProportionMethod::wilson;
  if (name == "wilson_cc") return ProportionMethod::wilson_cc;
  if (name == "exact" || name == "clopper_pearson" || name == "beta")
    return ProportionMethod::exact;
  if (name == "jeffreys") return ProportionMethod::jeffreys;
  if (name == "agresti_coull") return ProportionMethod::agresti_coull;
  if (name == "normal" || name == "wald") return ProportionMethod::normal;
  return absl::InvalidArgumentError(
      absl::StrCat("method must be one of wilson, wilson_cc, exact, jeffreys, agresti_coull, "
                   "normal; got '",
                   std::string(name), "'"));
}

/// A confidence interval for one proportion: the estimate x/n and its limits.
struct ProportionInterval {
  double estimate = detail::kNaN;  ///< x / n
  double low = detail::kNaN;       ///< lower limit
  double high = detail::kNaN;      ///< upper limit
  std::string note;                ///< why the interval is NaN, when it is
  friend bool operator==(const ProportionInterval&, const ProportionInterval&) = default;
};

/// Confidence intervals for many proportions, element by element.
struct ProportionIntervals {
  Eigen::ArrayXd low;   ///< lower limits (NaN where nobs = 0)
  Eigen::ArrayXd high;  ///< upper limits (NaN where nobs = 0)
};

/// Newcombe's interval for the difference of two independent proportions.
struct DifferenceInterval {
  double estimate = detail::kNaN;  ///< p̂₁ − p̂₂
  double low = detail::kNaN;       ///< lower limit
  double high = detail::kNaN;      ///< upper limit
  std::string note;                ///< why the interval is NaN, when it is
  friend bool operator==(const DifferenceInterval&, const DifferenceInterval&) = default;
};

/// The pooled z-test of two independent proportions.
struct TwoProportionTest {
  double statistic = detail::kNaN;                        ///< z
  double pvalue = detail::kNaN;                           ///< under the chosen alternative
  double effect = detail::kNaN;                           ///< p̂₁ − p̂₂
  std::string effect_name = "difference in proportions";  ///< what `effect` is
  std::string note;                                       ///< why the statistic is NaN, when it is
  friend bool operator==(const TwoProportionTest&, const TwoProportionTest&) = default;
};

namespace detail {

/// A confidence level must lie strictly between 0 and 1.
inline absl::Status check_ci_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie strictly between 0 and 1, got ", level));
  return absl::OkStatus();
}

/// 0 ≤ count ≤ nobs, both finite. `where` is appended to the names, e.g. "[3]" or "1".
inline absl::Status check_proportion_count(double count, double nobs,
                                           const std::string& where = "") {
  if (!std::isfinite(nobs) || nobs < 0.0)
    return absl::InvalidArgumentError(
        absl::StrCat("nobs", where, " must be a finite count >= 0, got ", nobs));
  if (!std::isfinite(count) || count < 0.0)
    return absl::InvalidArgumentError(
        absl::StrCat("count", where, " must be a finite count >= 0, got ", count));
  if (count > nobs)
    return absl::InvalidArgumentError(
        absl::StrCat("count", where, " = ", count, " exceeds nobs", where, " = ", nobs));
  return absl::OkStatus();
}

/// The limits for a checked count x of n > 0, with z = Φ⁻¹(1 − α/2) precomputed.
inline std::pair<double, double> proportion_limits(double x, double n, double z, double alpha,
                                                   ProportionMethod method) {
  const double p = x / n;
  const double z2 = z * z;
  switch (method) {
    case ProportionMethod::wilson: {
      // Wilson (1927), "Probable inference, the law of succession, and statistical inference":
      // centre (p̂ + z²/2n)/(1 + z²/n), half-width z√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
      const double denom = 1.0 + z2 / n;
      const double centre = (p + z2 / (2.0 * n)) / denom;
      const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
      // At x = 0 or x = n the limit is 0 or 1 exactly; rounding must not move it outside.
      return {x == 0.0 ? 0.0 : std::max(0.0, centre - half),
              x == n ? 1.0 : std::min(1.0, centre + half)};
    }
    case ProportionMethod::wilson_cc: {
      // Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison
      // of seven methods", method 4:
      // L = [2np̂ + z² − 1 − z√(z² − 2 − 1/n + 4p̂(n(1−p̂)+1))] / 2(n+z²), 0 at x = 0;
      // U = [2np̂ + z² + 1 + z√(z² + 2 − 1/n + 4p̂(n(1−p̂)−1))] / 2(n+z²), 1 at x = n.
      // The radicands are positive for integer counts; the clamps only guard fractional ones.
      const double denom = 2.0 * (n + z2);
      const double rad_low = std::max(0.0, z2 - 2.0 - 1.0 / n + 4.0 * p * (n * (1.0 - p) + 1.0));
      const double rad_high = std::max(0.0, z2 + 2.0 - 1.0 / n + 4.0 * p * (n * (1.0 - p) - 1.0));
      const double low = (2.0 * x + z2 - 1.0 - z * std::sqrt(rad_low)) / denom;
      const double high = (2.0 * x + z2 + 1.0 + z * std::sqrt(rad_high)) / denom;
      return {x == 0.0 ? 0.0 : std::clamp(low, 0.0, p), x == n ? 1.0 : std::clamp(high, p, 1.0)};
    }
    case ProportionMethod::exact:
      // Clopper and Pearson (1934), "The use of confidence or fiducial limits illustrated in
      // the case of the binomial": L = B⁻¹(α/2; x, n−x+1), U = B⁻¹(1−α/2; x+1, n−x).
      return {x == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, x, n - x + 1.0),
              x == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, x + 1.0, n - x)};
    case ProportionMethod::jeffreys:
      // Equal-tailed interval of the Beta(x + ½, n − x + ½) posterior; with the boundary rule
      // of Brown, Cai and DasGupta (2001), "Interval estimation for a binomial proportion",
      // §4.1.2: L = 0 at x = 0 and U = 1 at x = n (statsmodels applies no boundary rule).
      return {x == 0.0 ? 0.0 : beta_quantile(alpha / 2.0, x + 0.5, n - x + 0.5),
              x == n ? 1.0 : beta_quantile(1.0 - alpha / 2.0, x + 0.5, n - x + 0.5)};
    case ProportionMethod::agresti_coull: {
      // Agresti and Coull (1998), "Approximate is better than 'exact' for interval estimation
      // of binomial proportions": ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z√(p̃(1−p̃)/ñ), clipped.
      const double nt = n + z2;
      const double pt = (x + z2 / 2.0) / nt;
      const double half = z * std::sqrt(pt * (1.0 - pt) / nt);
      return {std::clamp(pt - half, 0.0, 1.0), std::clamp(pt + half, 0.0, 1.0)};
    }
    case ProportionMethod::normal:
      break;
  }
  // Wald: p̂ ± z√(p̂(1−p̂)/n), clipped to [0, 1] (as statsmodels).
  const double half = z * std::sqrt(p * (1.0 - p) / n);
  return {std::clamp(p - half, 0.0, 1.0), std::clamp(p + half, 0.0, 1.0)};
}

}  // namespace detail

/// Confidence interval for the proportion count/nobs at the given level (0 < level < 1).
/// InvalidArgument for a negative or non-finite count or nobs, count > nobs, or a level outside
/// (0, 1); NaN with a note when nobs = 0.
inline absl::StatusOr<ProportionInterval> proportion_ci(
    double count, double nobs, double level = 0.95,
    ProportionMethod method = ProportionMethod::wilson) {
  if (auto s = detail::check_ci_level(level); !s.ok()) return s;
  if (auto s = detail::check_proportion_count(count, nobs); !s.ok()) return s;
  ProportionInterval out;
  if (nobs == 0.0) {
    out.note = "nobs is 0: no observations, so no estimate";
    return out;
  }
  const auto [low, high] =
      detail::proportion_limits(count, nobs, normal_critical(level), 1.0 - level, method);
  out.estimate = count / nobs;
  out.low = low;
  out.high = high;
  return out;
}

/// Confidence intervals for count[i]/nobs[i], element by element (the spans have equal
/// length). The first invalid element is reported by index; where nobs[i] = 0 the limits are NaN.
inline absl::StatusOr<ProportionIntervals> proportion_ci(
    std::span<const double> count, std::span<const double> nobs, double level = 0.95,
    ProportionMethod method = ProportionMethod::wilson) {
  if (auto s = detail::check_ci_level(level); !s.ok()) return s;
  if (count.size() != nobs.size())
    return absl::InvalidArgumentError(absl::StrCat("count and nobs must have equal lengths, got ",
                                                   count.size(), " and ", nobs.size()));
  const auto n = static_cast<Eigen::Index>(count.size());
  const double z = normal_critical(level);
  const double alpha = 1.0 - level;
  ProportionIntervals out{Eigen::ArrayXd(n), Eigen::ArrayXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    // The message (and its allocation) is built only for the element that fails.
    const bool valid =
        std::isfinite(count[i]) && std::isfinite(nobs[i]) && count[i] >= 0.0 && count[i] <= nobs[i];
    if (!valid) return detail::check_proportion_count(count[i], nobs[i], absl::StrCat("[", i, "]"));
    if (nobs[i] == 0.0) {
      out.low[i] = out.high[i] = detail::kNaN;
      continue;
    }
    const auto [low, high] = detail::proportion_limits(count[i], nobs[i], z, alpha, method);
    out.low[i] = low;
    out.high[i] = high;
  }
  return out;
}

/// Confidence intervals for many proportions given as Eigen arrays of equal length.
inline absl::StatusOr<ProportionIntervals> proportion_ci(
    const Eigen::Ref<const Eigen::ArrayXd>& count, const Eigen::Ref<const Eigen::ArrayXd>& nobs,
    double level = 0.95, ProportionMethod method = ProportionMethod::wilson) {
  return proportion_ci(
      std::span<const double>(count.data(), static_cast<std::size_t>(count.size())),
      std::span<const double>(nobs.data(), static_cast<std::size_t>(nobs.size())), level, method);
}

/// Newcombe's hybrid score interval for p₁ − p₂ of two independent proportions.
///
/// Newcombe (1998), "Interval estimation for the difference between independent proportions:
/// comparison of eleven methods", method 10: from the Wilson limits (l₁, u₁), (l₂, u₂),
/// δ = p̂₁ − p̂₂, L = δ − √((p̂₁ − l₁)² + (u₂ − p̂₂)²), U = δ + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
/// InvalidArgument as for proportion_ci; NaN with a note when either nobs is 0.
inline absl::StatusOr<DifferenceInterval> newcombe_difference(double count1, double nobs1,
                                                              double count2, double nobs2,
                                                              double level = 0.95) {
  if (auto s = detail::check_ci_level(level); !s.ok()) return s;
  if (auto s = detail::check_proportion_count(count1, nobs1, "1"); !s.ok()) return s;
  if (auto s = detail::check_proportion_count(count2, nobs2, "2"); !s.ok()) return s;
  DifferenceInterval out;
  if (nobs1 == 0.0 || nobs2 == 0.0) {
    out.note = "a group has no observations (nobs is 0), so no difference can be estimated";
    return out;
  }
  const double z = normal_critical(level);
  const double p1 = count1 / nobs1;
  const double p2 = count2 / nobs2;
  const auto [l1, u1] =
      detail::proportion_limits(count1, nobs1, z, 1.0 - level, ProportionMethod::wilson);
  const auto [l2, u2] =
      detail::proportion_limits(count2, nobs2, z, 1.0 - level, ProportionMethod::wilson);
  out.estimate = p1 - p2;
  out.low = out.estimate - std::hypot(p1 - l1, u2 - p2);
  out.high = out.estimate + std::hypot(u1 - p1, p2 - l2);
  return out;
}

/// Two-proportion z-test with the pooled variance.
///
/// p = (x₁ + x₂)/(n₁ + n₂), z = (p̂₁ − p̂₂)/√(p(1−p)(1/n₁ + 1/n₂)); e.g. Fleiss, Levin and Paik
/// (2003), "Statistical Methods for Rates and Proportions", §2.5 (the uncorrected form, as
/// statsmodels' proportions_ztest). NaN with a note when a group is empty or the pooled
/// proportion is 0 or 1 (no variance).
inline absl::StatusOr<TwoProportionTest> two_proportion_ztest(
    double count1, double nobs1, double count2, double nobs2,
    Alternative alternative = Alternative::two_sided) {
  if (auto s = detail::check_proportion_count(count1, nobs1, "1"); !s.ok()) return s;
  if (auto s = detail::check_proportion_count(count2, nobs2, "2"); !s.ok()) return s;
  TwoProportionTest out;
  if (nobs1 == 0.0 || nobs2 == 0.0) {
    out.note = "a group has no observations (nobs is 0)";
    return out;
  }
  out.effect = count1 / nobs1 - count2 / nobs2;
  const double pooled = (count1 + count2) / (nobs1 + nobs2);
  if (pooled == 0.0 || pooled == 1.0) {
    out.note = absl::StrCat("the pooled proportion is ", pooled,
                            ": both groups are all one outcome, so z has no variance");
    return out;
  }
  out.statistic = out.effect / std::sqrt(pooled * (1.0 - pooled) * (1.0 / nobs1 + 1.0 / nobs2));
  out.pvalue = normal_pvalue(out.statistic, alternative);
  return out;
}

}  // namespace qaframe::stats
