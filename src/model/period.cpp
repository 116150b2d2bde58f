#include "qaframe/model/period.hpp"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// First year of the financial year containing `month` (April starts it).
std::int64_t financial_year_start(absl::CivilMonth month) {
  return month.month() >= 4 ? month.year() : month.year() - 1;
}

std::string financial_year_label(std::int64_t start) {
  return absl::StrFormat("%d-%02d", start, (start + 1) % 100);
}

Period financial_year_period(std::int64_t start) {
  return {financial_year_label(start), to_day_number(absl::CivilDay(start, 4, 1)),
          to_day_number(absl::CivilDay(start + 1, 3, 31))};
}

Period quarter_period(std::int64_t start, int quarter) {
  const absl::CivilMonth first = absl::CivilMonth(start, 4) + 3 * (quarter - 1);
  const absl::CivilMonth next = first + 3;
  return {absl::StrCat(financial_year_label(start), " Q", quarter),
          to_day_number(absl::CivilDay(first)), to_day_number(absl::CivilDay(next) - 1)};
}

Period month_period(absl::CivilMonth month) {
  return {absl::StrFormat("%.3s %04d", kMonthNames[month.month() - 1], month.year()),
          to_day_number(absl::CivilDay(month)), to_day_number(absl::CivilDay(month + 1) - 1)};
}

absl::Status bad_label(std::string_view label) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", sv(label),
                   "' is not a period: write a financial year as 2017-18, a quarter of it as "
                   "2017-18 Q3, or a month as 2017-10"));
}

}  // namespace

absl::StatusOr<PeriodKind> parse_period_kind(std::string_view name) {
  if (name == "financial_year") return PeriodKind::kFinancialYear;
  if (name == "quarter") return PeriodKind::kQuarter;
  if (name == "month") return PeriodKind::kMonth;
  return absl::InvalidArgumentError(
      absl::StrCat("period kind must be financial_year, quarter or month, not '", sv(name), "'"));
}

std::string_view period_kind_name(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kFinancialYear:
      return "financial_year";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kMonth:
      return "month";
  }
  return "unknown";
}

std::string describe_period(const Period& period) {
  return absl::StrCat(period.name, ": ", format_date(period.first), " to ",
                      format_date(period.last));
}

std::string describe_date_range(const AuditSet& audits) {
  if (audits.empty()) return "there are no audits";
  const auto [lo, hi] = std::minmax_element(audits.dates().begin(), audits.dates().end());
  return absl::StrCat("the audits are dated ", format_date(*lo), " to ", format_date(*hi));
}

Period period_of(PeriodKind kind, DayNumber day) {
  const absl::CivilMonth month(to_civil_day(day));
  const std::int64_t start = financial_year_start(month);
  switch (kind) {
    case PeriodKind::kFinancialYear:
      return financial_year_period(start);
    case PeriodKind::kQuarter:
      return quarter_period(start, static_cast<int>((month - absl::CivilMonth(start, 4)) / 3 + 1));
    case PeriodKind::kMonth:
      return month_period(month);
  }
  return {};
}

absl::StatusOr<Period> parse_period(std::string_view label) {
  const std::string_view text = trim(label);
  int year = 0, second = 0, quarter = 0, month = 0;
  const bool dashed = text.size() >= 7 && text[4] == '-' &&
                      absl::SimpleAtoi(sv(text.substr(0, 4)), &year) &&
                      absl::SimpleAtoi(sv(text.substr(5, 2)), &second);
  // "2017-18" or "2017-18 Q3": a financial year (which "2011-12" is, rather than a month).
  if (dashed && second == (year + 1) % 100) {
    if (text.size() == 7) return financial_year_period(year);
    const std::string_view rest = trim(text.substr(7));
    if (text[7] == ' ' && rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') &&
        absl::SimpleAtoi(sv(rest.substr(1)), &quarter) && quarter >= 1 && quarter <= 4) {
      return quarter_period(year, quarter);
    }
    return bad_label(label);
  }
  // "2017-10": a month.
  if (dashed && text.size() == 7 && second >= 1 && second <= 12) {
    return month_period(absl::CivilMonth(year, second));
  }
  // "Oct 2017" or "October 2017".
  const std::size_t space = text.find(' ');
  if (space != std::string_view::npos && absl::SimpleAtoi(sv(trim(text.substr(space))), &year)) {
    const std::string name = absl::AsciiStrToLower(sv(text.substr(0, space)));
    for (int m = 0; m < 12; ++m) {
      const std::string full = absl::AsciiStrToLower(kMonthNames[m]);
      if (name == full || (name.size() == 3 && full.starts_with(name))) month = m + 1;
    }
    if (month > 0) return month_period(absl::CivilMonth(year, month));
  }
  return bad_label(label);
}

