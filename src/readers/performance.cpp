#include "qaframe/readers/performance.hpp"
#include "qaframe/io/file.hpp"

#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string_view polarity_name(Polarity polarity) {
  return polarity == Polarity::kHigherIsBetter ? "higher_is_better" : "lower_is_better";
}

const IndicatorDefinition* Performance::find(std::string_view indicator) const {
  for (const IndicatorDefinition& d : definitions)
    if (d.indicator == indicator) return &d;
  return nullptr;
}

std::string_view indicator_period_kind_name(IndicatorPeriodKind kind) {
  switch (kind) {
    case IndicatorPeriodKind::kMonth:
      return "a month";
    case IndicatorPeriodKind::kDate:
      return "a date";
    case IndicatorPeriodKind::kFinancialYear:
      return "a financial year";
    case IndicatorPeriodKind::kFinancialYearQuarter:
      return "a financial-year quarter";
  }
  return "a period";
}

namespace {

constexpr std::string_view kPeriodForms =
    "write a month (2018-03, Mar 2018), a date (YYYY-MM-DD or DD/MM/YYYY), a financial year "
    "(2017-18, 2017/18, 201718) or a quarter of one (2017-18 Q4)";

// The number of `digits` ASCII digits, or -1.
int digits_value(std::string_view s) {
  if (s.empty()) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool year_in_range(int y) { return y >= 1900 && y <= 2200; }

// The first year of a financial year written YYYY-YY, YYYY/YY, YYYY-YYYY, YYYY/YYYY or YYYYYY
// (DfE), or nullopt when `s` has none of these shapes; `why` is set when it has one but its
// second year is not the year after the first.
std::optional<int> financial_year(std::string_view s, std::string& why) {
  int first = -1, second = -1;
  bool full = false;  // the second year written with four digits
  if (s.size() == 6) {
    first = digits_value(s.substr(0, 4));
    second = digits_value(s.substr(4));
  } else if ((s.size() == 7 || s.size() == 9) && (s[4] == '-' || s[4] == '/')) {
    first = digits_value(s.substr(0, 4));
    second = digits_value(s.substr(5));
    full = s.size() == 9;
  }
  if (first < 0 || second < 0) return std::nullopt;
  const int expected = full ? first + 1 : (first + 1) % 100;
  if (second != expected || !year_in_range(first)) {
    why = year_in_range(first)
              ? absl::StrFormat(
                    "not a financial year: %d is followed by %0*d, not %0*d (a financial year "
                    "runs April to March)",
                    first, full ? 4 : 2, expected, full ? 4 : 2, second)
              : "not a financial year: the year is outside 1900-2200";
    return std::nullopt;
  }
  return first;
}

// The month (1-12) an English month name or its abbreviation names ("Mar", "March", "Sept"),
// ASCII case ignored; 0 otherwise.
int month_named(std::string_view name) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  const std::string lower = absl::AsciiStrToLower(sv(name));
  for (int m = 0; m < 12; ++m) {
    const std::string_view full = kNames[m];
    if (lower == full || lower == full.substr(0, 3) || (m == 8 && lower == "sept")) return m + 1;
  }
  return 0;
}

DayNumber first_day(int y, int m) { return to_day_number(absl::CivilDay(y, m, 1)); }

}  // namespace

