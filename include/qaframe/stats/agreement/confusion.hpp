#pragma once
/// @file confusion.hpp
/// The confusion matrix of two raters on one ordered scale, and the plain agreement shares
/// computed from it (percent agreement, agreement within one level).
///
/// Input convention for every agreement statistic: ratings are integer codes 0..k-1 in the
/// scale's order (worst to best) and -1 means "no rating" (missing or not applicable). k is the
/// number of categories of the scale, so categories nobody used still count. A pair in which
/// either rating is missing is left out (pairwise deletion).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace qaframe::stats {

/// Table of counts of rating pairs: rows rater A, columns rater B, both in scale order.
using CountMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;

/// Vector of counts per category, in scale order.
using CountVector = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;

/// The code that marks a missing or not-applicable rating.
inline constexpr int kMissingCode = -1;

/// A share of rating pairs (percent agreement, agreement within one level).
struct AgreementShare {
  /// The share in [0, 1]; NaN when there are no complete pairs.
  double statistic = std::numeric_limits<double>::quiet_NaN();
  /// Number of pairs in which both ratings are present.
  std::int64_t n = 0;
  /// Why the statistic is NaN, or empty.
  std::string note;

  friend bool operator==(const AgreementShare&, const AgreementShare&) = default;
};

namespace detail {

/// Most categories a scale may have here: a k x k table must stay small (grading scales have a
/// handful; a code such as 10^6 is a data error, not a scale).
inline constexpr std::int64_t kMaxCategories = 4096;

/// Checks the number of categories of a scale.
inline absl::Status check_categories(std::int64_t k) {
  if (k < 1 || k > kMaxCategories) {
    return absl::InvalidArgumentError(absl::StrCat(
        "k (the number of categories) must be between 1 and ", kMaxCategories, ", got ", k));
  }
  return absl::OkStatus();
}

/// Message for a rating code outside -1..k-1, naming the argument, the position and the value.
inline absl::Status bad_code(std::string_view name, std::size_t index, std::int64_t value,
                             std::int64_t k) {
  return absl::InvalidArgumentError(absl::StrCat(
      std::string(name), "[", index, "] = ", value, " is not a rating code: codes are 0..", k - 1,
      " (k = ", k, " categories, in scale order) or -1 for a missing rating"));
}

/// Checks that a table of pair counts is square with k rows and has no negative counts.
inline absl::Status check_table(const CountMatrix& table, std::string_view name = "table") {
  if (table.rows() != table.cols()) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(name), " must be square (k x k), got ", table.rows(), " x ", table.cols()));
  }
  if (table.rows() < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(name), " must have at least one category"));
  }
  for (Eigen::Index j = 0; j < table.cols(); ++j) {
    for (Eigen::Index i = 0; i < table.rows(); ++i) {
      if (table(i, j) < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            std::string(name), "[", i, ", ", j, "] = ", table(i, j), " is a negative count"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace detail

/// Confusion matrix of two raters in scale order: cell (i, j) counts the pairs in which rater A
/// gave category i and rater B category j. Pairs with a missing rating (-1) are left out.
/// Cost: one pass over the pairs; the k x k table is all that later statistics need.
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<CountMatrix> confusion_matrix(
    std::span<const Int> a, std::span<const Int> b, std::int64_t k) {
  if (absl::Status s = detail::check_categories(k); !s.ok()) return s;
  if (a.size() != b.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a and b must have the same length (one entry per audited case), got ",
                     a.size(), " and ", b.size()));
  }
  // A flat buffer keeps the hot loop free of Eigen's index arithmetic; column-major like Eigen.
  std::vector<std::int64_t> cells(static_cast<std::size_t>(k * k), 0);
  const std::size_t n = a.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto ai = static_cast<std::int64_t>(a[i]);
    const auto bi = static_cast<std::int64_t>(b[i]);
    // One unsigned comparison tests 0 <= x < k; missing and invalid codes take the slow path.
    if (static_cast<std::uint64_t>(ai) < static_cast<std::uint64_t>(k) &&
        static_cast<std::uint64_t>(bi) < static_cast<std::uint64_t>(k)) {
      ++cells[static_cast<std::size_t>(ai + bi * k)];
      continue;
    }
    if (ai < kMissingCode || ai >= k) return detail::bad_code("a", i, ai, k);
    if (bi < kMissingCode || bi >= k) return detail::bad_code("b", i, bi, k);
  }
  CountMatrix table(k, k);
  for (std::int64_t j = 0; j < k; ++j) {
    for (std::int64_t i = 0; i < k; ++i) table(i, j) = cells[static_cast<std::size_t>(i + j * k)];
  }
  return table;
}

