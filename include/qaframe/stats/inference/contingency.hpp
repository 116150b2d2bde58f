#pragma once
/// @file contingency.hpp
/// Tests on contingency tables: Pearson's chi-square test of independence with Cramér's V, and
/// the Cochran-Armitage test for a trend in proportions across ordered groups.

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

namespace qaframe::stats {

/// Pearson's chi-square test of independence on a two-way table.
struct ChiSquareResult {
  double statistic = detail::kNaN;  ///< X² (with Yates' correction when requested and df = 1)
  double pvalue = detail::kNaN;     ///< upper tail of χ²(df)
  double df = detail::kNaN;         ///< (r − 1)(c − 1) of the table without all-zero lines
  double effect = detail::kNaN;     ///< Cramér's V, always from the uncorrected X²
  std::string effect_name = "Cramér's V";  ///< what `effect` is
  Eigen::MatrixXd expected;  ///< expected counts row·col/N of the table without all-zero lines
  std::vector<Eigen::Index> dropped_rows;     ///< indices of all-zero rows left out
  std::vector<Eigen::Index> dropped_columns;  ///< indices of all-zero columns left out
  bool corrected = false;                     ///< whether Yates' continuity correction was applied
  std::string note;                           ///< why the statistic is NaN, when it is
  friend bool operator==(const ChiSquareResult&, const ChiSquareResult&) = default;
};

/// Chi-square test of independence of the rows and columns of a table of counts.
///
/// Pearson (1900); E_ij = R_i C_j / N, X² = Σ (O − E)²/E, df = (r − 1)(c − 1);
/// Cramér (1946), "Mathematical Methods of Statistics", §21.9: V = √(X² / N(min(r, c) − 1)).
/// Rows and columns that are all zero have no expected counts: they are dropped first (scipy
/// raises on them instead) and their indices reported. With `yates` and df = 1, each |O − E| is
/// reduced by ½ (but not past 0), as scipy's chi2_contingency(correction=True).
/// InvalidArgument for negative or non-finite counts; NaN with a note when fewer than two
/// non-empty rows or columns remain.
inline absl::StatusOr<ChiSquareResult> chi2_independence(
    const Eigen::Ref<const Eigen::MatrixXd>& table, bool yates = false) {
  for (Eigen::Index j = 0; j < table.cols(); ++j)
    for (Eigen::Index i = 0; i < table.rows(); ++i)
      if (!std::isfinite(table(i, j)) || table(i, j) < 0.0)
        return absl::InvalidArgumentError(
            absl::StrCat("table[", i, ", ", j, "] = ", table(i, j), " is not a finite count >= 0"));
  ChiSquareResult out;
  std::vector<Eigen::Index> rows, cols;
  const Eigen::VectorXd row_sums = table.rowwise().sum();
  const Eigen::RowVectorXd col_sums = table.colwise().sum();
  for (Eigen::Index i = 0; i < table.rows(); ++i)
    (row_sums[i] > 0.0 ? rows : out.dropped_rows).push_back(i);
  for (Eigen::Index j = 0; j < table.cols(); ++j)
    (col_sums[j] > 0.0 ? cols : out.dropped_columns).push_back(j);
  const auto r = static_cast<Eigen::Index>(rows.size());
  const auto c = static_cast<Eigen::Index>(cols.size());
  if (r < 2 || c < 2) {
    out.note = absl::StrCat("after dropping all-zero lines the table has ", r, " row(s) and ", c,
                            " column(s): independence needs at least two of each");
    return out;
  }
  const double total = row_sums.sum();
  out.expected.resize(r, c);
  out.df = static_cast<double>((r - 1) * (c - 1));
  out.corrected = yates && out.df == 1.0;
  double x2 = 0.0, x2_corrected = 0.0;
  for (Eigen::Index jj = 0; jj < c; ++jj) {
    for (Eigen::Index ii = 0; ii < r; ++ii) {
      const double e = row_sums[rows[ii]] * col_sums[cols[jj]] / total;
      out.expected(ii, jj) = e;
      const double d = table(rows[ii], cols[jj]) - e;
      x2 += d * d / e;
      const double dc = std::max(0.0, std::fabs(d) - 0.5);
      x2_corrected += dc * dc / e;
    }
  }
  out.statistic = out.corrected ? x2_corrected : x2;
  out.pvalue = chi2_sf(out.statistic, out.df);
  out.effect = std::sqrt(x2 / (total * static_cast<double>(std::min(r, c) - 1)));
  return out;
}

/// Which null variance the Cochran-Armitage statistic is divided by.
enum class TrendVariance {
  binomial,    ///< Armitage (1955): p̄(1 − p̄)[Σ nᵢsᵢ² − (Σ nᵢsᵢ)²/N]
  permutation  ///< the same × N/(N − 1): conditional on both margins (statsmodels, exact tests)
};

/// Parses "binomial" or "permutation"; anything else is InvalidArgument.
inline absl::StatusOr<TrendVariance> parse_trend_variance(const std::string& name) {
  if (name == "binomial") return TrendVariance::binomial;
  if (name == "permutation") return TrendVariance::permutation;
  return absl::InvalidArgumentError(
      absl::StrCat("variance must be 'binomial' or 'permutation', got '", name, "'"));
}

/// The Cochran-Armitage test for a linear trend in proportions.
struct TrendResult {
  double statistic = detail::kNaN;  ///< z = T/√Var T; positive when the share rises with score
  double pvalue = detail::kNaN;     ///< under the chosen alternative
  double effect = detail::kNaN;  ///< least-squares slope of the share on the score, T/Σnᵢ(sᵢ − s̄)²
  std::string effect_name = "slope of proportion per unit score";  ///< what `effect` is
  TrendVariance variance = TrendVariance::binomial;                ///< the variance used
  std::string note;  ///< why the statistic is NaN, when it is
  friend bool operator==(const TrendResult&, const TrendResult&) = default;
};

/// Cochran-Armitage trend test: successes rᵢ of nᵢ in ordered groups with scores sᵢ
/// (default 0, 1, 2, ...).
///
/// Armitage (1955), "Tests for linear trends in proportions and frequencies"; Cochran (1954),
/// "Some methods for strengthening the common χ² tests": p̄ = Σr/N, T = Σ sᵢ(rᵢ − nᵢp̄),
/// Var T = p̄(1 − p̄)[Σ nᵢsᵢ² − (Σ nᵢsᵢ)²/N] (× N/(N − 1) for the permutation form), z = T/√Var.
/// InvalidArgument for mismatched lengths, negative or non-finite counts, successes > totals or
/// non-finite scores; NaN with a note when there is no variance (no observations, all successes
/// or all failures, or one score among the non-empty groups).
inline absl::StatusOr<TrendResult> cochran_armitage(
    std::span<const double> successes, std::span<const double> totals,
    std::span<const double> scores = {}, TrendVariance variance = TrendVariance::binomial,
    Alternative alternative = Alternative::two_sided) {
  const std::size_t k = successes.size();
  if (totals.size() != k)
    return absl::InvalidArgumentError(absl::StrCat(
        "successes and totals must have equal lengths, got ", k, " and ", totals.size()));
  if (!scores.empty() && scores.size() != k)
    return absl::InvalidArgumentError(
        absl::StrCat("scores must have one value per group (", k, "), got ", scores.size()));
  for (std::size_t i = 0; i < k; ++i) {
    if (!std::isfinite(totals[i]) || totals[i] < 0.0)
      return absl::InvalidArgumentError(
          absl::StrCat("totals[", i, "] = ", totals[i], " is not a finite count >= 0"));
    if (!std::isfinite(successes[i]) || successes[i] < 0.0)
      return absl::InvalidArgumentError(
          absl::StrCat("successes[", i, "] = ", successes[i], " is not a finite count >= 0"));
    if (successes[i] > totals[i])
      return absl::InvalidArgumentError(absl::StrCat("successes[", i, "] = ", successes[i],
                                                     " exceeds totals[", i, "] = ", totals[i]));
    if (!scores.empty() && !std::isfinite(scores[i]))
      return absl::InvalidArgumentError(
          absl::StrCat("scores[", i, "] = ", scores[i], " is not finite"));
  }
  TrendResult out;
  out.variance = variance;
  double big_n = 0.0, r_sum = 0.0, ns = 0.0, rs = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double s = scores.empty() ? static_cast<double>(i) : scores[i];
    big_n += totals[i];
    r_sum += successes[i];
    ns += totals[i] * s;
    rs += successes[i] * s;
  }
  if (big_n == 0.0) {
    out.note = "no observations";
    return out;
  }
  const double pbar = r_sum / big_n;
  const double s_mean = ns / big_n;
  // Centring the scores first keeps Σnᵢ(sᵢ − s̄)² accurate when the scores are large.
  double sxx = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double d = (scores.empty() ? static_cast<double>(i) : scores[i]) - s_mean;
    sxx += totals[i] * d * d;
  }
  const double t = rs - pbar * ns;
  double var = pbar * (1.0 - pbar) * sxx;
  if (variance == TrendVariance::permutation && big_n > 1.0) var *= big_n / (big_n - 1.0);
  if (sxx > 0.0) out.effect = t / sxx;
  if (!(var > 0.0)) {
    out.note = sxx > 0.0 ? absl::StrCat("the overall proportion is ", pbar,
                                        ": all successes or all failures, so no variance")
                         : std::string("all observations share one score, so no trend can be seen");
    return out;
  }
  out.statistic = t / std::sqrt(var);
  out.pvalue = normal_pvalue(out.statistic, alternative);
  return out;
}

