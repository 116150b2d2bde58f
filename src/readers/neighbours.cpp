#include "qaframe/readers/neighbours.hpp"

#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/csv_table.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string_view area_role_name(AreaRole role) {
  switch (role) {
    case AreaRole::kCouncil:
      return "council";
    case AreaRole::kRegion:
      return "region";
    case AreaRole::kEngland:
      return "england";
    case AreaRole::kNeighbour:
      break;
  }
  return "neighbour";
}

namespace {

std::optional<AreaRole> parse_role(std::string_view text) {
  const std::string key = canonical_column_name(text);
  if (key == "council" || key == "la" || key == "local_authority") return AreaRole::kCouncil;
  if (key == "neighbour" || key == "neighbor" || key == "statistical_neighbour")
    return AreaRole::kNeighbour;
  if (key == "region") return AreaRole::kRegion;
  if (key == "england" || key == "national") return AreaRole::kEngland;
  return std::nullopt;
}

// The first day of a period: YYYY-MM, a financial year YYYY-YY, a quarter or month label
// (parse_period), a calendar year YYYY, or a date.
absl::StatusOr<DayNumber> period_start(std::string_view text) {
  if (auto p = parse_period(text); p.ok()) return p->first;
  int year = 0;
  if (text.size() == 4 && absl::SimpleAtoi(sv(text), &year) && year >= 1900 && year <= 2999)
    return to_day_number(absl::CivilDay(year, 1, 1));
  if (auto d = parse_date(text); d.ok()) return d;
  return absl::InvalidArgumentError(
      "not a period: write YYYY-MM, a financial year YYYY-YY, a year YYYY, or a date");
}

// Suppression and missing markers of published statistics (DfE: x not available, c
// confidential, z not applicable, low; ONS: ':' and '..').
bool is_missing(std::string_view text) {
  const std::string key = absl::AsciiStrToLower(sv(text));
  return key.empty() || key == "x" || key == "c" || key == "z" || key == ":" || key == ".." ||
         key == "na" || key == "n/a" || key == "low" || key == "-";
}

}  // namespace

