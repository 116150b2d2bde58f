#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/io/file.hpp"

#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"
#include "readers/cycle/table_fields.hpp"

namespace qaframe {

std::vector<std::string> Teams::names() const {
  std::vector<std::string> out;
  for (const TeamProgramme& r : rows) {
    bool seen = false;
    for (const std::string& n : out) seen = seen || n == r.team;
    if (!seen) out.push_back(r.team);
  }
  return out;
}

std::int64_t Teams::expected(std::string_view team, std::string_view programme,
                             DayNumber month_first_day) const {
  std::int64_t total = 0;
  for (const TeamProgramme& r : rows)
    if (r.team == team && r.programme == programme && r.applies_to(month_first_day))
      total += r.expected_per_month;
  return total;
}

bool Teams::active(std::string_view team, DayNumber month_first_day) const {
  for (const TeamProgramme& r : rows)
    if (r.team == team && r.applies_to(month_first_day)) return true;
  return false;
}

absl::StatusOr<Period> parse_month(std::string_view text) {
  auto p = parse_period(text);
  if (p.ok() && period_of(PeriodKind::kMonth, p->first) == *p) return p;
  return absl::InvalidArgumentError(
      "not a month: write a month as 2017-10, Oct 2017 or October 2017");
}

namespace {

absl::StatusOr<Teams> read_table(const std::optional<detail::CsvTable>& table, Diagnostics& d) {
  if (!table) return d.to_status();
  using C = TeamColumns;
  const detail::CsvTable& t = *table;
  const int c_team = t.column(C::kTeam), c_prog = t.column(C::kProgramme),
            c_exp = t.column(C::kExpectedPerMonth), c_from = t.column(C::kFrom),
            c_to = t.column(C::kTo);
  Teams out;
  out.source = t.source;
  std::vector<std::size_t> table_row;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t before = d.total();
    TeamProgramme row;
    row.team = t.field(r, c_team);
    row.programme = t.field(r, c_prog);
    row.line = t.lines[r];
    if (row.team.empty()) t.problem(d, r, C::kTeam, "", "team is empty; it is required");
    if (row.programme.empty())
      t.problem(d, r, C::kProgramme, "", "programme is empty; name the programme (e.g. Core)");
    std::string reason;
    if (auto n = detail::parse_count(t.field(r, c_exp), reason))
      row.expected_per_month = *n;
    else
      t.problem(d, r, C::kExpectedPerMonth, t.field(r, c_exp),
                absl::StrCat(reason, "; write the audits expected each month, e.g. 2"));
    for (auto [c, name, slot] :
         {std::tuple{c_from, C::kFrom, &row.from}, std::tuple{c_to, C::kTo, &row.to}}) {
      const std::string& v = t.field(r, c);
      if (v.empty()) continue;
      if (auto m = parse_month(v); m.ok())
        *slot = *m;
      else
        t.problem(d, r, name, v, std::string(m.status().message()));
    }
    if (row.from && row.to && row.to->first < row.from->first)
      t.problem(d, r, C::kTo, t.field(r, c_to),
                absl::StrCat("to is before from (", row.from->name, ")"));
    if (d.total() != before) continue;
    for (std::size_t j = 0; j < out.rows.size(); ++j) {
      const TeamProgramme& o = out.rows[j];
      if (o.team != row.team || o.programme != row.programme) continue;
      const bool overlap = (!row.from || !o.to || row.from->first <= o.to->first) &&
                           (!o.from || !row.to || o.from->first <= row.to->first);
      if (overlap) {
        const std::size_t f = table_row[j];
        t.problem(d, r, C::kTeam, row.team,
                  absl::StrCat(
                      "a second row for this team and programme whose months overlap "
                      "those of ",
                      t.lines[f] > 0 ? absl::StrCat("line ", t.lines[f]) : absl::StrCat("row ", f),
                      "; give each month's expectation once"));
        break;
      }
    }
    if (d.total() != before) continue;
    table_row.push_back(r);
    out.rows.push_back(std::move(row));
  }
  if (!d.ok()) return d.to_status();
  return out;
}

}  // namespace

absl::StatusOr<Teams> parse_teams_csv(std::string_view text, const std::string& source,
                                      Diagnostics* diag, const CsvOptions& csv) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  using C = TeamColumns;
  return read_table(
      detail::read_csv_table(text, source, {C::kTeam, C::kProgramme, C::kExpectedPerMonth}, d, csv),
      d);
}

absl::StatusOr<Teams> read_teams_csv(const std::string& path, Diagnostics* diag,
                                     const CsvOptions& csv) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_teams_csv(*text, path, diag, csv);
}

absl::StatusOr<Teams> teams_from_columns(const std::vector<std::string>& names,
                                         const std::vector<std::vector<std::string>>& columns,
                                         const std::string& source, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  using C = TeamColumns;
  return read_table(detail::table_from_columns(names, columns, source,
                                               {C::kTeam, C::kProgramme, C::kExpectedPerMonth}, d),
                    d);
}

}  // namespace qaframe
