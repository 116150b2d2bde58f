#pragma once
/// @file krippendorff.hpp
/// Krippendorff's alpha for any number of raters with missing ratings, at the nominal, ordinal,
/// interval and ratio levels, built from per-unit value counts so that the cost grows linearly
/// with the number of units.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// Level of measurement, which fixes Krippendorff's difference function δ².
enum class MeasurementLevel { kNominal, kOrdinal, kInterval, kRatio };

/// Parses "nominal", "ordinal", "interval" or "ratio".
inline absl::StatusOr<MeasurementLevel> parse_measurement_level(std::string_view name) {
  if (name == "nominal") return MeasurementLevel::kNominal;
  if (name == "ordinal") return MeasurementLevel::kOrdinal;
  if (name == "interval") return MeasurementLevel::kInterval;
  if (name == "ratio") return MeasurementLevel::kRatio;
  return absl::InvalidArgumentError(absl::StrCat(
      "level = \"", std::string(name), "\" is not known: use nominal, ordinal, interval or ratio"));
}

/// Krippendorff's alpha with the pieces it is made of.
struct KrippendorffResult {
  /// α = 1 − D_o / D_e; NaN when undefined (see note).
  double statistic = detail::kNaN;
  /// Observed disagreement D_o = Σ o_ck δ²_ck / n.
  double observed_disagreement = detail::kNaN;
  /// Expected disagreement D_e = Σ n_c n_k δ²_ck / n(n − 1).
  double expected_disagreement = detail::kNaN;
  /// Number of pairable values n (values in units with at least two values).
  std::int64_t n_pairable = 0;
  /// Number of units with at least two values.
  std::int64_t n_units = 0;
  /// The distinct values found, ascending: the rows and columns of the coincidence matrix.
  std::vector<double> values;
  /// Coincidence matrix o_ck over `values`.
  Eigen::MatrixXd coincidences;
  /// Why the statistic is NaN, or empty.
  std::string note;

  friend bool operator==(const KrippendorffResult& x, const KrippendorffResult& y) {
    auto same = [](double u, double v) { return u == v || (std::isnan(u) && std::isnan(v)); };
    return same(x.statistic, y.statistic) && x.n_pairable == y.n_pairable &&
           x.n_units == y.n_units && x.values == y.values &&
           x.coincidences.rows() == y.coincidences.rows() &&
           x.coincidences.cols() == y.coincidences.cols() && x.coincidences == y.coincidences &&
           x.note == y.note;
  }
};

namespace detail {

/// Sorted distinct values of a matrix, NaN skipped. Graded data have a handful of values, so a
/// small sorted vector with binary-search insertion beats sorting every value; past 64 distinct
/// values (continuous data) it falls back to one sort of all values.
template <class Derived>
std::vector<double> distinct_values(const Eigen::DenseBase<Derived>& data) {
  std::vector<double> vals;
  constexpr std::size_t kSmall = 64;
  for (Eigen::Index u = 0; u < data.cols(); ++u) {
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
      const double x = data(r, u);
      if (std::isnan(x)) continue;
      auto it = std::lower_bound(vals.begin(), vals.end(), x);
      if (it != vals.end() && *it == x) continue;
      if (vals.size() == kSmall) {
        vals.clear();
        vals.reserve(static_cast<std::size_t>(data.size()));
        for (Eigen::Index uu = 0; uu < data.cols(); ++uu) {
          for (Eigen::Index rr = 0; rr < data.rows(); ++rr) {
            if (!std::isnan(data(rr, uu))) vals.push_back(data(rr, uu));
          }
        }
        std::sort(vals.begin(), vals.end());
        vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
        return vals;
      }
      vals.insert(it, x);
    }
  }
  return vals;
}

}  // namespace detail

/// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's alpha-reliability";
/// Hayes and Krippendorff 2007). Data: raters x units, NaN for a missing value. In each unit u
/// with m_u ≥ 2 values, every ordered pair of values (c, k) from different raters adds
/// 1/(m_u − 1) to the coincidence o_ck; n_c = Σ_k o_ck, n = Σ_c n_c;
///   α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck,
/// δ²: nominal [c ≠ k]; interval (c − k)²; ratio ((c − k)/(c + k))²;
/// ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the distinct values g between c and k.
/// o is built from each unit's value counts n_uc: o_ck += n_uc (n_uk − [c = k]) / (m_u − 1),
/// so the cost is O(units · values²), never O(pairs²). Ordinal codes 0..k−1 of a scale give the
/// scale's order; a category nobody used has n_g = 0 and changes nothing, as in the definition.
/// NaN with a note when fewer than two values are pairable or all pairable values are equal.
template <class Derived>
absl::StatusOr<KrippendorffResult> krippendorff_alpha(const Eigen::DenseBase<Derived>& data,
                                                      MeasurementLevel level) {
  for (Eigen::Index u = 0; u < data.cols(); ++u) {
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
      const double x = data(r, u);
      if (std::isinf(x)) {
        return absl::InvalidArgumentError(
            absl::StrCat("data[", r, ", ", u, "] = ", x, " is infinite (use NaN for missing)"));
      }
      if (level == MeasurementLevel::kRatio && x < 0.0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "data[", r, ", ", u, "] = ", x, " is negative, which a ratio scale cannot have"));
      }
    }
  }
  KrippendorffResult out;
  out.values = detail::distinct_values(data);
  const std::size_t V = out.values.size();
  out.coincidences =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(V), static_cast<Eigen::Index>(V));
  Eigen::MatrixXd& o = out.coincidences;

  // Per-unit counts live in one buffer; only the entries a unit touched are reset.
  std::vector<std::int64_t> count(V, 0);
  std::vector<std::size_t> touched;
  touched.reserve(static_cast<std::size_t>(data.rows()));
  for (Eigen::Index u = 0; u < data.cols(); ++u) {
    touched.clear();
    std::int64_t m = 0;
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
      const double x = data(r, u);
      if (std::isnan(x)) continue;
      const auto idx = static_cast<std::size_t>(
          std::lower_bound(out.values.begin(), out.values.end(), x) - out.values.begin());
      if (count[idx]++ == 0) touched.push_back(idx);
      ++m;
    }
    if (m >= 2) {
      ++out.n_units;
      out.n_pairable += m;
      const double inv = 1.0 / static_cast<double>(m - 1);
      for (std::size_t c : touched) {
        for (std::size_t k : touched) {
          const double pairs =
              static_cast<double>(count[c]) * static_cast<double>(count[k] - (c == k ? 1 : 0));
          o(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(k)) += pairs * inv;
        }
      }
    }
    for (std::size_t c : touched) count[c] = 0;
  }

  if (out.n_pairable < 2) {
    out.note = "fewer than two pairable values (no unit has two or more ratings)";
    return out;
  }
  const Eigen::VectorXd nc = o.rowwise().sum();
  const double n = static_cast<double>(out.n_pairable);
  // Prefix sums of n_g make each ordinal δ² O(1).
  std::vector<double> cum(V + 1, 0.0);
  for (std::size_t g = 0; g < V; ++g) cum[g + 1] = cum[g] + nc(static_cast<Eigen::Index>(g));
  auto delta2 = [&](std::size_t c, std::size_t k) -> double {
    if (c == k) return 0.0;
    const double vc = out.values[c];
    const double vk = out.values[k];
    switch (level) {
      case MeasurementLevel::kNominal:
        return 1.0;
      case MeasurementLevel::kInterval:
        return (vc - vk) * (vc - vk);
      case MeasurementLevel::kRatio: {
        const double s = vc + vk;
        // Both values distinct and non-negative, so s > 0.
        return ((vc - vk) / s) * ((vc - vk) / s);
      }
      case MeasurementLevel::kOrdinal: {
        const std::size_t lo = std::min(c, k);
        const std::size_t hi = std::max(c, k);
        const double d =
            cum[hi + 1] - cum[lo] -
            (nc(static_cast<Eigen::Index>(c)) + nc(static_cast<Eigen::Index>(k))) / 2.0;
        return d * d;
      }
    }
    return detail::kNaN;
  };
  double observed = 0.0;
  double expected = 0.0;
  for (std::size_t c = 0; c < V; ++c) {
    for (std::size_t k = 0; k < V; ++k) {
      if (c == k) continue;
      const double d2 = delta2(c, k);
      observed += o(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(k)) * d2;
      expected += nc(static_cast<Eigen::Index>(c)) * nc(static_cast<Eigen::Index>(k)) * d2;
    }
  }
  out.observed_disagreement = observed / n;
  out.expected_disagreement = expected / (n * (n - 1.0));
  if (!(expected > 0.0)) {
    out.note = "all pairable values are equal: expected disagreement is 0 and alpha is 0/0";
    return out;
  }
  out.statistic = 1.0 - (n - 1.0) * observed / expected;
  return out;
}

}  // namespace qaframe::stats