absl::StatusOr<NeighbourTable> parse_neighbours_csv(std::string_view text,
                                                    const std::string& source, Diagnostics* diag,
                                                    const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  NeighbourTable out;
  out.source = source;
  auto t = detail::read_csv_table(text, source, {"indicator", "period", "area", "role", "value"}, d,
                                  csv);
  if (!t) return d.to_status();
  const int c_ind = t->column("indicator"), c_period = t->column("period"),
            c_area = t->column("area"), c_role = t->column("role"), c_value = t->column("value"),
            c_pol = t->column("polarity");
  // (indicator, period, area) -> first line; (indicator, period, role) -> first line for the
  // roles that occur once; indicator -> (polarity, first line).
  absl::flat_hash_map<std::tuple<std::string, DayNumber, std::string>, std::int64_t> seen;
  absl::flat_hash_map<std::tuple<std::string, DayNumber, int>, std::int64_t> single;
  absl::flat_hash_map<std::string, std::pair<std::string, std::int64_t>> polarity;
  absl::flat_hash_map<std::string, std::size_t> indicator_index;
  std::int64_t council_line = 0;
  std::vector<std::pair<std::string, std::size_t>> neighbour_rows;  // first row of each
  for (std::size_t r = 0; r < t->rows.size(); ++r) {
    const std::size_t before = d.total();
    NeighbourValue v;
    v.indicator = t->field(r, c_ind);
    v.period = t->field(r, c_period);
    v.area = t->field(r, c_area);
    v.raw = t->field(r, c_value);
    v.line = t->lines[r];
    for (auto [value, name] : {std::pair{&v.indicator, "indicator"}, std::pair{&v.period, "period"},
                               std::pair{&v.area, "area"}}) {
      if (value->empty())
        t->problem(d, r, name, "", absl::StrCat(name, " is empty; it is required"));
    }
    const std::string& role_text = t->field(r, c_role);
    if (auto role = parse_role(role_text))
      v.role = *role;
    else
      t->problem(d, r, "role", role_text, "role must be council, neighbour, region or england");
    if (!v.period.empty()) {
      if (auto start = period_start(v.period); start.ok())
        v.period_start = *start;
      else
        t->problem(d, r, "period", v.period, std::string(start.status().message()));
    }
    if (is_missing(v.raw)) {
      v.value = std::numeric_limits<double>::quiet_NaN();
    } else {
      std::string_view number = trim(v.raw);
      if (!number.empty() && number.back() == '%') {
        v.percent = true;
        number = trim(number.substr(0, number.size() - 1));
      }
      double x = 0.0;
      if (absl::SimpleAtod(sv(number), &x) && std::isfinite(x)) {
        v.value = v.percent ? x / 100.0 : x;
      } else {
        t->problem(d, r, "value", v.raw,
                   "not a number (write 83.5 or 83.5%; empty, x, c, z, :, .., NA or low for a "
                   "suppressed or missing value)");
      }
    }
    const std::string& pol = t->field(r, c_pol);
    std::string pol_key;
    if (!pol.empty()) {
      pol_key = canonical_column_name(pol);
      if (pol_key == "higher" || pol_key == "high") pol_key = "higher_is_better";
      if (pol_key == "lower" || pol_key == "low") pol_key = "lower_is_better";
      if (pol_key != "higher_is_better" && pol_key != "lower_is_better") {
        t->problem(d, r, "polarity", pol, "polarity must be higher_is_better or lower_is_better");
        pol_key.clear();
      }
    }
    if (d.total() != before) continue;
    if (auto [it, inserted] =
            seen.try_emplace(std::tuple{v.indicator, v.period_start, v.area}, v.line);
        !inserted) {
      t->problem(d, r, "area", v.area,
                 absl::StrCat("a second value for this area, indicator and period (first on line ",
                              it->second, ")"));
      continue;
    }
    if (v.role != AreaRole::kNeighbour) {
      if (auto [it, inserted] = single.try_emplace(
              std::tuple{v.indicator, v.period_start, static_cast<int>(v.role)}, v.line);
          !inserted) {
        t->problem(
            d, r, "role", role_text,
            absl::StrCat("a second ", sv(area_role_name(v.role)),
                         " row for this indicator and period (first on line ", it->second, ")"));
        continue;
      }
    }
    if (v.role == AreaRole::kCouncil) {
      if (out.council.empty()) {
        out.council = v.area;
        council_line = v.line;
      } else if (out.council != v.area) {
        t->problem(d, r, "area", v.area,
                   absl::StrCat("a second council in one file (the council is '",
                                shorten_for_message(out.council), "', line ", council_line,
                                "): give each council its own file"));
        continue;
      }
    }
    if (v.role == AreaRole::kNeighbour) {
      bool known = false;
      for (const std::string& n : out.neighbours) known = known || n == v.area;
      if (!known) {
        out.neighbours.push_back(v.area);
        neighbour_rows.emplace_back(v.area, r);
      }
    }
    auto [idx, fresh] = indicator_index.try_emplace(v.indicator, out.indicators.size());
    if (fresh) {
      out.indicators.push_back(v.indicator);
      out.polarity.emplace_back();
    }
    if (!pol_key.empty()) {
      auto [it, inserted] = polarity.try_emplace(v.indicator, pol_key, v.line);
      if (!inserted && it->second.first != pol_key) {
        t->problem(d, r, "polarity", pol,
                   absl::StrCat("the indicator's polarity is ", it->second.first, " on line ",
                                it->second.second));
        continue;
      }
      out.polarity[idx->second] = pol_key;
    }
    out.values.push_back(std::move(v));
  }
  // The council among its own neighbours would be compared with itself.
  for (const auto& [name, row] : neighbour_rows) {
    if (!out.council.empty() && name == out.council)
      t->problem(d, row, "area", name, "the council is also given as one of its neighbours");
  }
  if (d.ok() && out.values.empty())
    d.add({source, 1, -1, "", "", "no values: the file has a header but no rows"});
  if (d.ok() && out.council.empty())
    d.add({source, 1, -1, "role", "", "no row has role council: whose benchmarking is it?"});
  if (!d.ok()) return d.to_status();
  return out;
}

absl::StatusOr<NeighbourTable> read_neighbours_csv(const std::string& path, Diagnostics* diag,
                                                   const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_neighbours_csv(*text, path, diag, csv);
}

}  // namespace qaframe
