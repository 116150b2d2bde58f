#pragma once
/// @file performance.hpp
/// Performance evidence: indicator values (numerator / denominator by team and period) and their
/// definitions (polarity, target, benchmark against statistical neighbours or England, theme).

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

/// Which direction of an indicator is good.
enum class Polarity : std::uint8_t { kHigherIsBetter, kLowerIsBetter };

/// "higher_is_better" or "lower_is_better".
std::string_view polarity_name(Polarity polarity);

/// The definition of one indicator of the core dataset.
struct IndicatorDefinition {
  std::string indicator;    ///< identifier, as in the values file
  std::string description;  ///< what it measures, for sentences ("visits within timescale")
  Polarity polarity = Polarity::kHigherIsBetter;  ///< which direction is good
  std::optional<double> target;                   ///< the council's own target (a share)
  std::optional<double> benchmark;                ///< statistical neighbours or England (a share)
  std::string benchmark_source;  ///< what the benchmark is ("statistical neighbours", "England")
  std::string theme;             ///< theme of practice (may be empty; see the evidence map)
  std::int64_t line = 0;         ///< line in the definitions file
  friend bool operator==(const IndicatorDefinition&, const IndicatorDefinition&) = default;
};

/// What kind of period an indicator value is for; one indicator's values are all of one kind.
enum class IndicatorPeriodKind : std::uint8_t {
  kMonth,                 ///< `2018-03`, `Mar 2018`, `March 2018`
  kDate,                  ///< a day (ISO or UK, as parse_date reads it)
  kFinancialYear,         ///< April to March: `2017-18`, `2017/18`, `2017-2018`, DfE `201718`
  kFinancialYearQuarter,  ///< a quarter of one (Q1 is April-June): `2017-18 Q4`, `Q4 2017-18`
};

/// "a month", "a date", "a financial year" or "a financial-year quarter", for messages.
std::string_view indicator_period_kind_name(IndicatorPeriodKind kind);

/// A period of performance data: its kind and its first day (the order of periods of a kind).
struct PerformancePeriod {
  IndicatorPeriodKind kind = IndicatorPeriodKind::kMonth;  ///< what the text names
  DayNumber start = 0;  ///< first day: 2017-18 and 2017-18 Q1 start 2017-04-01
  /// True for `YYYY-NN` text that is both a month and a financial year (`2010-11`: November 2010
  /// or April 2010 to March 2011): parsed as the financial year, as parse_period reads a label,
  /// and read as a month when the indicator's other periods are months.
  bool also_financial_year = false;
  friend bool operator==(const PerformancePeriod&, const PerformancePeriod&) = default;
};

/// Parses the period of a performance value (see IndicatorPeriodKind for the forms);
/// InvalidArgument saying what is accepted otherwise (the caller names the value). A financial
/// year's second part must be the year after its first (`2017-19` is refused, saying so).
absl::StatusOr<PerformancePeriod> parse_performance_period(std::string_view text);

/// One value of an indicator: numerator of denominator, for a team (or All) and a period.
struct IndicatorValue {
  std::string indicator;  ///< as defined
  std::string team;       ///< a team, or "All" for the whole service
  std::string period;     ///< as written (see IndicatorPeriodKind)
  IndicatorPeriodKind period_kind = IndicatorPeriodKind::kMonth;  ///< what `period` names
  DayNumber period_start = 0;    ///< first day of the period, for ordering
  std::int64_t numerator = 0;    ///< cases meeting the indicator
  std::int64_t denominator = 0;  ///< cases counted
  std::int64_t line = 0;         ///< line in the values file
  friend bool operator==(const IndicatorValue&, const IndicatorValue&) = default;
};

/// Validated performance evidence: definitions and values.
struct Performance {
  std::string definitions_source;                ///< where the definitions were read from
  std::string values_source;                     ///< where the values were read from
  std::vector<IndicatorDefinition> definitions;  ///< in file order
  std::vector<IndicatorValue> values;            ///< in file order
  /// The definition of an indicator, or nullptr.
  const IndicatorDefinition* find(std::string_view indicator) const;
};

/// Parses definitions (indicator, description, polarity, target, benchmark, theme; optional
/// benchmark_source) and values (indicator, team, period, numerator, denominator). Problems are
/// collected: a value without a definition, a numerator above its denominator, a repeated
/// (indicator, team, period: `2017-18` and `201718` are one period), a bad polarity, share,
/// count or period, periods of two kinds for one indicator (a month and a financial year, both
/// named with their lines). Never a partial result.
absl::StatusOr<Performance> parse_performance_csv(std::string_view values_text,
                                                  const std::string& values_source,
                                                  std::string_view definitions_text,
                                                  const std::string& definitions_source,
                                                  Diagnostics* diag = nullptr,
                                                  const CsvOptions& csv = {});
/// Reads the two files (see parse_performance_csv).
absl::StatusOr<Performance> read_performance_csv(const std::string& values_path,
                                                 const std::string& definitions_path,
                                                 Diagnostics* diag = nullptr,
                                                 const CsvOptions& csv = {});

}  // namespace qaframe
