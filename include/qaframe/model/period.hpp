#pragma once
/// @file period.hpp
/// Reporting periods: English local-government financial years (April to March, written
/// "2017-18"), their quarters, calendar months, and named periods given by date ranges (a
/// Practice Review Week). Built on Abseil's civil-time types.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe {

class AuditSet;

/// A calendar unit that every date falls in.
enum class PeriodKind {
  kFinancialYear,  ///< 1 April to 31 March: "2017-18"
  kQuarter,        ///< quarters of the financial year: "2017-18 Q3" (October to December 2017)
  kMonth,          ///< calendar months: "Oct 2017"
};

/// The kind named "financial_year", "quarter" or "month"; InvalidArgument otherwise.
absl::StatusOr<PeriodKind> parse_period_kind(std::string_view name);
/// The name of a period kind: "financial_year", "quarter" or "month".
std::string_view period_kind_name(PeriodKind kind);

/// A named stretch of days, first and last included.
struct Period {
  std::string name;     ///< "2017-18", "Oct 2017" or a name such as "PRW October 2017"
  DayNumber first = 0;  ///< first day in the period
  DayNumber last = 0;   ///< last day in the period
  /// True when `day` lies in the period.
  bool contains(DayNumber day) const { return day >= first && day <= last; }
  friend bool operator==(const Period&, const Period&) = default;
};

/// "2017-18: 2017-04-01 to 2018-03-31": the period's name and its days, for a repr or message.
std::string describe_period(const Period& period);

/// "the audits are dated 2017-04-03 to 2018-03-29" ("there are no audits" for an empty set): the
/// data's date range, for a message about periods that lie outside it.
std::string describe_date_range(const AuditSet& audits);

/// The period of `kind` containing `day`, labelled as PeriodKind describes.
Period period_of(PeriodKind kind, DayNumber day);

/// The period a label names: a financial year "2017-18", a quarter "2017-18 Q3", or a month
/// "Oct 2017", "October 2017" or "2017-10" ("2011-12" is the financial year, not December);
/// InvalidArgument saying which forms are accepted otherwise.
absl::StatusOr<Period> parse_period(std::string_view label);

/// A named period from "NAME=FROM..TO" (dates ISO or DD/MM/YYYY, both included), as the command
/// line takes it; InvalidArgument naming the problem otherwise.
absl::StatusOr<Period> parse_named_period(std::string_view spec);

/// The period label of each date, as a categorical column whose levels are in date order.
Categorical period_column(std::span<const DayNumber> dates, PeriodKind kind);

/// The name of the named period containing each date ("" for a date in none), levels in the
/// order given. InvalidArgument when two periods overlap or one ends before it starts.
absl::StatusOr<Categorical> named_period_column(std::span<const DayNumber> dates,
                                                const std::vector<Period>& periods);

/// The set with a categorical column `name` holding each audit's named period ("" outside them
/// all), so that any table can be split by named periods; InvalidArgument for overlapping
/// periods or a name the set already has.
absl::StatusOr<AuditSet> with_periods(const AuditSet& audits, const std::vector<Period>& periods,
                                      std::string name = "period");

/// A column to group audits by, with whether its levels are in a natural order.
struct Grouping {
  std::string name;      ///< the column or period kind
  Categorical column;    ///< one code per audit
  bool ordered = false;  ///< levels in date order (periods), not first appearance
};

/// The grouping called `by`: a categorical column of the set, or, when there is no such column,
/// a period kind of the audit date ("financial_year", "quarter", "month"). NotFound naming the
/// columns and period kinds otherwise; FailedPrecondition for an identifier column (child_id)
/// unless `allow_identifiers` (see check_grouping).
absl::StatusOr<Grouping> grouping(const AuditSet& audits, std::string_view by,
                                  bool allow_identifiers = false);

/// The Practice Review Weeks in the data: the audits of the "Practice Review Week" programme
/// grouped by calendar month, each named "Practice Review Week <Month> <Year>" and spanning its
/// first to last audit date; in date order. Empty without such a programme.
std::vector<Period> practice_review_weeks(const AuditSet& audits);

/// The programme whose audits make up Practice Review Weeks.
inline constexpr std::string_view kPracticeReviewWeek = "Practice Review Week";

}  // namespace qaframe