/// Counts per category of one rater's codes in scale order; missing ratings (-1) are left out.
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<CountVector> category_counts(
    std::span<const Int> codes, std::int64_t k, std::string_view name = "codes") {
  if (absl::Status s = detail::check_categories(k); !s.ok()) return s;
  CountVector counts = CountVector::Zero(k);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto c = static_cast<std::int64_t>(codes[i]);
    if (static_cast<std::uint64_t>(c) < static_cast<std::uint64_t>(k)) {
      ++counts(c);
    } else if (c != kMissingCode) {
      return detail::bad_code(name, i, c, k);
    }
  }
  return counts;
}

namespace detail {

/// Share of the pairs whose categories differ by at most `max_distance` levels.
inline AgreementShare share_within(const CountMatrix& table, std::int64_t max_distance) {
  AgreementShare out;
  std::int64_t hits = 0;
  for (Eigen::Index j = 0; j < table.cols(); ++j) {
    for (Eigen::Index i = 0; i < table.rows(); ++i) {
      out.n += table(i, j);
      if (i - j <= max_distance && j - i <= max_distance) hits += table(i, j);
    }
  }
  if (out.n == 0) {
    out.note = "no pair in which both raters gave a rating";
    return out;
  }
  out.statistic = static_cast<double>(hits) / static_cast<double>(out.n);
  return out;
}

}  // namespace detail

/// Percent agreement p_o = Σ_i n_ii / n: the share of pairs given the same category.
/// Reference: Cohen (1960), "A coefficient of agreement for nominal scales", p_o.
inline absl::StatusOr<AgreementShare> percent_agreement(const CountMatrix& table) {
  if (absl::Status s = detail::check_table(table); !s.ok()) return s;
  return detail::share_within(table, 0);
}

/// Agreement within one level: Σ_{|i-j| <= 1} n_ij / n, the share of pairs whose categories are
/// the same or adjacent on the scale (meaningful only because the order is the scale's).
inline absl::StatusOr<AgreementShare> within_one_agreement(const CountMatrix& table) {
  if (absl::Status s = detail::check_table(table); !s.ok()) return s;
  return detail::share_within(table, 1);
}

/// Percent agreement of two code vectors (pairs with a missing rating left out).
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<AgreementShare> percent_agreement(
    std::span<const Int> a, std::span<const Int> b, std::int64_t k) {
  absl::StatusOr<CountMatrix> table = confusion_matrix(a, b, k);
  if (!table.ok()) return table.status();
  return detail::share_within(*table, 0);
}

/// Agreement within one level of two code vectors (pairs with a missing rating left out).
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<AgreementShare> within_one_agreement(
    std::span<const Int> a, std::span<const Int> b, std::int64_t k) {
  absl::StatusOr<CountMatrix> table = confusion_matrix(a, b, k);
  if (!table.ok()) return table.status();
  return detail::share_within(*table, 1);
}

/// Below this a standard error is treated as zero: no interval is given (see
/// degenerate_table_reason).
inline constexpr double kZeroStandardError = 1e-7;

/// Why an agreement coefficient of this table of pair counts (rows one rater, columns the
/// other) has no sampling variation, in words: "all 4 pairs agree", "all 2 pairs disagree",
/// "no variation in <row_rater> grades (all category 2)" and the same for <col_rater> (the
/// raters as possessives: "the first rater's", "the auditors'"), joined by "; "; empty when
/// none of these holds. Categories are named by their
/// 0-based index unless `labels` gives them names.
inline std::string degenerate_table_reason(const CountMatrix& table,
                                           std::string_view row_rater = "the first rater's",
                                           std::string_view col_rater = "the second rater's",
                                           std::span<const std::string> labels = {}) {
  const std::int64_t n = table.sum();
  if (n == 0) return "no pairs";
  const auto name = [&](Eigen::Index k) {
    return static_cast<std::size_t>(k) < labels.size() ? labels[static_cast<std::size_t>(k)]
                                                       : absl::StrCat("category ", k);
  };
  std::string out;
  const auto add = [&](const std::string& text) {
    absl::StrAppend(&out, out.empty() ? "" : "; ", text);
  };
  const std::int64_t diagonal = table.diagonal().sum();
  if (diagonal == n) add(absl::StrCat("all ", n, " pairs agree"));
  if (diagonal == 0) add(absl::StrCat("all ", n, " pairs disagree"));
  const CountVector rows = table.rowwise().sum(), cols = table.colwise().sum().transpose();
  for (const auto& [margin, who] : {std::pair{&rows, row_rater}, std::pair{&cols, col_rater}}) {
    Eigen::Index used = -1, count = 0;
    for (Eigen::Index k = 0; k < margin->size(); ++k)
      if ((*margin)(k) > 0) {
        used = k;
        ++count;
      }
    if (count == 1)
      add(absl::StrCat("no variation in ", std::string(who), " grades (all ", name(used), ")"));
  }
  return out;
}

}  // namespace qaframe::stats
