#pragma once
/// @file gwet.hpp
/// Gwet's AC1 and its weighted form AC2 for two raters, with variance: the chance-corrected
/// agreement that, unlike kappa, does not collapse when one grade dominates.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// Gwet's AC1 / AC2 with standard error, z-test and confidence interval.
struct GwetResult {
  /// AC1 (unweighted) or AC2 (weighted); NaN when undefined (see note).
  double statistic = detail::kNaN;
  /// Standard error (Gwet 2008; 2014, infinite population: no finite-population correction).
  double se = detail::kNaN;
  /// z = AC / se.
  double zstatistic = detail::kNaN;
  /// Two-sided normal p-value of AC = 0.
  double pvalue = detail::kNaN;
  /// Lower limit of AC ± z·se.
  double low = detail::kNaN;
  /// Upper limit of AC ± z·se (not clipped to 1).
  double high = detail::kNaN;
  /// Confidence level of the interval.
  double level = 0.95;
  /// Weighted observed agreement p_a.
  double observed_agreement = detail::kNaN;
  /// Gwet's chance agreement p_e.
  double expected_agreement = detail::kNaN;
  /// Number of complete pairs.
  std::int64_t n = 0;
  /// Why a value is NaN, or other caveats; empty when there are none.
  std::string note;

  friend bool operator==(const GwetResult&, const GwetResult&) = default;
};

namespace detail {

/// Gwet's AC of a table of counts (as doubles), NaN when undefined; the bootstrap's hot path.
inline double gwet_value(const Eigen::Ref<const Eigen::MatrixXd>& counts,
                         const Eigen::MatrixXd& w) {
  const double n = counts.sum();
  const Eigen::Index q = counts.rows();
  if (!(n >= 2.0) || q < 2) return kNaN;
  const Eigen::ArrayXd pi =
      (counts.rowwise().sum() + counts.colwise().sum().transpose()).array() / (2.0 * n);
  const double qd = static_cast<double>(q);
  const double pa = (w.array() * counts.array()).sum() / n;
  const double pe = w.sum() / (qd * (qd - 1.0)) * (pi * (1.0 - pi)).sum();
  if (!(1.0 - pe > kDegenerateTolerance)) return kNaN;
  return (pa - pe) / (1.0 - pe);
}

}  // namespace detail

/// Gwet's agreement coefficient (Gwet 2008, "Computing inter-rater reliability and its variance
/// in the presence of high agreement"; Gwet 2014, "Handbook of Inter-Rater Reliability", 4th ed.),
/// q categories, agreement weights w (w = I gives AC1, otherwise AC2), shares p_kl:
///   p_a = Σ w_kl p_kl,  π_k = (p_k. + p_.k)/2,  T_w = Σ w_kl,
///   p_e = T_w / (q(q−1)) · Σ π_k(1 − π_k),  AC = (p_a − p_e) / (1 − p_e).
/// Variance (the handbook's two-rater formula with sampling fraction f = 0, as irrCAC's
/// gwet.ac1.table):
///   Var AC = [Σ p_kl (w_kl − 2(1−AC) T_w (1 − (π_k+π_l)/2) / (q(q−1)))² − (p_a − 2(1−AC) p_e)²]
///            / n(1 − p_e)².
/// The interval and test use the standard normal (irrCAC uses Student's t with n − 1 degrees of
/// freedom; the two agree to the third decimal from n ≈ 100). Categories of the scale that nobody
/// used still count in q. NaN with a note for q < 2, fewer than two pairs, or p_e = 1.
inline absl::StatusOr<GwetResult> gwet_ac(const CountMatrix& table, const Eigen::MatrixXd& weights,
                                          double level = 0.95) {
  if (absl::Status s = detail::check_table(table); !s.ok()) return s;
  if (absl::Status s = detail::check_agreement_weights(weights, table.rows()); !s.ok()) return s;
  if (absl::Status s = detail::check_level(level); !s.ok()) return s;

  GwetResult out;
  out.level = level;
  out.n = table.sum();
  const Eigen::Index q = table.rows();
  if (q < 2) {
    out.note = "the scale has one category: chance agreement needs at least two";
    return out;
  }
  if (out.n < 2) {
    out.note = absl::StrCat("fewer than two complete pairs (n = ", out.n,
                            "): the coefficient is undefined");
    return out;
  }
  const double n = static_cast<double>(out.n);
  const double qd = static_cast<double>(q);
  const Eigen::MatrixXd p = table.cast<double>() / n;
  const Eigen::ArrayXd pi = (p.rowwise().sum() + p.colwise().sum().transpose()).array() / 2.0;
  const double tw = weights.sum();
  const double pa = (weights.array() * p.array()).sum();
  const double pe = tw / (qd * (qd - 1.0)) * (pi * (1.0 - pi)).sum();
  out.observed_agreement = pa;
  out.expected_agreement = pe;
  if (!(1.0 - pe > detail::kDegenerateTolerance)) {
    out.note = "chance agreement p_e = 1 (every weight is 1): the coefficient is 0/0";
    return out;
  }
  const double ac = (pa - pe) / (1.0 - pe);
  out.statistic = ac;

  const double factor = 2.0 * (1.0 - ac) * tw / (qd * (qd - 1.0));
  double sum = 0.0;
  for (Eigen::Index l = 0; l < q; ++l) {
    for (Eigen::Index k = 0; k < q; ++k) {
      const double d = weights(k, l) - factor * (1.0 - (pi(k) + pi(l)) / 2.0);
      sum += p(k, l) * d * d;
    }
  }
  const double centre = pa - 2.0 * (1.0 - ac) * pe;
  // A sum of squares about its mean in exact arithmetic; rounding can leave -1e-17.
  const double var = std::max(0.0, (sum - centre * centre) / (n * (1.0 - pe) * (1.0 - pe)));
  out.se = std::sqrt(var);
  const double z = normal_critical(level);
  out.low = ac - z * out.se;
  out.high = ac + z * out.se;
  if (out.se > 0.0) {
    out.zstatistic = ac / out.se;
    out.pvalue = normal_two_sided_p(out.zstatistic);
  } else {
    const std::string why = degenerate_table_reason(table);
    out.note = absl::StrCat("standard error is 0 (", why.empty() ? "no sampling variation" : why,
                            "): no z-test, the interval has no width");
  }
  return out;
}

/// Gwet's AC1 / AC2 of two code vectors, pairs with a missing rating left out.
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<GwetResult> gwet_ac(std::span<const Int> a,
                                                                    std::span<const Int> b,
                                                                    std::int64_t k,
                                                                    const Eigen::MatrixXd& weights,
                                                                    double level = 0.95) {
  absl::StatusOr<CountMatrix> table = confusion_matrix(a, b, k);
  if (!table.ok()) return table.status();
  return gwet_ac(*table, weights, level);
}

}  // namespace qaframe::stats
