#pragma once
/// @file neighbours.hpp
/// Statistical neighbours: published indicator values for the council, its statistical
/// neighbours (the ten most similar authorities, as in the Department for Education's LAIT),
/// its region and England, by period, for benchmarking the council's indicators.
///
/// Columns (a header row; names matched without regard to case, spaces or hyphens):
///
/// | column      | required | what                                                           |
/// |-------------|----------|----------------------------------------------------------------|
/// | `indicator` | yes      | indicator identifier (as in indicators.csv where it is there)  |
/// | `period`    | yes      | `YYYY-MM`, `YYYY-YY` (financial year), `YYYY`, or a date       |
/// | `area`      | yes      | the authority's name (or `England`, the region's name)         |
/// | `role`      | yes      | `council`, `neighbour`, `region` or `england`                  |
/// | `value`     | yes      | a number; `83.5%` is read as 0.835; empty, `x`, `c`, `z`, `:`, |
/// |             |          | `..`, `NA` or `low` mean suppressed or missing                 |
/// | `polarity`  | no       | `higher_is_better` / `lower_is_better`; else from indicators   |
///
/// Validation collects every problem with file, line, column, value and reason: an empty
/// required field, an unknown role, a value that is not a number, a period that is not one, a
/// bad polarity, a repeated (indicator, period, area), more than one council, region or England
/// row for an indicator and period, two different councils in one file, the council also named
/// as a neighbour, and an indicator given two polarities. Never a partial result.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe {

/// The part an area plays in a benchmarking table.
enum class AreaRole : std::uint8_t { kCouncil, kNeighbour, kRegion, kEngland };

/// "council", "neighbour", "region" or "england".
std::string_view area_role_name(AreaRole role);

/// One published value.
struct NeighbourValue {
  std::string indicator;                 ///< indicator identifier
  std::string period;                    ///< as written
  DayNumber period_start = 0;            ///< first day of the period, for ordering
  std::string area;                      ///< the authority, region or England
  AreaRole role = AreaRole::kNeighbour;  ///< the area's part
  double value = 0;                      ///< the value (NaN when suppressed or missing)
  bool percent = false;                  ///< written with %, so divided by 100
  std::string raw;                       ///< the value as written (for messages and tables)
  std::int64_t line = 0;                 ///< line in the file
  friend bool operator==(const NeighbourValue&, const NeighbourValue&) = default;
};

/// A validated statistical-neighbours file.
struct NeighbourTable {
  std::string source;                   ///< where it was read from
  std::string council;                  ///< the council's name (one per file)
  std::vector<std::string> neighbours;  ///< neighbours in order of first appearance
  std::vector<std::string> indicators;  ///< indicators in order of first appearance
  std::vector<NeighbourValue> values;   ///< in file order
  /// Polarity per indicator where the file gives one: "higher_is_better", "lower_is_better" or
  /// empty (then the indicator definitions decide); parallel to `indicators`.
  std::vector<std::string> polarity;
};

/// Parses a statistical-neighbours table from CSV text (see the file comment for the columns
/// and the checks). Every problem is collected into `diag` (if given) and the status.
absl::StatusOr<NeighbourTable> parse_neighbours_csv(std::string_view text,
                                                    const std::string& source,
                                                    Diagnostics* diag = nullptr,
                                                    const CsvOptions& csv = {});
/// Reads a statistical-neighbours file (see parse_neighbours_csv).
absl::StatusOr<NeighbourTable> read_neighbours_csv(const std::string& path,
                                                   Diagnostics* diag = nullptr,
                                                   const CsvOptions& csv = {});

}  // namespace qaframe