absl::StatusOr<PerformancePeriod> parse_performance_period(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty())
    return absl::InvalidArgumentError(absl::StrCat("the period is empty; ", sv(kPeriodForms)));
  std::string why;
  auto refuse = [&]() -> absl::Status {
    return absl::InvalidArgumentError(why.empty() ? absl::StrCat("not a period: ", sv(kPeriodForms))
                                                  : why);
  };
  // A quarter of a financial year: "2017-18 Q4", "2017-18Q4" or "Q4 2017-18".
  auto quarter_at = [&](std::string_view q) {
    return q.size() == 2 && (q[0] == 'Q' || q[0] == 'q') && q[1] >= '1' && q[1] <= '4' ? q[1] - '0'
                                                                                       : 0;
  };
  int quarter = 0;
  std::string_view year_part;
  if (t.size() >= 2 && quarter_at(t.substr(t.size() - 2)) != 0) {
    quarter = quarter_at(t.substr(t.size() - 2));
    year_part = trim(t.substr(0, t.size() - 2));
  } else if (t.size() >= 2 && quarter_at(t.substr(0, 2)) != 0) {
    quarter = quarter_at(t.substr(0, 2));
    year_part = trim(t.substr(2));
  }
  if (quarter != 0) {
    const auto fy = financial_year(year_part, why);
    if (!fy) {
      if (why.empty()) {
        why = absl::StrCat("not a period: a quarter is of a financial year (2017-18 Q4); ",
                           sv(kPeriodForms));
      }
      return refuse();
    }
    // Q1 is April to June.
    const absl::CivilMonth start = absl::CivilMonth(*fy, 4) + 3 * (quarter - 1);
    return PerformancePeriod{IndicatorPeriodKind::kFinancialYearQuarter,
                             first_day(static_cast<int>(start.year()), start.month()), false};
  }
  // YYYY-MM is a month; YYYY-YY with YY the next year is a financial year; 2010-11 is both.
  if (t.size() == 7 && t[4] == '-') {
    const int y = digits_value(t.substr(0, 4));
    const int m = digits_value(t.substr(5));
    if (y >= 0 && m >= 0) {
      const bool month = m >= 1 && m <= 12 && year_in_range(y);
      std::string fy_why;
      const auto fy = financial_year(t, fy_why);
      if (fy) {
        return PerformancePeriod{IndicatorPeriodKind::kFinancialYear, first_day(*fy, 4), month};
      }
      if (month) return PerformancePeriod{IndicatorPeriodKind::kMonth, first_day(y, m), false};
      why = year_in_range(y)
                ? absl::StrCat("not a period: neither a month (there is no month ", m,
                               ") nor a financial year (", y, "-",
                               absl::StrFormat("%02d", (y + 1) % 100), " would be one)")
                : "not a period: the year is outside 1900-2200";
      return refuse();
    }
  }
  if (const auto fy = financial_year(t, why)) {
    return PerformancePeriod{IndicatorPeriodKind::kFinancialYear, first_day(*fy, 4), false};
  }
  if (!why.empty()) return refuse();
  // "Mar 2018", "March 2018", "Mar-2018".
  if (const std::size_t sep = t.find_first_of(" -"); sep != std::string_view::npos && sep >= 3) {
    const int m = month_named(t.substr(0, sep));
    const int y = digits_value(trim(t.substr(sep + 1)));
    if (m != 0 && trim(t.substr(sep + 1)).size() == 4 && year_in_range(y)) {
      return PerformancePeriod{IndicatorPeriodKind::kMonth, first_day(y, m), false};
    }
  }
  if (auto d = parse_date(t); d.ok())
    return PerformancePeriod{IndicatorPeriodKind::kDate, *d, false};
  return refuse();
}

namespace {

void read_definitions(const detail::CsvTable& t, Diagnostics& d, Performance& out) {
  const int c_ind = t.column("indicator"), c_desc = t.column("description"),
            c_pol = t.column("polarity"), c_target = t.column("target"),
            c_bench = t.column("benchmark"), c_theme = t.column("theme"),
            c_src = t.column("benchmark_source");
  absl::flat_hash_map<std::string, std::int64_t> seen;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    IndicatorDefinition def;
    def.indicator = t.field(r, c_ind);
    def.description = t.field(r, c_desc);
    def.theme = t.field(r, c_theme);
    def.benchmark_source = t.field(r, c_src);
    def.line = t.lines[r];
    if (def.indicator.empty())
      t.problem(d, r, "indicator", "", "indicator is empty; it is required");
    if (auto [it, inserted] = seen.try_emplace(def.indicator, t.lines[r]);
        !inserted && !def.indicator.empty())
      t.problem(d, r, "indicator", def.indicator,
                absl::StrCat("indicator defined twice (first on line ", it->second, ")"));
    const std::string& pol = t.field(r, c_pol);
    std::string key = canonical_column_name(pol);
    if (key == "higher_is_better" || key == "higher")
      def.polarity = Polarity::kHigherIsBetter;
    else if (key == "lower_is_better" || key == "lower")
      def.polarity = Polarity::kLowerIsBetter;
    else
      t.problem(d, r, "polarity", pol, "polarity must be higher_is_better or lower_is_better");
    std::string reason;
    for (auto [c, name, slot] : {std::tuple{c_target, "target", &def.target},
                                 std::tuple{c_bench, "benchmark", &def.benchmark}}) {
      const std::string& v = t.field(r, c);
      if (v.empty()) continue;
      if (auto share = detail::parse_share(v, reason))
        *slot = *share;
      else
        t.problem(d, r, name, v, reason);
    }
    if (d.total() == before) out.definitions.push_back(std::move(def));
  }
}

