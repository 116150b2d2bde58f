#pragma once
/// @file benchmarking.hpp
/// Benchmarking the council's indicators against its statistical neighbours, region and England
/// as the Department for Education's LAIT does: per indicator, the council's rank among its
/// neighbours (ties take the lowest rank), its quartile band A (best) to D by polarity, its
/// change from the previous period, and the neighbours' mean, which the triangulation can use
/// as an indicator's benchmark (TriangulationOptions::indicator_benchmark).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/readers/neighbours.hpp"
#include "qaframe/readers/performance.hpp"

namespace qaframe {

/// Settings of a benchmarking.
struct BenchmarkOptions {
  /// The period benchmarked (as written in the file); default: each indicator's latest.
  std::optional<std::string> period;
};

/// One indicator benchmarked (stats::benchmark_rank on the council and its neighbours).
struct BenchmarkRow {
  std::string indicator;                          ///< identifier
  std::string description;                        ///< from the definitions, else the identifier
  Polarity polarity = Polarity::kHigherIsBetter;  ///< which direction is better
  std::string period;                             ///< the period benchmarked
  std::string previous_period;  ///< the period before it in the file (empty when none)
  double value;                 ///< the council's value (NaN when missing)
  double previous;              ///< the council's value in the previous period (NaN if none)
  double change;                ///< value − previous (NaN when either is missing)
  std::string direction;        ///< "improved", "worsened", "no change" or empty
  double rank;                  ///< 1 = best among the council and its neighbours; NaN if missing
  std::size_t ranked = 0;       ///< how many values were ranked (council + neighbours with one)
  std::string band;             ///< quartile band "A" (best) to "D"; empty when missing
  double q1, median, q3;        ///< the band's cut points (values of the comparison group)
  double neighbours_mean;       ///< mean of the neighbours' values (NaN when none)
  std::size_t neighbours_used = 0;     ///< neighbours with a value
  std::size_t neighbours_missing = 0;  ///< neighbours without one (suppressed or absent)
  double region;                       ///< the region's value (NaN when not given)
  double england;                      ///< England's value (NaN when not given)
  bool percent = false;                ///< the values were written as percentages (shown as such)
  std::string note;                    ///< what was left out and why a value is missing
};

/// The benchmarking of one council.
struct Benchmarking {
  std::string source;                   ///< the neighbours file
  std::string council;                  ///< the council
  std::vector<std::string> neighbours;  ///< its neighbours, in file order
  std::vector<BenchmarkRow> rows;       ///< one per indicator, in file order
  /// How the figures were made, in one sentence each (ranking, banding, mean).
  std::vector<std::string> method;
  /// The row of an indicator, or nullptr.
  const BenchmarkRow* find(std::string_view indicator) const;
};

/// Benchmarks each indicator of `table` in its latest period (or options.period): the rank of
/// the council among itself and its neighbours with values (1 + the number strictly better, so
/// tied values share the lowest rank, R's ties.method = "min" as LAIT), the quartile band of
/// its value among the same values (R's quantile type 7; lower is better: A at or below Q1,
/// B to the median, C to Q3, D above; reversed when higher is better, so a value on a cut
/// point goes to the band of lower values, LAIT's rule), the change from the council's value in
/// the previous period of the file, and the neighbours' mean (the council not in it).
/// Polarity comes from the file's polarity column, else from `definitions` (may be null).
/// InvalidArgument naming the indicators without a polarity, or when options.period is given
/// but no indicator has it.
absl::StatusOr<Benchmarking> benchmark_neighbours(const NeighbourTable& table,
                                                  const Performance* definitions = nullptr,
                                                  const BenchmarkOptions& options = {});

}  // namespace qaframe
