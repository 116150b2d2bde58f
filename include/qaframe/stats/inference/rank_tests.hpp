#pragma once
/// @file rank_tests.hpp
/// The Mann-Whitney (Wilcoxon rank-sum) test of two independent samples, with its
/// probability-of-superiority effect size: the exact permutation p-value for small samples
/// without ties, the tie-corrected normal approximation otherwise.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/pvalue_method.hpp"
#include "qaframe/stats/ranking.hpp"

namespace qaframe::stats {

/// The Mann-Whitney U test.
struct MannWhitneyResult {
  double statistic = detail::kNaN;  ///< U₁ of the first sample (as scipy)
  double pvalue = detail::kNaN;     ///< under the chosen alternative, by `method`
  double effect = detail::kNaN;  ///< probability of superiority U₁/(n₁n₂), ties counting ½
  std::string effect_name = "probability of superiority";  ///< what `effect` is
  std::string note;                                        ///< why the p-value is NaN, when it is
  PValueMethod method = PValueMethod::asymptotic;  ///< how the p-value was found (never automatic)
  friend bool operator==(const MannWhitneyResult&, const MannWhitneyResult&) = default;
};

namespace detail {

/// The exact distribution of U is computed when n₁n₂ is at most this: its cost is
/// O(min(n₁, n₂)·n₁n₂) time and O(n₁n₂) memory.
inline constexpr double kMaxExactMannWhitneyCells = 1e6;

/// P(U = k) for k = 0..⌊n₁n₂/2⌋ under the null hypothesis with no ties (the lower half: U is
/// symmetric about n₁n₂/2).
///
/// The number of arrangements with U = k is the coefficient of qᵏ in the Gaussian binomial
/// ∏_{i=1}^{m} (1 − q^{n+i})/(1 − qⁱ), m = min(n₁, n₂), n = max(n₁, n₂) (Mann and Whitney 1947,
/// whose recurrence f(m, n, k) = f(m − 1, n, k − n) + f(m, n − 1, k) it solves). Harding (1984),
/// "An efficient, minimal-storage procedure for calculating the Mann-Whitney U, generalized U
/// and similar distributions", Appl Stat 33:1–6: divide by (1 − qⁱ) (a running sum with stride
/// i), multiply by (1 − q^{n+i}) (a shifted difference), O(m·n₁n₂/2) in all. Each factor is
/// rescaled by i/(n + i) = C(n+i−1, i−1)/C(n+i, i) so that the coefficients stay probabilities
/// instead of overflowing; against exact integer arithmetic the lower-tail sums agree to 1e-14
/// relative for m ≤ 100.
inline std::vector<double> mann_whitney_lower_pmf(std::size_t n1, std::size_t n2) {
  const std::size_t m = std::min(n1, n2), n = std::max(n1, n2);
  const std::size_t half = m * n / 2;
  std::vector<double> c(half + 1, 0.0);
  c[0] = 1.0;
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t k = i; k <= half; ++k) c[k] += c[k - i];
    // Top down, so that each c[k − n − i] is still the value before this multiplication.
    for (std::size_t k = half + 1; k-- > n + i;) c[k] -= c[k - n - i];
    const double scale = static_cast<double>(i) / static_cast<double>(n + i);
    for (auto& v : c) v *= scale;
  }
  return c;
}

/// Exact P(U ≥ u) from the lower half of the null distribution, by symmetry P(U ≥ u) =
/// P(U ≤ n₁n₂ − u).
inline double mann_whitney_exact_sf(double u, std::size_t n1, std::size_t n2) {
  if (u <= 0.0) return 1.0;
  const std::vector<double> pmf = mann_whitney_lower_pmf(n1, n2);
  const double total = static_cast<double>(n1) * static_cast<double>(n2);
  const auto lower_cdf = [&](double k) {
    double s = 0.0;
    for (std::size_t i = 0; i <= static_cast<std::size_t>(k); ++i) s += pmf[i];
    return s;
  };
  const double mirror = total - u;
  if (mirror <= static_cast<double>(pmf.size() - 1)) return lower_cdf(mirror);
  return 1.0 - lower_cdf(u - 1.0);
}

}  // namespace detail

