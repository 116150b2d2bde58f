#pragma once
/// @file programme.hpp
/// Compliance with the audit programme: audits done against audits expected for each team and
/// month of a programme (the core audit: two per team per month in the seed), every team of the
/// teams file shown, including teams with no audits; teams behind for two months running
/// flagged; and the coverage of each Practice Review Week (teams with at least one audit).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/cycle/share.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/model/period.hpp"

namespace qaframe {

/// Options of the compliance check.
struct ProgrammeOptions {
  std::string programme = "Core";  ///< the programme checked, as in the audits and teams file
  /// First month checked; by default the first month with an audit of the programme.
  std::optional<Period> from;
  /// Last month checked; by default the last month with an audit of the programme.
  std::optional<Period> to;
  /// When given, only months that have ended by this date are checked.
  std::optional<DayNumber> as_of;
  std::int64_t behind_run = 2;  ///< consecutive months behind that flag a team
  double level = 0.95;          ///< confidence level of the shares
  friend bool operator==(const ProgrammeOptions&, const ProgrammeOptions&) = default;
};

/// One team's month.
struct ProgrammeMonth {
  std::string team;           ///< the team
  Period month;               ///< the month ("Oct 2017")
  std::int64_t expected = 0;  ///< audits expected (0: no expectation that month)
  std::int64_t done = 0;      ///< audits of the programme dated in the month
  bool behind = false;        ///< done < expected
  friend bool operator==(const ProgrammeMonth&, const ProgrammeMonth&) = default;
};

/// One team over the months checked.
struct TeamCompliance {
  std::string team;                  ///< the team
  bool in_teams_file = true;         ///< false: found only in the audits (no expectation)
  std::int64_t audits = 0;           ///< audits of the team in the data, any programme or date
  std::int64_t expected = 0;         ///< audits of the programme expected over the months
  std::int64_t done = 0;             ///< audits of the programme done over the months
  std::int64_t months_expected = 0;  ///< months with an expectation
  std::int64_t months_behind = 0;    ///< of them, months behind
  std::int64_t longest_run = 0;      ///< longest run of consecutive months behind
  bool flagged = false;              ///< longest_run ≥ behind_run
  Share months_met;                  ///< months not behind, of months with an expectation
  std::vector<std::string> behind_months;  ///< labels of the months behind, in order
  friend bool operator==(const TeamCompliance&, const TeamCompliance&) = default;
};

/// One Practice Review Week's coverage of the teams.
struct PrwCoverage {
  Period week;               ///< the week ("Practice Review Week October 2017")
  std::int64_t teams = 0;    ///< teams of the teams file active that month
  std::int64_t covered = 0;  ///< of them, teams with at least one audit in the week
  Share coverage;            ///< covered of teams
  std::vector<std::pair<std::string, std::int64_t>> audits_by_team;  ///< every team's audits
  std::vector<std::string> teams_missing;  ///< active teams with no audit in the week
  friend bool operator==(const PrwCoverage&, const PrwCoverage&) = default;
};

/// The compliance check.
struct ProgrammeSummary {
  ProgrammeOptions options;                     ///< the settings used
  std::string source;                           ///< the teams file
  std::vector<Period> months;                   ///< months checked, in order
  std::vector<TeamCompliance> teams;            ///< teams file order, then teams only in the audits
  std::vector<ProgrammeMonth> cells;            ///< team × month, team-major in `teams` order
  std::vector<std::int64_t> expected_by_month;  ///< all teams, per month
  std::vector<std::int64_t> done_by_month;      ///< all teams, per month
  Share months_met;                             ///< team-months not behind, of team-months expected
  std::vector<std::string> flagged;             ///< teams behind `behind_run` months running
  std::vector<PrwCoverage> prw;                 ///< Practice Review Weeks in the months, in order
  std::vector<std::string> teams_not_in_file;   ///< teams in the audits, not in the teams file
  std::vector<std::string> notes;               ///< caveats, in sentences
  friend bool operator==(const ProgrammeSummary&, const ProgrammeSummary&) = default;
};

/// Audits done against expected for `options.programme`, per team of `teams` and month; a
/// team is behind in a month when done < expected (a month with no expectation is neither
/// behind nor met, and breaks a run). Practice Review Weeks are practice_review_weeks(audits);
/// a team is covered by one when it has an audit of that programme in the week. Teams in the
/// audits but not in the file are listed after the others, with no expectation.
/// InvalidArgument for a behind_run below 1, a level outside (0, 1), or `to` before `from`.
absl::StatusOr<ProgrammeSummary> programme_compliance(const AuditSet& audits, const Teams& teams,
                                                      const ProgrammeOptions& options = {});

}  // namespace qaframe
