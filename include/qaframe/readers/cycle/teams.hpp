#pragma once
/// @file teams.hpp
/// The teams of the service and what each is expected to audit: one row per team and programme
/// (team, programme, expected_per_month; optionally from and to, the first and last month the
/// row applies to), so that every team appears in a report, including teams with no audits.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

/// Column names of a teams file.
struct TeamColumns {
  static constexpr std::string_view kTeam = "team";                            ///< team name
  static constexpr std::string_view kProgramme = "programme";                  ///< e.g. Core
  static constexpr std::string_view kExpectedPerMonth = "expected_per_month";  ///< audits due
  static constexpr std::string_view kFrom = "from";  ///< optional: first month (YYYY-MM)
  static constexpr std::string_view kTo = "to";      ///< optional: last month (YYYY-MM)
};

/// One team's expectation for one programme over a run of months.
struct TeamProgramme {
  std::string team;                     ///< team name, as in the audits
  std::string programme;                ///< programme, as in the audits ("Core")
  std::int64_t expected_per_month = 0;  ///< audits expected each month
  std::optional<Period> from;           ///< first month it applies to (open when absent)
  std::optional<Period> to;             ///< last month it applies to (open when absent)
  std::int64_t line = 0;                ///< file line (0 for a DataFrame row)
  /// True when the row applies to the month starting on `month_first_day`.
  bool applies_to(DayNumber month_first_day) const {
    return (!from || from->first <= month_first_day) && (!to || month_first_day <= to->first);
  }
  friend bool operator==(const TeamProgramme&, const TeamProgramme&) = default;
};

/// The validated teams file.
struct Teams {
  std::string source;               ///< file path, or "DataFrame"
  std::vector<TeamProgramme> rows;  ///< in file order
  /// The distinct team names, in file order.
  std::vector<std::string> names() const;
  /// The team's expected audits of `programme` in the month starting on `month_first_day`
  /// (0 when no row applies).
  std::int64_t expected(std::string_view team, std::string_view programme,
                        DayNumber month_first_day) const;
  /// True when some row of the team applies to the month (any programme).
  bool active(std::string_view team, DayNumber month_first_day) const;
  friend bool operator==(const Teams&, const Teams&) = default;
};

/// A calendar month written "2017-10", "Oct 2017" or "October 2017"; InvalidArgument otherwise
/// (a financial year or quarter is not a month).
absl::StatusOr<Period> parse_month(std::string_view text);

/// Parses a teams file. Problems, all collected with file, line, column, value and reason: an
/// empty team or programme, an expected_per_month that is not a whole number of at least 0, a
/// from or to that is not a month, a to before its from, and two rows of one team and programme
/// whose months overlap. Never a partial result.
absl::StatusOr<Teams> parse_teams_csv(std::string_view text, const std::string& source,
                                      Diagnostics* diag = nullptr, const CsvOptions& csv = {});
/// Reads a teams file (see parse_teams_csv).
absl::StatusOr<Teams> read_teams_csv(const std::string& path, Diagnostics* diag = nullptr,
                                     const CsvOptions& csv = {});
/// Validates teams given as named text columns (a DataFrame's) by the same rules.
absl::StatusOr<Teams> teams_from_columns(const std::vector<std::string>& names,
                                         const std::vector<std::vector<std::string>>& columns,
                                         const std::string& source = "DataFrame",
                                         Diagnostics* diag = nullptr);

}  // namespace qaframe
