#pragma once
/// @file escalation.hpp
/// Escalation of Inadequate audits: every audit whose final grade (moderated where moderated)
/// is the worst level of the scale (Inadequate on the Ofsted scale) should be reported to the
/// Service Manager and Assistant Director within N working days of its audit date (default 1),
/// counting weekends and bank holidays out. Late and missing escalations are listed by audit id,
/// never by child.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/analysis/cycle/share.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/model/calendar.hpp"

namespace qaframe {

/// Where an Inadequate audit's escalation stands.
enum class EscalationState : std::uint8_t {
  kOnTime,   ///< escalated within the working days allowed
  kLate,     ///< escalated, but later
  kMissing,  ///< not escalated, and the time allowed has passed
  kPending,  ///< not escalated yet, and the time allowed has not passed at the as-of date
};

/// "on time", "late", "missing" or "pending".
std::string_view escalation_state_name(EscalationState state);

/// Options of the escalation check.
struct EscalationOptions {
  std::int64_t working_days = 1;             ///< working days allowed after the audit date
  Region region = Region::kEnglandAndWales;  ///< whose bank holidays
  /// The date of the check: escalations after it are not yet made, and an audit whose time has
  /// not run out by it is pending. Without it every unescalated audit is missing.
  std::optional<DayNumber> as_of;
  friend bool operator==(const EscalationOptions&, const EscalationOptions&) = default;
};

/// One Inadequate audit.
struct EscalationRow {
  std::string audit_id;                    ///< the audit
  std::string team;                        ///< its team
  DayNumber audit_date = 0;                ///< date audited
  DayNumber deadline = 0;                  ///< the last day on time (audit date + N working days)
  std::optional<DayNumber> escalated;      ///< when escalated (by the as-of date)
  std::optional<std::int64_t> days_taken;  ///< working days from audit date to escalation
  EscalationState state = EscalationState::kMissing;  ///< on time, late, missing, pending
  friend bool operator==(const EscalationRow&, const EscalationRow&) = default;
};

/// Counts of one team (or all).
struct EscalationGroup {
  std::string label;            ///< team, or "All"
  std::int64_t inadequate = 0;  ///< Inadequate audits
  std::int64_t on_time = 0;     ///< escalated in time
  std::int64_t late = 0;        ///< escalated late
  std::int64_t missing = 0;     ///< not escalated
  std::int64_t pending = 0;     ///< time not yet run out
  /// On time of those whose time has run out or that were escalated (inadequate − pending).
  Share on_time_share;
  friend bool operator==(const EscalationGroup&, const EscalationGroup&) = default;
};

/// The escalation check.
struct EscalationSummary {
  EscalationOptions options;             ///< the settings used
  std::string source;                    ///< where the escalations came from
  std::string level;                     ///< the grade escalated ("Inadequate")
  EscalationGroup overall;               ///< all Inadequate audits, labelled "All"
  std::vector<EscalationGroup> by_team;  ///< teams with an Inadequate audit, in audit order
  std::vector<EscalationRow> audits;     ///< every Inadequate audit, in the audits' order
  std::vector<std::string> late;         ///< audit ids escalated late
  std::vector<std::string> missing;      ///< audit ids not escalated
  /// Audits escalated whose final grade is not the escalated level (moderated up, say).
  std::vector<std::string> not_at_level;
  std::vector<std::string> notes;  ///< caveats, in sentences
  friend bool operator==(const EscalationSummary&, const EscalationSummary&) = default;
};

/// The escalation check of `audits` against `log` (read against the same audits).
/// Deadline: add_working_days(audit date, N); on time when escalated ≤ deadline (an audit on a
/// Friday escalated on Monday is 1 working day). Shares carry Wilson intervals.
/// InvalidArgument for a negative N; OutOfRange for dates outside 2010-2035 (the shipped bank
/// holidays).
absl::StatusOr<EscalationSummary> check_escalation(const AuditSet& audits, const EscalationLog& log,
                                                   const EscalationOptions& options = {});

}  // namespace qaframe
