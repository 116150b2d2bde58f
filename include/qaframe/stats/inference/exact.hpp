#pragma once
/// @file exact.hpp
/// Fisher's exact test of a 2 × 2 table, with Lancaster's mid-p and the conditional maximum
/// likelihood estimate of the odds ratio: the test to use beside the two-proportion z-test when
/// an expected count is below 5.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <boost/math/distributions/hypergeometric.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// Fisher's exact test of a 2 × 2 table.
struct FisherExactResult {
  double statistic = detail::kNaN;  ///< sample odds ratio ad/(bc) (as scipy); ∞ when bc = 0 < ad
  double pvalue = detail::kNaN;     ///< exact p-value (mid-p when `mid_p`), under the alternative
  double conditional_odds_ratio = detail::kNaN;  ///< conditional MLE (R's fisher.test estimate)
  double point_probability = detail::kNaN;       ///< P(observed table) under independence
  bool mid_p = false;  ///< whether half the point probability was taken off (Lancaster 1961)
  std::string note;    ///< why a value is NaN or the test is uninformative, when it is
  friend bool operator==(const FisherExactResult&, const FisherExactResult&) = default;
};

namespace detail {

/// Tables whose counts reach this total would overflow Boost's hypergeometric distribution,
/// which adds its unsigned parameters as int.
inline constexpr double kMaxExactTotal = 1073741823.0;  // 2^30 − 1

/// The conditional MLE solves E_ψ[X] = a over the whole support: past this many tables it is
/// left out (the sample odds ratio is then as good).
inline constexpr double kMaxConditionalSupport = 1e6;

/// Conditional MLE of the odds ratio ψ: the root of E_ψ[X] = a for X with Fisher's noncentral
/// hypergeometric distribution P(X = x) ∝ C(n₁, x) C(n₂, m − x) ψˣ on lo ≤ x ≤ hi, the
/// estimate R's fisher.test reports (Fisher 1935 conditions on both margins; the likelihood of ψ
/// given them is this distribution at the observed a). 0 at a = lo, ∞ at a = hi. Newton's method on
/// t = log ψ (dE/dt = Var_t X > 0, so E is increasing), kept inside a bracket that bisection
/// shrinks whenever a Newton step would leave it.
inline double conditional_odds_ratio(double a, double n1, double n2, double m) {
  const double lo = std::max(0.0, m - n2), hi = std::min(m, n1);
  if (a <= lo) return 0.0;
  if (a >= hi) return std::numeric_limits<double>::infinity();
  // log C(n₁, x) C(n₂, m − x) up to a constant, by the ratio of successive terms: accurate to a
  // few ulps per step, where lgamma of large arguments would lose digits to cancellation.
  const auto k = static_cast<std::size_t>(hi - lo) + 1;
  std::vector<double> log_w(k);
  log_w[0] = 0.0;
  for (std::size_t i = 1; i < k; ++i) {
    const double x = lo + static_cast<double>(i) - 1.0;
    log_w[i] =
        log_w[i - 1] + std::log((n1 - x) * (m - x)) - std::log((x + 1.0) * (n2 - m + x + 1.0));
  }
  const auto moments = [&](double t, double& mean, double& var) {
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < k; ++i) top = std::max(top, log_w[i] + static_cast<double>(i) * t);
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
      const double w = std::exp(log_w[i] + static_cast<double>(i) * t - top);
      const double d = static_cast<double>(i);
      s0 += w;
      s1 += w * d;
      s2 += w * d * d;
    }
    mean = lo + s1 / s0;
    var = std::max(0.0, s2 / s0 - (s1 / s0) * (s1 / s0));
  };
  double t_low = -1.0, t_high = 1.0, mean = 0.0, var = 0.0;
  for (moments(t_low, mean, var); mean > a; moments(t_low, mean, var)) t_low *= 2.0;
  for (moments(t_high, mean, var); mean < a; moments(t_high, mean, var)) t_high *= 2.0;
  double t = 0.0;
  for (int iteration = 0; iteration < 200; ++iteration) {
    moments(t, mean, var);
    if (mean == a) break;
    (mean < a ? t_low : t_high) = t;
    double next = var > 0.0 ? t - (mean - a) / var : 0.5 * (t_low + t_high);
    if (!(next > t_low && next < t_high)) next = 0.5 * (t_low + t_high);
    const bool converged = std::fabs(next - t) <= 1e-15 * std::max(1.0, std::fabs(t));
    t = next;
    if (converged || t_high - t_low <= 1e-15 * std::max(1.0, std::fabs(t))) break;
  }
  return std::exp(t);
}

inline absl::Status check_fisher_table(const Eigen::Ref<const Eigen::MatrixXd>& table) {
  if (table.rows() != 2 || table.cols() != 2)
    return absl::InvalidArgumentError(
        absl::StrCat("table must be 2 x 2, got ", table.rows(), " x ", table.cols()));
  for (Eigen::Index i = 0; i < 2; ++i)
    for (Eigen::Index j = 0; j < 2; ++j) {
      const double v = table(i, j);
      if (!std::isfinite(v) || v < 0.0 || v != std::floor(v))
        return absl::InvalidArgumentError(
            absl::StrCat("table[", i, ", ", j, "] = ", v, " is not a whole count >= 0"));
    }
  if (table.sum() > kMaxExactTotal)
    return absl::InvalidArgumentError(absl::StrCat(
        "the table's counts total ", table.sum(), ", more than the exact test handles (",
        kMaxExactTotal, "): use the chi-square or z-test"));
  return absl::OkStatus();
}

}  // namespace detail