/// The exact null distribution of U₁ for samples of n₁ and n₂ without ties: P(U₁ = k) for
/// k = 0..n₁n₂ (see detail::mann_whitney_lower_pmf). InvalidArgument when a size is 0 or
/// n₁n₂ exceeds 10⁶.
inline absl::StatusOr<Eigen::ArrayXd> mann_whitney_null_pmf(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0)
    return absl::InvalidArgumentError(
        absl::StrCat("both sample sizes must be at least 1, got ", n1, " and ", n2));
  if (static_cast<double>(n1) * static_cast<double>(n2) > detail::kMaxExactMannWhitneyCells)
    return absl::InvalidArgumentError(absl::StrCat(
        "the exact distribution of U is computed for n1*n2 <= 1e6, got ", n1, " * ", n2));
  const std::vector<double> lower = detail::mann_whitney_lower_pmf(n1, n2);
  const std::size_t total = n1 * n2;
  Eigen::ArrayXd pmf(static_cast<Eigen::Index>(total + 1));
  for (std::size_t k = 0; k <= total; ++k)
    pmf[static_cast<Eigen::Index>(k)] = lower[std::min(k, total - k)];
  return pmf;
}

/// Mann-Whitney U test of x against y: exact for small samples without ties, otherwise the
/// normal approximation with tie correction and (by default) continuity correction.
///
/// Mann and Whitney (1947), "On a test of whether one of two random variables is
/// stochastically larger than the other"; tie correction as Lehmann (1975), "Nonparametrics":
/// U₁ = R₁ − n₁(n₁+1)/2, σ² = n₁n₂/12 · [(n + 1) − Σ(t³ − t)/(n(n − 1))],
/// z = (U − n₁n₂/2 − ½)/σ with U = max(U₁, U₂) two-sided, U₁ for "greater", U₂ for "less"
/// (scipy's mannwhitneyu(method="asymptotic")). Exact: P(U_null ≥ U) for the same U, doubled
/// two-sided and capped at 1, from the permutation distribution of U without ties (see
/// detail::mann_whitney_lower_pmf; scipy's method="exact"); `continuity` does not apply.
/// `method` automatic uses the exact p-value when there are no ties and min(n₁, n₂) ≤ 8 (scipy's
/// rule: its documentation says "less than 8", its code uses ≤ 8), unless n₁n₂ > 10⁶ (a sample
/// of at most 8 against one of more than 125,000, where scipy would still go exact); the
/// asymptotic one otherwise. Effect: P(X > Y) + ½P(X = Y) = U₁/(n₁n₂) (McGraw and Wong 1992,
/// "A common language effect size statistic").
/// InvalidArgument when a sample is empty or holds NaN, or for method exact with ties (the
/// exact distribution assumes none; scipy computes it anyway from U truncated to an integer) or
/// n₁n₂ > 10⁶. NaN p-value with a note when every observation is tied (σ = 0).
inline absl::StatusOr<MannWhitneyResult> mann_whitney(
    std::span<const double> x, std::span<const double> y, bool continuity = true,
    Alternative alternative = Alternative::two_sided,
    PValueMethod method = PValueMethod::automatic) {
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
  const bool ties = !ranking.tie_sizes.empty();
  const bool exact_fits = n1 * n2 <= detail::kMaxExactMannWhitneyCells;
  if (method == PValueMethod::exact && ties)
    return absl::InvalidArgumentError(absl::StrCat(
        "the exact p-value assumes no ties, but the samples have ", ranking.tie_sizes.size(),
        " group(s) of tied values: use method 'asymptotic' (tie-corrected) or 'auto'"));
  if (method == PValueMethod::exact && !exact_fits)
    return absl::InvalidArgumentError(
        absl::StrCat("the exact distribution of U is computed for n1*n2 <= 1e6, got ", x.size(),
                     " * ", y.size(), ": use method 'asymptotic' or 'auto'"));
  if (method == PValueMethod::automatic)
    method = !ties && std::min(n1, n2) <= 8.0 && exact_fits ? PValueMethod::exact
                                                            : PValueMethod::asymptotic;
  const double r1 = ranking.ranks.head(static_cast<Eigen::Index>(x.size())).sum();
  MannWhitneyResult out;
  out.method = method;
  out.statistic = r1 - n1 * (n1 + 1.0) / 2.0;
  out.effect = out.statistic / (n1 * n2);
  const double u2 = n1 * n2 - out.statistic;
  const double u = alternative == Alternative::greater ? out.statistic
                   : alternative == Alternative::less  ? u2
                                                       : std::max(out.statistic, u2);
  const double sides = alternative == Alternative::two_sided ? 2.0 : 1.0;
  if (method == PValueMethod::exact) {
    out.pvalue = std::min(1.0, sides * detail::mann_whitney_exact_sf(u, x.size(), y.size()));
    return out;
  }
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
  const double z = (u - mu - (continuity ? 0.5 : 0.0)) / std::sqrt(sigma2);
  out.pvalue = std::min(1.0, normal_sf(z) * sides);
  return out;
}

}  // namespace qaframe::stats