/// Cochran-Armitage trend test on a k × 2 table: one row per ordered group, column 0 the
/// successes and column 1 the failures. InvalidArgument unless the table has two columns.
inline absl::StatusOr<TrendResult> cochran_armitage(
    const Eigen::Ref<const Eigen::MatrixXd>& table, std::span<const double> scores = {},
    TrendVariance variance = TrendVariance::binomial,
    Alternative alternative = Alternative::two_sided) {
  if (table.cols() != 2)
    return absl::InvalidArgumentError(absl::StrCat(
        "table must have two columns (successes, failures), one row per ordered group; got ",
        table.rows(), " x ", table.cols()));
  const Eigen::VectorXd succ = table.col(0);
  for (Eigen::Index i = 0; i < table.rows(); ++i)
    if (!std::isfinite(table(i, 1)) || table(i, 1) < 0.0)
      return absl::InvalidArgumentError(
          absl::StrCat("table[", i, ", 1] = ", table(i, 1), " is not a finite count >= 0"));
  const Eigen::VectorXd tot = table.rowwise().sum();
  return cochran_armitage(
      std::span<const double>(succ.data(), static_cast<std::size_t>(succ.size())),
      std::span<const double>(tot.data(), static_cast<std::size_t>(tot.size())), scores, variance,
      alternative);
}

}  // namespace qaframe::stats
