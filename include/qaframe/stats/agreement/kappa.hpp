#pragma once
/// @file kappa.hpp
/// Cohen's (weighted) kappa for two raters and Fleiss' kappa for many, with standard errors,
/// z-tests and confidence intervals. Categories are in scale order (see confusion.hpp).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// The standard families of agreement weights for ordered categories.
enum class Weighting { kNone, kLinear, kQuadratic };

/// Parses "none", "linear" or "quadratic" (an empty name means "none").
inline absl::StatusOr<Weighting> parse_weighting(std::string_view name) {
  if (name.empty() || name == "none" || name == "unweighted") return Weighting::kNone;
  if (name == "linear") return Weighting::kLinear;
  if (name == "quadratic") return Weighting::kQuadratic;
  return absl::InvalidArgumentError(
      absl::StrCat("weights = \"", std::string(name),
                   "\" is not known: use none, linear, quadratic or a k x k matrix"));
}

/// The name of a weighting, as parse_weighting reads it.
inline std::string_view weighting_name(Weighting w) {
  switch (w) {
    case Weighting::kLinear:
      return "linear";
    case Weighting::kQuadratic:
      return "quadratic";
    case Weighting::kNone:
      break;
  }
  return "none";
}

/// Agreement weights (w_ii = 1, 0 for categories furthest apart), Cohen (1968):
/// unweighted w = I; linear w_ij = 1 − |i−j|/(k−1) (Cicchetti and Allison 1971);
/// quadratic w_ij = 1 − (i−j)²/(k−1)² (Fleiss and Cohen 1973).
/// scikit-learn's disagreement weights |i−j| and (i−j)² are 1 − w up to a factor, and give the
/// same kappa. With k = 1 every family is the 1 x 1 matrix [1].
inline Eigen::MatrixXd agreement_weights(Weighting weighting, std::int64_t k) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Identity(k, k);
  if (weighting == Weighting::kNone || k < 2) return w;
  const double span = static_cast<double>(k - 1);
  for (std::int64_t i = 0; i < k; ++i) {
    for (std::int64_t j = 0; j < k; ++j) {
      const double d = std::fabs(static_cast<double>(i - j)) / span;
      w(i, j) = weighting == Weighting::kLinear ? 1.0 - d : 1.0 - d * d;
    }
  }
  return w;
}

namespace detail {

/// Checks a confidence level.
inline absl::Status check_level(double level) {
  if (!(level > 0.0 && level < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie strictly between 0 and 1, got ", level));
  }
  return absl::OkStatus();
}

/// Checks a k x k matrix of agreement weights: finite, within [0, 1], 1 on the diagonal.
/// The variance formulas of Fleiss, Cohen and Everitt (1969) assume this normalisation.
inline absl::Status check_agreement_weights(const Eigen::MatrixXd& w, std::int64_t k) {
  if (w.rows() != k || w.cols() != k) {
    return absl::InvalidArgumentError(absl::StrCat("weights must be a ", k, " x ", k,
                                                   " matrix (k = ", k, " categories), got ",
                                                   w.rows(), " x ", w.cols()));
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index i = 0; i < k; ++i) {
      const double x = w(i, j);
      if (!(x >= 0.0 && x <= 1.0)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "weights[", i, ", ", j, "] = ", x,
            " is not an agreement weight in [0, 1] (1 = full agreement; to use disagreement "
            "weights v, pass 1 - v / max(v))"));
      }
    }
    if (w(j, j) != 1.0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "weights[", j, ", ", j, "] = ", w(j, j),
          " but agreement weights must be 1 on the diagonal (same category = full agreement); "
          "to use disagreement weights v, pass 1 - v / max(v)"));
    }
  }
  return absl::OkStatus();
}

/// Below this, 1 − p_e is treated as zero: the chance agreement is (numerically) total.
inline constexpr double kDegenerateTolerance = 1e-13;

/// Weighted kappa of a table of counts (as doubles), NaN when undefined; the hot path of the
/// bootstrap, so it allocates nothing.
inline double kappa_value(const Eigen::Ref<const Eigen::MatrixXd>& counts,
                          const Eigen::MatrixXd& w) {
  const double n = counts.sum();
  if (!(n >= 2.0)) return kNaN;
  const Eigen::VectorXd row = counts.rowwise().sum();
  const Eigen::VectorXd col = counts.colwise().sum().transpose();
  const double po = (w.array() * counts.array()).sum() / n;
  const double pe = row.dot(w * col) / (n * n);
  if (!(1.0 - pe > kDegenerateTolerance)) return kNaN;
  return (po - pe) / (1.0 - pe);
}

}  // namespace detail