/// Fisher's exact test of independence in the 2 × 2 table [[a, b], [c, d]].
///
/// Fisher (1935), "The logic of inductive inference"; Agresti (2013), "Categorical Data
/// Analysis", §3.5. Given the margins, X = a is hypergeometric: P(X = x) =
/// C(a+b, x) C(c+d, a+c−x) / C(n, a+c) on max(0, a+c−(c+d)) ≤ x ≤ min(a+c, a+b).
/// "less" is P(X ≤ a), "greater" P(X ≥ a); two-sided sums the probabilities of the tables no
/// more likely than the observed one, P(X = x) ≤ P(X = a)·(1 + 10⁻¹⁴), the relative tolerance
/// scipy's fisher_exact uses so that tables equally likely in exact arithmetic count, and gives
/// 1 when the observed table is (within that tolerance) the most likely; the sum is taken as
/// the two tails, found by binary search on either side of the mode, as scipy does.
/// With `mid_p`, half the probability of the observed table is taken off: p_mid = p − ½P(X = a)
/// (Lancaster 1961, "Significance tests in discrete distributions", JASA 56:223–234; the
/// "Fisher mid-p" of Lydersen, Fagerland and Laake 2009, "Recommended tests for association in
/// 2 × 2 tables", Stat Med 28:1159–1175). Tables tied in probability with the observed one keep
/// their full weight.
/// `statistic` is the sample odds ratio ad/(bc) (scipy's), ∞ when b or c is 0 (then a, d > 0);
/// `conditional_odds_ratio` the conditional MLE (R's fisher.test; scipy's
/// contingency.odds_ratio(kind="conditional")), omitted with a note past 10⁶ possible tables.
/// A row or column that sums to 0 leaves one possible table: p = 1, odds ratios NaN, and a note.
/// InvalidArgument unless the table is 2 × 2 of whole counts ≥ 0 totalling less than 2³⁰.
inline absl::StatusOr<FisherExactResult> fisher_exact(
    const Eigen::Ref<const Eigen::MatrixXd>& table,
    Alternative alternative = Alternative::two_sided, bool mid_p = false) {
  if (auto s = detail::check_fisher_table(table); !s.ok()) return s;
  const double a = table(0, 0), b = table(0, 1), c = table(1, 0), d = table(1, 1);
  FisherExactResult out;
  out.mid_p = mid_p;
  const double n1 = a + b, n2 = c + d, m = a + c;
  if (n1 == 0.0 || n2 == 0.0 || m == 0.0 || b + d == 0.0) {
    out.pvalue = 1.0;
    out.point_probability = 1.0;
    out.note =
        "a row or column of the table is empty: the margins allow only the observed table, so "
        "the test has no information (p = 1) and the odds ratio is undefined";
    return out;
  }
  out.statistic = b > 0.0 && c > 0.0 ? a * d / (b * c) : std::numeric_limits<double>::infinity();
  using Hypergeometric = boost::math::hypergeometric_distribution<double, detail::NoThrowPolicy>;
  const Hypergeometric dist(static_cast<unsigned>(n1), static_cast<unsigned>(m),
                            static_cast<unsigned>(n1 + n2));
  const double lo = std::max(0.0, m - n2), hi = std::min(m, n1);
  const auto pmf = [&](double x) { return boost::math::pdf(dist, static_cast<unsigned>(x)); };
  const auto cdf = [&](double x) {  // P(X ≤ x)
    return x < lo ? 0.0 : x >= hi ? 1.0 : boost::math::cdf(dist, static_cast<unsigned>(x));
  };
  const auto sf = [&](double x) {  // P(X > x)
    return x < lo    ? 1.0
           : x >= hi ? 0.0
                     : boost::math::cdf(boost::math::complement(dist, static_cast<unsigned>(x)));
  };
  const double p_a = pmf(a);
  out.point_probability = p_a;
  double p = 1.0;
  switch (alternative) {
    case Alternative::less:
      p = cdf(a);
      break;
    case Alternative::greater:
      p = sf(a - 1.0);
      break;
    case Alternative::two_sided: {
      constexpr double kEpsilon = 1e-14;
      const double threshold = p_a * (1.0 + kEpsilon);
      const double mode = std::floor((m + 1.0) * (n1 + 1.0) / (n1 + n2 + 2.0));
      const double p_mode = pmf(mode);
      if (std::fabs(p_a - p_mode) / std::max(p_a, p_mode) <= kEpsilon) {
        p = 1.0;
      } else if (a < mode) {
        // The other tail: the first x above the mode whose probability is under the threshold
        // (the pmf decreases there), and everything beyond it.
        p = cdf(a);
        if (!(pmf(hi) > threshold)) {
          double l = mode, h = hi;
          while (l < h) {
            const double mid = std::floor((l + h) / 2.0);
            if (pmf(mid) < threshold)
              h = mid;
            else
              l = mid + 1.0;
          }
          p += sf(l - 1.0);
        }
      } else {
        // Mirror image: the last x below the mode with probability at most the threshold.
        p = sf(a - 1.0);
        if (!(pmf(lo) > threshold)) {
          double l = lo, h = mode;
          while (l < h) {
            const double mid = std::ceil((l + h) / 2.0);
            if (pmf(mid) <= threshold)
              l = mid;
            else
              h = mid - 1.0;
          }
          p += cdf(l);
        }
      }
      break;
    }
  }
  if (mid_p) p -= 0.5 * p_a;
  out.pvalue = std::clamp(p, 0.0, 1.0);
  if (hi - lo + 1.0 > detail::kMaxConditionalSupport) {
    out.note = absl::StrCat("the conditional odds ratio is left out: ", hi - lo + 1.0,
                            " possible tables, where the sample odds ratio is as good");
  } else {
    out.conditional_odds_ratio = detail::conditional_odds_ratio(a, n1, n2, m);
  }
  return out;
}

}  // namespace qaframe::stats
