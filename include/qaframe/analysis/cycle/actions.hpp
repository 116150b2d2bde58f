#pragma once
/// @file actions.hpp
/// Follow-up of the actions arising from audits, at an as-of date: each action's state (open,
/// overdue, done on time, done late), counts and shares by team, owner and audit, the time to
/// completion (Kaplan-Meier, open actions censored at the as-of date) with its median and the
/// Brookmeyer-Crowley interval, SMART completeness, and duplicated open actions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/cycle/share.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/model/calendar.hpp"
#include "qaframe/stats/inference/survival.hpp"

namespace qaframe {

/// Where an action stands at the as-of date.
enum class ActionState : std::uint8_t {
  kOpen,          ///< not done, and not past its due date (or it has none)
  kOverdue,       ///< not done, and its due date is before the as-of date
  kDoneOnTime,    ///< done on or before its due date
  kDoneLate,      ///< done after its due date
  kDoneNoDue,     ///< done; no due date was set
  kCancelled,     ///< cancelled or withdrawn: not counted
  kNotYetRaised,  ///< raised after the as-of date: not counted
};

/// "open", "overdue", "done on time", "done late", "done (no due date)", "cancelled",
/// "not yet raised".
std::string_view action_state_name(ActionState state);

/// True for the three done states.
inline bool is_done(ActionState s) {
  return s == ActionState::kDoneOnTime || s == ActionState::kDoneLate ||
         s == ActionState::kDoneNoDue;
}
/// True for the states that are counted (neither cancelled nor raised after the as-of date).
inline bool is_counted(ActionState s) {
  return s != ActionState::kCancelled && s != ActionState::kNotYetRaised;
}

/// Options of the follow-up analysis.
struct ActionOptions {
  DayNumber as_of = 0;  ///< the date at which actions are judged (required)
  double level = 0.95;  ///< confidence level of shares and of the median's interval
  /// The transform of the median's interval (statsmodels' default, log(−log)).
  stats::QuantileTransform transform = stats::QuantileTransform::kCloglog;
  /// Measure times to completion in working days (weekends and bank holidays of `region` left
  /// out) rather than calendar days; due dates are judged by date either way.
  bool working_days = false;
  Region region = Region::kEnglandAndWales;  ///< bank holidays for working days
  friend bool operator==(const ActionOptions&, const ActionOptions&) = default;
};

/// One action at the as-of date.
struct ActionRow {
  std::string action_id;                   ///< the action
  std::string audit_id;                    ///< its audit
  std::string team;                        ///< the audit's team
  std::string owner;                       ///< the owner ("" when none)
  std::string description;                 ///< what is to be done
  ActionState state = ActionState::kOpen;  ///< at the as-of date
  DayNumber raised = 0;                    ///< date raised
  std::optional<DayNumber> due;            ///< due date, when set
  std::optional<DayNumber> completed;      ///< completion date, when on or before the as-of date
  /// Days (calendar or working) from raised to completed, or to the as-of date when not done.
  std::int64_t time = 0;
  bool event = false;  ///< done by the as-of date (false: `time` is censored)
  /// Days past the due date: as-of date − due when overdue, completed − due when done late.
  std::int64_t days_overdue = 0;
  bool has_owner = false;     ///< SMART: a named owner
  bool has_due = false;       ///< SMART: time-bound (a due date)
  bool has_outcome = false;   ///< SMART: a measurable outcome stated
  bool has_evidence = false;  ///< evidence of impact recorded
  std::string duplicate_of;   ///< the earlier open action this one repeats ("" when none)
  /// All three SMART elements present.
  bool smart() const { return has_owner && has_due && has_outcome; }
  friend bool operator==(const ActionRow&, const ActionRow&) = default;
};

/// Counts and shares of the actions of one team, owner or audit (or of all).
struct ActionGroup {
  std::string label;              ///< team, owner, audit id, or "All"
  std::int64_t actions = 0;       ///< counted actions (not cancelled, raised by the as-of date)
  std::int64_t open = 0;          ///< not done, not overdue
  std::int64_t overdue = 0;       ///< not done, past due
  std::int64_t done_on_time = 0;  ///< done by the due date
  std::int64_t done_late = 0;     ///< done after the due date
  std::int64_t done_no_due = 0;   ///< done, no due date
  std::int64_t cancelled = 0;     ///< cancelled or withdrawn (not in `actions`)
  std::int64_t duplicates = 0;    ///< open actions repeating an earlier open one
  Share done;                     ///< done of actions
  Share overdue_share;            ///< overdue of actions
  /// Done within the due time, of the actions whose timeliness is known at the as-of date:
  /// done on time / (done on time + done late + overdue). Open actions not yet due, and actions
  /// without a due date, are left out.
  Share on_time;
  Share with_owner;    ///< SMART: actions with a named owner
  Share with_due;      ///< SMART: actions with a due date
  Share with_outcome;  ///< SMART: actions with a measurable outcome stated
  Share smart;         ///< SMART: actions with all three
  friend bool operator==(const ActionGroup&, const ActionGroup&) = default;
};

/// The time to completion of a group of actions.
struct CompletionTime {
  std::string label;               ///< "All" or a team
  stats::KaplanMeier km;           ///< the Kaplan-Meier estimate (open actions censored)
  stats::SurvivalQuantile median;  ///< median time with the Brookmeyer-Crowley interval
  friend bool operator==(const CompletionTime&, const CompletionTime&) = default;
};

/// Open actions by how long they have been open at the as-of date.
struct AgeBand {
  std::string label;          ///< "under 4 weeks", "4-8 weeks", "8-12 weeks", "12 weeks or more"
  std::int64_t min_days = 0;  ///< first age in the band (calendar days)
  std::int64_t open = 0;      ///< open, not overdue
  std::int64_t overdue = 0;   ///< overdue
  friend bool operator==(const AgeBand&, const AgeBand&) = default;
};

/// Follow-up of the actions at the as-of date.
struct ActionSummary {
  ActionOptions options;              ///< the settings used
  std::string source;                 ///< where the actions came from
  std::vector<ActionRow> actions;     ///< every action (not the "no action needed" records)
  ActionGroup overall;                ///< all counted actions, labelled "All"
  std::vector<ActionGroup> by_team;   ///< teams in the audits' order of first appearance
  std::vector<ActionGroup> by_owner;  ///< owners in order of first appearance
  std::vector<ActionGroup> by_audit;  ///< audits with actions, in the audits' order
  CompletionTime completion;          ///< all counted actions
  std::vector<CompletionTime> completion_by_team;  ///< as by_team
  std::vector<std::size_t> overdue;   ///< indices into `actions`, longest overdue first
  std::vector<AgeBand> ageing;        ///< open actions by age
  std::int64_t no_action_audits = 0;  ///< audits recorded as needing no action
  std::int64_t not_yet_raised = 0;    ///< actions raised after the as-of date (not counted)
  std::vector<std::string> notes;     ///< caveats, in sentences
  friend bool operator==(const ActionSummary&, const ActionSummary&) = default;
};

/// The follow-up of `log` (read against `audits`) at `options.as_of`.
///
/// State: cancelled, or raised after the as-of date (not counted); done when completed on or
/// before the as-of date (on time when completed ≤ due); otherwise overdue when due < as-of,
/// open when not. Time to completion: completed − raised for done actions (0 for an action done
/// the day it was raised), as-of − raised censored for the rest, estimated by Kaplan-Meier
/// (stats::kaplan_meier) with the median and its Brookmeyer-Crowley interval
/// (stats::survival_quantile, as statsmodels' SurvfuncRight). Shares carry Wilson intervals.
/// Duplicates: an action open at the as-of date whose audit, owner and description equal an
/// earlier open action's after normalise_action_text (case, white space and punctuation
/// ignored) is flagged with the first one's id. InvalidArgument for a level outside (0, 1);
/// OutOfRange when working days are asked for dates outside 2010-2035.
absl::StatusOr<ActionSummary> summarise_actions(const AuditSet& audits, const ActionLog& log,
                                                const ActionOptions& options);

}  // namespace qaframe