void read_values(const detail::CsvTable& t, Diagnostics& d, Performance& out,
                 const absl::flat_hash_set<std::string>& defined) {
  const int c_ind = t.column("indicator"), c_team = t.column("team"), c_period = t.column("period"),
            c_num = t.column("numerator"), c_den = t.column("denominator");
  absl::flat_hash_map<std::tuple<std::string, std::string, DayNumber>, std::int64_t> seen;
  // Each value's period, then each indicator's kind: that of its first period that is not
  // ambiguous (2010-11 is a month and a financial year), a financial year when all of them are.
  std::vector<absl::StatusOr<PerformancePeriod>> periods;
  periods.reserve(t.rows.size());
  struct First {
    IndicatorPeriodKind kind;
    std::size_t row;
  };
  absl::flat_hash_map<std::string, First> kind_of;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    periods.push_back(parse_performance_period(t.field(r, c_period)));
    const auto& p = periods.back();
    if (p.ok() && !p->also_financial_year)
      kind_of.try_emplace(t.field(r, c_ind), First{p->kind, r});
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto& p = periods[r];
    if (!p.ok() || !p->also_financial_year) continue;
    auto it = kind_of.find(t.field(r, c_ind));
    if (it != kind_of.end() && it->second.kind == IndicatorPeriodKind::kMonth) {
      // 2010-11 among months is November 2010.
      const std::string_view text = trim(t.field(r, c_period));
      const int y = digits_value(text.substr(0, 4)), m = digits_value(text.substr(5));
      p = PerformancePeriod{IndicatorPeriodKind::kMonth, first_day(y, m), false};
    } else if (it == kind_of.end()) {
      kind_of.try_emplace(t.field(r, c_ind), First{IndicatorPeriodKind::kFinancialYear, r});
    }
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    IndicatorValue v;
    v.indicator = t.field(r, c_ind);
    v.team = t.field(r, c_team);
    v.period = t.field(r, c_period);
    v.line = t.lines[r];
    if (v.indicator.empty()) {
      t.problem(d, r, "indicator", "", "indicator is empty; it is required");
    } else if (!defined.contains(v.indicator)) {
      t.problem(d, r, "indicator", v.indicator,
                "no definition of this indicator in the indicator definitions");
    }
    if (v.team.empty()) t.problem(d, r, "team", "", "team is empty; write a team or All");
    if (const auto& p = periods[r]; !p.ok()) {
      t.problem(d, r, "period", v.period, std::string(p.status().message()));
    } else if (auto it = kind_of.find(v.indicator);
               it != kind_of.end() && it->second.kind != p->kind) {
      // One indicator's periods are of one kind: a month beside a financial year cannot be
      // ordered, so "latest" would mean nothing.
      const std::size_t other = it->second.row;
      t.problem(
          d, r, "period", v.period,
          absl::StrCat("periods of two kinds for one indicator: this is ",
                       sv(indicator_period_kind_name(p->kind)), ", but '",
                       shorten_for_message(t.field(other, c_period)), "' on line ", t.lines[other],
                       " is ", sv(indicator_period_kind_name(it->second.kind)),
                       "; write every period of an indicator the same way"));
    } else {
      v.period_kind = p->kind;
      v.period_start = p->start;
    }
    std::string reason;
    auto num = detail::parse_count(t.field(r, c_num), reason);
    if (!num) t.problem(d, r, "numerator", t.field(r, c_num), reason);
    auto den = detail::parse_count(t.field(r, c_den), reason);
    if (!den) t.problem(d, r, "denominator", t.field(r, c_den), reason);
    if (num && den && *num > *den)
      t.problem(d, r, "numerator", t.field(r, c_num),
                absl::StrCat("the numerator is above its denominator (", *den, ")"));
    if (d.total() != before) continue;
    if (auto [it, inserted] =
            seen.try_emplace(std::tuple{v.indicator, v.team, v.period_start}, v.line);
        !inserted) {
      t.problem(d, r, "period", v.period,
                absl::StrCat("a second value for this indicator, team and period (first on line ",
                             it->second, ")"));
      continue;
    }
    v.numerator = *num;
    v.denominator = *den;
    out.values.push_back(std::move(v));
  }
}

}  // namespace

absl::StatusOr<Performance> parse_performance_csv(std::string_view values_text,
                                                  const std::string& values_source,
                                                  std::string_view definitions_text,
                                                  const std::string& definitions_source,
                                                  Diagnostics* diag, const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  Performance out;
  out.definitions_source = definitions_source;
  out.values_source = values_source;
  auto defs = detail::read_csv_table(
      definitions_text, definitions_source,
      {"indicator", "description", "polarity", "target", "benchmark", "theme"}, d, csv);
  if (defs) read_definitions(*defs, d, out);
  auto values =
      detail::read_csv_table(values_text, values_source,
                             {"indicator", "team", "period", "numerator", "denominator"}, d, csv);
  if (values && defs) {
    absl::flat_hash_set<std::string> defined;
    for (std::size_t r = 0; r < defs->rows.size(); ++r)
      defined.insert(defs->field(r, defs->column("indicator")));
    read_values(*values, d, out, defined);
  }
  if (!d.ok()) return d.to_status();
  return out;
}

absl::StatusOr<Performance> read_performance_csv(const std::string& values_path,
                                                 const std::string& definitions_path,
                                                 Diagnostics* diag, const CsvOptions& csv) {
  auto values = read_file(values_path);
  if (!values.ok()) return values.status();
  auto defs = read_file(definitions_path);
  if (!defs.ok()) return defs.status();
  return parse_performance_csv(*values, values_path, *defs, definitions_path, diag, csv);
}

}  // namespace qaframe