/// Cohen's kappa with its standard errors, z-test and confidence interval.
struct KappaResult {
  /// κ; NaN when undefined (see note).
  double statistic = detail::kNaN;
  /// Standard error in general (Fleiss, Cohen and Everitt 1969), used for the interval.
  double se = detail::kNaN;
  /// Standard error under H0: κ = 0, used for the z-test.
  double se_null = detail::kNaN;
  /// z = κ / se_null.
  double zstatistic = detail::kNaN;
  /// Two-sided p-value of the z-test of κ = 0.
  double pvalue = detail::kNaN;
  /// Lower limit of the normal-theory interval κ ± z·se.
  double low = detail::kNaN;
  /// Upper limit of the interval (not clipped to 1, as statsmodels and SAS).
  double high = detail::kNaN;
  /// Confidence level of the interval.
  double level = 0.95;
  /// Weighted observed agreement p_o.
  double observed_agreement = detail::kNaN;
  /// Weighted chance agreement p_e.
  double expected_agreement = detail::kNaN;
  /// Number of complete pairs.
  std::int64_t n = 0;
  /// Why a value is NaN, or other caveats; empty when there are none.
  std::string note;

  friend bool operator==(const KappaResult&, const KappaResult&) = default;
};

/// Weighted kappa (Cohen 1968, "Weighted kappa: nominal scale agreement with provision for
/// scaled disagreement or partial credit"), agreement weights w with w_ii = 1, shares p_ij:
///   p_o = Σ w_ij p_ij,  p_e = Σ w_ij p_i. p_.j,  κ = (p_o − p_e) / (1 − p_e).
/// Variances (Fleiss, Cohen and Everitt 1969, "Large sample standard errors of kappa and weighted
/// kappa"), w̄_i. = Σ_j p_.j w_ij, w̄_.j = Σ_i p_i. w_ij:
///   Var κ  = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1−κ))² − (κ − p_e(1−κ))²] / n(1−p_e)²
///   Var₀ κ = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / n(1−p_e)²
/// (statsmodels' var_kappa and var_kappa0). With w = I these are Cohen's kappa and its
/// variances. Degenerate input gives NaN with a note: fewer than two pairs, or p_e = 1 (both
/// raters used one and the same category, so agreement cannot exceed chance).
inline absl::StatusOr<KappaResult> cohen_kappa(const CountMatrix& table,
                                               const Eigen::MatrixXd& weights,
                                               double level = 0.95) {
  if (absl::Status s = detail::check_table(table); !s.ok()) return s;
  if (absl::Status s = detail::check_agreement_weights(weights, table.rows()); !s.ok()) return s;
  if (absl::Status s = detail::check_level(level); !s.ok()) return s;

  KappaResult out;
  out.level = level;
  out.n = table.sum();
  if (out.n < 2) {
    out.note = absl::StrCat("fewer than two complete pairs (n = ", out.n, "): kappa is undefined");
    return out;
  }
  const double n = static_cast<double>(out.n);
  const Eigen::MatrixXd p = table.cast<double>() / n;
  const Eigen::VectorXd row = p.rowwise().sum();               // p_i.
  const Eigen::VectorXd col = p.colwise().sum().transpose();   // p_.j
  const Eigen::VectorXd wbar_row = weights * col;              // w̄_i.
  const Eigen::VectorXd wbar_col = weights.transpose() * row;  // w̄_.j
  const double po = (weights.array() * p.array()).sum();
  const double pe = row.dot(weights * col);
  out.observed_agreement = po;
  out.expected_agreement = pe;
  if (!(1.0 - pe > detail::kDegenerateTolerance)) {
    out.note =
        "chance agreement p_e = 1 (both raters used one and the same category): kappa is 0/0";
    return out;
  }
  const double kappa = (po - pe) / (1.0 - pe);
  out.statistic = kappa;

  const Eigen::Index k = table.rows();
  double sum_general = 0.0;
  double sum_null = 0.0;
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index i = 0; i < k; ++i) {
      const double wsum = wbar_row(i) + wbar_col(j);
      const double dg = weights(i, j) - wsum * (1.0 - kappa);
      const double d0 = weights(i, j) - wsum;
      sum_general += p(i, j) * dg * dg;
      sum_null += row(i) * col(j) * d0 * d0;
    }
  }
  const double denom = n * (1.0 - pe) * (1.0 - pe);
  const double centre = kappa - pe * (1.0 - kappa);
  // Both are sums of squares about their mean in exact arithmetic; rounding can leave -1e-17.
  const double var = std::max(0.0, (sum_general - centre * centre) / denom);
  const double var0 = std::max(0.0, (sum_null - pe * pe) / denom);
  out.se = std::sqrt(var);
  out.se_null = std::sqrt(var0);
  const double z = normal_critical(level);
  out.low = kappa - z * out.se;
  out.high = kappa + z * out.se;
  if (out.se_null > 0.0) {
    out.zstatistic = kappa / out.se_null;
    out.pvalue = normal_two_sided_p(out.zstatistic);
  } else {
    out.note = "standard error under the null is 0: no z-test";
  }
  if (out.se <= kZeroStandardError) {
    const std::string why = degenerate_table_reason(table);
    if (!out.note.empty()) out.note += "; ";
    absl::StrAppend(&out.note, "standard error is 0 (", why.empty() ? "no sampling variation" : why,
                    "): the interval has no width");
  }
  return out;
}

