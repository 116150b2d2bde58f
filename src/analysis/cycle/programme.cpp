#include "qaframe/analysis/cycle/programme.hpp"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/stats/proportion.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

absl::StatusOr<ProgrammeSummary> programme_compliance(const AuditSet& audits, const Teams& teams,
                                                      const ProgrammeOptions& options) {
  if (options.behind_run < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("behind_run must be at least 1, got ", options.behind_run));
  if (auto s = stats::detail::check_ci_level(options.level); !s.ok()) return s;
  if (options.from && options.to && options.to->first < options.from->first)
    return absl::InvalidArgumentError(absl::StrCat(
        "the last month (", options.to->name, ") is before the first (", options.from->name, ")"));
  auto team_column = audits.categorical(AuditColumns::kTeam);
  if (!team_column.ok()) return team_column.status();
  const Categorical& team = **team_column;
  auto programme_column = audits.categorical(AuditColumns::kProgramme);
  std::int64_t programme_code = -1, prw_code = -1;
  if (programme_column.ok()) {
    programme_code = (*programme_column)->find(options.programme);
    prw_code = (*programme_column)->find(kPracticeReviewWeek);
  }
  auto in_programme = [&](std::size_t i, std::int64_t code) {
    return code >= 0 && (*programme_column)->codes()[i] == static_cast<std::uint32_t>(code);
  };
  ProgrammeSummary out;
  out.options = options;
  out.source = teams.source;

  // The months: given, or those of the programme's audits; cut at the as-of date.
  // Plain values with flags: GCC 12 misreads optionals here as maybe uninitialised.
  bool has_first = options.from.has_value(), has_last = options.to.has_value();
  DayNumber first = has_first ? options.from->first : 0, last = has_last ? options.to->first : 0;
  if (!has_first || !has_last) {
    bool any = false;
    DayNumber lo = 0, hi = 0;
    for (std::size_t i = 0; i < audits.size(); ++i) {
      if (!in_programme(i, programme_code)) continue;
      const DayNumber d = audits.dates()[i];
      lo = any ? std::min(lo, d) : d;
      hi = any ? std::max(hi, d) : d;
      any = true;
    }
    if (!has_first && any) first = period_of(PeriodKind::kMonth, lo).first;
    if (!has_last && any) last = period_of(PeriodKind::kMonth, hi).first;
    has_first = has_first || any;
    has_last = has_last || any;
  }
  if (has_first && has_last) {
    for (Period m = period_of(PeriodKind::kMonth, first); m.first <= last;
         m = period_of(PeriodKind::kMonth, m.last + 1)) {
      if (options.as_of && m.last > *options.as_of) break;
      out.months.push_back(m);
    }
  }
  if (out.months.empty())
    out.notes.push_back(absl::StrCat("No month to check: no audit of the ", options.programme,
                                     " programme",
                                     options.as_of ? " in a month ended by the "
                                                     "as-of date"
                                                   : "",
                                     ", and no months given."));

  // Teams: the file's, then those only in the audits.
  std::vector<std::string> names = teams.names();
  absl::flat_hash_map<std::string, std::size_t> index;
  for (std::size_t t = 0; t < names.size(); ++t) index.emplace(names[t], t);
  std::vector<bool> used(team.levels().size(), false);
  for (std::uint32_t code : team.codes()) used[code] = true;
  for (std::size_t c = 0; c < team.levels().size(); ++c) {
    const std::string_view level = team.levels()[c];
    if (!used[c] || index.contains(std::string(level))) continue;
    index.emplace(std::string(level), names.size());
    names.emplace_back(level);
    out.teams_not_in_file.emplace_back(level);
  }
  const std::size_t n_teams = names.size(), n_months = out.months.size();
  std::vector<std::int64_t> audits_of(n_teams, 0);
  std::vector<std::vector<std::int64_t>> done(n_teams, std::vector<std::int64_t>(n_months, 0));
  // Month index of a day (or -1), by binary search over the months' first days.
  auto month_of = [&](DayNumber d) -> std::ptrdiff_t {
    if (n_months == 0 || d < out.months.front().first || d > out.months.back().last) return -1;
    auto it = std::upper_bound(out.months.begin(), out.months.end(), d,
                               [](DayNumber day, const Period& p) { return day < p.first; });
    return (it - out.months.begin()) - 1;
  };
  std::vector<std::size_t> team_of(team.levels().size(), n_teams);
  for (std::size_t c = 0; c < team.levels().size(); ++c)
    if (auto it = index.find(std::string(team.levels()[c])); it != index.end())
      team_of[c] = it->second;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    const std::size_t t = team_of[team.codes()[i]];
    if (t == n_teams) continue;
    ++audits_of[t];
    if (!in_programme(i, programme_code)) continue;
    if (auto m = month_of(audits.dates()[i]); m >= 0) ++done[t][static_cast<std::size_t>(m)];
  }

  out.expected_by_month.assign(n_months, 0);
  out.done_by_month.assign(n_months, 0);
  std::int64_t team_months = 0, team_months_met = 0;
  for (std::size_t t = 0; t < n_teams; ++t) {
    TeamCompliance tc;
    tc.team = names[t];
    tc.in_teams_file = t < teams.names().size();
    tc.audits = audits_of[t];
    std::int64_t run = 0;
    for (std::size_t m = 0; m < n_months; ++m) {
      ProgrammeMonth cell;
      cell.team = names[t];
      cell.month = out.months[m];
      cell.expected = teams.expected(names[t], options.programme, out.months[m].first);
      cell.done = done[t][m];
      cell.behind = cell.done < cell.expected;
      tc.expected += cell.expected;
      tc.done += cell.done;
      out.expected_by_month[m] += cell.expected;
      out.done_by_month[m] += cell.done;
      if (cell.expected > 0) ++tc.months_expected;
      if (cell.behind) {
        ++tc.months_behind;
        tc.behind_months.push_back(out.months[m].name);
        tc.longest_run = std::max(tc.longest_run, ++run);
      } else {
        run = 0;
      }
      out.cells.push_back(std::move(cell));
    }
    tc.flagged = tc.longest_run >= options.behind_run;
    tc.months_met =
        make_share(tc.months_expected - tc.months_behind, tc.months_expected, options.level);
    team_months += tc.months_expected;
    team_months_met += tc.months_expected - tc.months_behind;
    if (tc.flagged) out.flagged.push_back(tc.team);
    out.teams.push_back(std::move(tc));
  }
  out.months_met = make_share(team_months_met, team_months, options.level);

  // Practice Review Weeks within the months checked (all of them when no month is checked).
  for (const Period& week : practice_review_weeks(audits)) {
    if (n_months > 0 &&
        (week.last < out.months.front().first || week.first > out.months.back().last))
      continue;
    PrwCoverage c;
    c.week = week;
    const DayNumber month_first = period_of(PeriodKind::kMonth, week.first).first;
    std::vector<std::int64_t> in_week(n_teams, 0);
    for (std::size_t i = 0; i < audits.size(); ++i) {
      if (!in_programme(i, prw_code) || !week.contains(audits.dates()[i])) continue;
      const std::size_t t = team_of[team.codes()[i]];
      if (t < n_teams) ++in_week[t];
    }
    for (std::size_t t = 0; t < n_teams; ++t) {
      const bool active = t < teams.names().size() && teams.active(names[t], month_first);
      if (active || in_week[t] > 0) c.audits_by_team.emplace_back(names[t], in_week[t]);
      if (!active) continue;
      ++c.teams;
      if (in_week[t] > 0)
        ++c.covered;
      else
        c.teams_missing.push_back(names[t]);
    }
    c.coverage = make_share(c.covered, c.teams, options.level);
    out.prw.push_back(std::move(c));
  }

  out.notes.push_back(absl::StrCat(
      "A team is behind in a month when it did fewer ", options.programme,
      " audits than expected; it is flagged when behind ", options.behind_run, " months running."));
  if (!out.teams_not_in_file.empty())
    out.notes.push_back(
        absl::StrCat("Teams in the audits but not in the teams file (no "
                     "expectation): ",
                     absl::StrJoin(out.teams_not_in_file, ", "), "."));
  if (programme_code < 0)
    out.notes.push_back(absl::StrCat("No audit of the ", options.programme,
                                     " programme in the data: every team did none."));
  return out;
}

}  // namespace qaframe