absl::StatusOr<Period> parse_named_period(std::string_view spec) {
  const std::size_t eq = spec.rfind('=');
  const std::size_t dots = spec.rfind("..");
  if (eq == std::string_view::npos || dots == std::string_view::npos || dots < eq) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", sv(spec),
                     "' is not a named period: write NAME=FROM..TO, e.g. "
                     "\"PRW October 2017=2017-10-09..2017-10-13\""));
  }
  Period p;
  p.name = std::string(trim(spec.substr(0, eq)));
  if (p.name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("'", sv(spec), "': the period has no name"));
  }
  auto first = parse_date(trim(spec.substr(eq + 1, dots - eq - 1)));
  auto last = parse_date(trim(spec.substr(dots + 2)));
  if (!first.ok() || !last.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "period '", p.name, "': ", (!first.ok() ? first.status() : last.status()).message()));
  }
  p.first = *first;
  p.last = *last;
  if (p.last < p.first) {
    return absl::InvalidArgumentError(absl::StrCat("period '", p.name, "' ends (",
                                                   format_date(p.last), ") before it starts (",
                                                   format_date(p.first), ")"));
  }
  return p;
}

Categorical period_column(std::span<const DayNumber> dates, PeriodKind kind) {
  // Label each distinct period once; codes follow the date order of the periods.
  std::map<DayNumber, std::string> firsts;  // first day -> label
  std::vector<DayNumber> period_first(dates.size());
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const Period p = period_of(kind, dates[i]);
    period_first[i] = p.first;
    firsts.try_emplace(p.first, p.name);
  }
  auto levels = std::make_shared<std::vector<std::string>>();
  std::map<DayNumber, std::uint32_t> code;
  for (const auto& [first, label] : firsts) {
    code[first] = static_cast<std::uint32_t>(levels->size());
    levels->push_back(label);
  }
  std::vector<std::uint32_t> codes(dates.size());
  for (std::size_t i = 0; i < dates.size(); ++i) codes[i] = code[period_first[i]];
  return Categorical(std::move(levels), std::move(codes));
}

absl::StatusOr<Categorical> named_period_column(std::span<const DayNumber> dates,
                                                const std::vector<Period>& periods) {
  for (std::size_t a = 0; a < periods.size(); ++a) {
    if (periods[a].last < periods[a].first) {
      return absl::InvalidArgumentError(
          absl::StrCat("period '", periods[a].name, "' ends before it starts"));
    }
    for (std::size_t b = a + 1; b < periods.size(); ++b) {
      if (periods[a].name == periods[b].name) {
        return absl::InvalidArgumentError(
            absl::StrCat("two periods are named '", periods[a].name, "'"));
      }
      if (periods[a].first <= periods[b].last && periods[b].first <= periods[a].last) {
        return absl::InvalidArgumentError(
            absl::StrCat("periods '", periods[a].name, "' and '", periods[b].name,
                         "' overlap; an audit must fall in one period at most"));
      }
    }
  }
  auto levels = std::make_shared<std::vector<std::string>>();
  for (const Period& p : periods) levels->push_back(p.name);
  const auto outside = static_cast<std::uint32_t>(levels->size());
  levels->emplace_back();  // "" for dates in no period
  std::vector<std::uint32_t> codes(dates.size(), outside);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    for (std::size_t p = 0; p < periods.size(); ++p) {
      if (periods[p].contains(dates[i])) {
        codes[i] = static_cast<std::uint32_t>(p);
        break;
      }
    }
  }
  return Categorical(std::move(levels), std::move(codes));
}

absl::StatusOr<AuditSet> with_periods(const AuditSet& audits, const std::vector<Period>& periods,
                                      std::string name) {
  auto column = named_period_column(audits.dates(), periods);
  if (!column.ok()) return column.status();
  return audits.with_categorical(std::move(name), *std::move(column));
}

absl::StatusOr<Grouping> grouping(const AuditSet& audits, std::string_view by,
                                  bool allow_identifiers) {
  if (const ColumnInfo* c = audits.find_column(by); c != nullptr) {
    if (absl::Status s = check_grouping(audits, c->name, allow_identifiers); !s.ok()) return s;
    auto column = audits.categorical(by);
    if (!column.ok()) return column.status();
    return Grouping{c->name, **column, false};
  }
  if (auto kind = parse_period_kind(by); kind.ok()) {
    return Grouping{std::string(by), period_column(audits.dates(), *kind), true};
  }
  return absl::NotFoundError(absl::StrCat(
      "no column '", sv(by), "'; the columns are: ", absl::StrJoin(audits.column_names(), ", "),
      "; periods: financial_year, quarter, month"));
}

std::vector<Period> practice_review_weeks(const AuditSet& audits) {
  auto programme = audits.categorical(AuditColumns::kProgramme);
  if (!programme.ok()) return {};
  const std::int64_t prw = (*programme)->find(kPracticeReviewWeek);
  if (prw < 0) return {};
  std::map<absl::CivilMonth, Period> weeks;
  const auto& codes = (*programme)->codes();
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (codes[i] != static_cast<std::uint32_t>(prw)) continue;
    const DayNumber day = audits.dates()[i];
    const absl::CivilMonth month(to_civil_day(day));
    auto [it, inserted] = weeks.try_emplace(month, Period{"", day, day});
    if (inserted) {
      it->second.name = absl::StrCat(sv(kPracticeReviewWeek), " ", kMonthNames[month.month() - 1],
                                     " ", month.year());
    }
    it->second.first = std::min(it->second.first, day);
    it->second.last = std::max(it->second.last, day);
  }
  std::vector<Period> out;
  for (auto& [month, period] : weeks) out.push_back(std::move(period));
  return out;
}

}  // namespace qaframe
