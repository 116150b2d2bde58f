#include "qaframe/readers/performance.hpp"
#include "qaframe/io/file.hpp"

#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
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

namespace {

// The first day of a period written YYYY-MM, or a date (ISO or UK).
absl::StatusOr<DayNumber> parse_period(std::string_view text) {
  if (text.size() == 7 && text[4] == '-') {
    int y = 0, m = 0;
    if (absl::SimpleAtoi(sv(text.substr(0, 4)), &y) && absl::SimpleAtoi(sv(text.substr(5)), &m) &&
        m >= 1 && m <= 12)
      return to_day_number(absl::CivilDay(y, m, 1));
  }
  auto d = parse_date(text);
  if (d.ok()) return d;
  return absl::InvalidArgumentError(
      "not a period: write a month as YYYY-MM or the period's first day as YYYY-MM-DD or "
      "DD/MM/YYYY");
}

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
  absl::flat_hash_map<std::tuple<std::string, std::string, std::string>, std::int64_t> seen;
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
    if (auto p = parse_period(v.period); p.ok())
      v.period_start = *p;
    else
      t.problem(d, r, "period", v.period, std::string(p.status().message()));
    std::string reason;
    auto num = detail::parse_count(t.field(r, c_num), reason);
    if (!num) t.problem(d, r, "numerator", t.field(r, c_num), reason);
    auto den = detail::parse_count(t.field(r, c_den), reason);
    if (!den) t.problem(d, r, "denominator", t.field(r, c_den), reason);
    if (num && den && *num > *den)
      t.problem(d, r, "numerator", t.field(r, c_num),
                absl::StrCat("the numerator is above its denominator (", *den, ")"));
    if (d.total() != before) continue;
    if (auto [it, inserted] = seen.try_emplace(std::tuple{v.indicator, v.team, v.period}, v.line);
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
                                                  Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  Performance out;
  out.definitions_source = definitions_source;
  out.values_source = values_source;
  auto defs = detail::read_csv_table(
      definitions_text, definitions_source,
      {"indicator", "description", "polarity", "target", "benchmark", "theme"}, d);
  if (defs) read_definitions(*defs, d, out);
  auto values = detail::read_csv_table(
      values_text, values_source, {"indicator", "team", "period", "numerator", "denominator"}, d);
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
                                                 Diagnostics* diag) {
  auto values = read_file(values_path);
  if (!values.ok()) return values.status();
  auto defs = read_file(definitions_path);
  if (!defs.ok()) return defs.status();
  return parse_performance_csv(*values, values_path, *defs, definitions_path, diag);
}

}  // namespace qaframe
