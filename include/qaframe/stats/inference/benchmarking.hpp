#pragma once
/// @file benchmarking.hpp
/// Benchmarking one unit's indicator value against comparators, the way England's Local
/// Authority Interactive Tool (LAIT) does for a council and its statistical neighbours: the rank
/// by polarity, the quartile band A–D, the change from the previous period and the comparators'
/// mean. Domain-free: a unit, its comparators and a direction in which the indicator is better.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/quantile.hpp"

namespace qaframe::stats {

/// Which direction of an indicator is better (its polarity).
enum class Better { higher, lower };

/// The word for a polarity: "higher" or "lower".
inline std::string_view to_string(Better better) {
  return better == Better::lower ? "lower" : "higher";
}

/// Parses "higher" (also "high") or "lower" (also "low"); anything else is InvalidArgument.
inline absl::StatusOr<Better> parse_better(std::string_view name) {
  if (name == "higher" || name == "high") return Better::higher;
  if (name == "lower" || name == "low") return Better::lower;
  return absl::InvalidArgumentError(
      absl::StrCat("polarity must be 'higher' or 'lower', got '", std::string(name), "'"));
}

/// A unit's value benchmarked against its comparators.
struct BenchmarkResult {
  double value = detail::kNaN;  ///< the unit's value (NaN when missing)
  double rank = detail::kNaN;   ///< 1 = best by polarity among the unit and its comparators
  std::size_t ranked = 0;       ///< how many values were ranked (the unit and its comparators)
  std::string band;          ///< quartile band "A" (best) to "D"; empty when the value is missing
  double q1 = detail::kNaN;  ///< 25% point of the banding values
  double median = detail::kNaN;    ///< 50% point of the banding values
  double q3 = detail::kNaN;        ///< 75% point of the banding values
  std::size_t banded = 0;          ///< how many values the quartiles came from
  double previous = detail::kNaN;  ///< the unit's value in the previous period
  double change = detail::kNaN;    ///< value − previous (NaN when either is missing)
  std::string direction;  ///< "improved", "worsened" or "no change" by polarity; empty if unknown
  double comparators_mean = detail::kNaN;  ///< mean of the comparators' values (not the unit's)
  std::size_t comparators_used = 0;        ///< comparators with a value
  std::size_t comparators_missing = 0;     ///< comparators without one (suppressed, e.g. x or c)
  std::size_t population_missing = 0;      ///< banding values missing and left out
  Better better = Better::higher;          ///< the polarity used
  std::string note;                        ///< what was left out and why a value is missing
  friend bool operator==(const BenchmarkResult&, const BenchmarkResult&) = default;
};

namespace detail {
inline absl::Status check_no_infinity(std::span<const double> values, const std::string& name) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isinf(values[i]))
      return absl::InvalidArgumentError(
          absl::StrCat(name, "[", i, "] = ", values[i], " is not a finite value or missing"));
  return absl::OkStatus();
}

}  // namespace detail