/// Cohen's (weighted) kappa of two code vectors, pairs with a missing rating left out.
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<KappaResult> cohen_kappa(
    std::span<const Int> a, std::span<const Int> b, std::int64_t k, const Eigen::MatrixXd& weights,
    double level = 0.95) {
  absl::StatusOr<CountMatrix> table = confusion_matrix(a, b, k);
  if (!table.ok()) return table.status();
  return cohen_kappa(*table, weights, level);
}

/// Fleiss' kappa for many raters, with its standard error under the null.
struct FleissKappaResult {
  /// κ; NaN when undefined (see note).
  double statistic = detail::kNaN;
  /// Standard error under H0: κ = 0 (Fleiss, Nee and Landis 1979).
  double se_null = detail::kNaN;
  /// z = κ / se_null.
  double zstatistic = detail::kNaN;
  /// Two-sided p-value of the z-test of κ = 0.
  double pvalue = detail::kNaN;
  /// Mean observed agreement P̄.
  double observed_agreement = detail::kNaN;
  /// Chance agreement P̄e = Σ p_j².
  double expected_agreement = detail::kNaN;
  /// Number of subjects N.
  std::int64_t n_subjects = 0;
  /// Number of ratings per subject m.
  std::int64_t n_raters = 0;
  /// Why a value is NaN, or empty.
  std::string note;

  friend bool operator==(const FleissKappaResult&, const FleissKappaResult&) = default;
};

/// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters"), counts
/// n_ij of the m ratings of subject i in category j (subjects x categories, as statsmodels):
///   p_j = Σ_i n_ij / Nm,  P_i = (Σ_j n_ij² − m) / m(m−1),  κ = (P̄ − Σ p_j²) / (1 − Σ p_j²).
/// Null variance (Fleiss, Nee and Landis 1979, "Large sample variance of kappa in the case of
/// different sets of raters"), q_j = 1 − p_j:
///   Var₀ κ = 2 / (N m (m−1)) · [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)] / (Σ p_j q_j)².
/// This is also the expression R's irr::kappam.fleiss uses for its z. Every subject needs the
/// same number m of ratings. NaN with a note for no subjects, m < 2, or one category only.
inline absl::StatusOr<FleissKappaResult> fleiss_kappa(const CountMatrix& counts) {
  FleissKappaResult out;
  const Eigen::Index subjects = counts.rows();
  const Eigen::Index k = counts.cols();
  if (k < 1) return absl::InvalidArgumentError("counts must have at least one category column");
  for (Eigen::Index i = 0; i < subjects; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (counts(i, j) < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("counts[", i, ", ", j, "] = ", counts(i, j), " is a negative count"));
      }
    }
  }
  out.n_subjects = subjects;
  if (subjects == 0) {
    out.note = "no subjects: kappa is undefined";
    return out;
  }
  const CountVector per_subject = counts.rowwise().sum();
  const std::int64_t m = per_subject(0);
  for (Eigen::Index i = 1; i < subjects; ++i) {
    if (per_subject(i) != m) {
      return absl::InvalidArgumentError(
          absl::StrCat("every subject needs the same number of ratings: row 0 has ", m, ", row ", i,
                       " has ", per_subject(i)));
    }
  }
  out.n_raters = m;
  if (m < 2) {
    out.note = absl::StrCat("each subject has ", m,
                            " rating(s): agreement needs at least two ratings per subject");
    return out;
  }
  const double N = static_cast<double>(subjects);
  const double md = static_cast<double>(m);
  const Eigen::MatrixXd x = counts.cast<double>();
  const Eigen::VectorXd pj = x.colwise().sum().transpose() / (N * md);
  const double pbar = ((x.array().square().rowwise().sum() - md) / (md * (md - 1.0))).mean();
  const double pe = pj.squaredNorm();
  out.observed_agreement = pbar;
  out.expected_agreement = pe;
  if (!(1.0 - pe > detail::kDegenerateTolerance)) {
    out.note = "all ratings are in one category (chance agreement 1): kappa is 0/0";
    return out;
  }
  out.statistic = (pbar - pe) / (1.0 - pe);
  const Eigen::ArrayXd p = pj.array();
  const Eigen::ArrayXd q = 1.0 - p;
  const double spq = (p * q).sum();
  const double var0 =
      2.0 / (N * md * (md - 1.0)) * (spq * spq - (p * q * (q - p)).sum()) / (spq * spq);
  out.se_null = std::sqrt(std::max(0.0, var0));
  if (out.se_null > 0.0) {
    out.zstatistic = out.statistic / out.se_null;
    out.pvalue = normal_two_sided_p(out.zstatistic);
  } else {
    out.note = "standard error under the null is 0: no z-test";
  }
  return out;
}

}  // namespace qaframe::stats
