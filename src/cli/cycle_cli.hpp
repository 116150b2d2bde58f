#pragma once
// The audit-cycle part of `qaframe report`, `actions`, `programme` and `sample` (internal): reads
// the actions, escalations, teams and caseload files named on the command line and runs the
// analyses; report/ renders them.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/readers/cycle/teams.hpp"

namespace qaframe::detail {

/// The audit-cycle files and settings of a command.
struct CycleArgs {
  std::optional<std::string> actions;         ///< --actions FILE
  std::optional<std::string> escalations;     ///< --escalations FILE (else the audits' column)
  std::optional<std::string> teams;           ///< --teams FILE (expected audits per month)
  std::optional<std::string> caseload;        ///< --caseload FILE (sample)
  std::optional<std::string> working_days;    ///< --working-days N (escalation, default 1)
  std::optional<std::string> region;          ///< --region R (bank holidays)
  std::optional<std::string> seed;            ///< --seed N (sample)
  std::optional<std::string> per_team;        ///< --per-team K (sample, without --teams)
  std::optional<std::string> exclude_months;  ///< --exclude-months N (sample, default 6)
  std::optional<std::string> worklist;        ///< --worklist FILE (sample: the one file with ids)
  /// True when a file of the audit cycle was named.
  bool any() const { return actions || escalations || teams; }
};

/// What the audit-cycle analyses give.
struct CycleRun {
  std::optional<ActionSummary> actions;
  std::optional<CycleSummary> cycle;
  std::optional<EscalationSummary> escalation;
  std::optional<ProgrammeSummary> programme;
  std::optional<ImpactSummary> impact;
};

/// Reads every file named (all of them, so that every problem is listed at once) and runs the
/// analyses at `as_of`: actions and the cycle (--actions), escalation (--escalations, or the
/// audits' escalated column when they have one), the programme (--teams), and the evidence of
/// impact (always; with the actions when given). Bad data is InvalidArgument with every problem
/// in `diag`; a bad option is FailedPrecondition.
absl::StatusOr<CycleRun> run_cycle(const AuditSet& audits, const CycleArgs& args, DayNumber as_of,
                                   Diagnostics& diag);

/// The sample for next month's audits (`qaframe sample`): the caseload read, the worklist
/// written to args.worklist (the one output with child identifiers).
absl::StatusOr<CaseSample> run_sample(const AuditSet& audits, const CycleArgs& args,
                                      DayNumber as_of, Diagnostics& diag);

}  // namespace qaframe::detail