/// Benchmarks `value` (the unit's indicator) against `comparators` (e.g. a council's ten
/// statistical neighbours) by `better`, its polarity. NaN marks a missing value (suppressed
/// "x", "c" ...): missing comparators are left out and counted.
///
/// As the Department for Education's LAIT (dfe-analytical-services/local-authority-interactive-
/// tool, R/fn_analysis.R: calculate_rank, calculate_quartile_band; the bands from R's
/// quantile(), type 7):
/// - rank: 1 + the number of values strictly better by polarity, among the unit and its
///   comparators with values, so tied values share the lowest rank (R's ties.method = "min");
/// - band: from the 25%, 50% and 75% points q₁, q₂, q₃ of the banding values (linear
///   interpolation between order statistics: h = (N − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)).
///   Lower is better: A when v ≤ q₁, B when v ≤ q₂, C when v ≤ q₃, else D. Higher is better: D
///   when v ≤ q₁, C when v ≤ q₂, B when v ≤ q₃, else A. A value on a cut point thus goes to the
///   band of lower values under both polarities (LAIT's rule, kept for comparability). LAIT
///   bands a council among all English authorities: give them as `population`; by default the
///   banding values are the unit's and its comparators' (a band within the comparison group).
///   These are value quartiles, not four equal groups of ranks: tied values share a band.
/// - change: value − previous; "improved" when it moves in the better direction.
/// - comparators' mean: the mean of the comparators with values (LAIT's "statistical neighbours"
///   average; the unit itself is not in it).
/// InvalidArgument for an infinite value anywhere. A missing unit value gives NaN rank, no band
/// and a note; no comparator with a value gives a NaN mean.
inline absl::StatusOr<BenchmarkResult> benchmark_rank(double value,
                                                      std::span<const double> comparators,
                                                      Better better, double previous = detail::kNaN,
                                                      std::span<const double> population = {}) {
  for (const auto& [v, name] : {std::pair{value, "value"}, std::pair{previous, "previous"}})
    if (std::isinf(v))
      return absl::InvalidArgumentError(
          absl::StrCat(name, " = ", v, " is not a finite value or missing"));
  if (auto s = detail::check_no_infinity(comparators, "comparators"); !s.ok()) return s;
  if (auto s = detail::check_no_infinity(population, "population"); !s.ok()) return s;
  BenchmarkResult out;
  out.better = better;
  out.value = value;
  out.previous = previous;
  const auto is_better = [&](double a, double b) {
    return better == Better::higher ? a > b : a < b;
  };
  std::vector<double> group;
  double sum = 0.0;
  for (const double v : comparators) {
    if (std::isnan(v)) {
      ++out.comparators_missing;
      continue;
    }
    ++out.comparators_used;
    sum += v;
    group.push_back(v);
  }
  if (out.comparators_used > 0)
    out.comparators_mean = sum / static_cast<double>(out.comparators_used);
  std::vector<std::string> notes;
  if (out.comparators_missing > 0)
    notes.push_back(absl::StrCat(out.comparators_missing, " of ", comparators.size(),
                                 " comparator(s) have no value and are left out"));
  if (!std::isnan(value)) group.push_back(value);
  std::vector<double> banding;
  if (population.empty()) {
    banding = group;
  } else {
    for (const double v : population) {
      if (std::isnan(v))
        ++out.population_missing;
      else
        banding.push_back(v);
    }
    if (out.population_missing > 0)
      notes.push_back(absl::StrCat(out.population_missing, " of ", population.size(),
                                   " banding value(s) missing and left out"));
  }
  std::sort(banding.begin(), banding.end());
  out.banded = banding.size();
  if (!banding.empty()) {
    out.q1 = quantile_sorted(banding, 0.25);
    out.median = quantile_sorted(banding, 0.5);
    out.q3 = quantile_sorted(banding, 0.75);
  }
  if (std::isnan(value)) {
    notes.insert(notes.begin(), "the unit has no value: no rank, band or change");
  } else {
    out.ranked = group.size();
    out.rank = 1.0 + static_cast<double>(std::count_if(group.begin(), group.end(), [&](double v) {
                 return is_better(v, value);
               }));
    if (!banding.empty()) {
      const int from_low = value <= out.q1 ? 0 : value <= out.median ? 1 : value <= out.q3 ? 2 : 3;
      const int band = better == Better::lower ? from_low : 3 - from_low;
      out.band.assign(1, static_cast<char>('A' + band));
    }
    if (!std::isnan(previous)) {
      out.change = value - previous;
      out.direction = out.change == 0.0            ? "no change"
                      : is_better(value, previous) ? "improved"
                                                   : "worsened";
    }
  }
  for (std::size_t i = 0; i < notes.size(); ++i)
    absl::StrAppend(&out.note, i ? "; " : "", notes[i]);
  return out;
}

}  // namespace qaframe::stats
