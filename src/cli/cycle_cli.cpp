#include "cli/cycle_cli.hpp"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/escalations.hpp"

namespace qaframe::detail {
namespace {

absl::StatusOr<std::int64_t> count_option(const std::optional<std::string>& value,
                                          std::string_view name, std::int64_t fallback,
                                          std::int64_t min) {
  if (!value) return fallback;
  std::int64_t n = 0;
  if (!absl::SimpleAtoi(*value, &n) || n < min)
    return absl::FailedPreconditionError(
        absl::StrCat(sv(name), " takes a whole number of at least ", min, ", not '", *value, "'"));
  return n;
}

absl::StatusOr<Region> region_option(const CycleArgs& args) {
  if (!args.region) return Region::kEnglandAndWales;
  auto r = parse_region(*args.region);
  if (!r.ok())
    return absl::FailedPreconditionError(absl::StrCat("--region: ", r.status().message()));
  return r;
}

}  // namespace

absl::StatusOr<CycleRun> run_cycle(const AuditSet& audits, const CycleArgs& args, DayNumber as_of,
                                   Diagnostics& diag) {
  auto days = count_option(args.working_days, "--working-days", 1, 0);
  if (!days.ok()) return days.status();
  auto region = region_option(args);
  if (!region.ok()) return region.status();
  // Every file first, so that the problems of all of them are listed at once.
  std::optional<ActionLog> actions;
  std::optional<EscalationLog> escalations;
  std::optional<Teams> teams;
  absl::Status first_failure;
  auto keep = [&](const absl::Status& s) {
    if (!s.ok() && first_failure.ok()) first_failure = s;
  };
  if (args.actions) {
    auto r = read_actions_csv(*args.actions, audits, {}, &diag);
    if (r.ok()) actions = *std::move(r);
    keep(r.status());
  }
  if (args.escalations) {
    auto r = read_escalations_csv(*args.escalations, audits, &diag);
    if (r.ok()) escalations = *std::move(r);
    keep(r.status());
  } else if (audits.has_column(EscalationColumns::kEscalated)) {
    auto r = escalations_from_audits(audits, EscalationColumns::kEscalated, "audits", &diag);
    if (r.ok()) escalations = *std::move(r);
    keep(r.status());
  }
  if (args.teams) {
    auto r = read_teams_csv(*args.teams, &diag);
    if (r.ok()) teams = *std::move(r);
    keep(r.status());
  }
  if (!diag.ok()) return diag.to_status();
  if (!first_failure.ok()) return first_failure;
  CycleRun run;
  if (actions) {
    ActionOptions o;
    o.as_of = as_of;
    o.region = *region;
    auto a = summarise_actions(audits, *actions, o);
    if (!a.ok()) return a.status();
    run.actions = *std::move(a);
    CycleOptions c;
    c.as_of = as_of;
    auto cy = audit_cycle(audits, *actions, c);
    if (!cy.ok()) return cy.status();
    run.cycle = *std::move(cy);
  }
  if (escalations) {
    EscalationOptions o;
    o.working_days = *days;
    o.region = *region;
    o.as_of = as_of;
    auto e = check_escalation(audits, *escalations, o);
    if (!e.ok()) return e.status();
    run.escalation = *std::move(e);
  }
  if (teams) {
    ProgrammeOptions o;
    o.as_of = as_of;
    auto p = programme_compliance(audits, *teams, o);
    if (!p.ok()) return p.status();
    run.programme = *std::move(p);
  }
  auto impact = evidence_of_impact(audits, actions ? &*actions : nullptr);
  if (!impact.ok()) return impact.status();
  run.impact = *std::move(impact);
  return run;
}

absl::StatusOr<CaseSample> run_sample(const AuditSet& audits, const CycleArgs& args,
                                      DayNumber as_of, Diagnostics& diag) {
  if (!args.caseload) return absl::FailedPreconditionError("sample needs --caseload FILE");
  if (!args.seed)
    return absl::FailedPreconditionError(
        "sample needs --seed N (stated, so that the sample can be drawn again and checked)");
  if (!args.worklist)
    return absl::FailedPreconditionError(
        "sample needs --worklist FILE: the children chosen are written there, never printed");
  std::uint64_t seed = 0;
  if (!absl::SimpleAtoi(*args.seed, &seed))
    return absl::FailedPreconditionError(
        absl::StrCat("--seed takes a whole number, not '", *args.seed, "'"));
  auto per_team = count_option(args.per_team, "--per-team", 2, 0);
  if (!per_team.ok()) return per_team.status();
  auto exclude = count_option(args.exclude_months, "--exclude-months", 6, 0);
  if (!exclude.ok()) return exclude.status();
  std::optional<Teams> teams;
  absl::Status first_failure;
  auto caseload = read_caseload_csv(*args.caseload, &diag);
  if (!caseload.ok()) first_failure = caseload.status();
  if (args.teams) {
    auto t = read_teams_csv(*args.teams, &diag);
    if (t.ok()) {
      teams = *std::move(t);
    } else if (first_failure.ok()) {
      first_failure = t.status();
    }
  }
  if (!diag.ok()) return diag.to_status();
  if (!first_failure.ok()) return first_failure;
  SampleOptions o;
  o.seed = seed;
  o.as_of = as_of;
  o.exclude_months = *exclude;
  o.per_team = *per_team;
  o.teams = teams ? &*teams : nullptr;
  return sample_cases(*caseload, audits, o);
}

}  // namespace qaframe::detail
