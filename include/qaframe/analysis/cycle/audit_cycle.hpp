#pragma once
/// @file audit_cycle.hpp
/// Completeness of the audit cycle: for each audit, graded → actions raised (or "no action
/// needed" recorded) → all actions done → evidence of impact recorded. An audit's cycle is
/// complete when it has passed every step; the share complete by team and programme, and the
/// audits stuck at each step (by audit id).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/cycle/share.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/cycle/actions.hpp"

namespace qaframe {

/// The first step of the cycle an audit has not passed, or kComplete.
enum class CycleStage : std::uint8_t {
  kNotGraded,    ///< no grade on the scale (only with CycleOptions::require_grade)
  kNoActions,    ///< no action raised and no "no action needed" record
  kActionsOpen,  ///< an action not done by the as-of date
  kNoEvidence,   ///< a done action without evidence of impact
  kComplete,     ///< every step passed
};

/// "not graded", "no actions recorded", "actions not done", "no evidence of impact",
/// "complete".
std::string_view cycle_stage_name(CycleStage stage);

/// Options of the cycle check.
struct CycleOptions {
  DayNumber as_of = 0;  ///< the date of the check (required): later audits and actions ignored
  /// Whether an audit graded N/A is stuck at the first step. By default it is not: an N/A grade
  /// is recorded (a minimum-standards check is not graded on the scale) and the cycle goes on.
  bool require_grade = false;
  double level = 0.95;  ///< confidence level of the shares
  friend bool operator==(const CycleOptions&, const CycleOptions&) = default;
};

/// One audit's cycle.
struct CycleRow {
  std::string audit_id;                       ///< the audit
  std::string team;                           ///< its team
  std::string programme;                      ///< its programme ("" without the column)
  DayNumber audit_date = 0;                   ///< date audited
  CycleStage stage = CycleStage::kNoActions;  ///< the first step not passed
  bool no_action_needed = false;              ///< recorded as needing no action
  std::int64_t actions = 0;                   ///< actions raised by the as-of date (not cancelled)
  std::int64_t done = 0;                      ///< of them, done by the as-of date
  std::int64_t with_evidence = 0;             ///< of the done, with evidence of impact
  friend bool operator==(const CycleRow&, const CycleRow&) = default;
};

/// Counts of one team or programme (or all).
struct CycleGroup {
  std::string label;              ///< team, programme, or "All"
  std::int64_t audits = 0;        ///< audits checked
  std::int64_t not_graded = 0;    ///< stuck at "graded"
  std::int64_t no_actions = 0;    ///< stuck at "actions raised"
  std::int64_t actions_open = 0;  ///< stuck at "all actions done"
  std::int64_t no_evidence = 0;   ///< stuck at "evidence of impact"
  std::int64_t complete = 0;      ///< cycle complete
  Share complete_share;           ///< complete of audits
  friend bool operator==(const CycleGroup&, const CycleGroup&) = default;
};

/// The cycle check.
struct CycleSummary {
  CycleOptions options;                         ///< the settings used
  std::vector<CycleRow> audits;                 ///< audits dated by the as-of date, in order
  CycleGroup overall;                           ///< labelled "All"
  std::vector<CycleGroup> by_team;              ///< teams in the audits' order
  std::vector<CycleGroup> by_programme;         ///< programmes in the audits' order (if any)
  std::vector<std::string> stuck_not_graded;    ///< audit ids stuck at "graded"
  std::vector<std::string> stuck_no_actions;    ///< audit ids stuck at "actions raised"
  std::vector<std::string> stuck_actions_open;  ///< audit ids stuck at "all actions done"
  std::vector<std::string> stuck_no_evidence;   ///< audit ids stuck at "evidence of impact"
  std::int64_t after_as_of = 0;                 ///< audits dated after the as-of date (left out)
  std::vector<std::string> notes;               ///< caveats, in sentences
  friend bool operator==(const CycleSummary&, const CycleSummary&) = default;
};

/// The cycle of every audit dated on or before `options.as_of`, from `log` (read against
/// `audits`). Cancelled actions and actions raised after the as-of date are ignored; an action
/// is done when completed on or before the as-of date; evidence is the `evidence` field filled
/// in. An audit with a "no action needed" record passes the last three steps. InvalidArgument
/// for a level outside (0, 1).
absl::StatusOr<CycleSummary> audit_cycle(const AuditSet& audits, const ActionLog& log,
                                         const CycleOptions& options);

}  // namespace qaframe
