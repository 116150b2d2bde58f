#pragma once
/// @file rank_tests.hpp
/// The Mann-Whitney (Wilcoxon rank-sum) test of two independent samples, with its
/// probability-of-superiority effect size.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/ranking.hpp"

namespace qaframe::stats {

/// The Mann-Whitney U test.
struct MannWhitneyResult {
  double statistic = detail::kNaN;  ///< U₁ of the first sample (as scipy)
  double pvalue = detail::kNaN;     ///< normal approximation under the chosen alternative
  double effect = detail::kNaN;  ///< probability of superiority U₁/(n₁n₂), ties counting ½
  std::string effect_name = "probability of superiority";  ///< what `effect` is
  std::string note;                                        ///< why the p-value is NaN, when it is
  friend bool operator==(const MannWhitneyResult&, const MannWhitneyResult&) = default;
};

/// Mann-Whitney U test of x against y with the normal approximation, tie correction and
/// (by default) continuity correction.
///
/// Mann and Whitney (1947), "On a test of whether one of two random variables is
/// stochastically larger than the other"; tie correction as Lehmann (1975), "Nonparametrics":
/// U₁ = R₁ − n₁(n₁+1)/2, σ² = n₁n₂/12 · [(n + 1) − Σ(t³ − t)/(n(n − 1))],
/// z = (U − n₁n₂/2 − ½)/σ with U = max(U₁, U₂) two-sided, U₁ for "greater", U₂ for "less"
/// (scipy's mannwhitneyu(method="asymptotic")). Effect: P(X > Y) + ½P(X = Y) = U₁/(n₁n₂)
/// (McGraw and Wong 1992, "A common language effect size statistic").
/// InvalidArgument when a sample is empty or holds NaN; NaN p-value with a note when every
/// observation is tied (σ = 0).
inline absl::StatusOr<MannWhitneyResult> mann_whitney(
    std::span<const double> x, std::span<const double> y, bool continuity = true,
    Alternative alternative = Alternative::two_sided) {
  if (x.empty() || y.empty())
    return absl::InvalidArgumentError(absl::StrCat(
        "x and y must each hold at least one value, got ", x.size(), " and ", y.size()));
  if (auto s = detail::check_no_nan(x, "x"); !s.ok()) return s;
  if (auto s = detail::check_no_nan(y, "y"); !s.ok()) return s;
  std::vector<double> both(x.begin(), x.end());
  both.insert(both.end(), y.begin(), y.end());
  const Ranking ranking = average_ranks(both);
  const double n1 = static_cast<double>(x.size());
  const double n2 = static_cast<double>(y.size());
  const double n = n1 + n2;
  const double r1 = ranking.ranks.head(static_cast<Eigen::Index>(x.size())).sum();
  MannWhitneyResult out;
  out.statistic = r1 - n1 * (n1 + 1.0) / 2.0;
  out.effect = out.statistic / (n1 * n2);
  double tie_term = 0.0;
  for (const auto t : ranking.tie_sizes) {
    const double td = static_cast<double>(t);
    tie_term += td * td * td - td;
  }
  const double sigma2 = n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  if (!(sigma2 > 0.0)) {
    out.note = "every observation is tied: the rank sum has no variance";
    return out;
  }
  const double mu = n1 * n2 / 2.0;
  const double u2 = n1 * n2 - out.statistic;
  const double u = alternative == Alternative::greater ? out.statistic
                   : alternative == Alternative::less  ? u2
                                                       : std::max(out.statistic, u2);
  const double z = (u - mu - (continuity ? 0.5 : 0.0)) / std::sqrt(sigma2);
  const double p = normal_sf(z) * (alternative == Alternative::two_sided ? 2.0 : 1.0);
  out.pvalue = std::min(1.0, p);
  return out;
}

}  // namespace qaframe::stats
