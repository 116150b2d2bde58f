#include "qaframe/analysis/cycle/escalation.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe {

std::string_view escalation_state_name(EscalationState state) {
  switch (state) {
    case EscalationState::kOnTime:
      return "on time";
    case EscalationState::kLate:
      return "late";
    case EscalationState::kPending:
      return "pending";
    case EscalationState::kMissing:
      break;
  }
  return "missing";
}

namespace {

void count(EscalationGroup& g, EscalationState s) {
  ++g.inadequate;
  switch (s) {
    case EscalationState::kOnTime:
      ++g.on_time;
      break;
    case EscalationState::kLate:
      ++g.late;
      break;
    case EscalationState::kPending:
      ++g.pending;
      break;
    case EscalationState::kMissing:
      ++g.missing;
      break;
  }
}

}  // namespace

absl::StatusOr<EscalationSummary> check_escalation(const AuditSet& audits, const EscalationLog& log,
                                                   const EscalationOptions& options) {
  if (options.working_days < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("working_days must be 0 or more, got ", options.working_days));
  auto teams = audits.categorical(AuditColumns::kTeam);
  if (!teams.ok()) return teams.status();
  const Categorical& team = **teams;
  EscalationSummary out;
  out.options = options;
  out.source = log.source;
  out.level = audits.scale().labels().front();
  out.overall.label = "All";
  std::vector<std::optional<DayNumber>> escalated(audits.size());
  for (const EscalationRecord& r : log.records) {
    if (r.audit_row >= audits.size())
      return absl::InvalidArgumentError(
          absl::StrCat("escalation of audit ", r.audit_id, " refers to audit row ", r.audit_row,
                       ", but the audits have ", audits.size(), ": read it against these audits"));
    if (!options.as_of || r.escalated <= *options.as_of) escalated[r.audit_row] = r.escalated;
  }
  const auto grades = audits.final_grades();
  absl::flat_hash_map<std::uint32_t, std::size_t> team_group;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (grades[i] != 0) {
      if (escalated[i]) out.not_at_level.emplace_back(audits.audit_id_unchecked(i));
      continue;
    }
    EscalationRow row;
    row.audit_id = std::string(audits.audit_id_unchecked(i));
    row.team = std::string(team.value(i));
    row.audit_date = audits.dates()[i];
    auto deadline = add_working_days(row.audit_date, options.working_days, options.region);
    if (!deadline.ok()) return deadline.status();
    row.deadline = *deadline;
    row.escalated = escalated[i];
    if (row.escalated) {
      auto taken = working_days_between(row.audit_date, *row.escalated, options.region);
      if (!taken.ok()) return taken.status();
      row.days_taken = *taken;
      row.state =
          *row.escalated <= row.deadline ? EscalationState::kOnTime : EscalationState::kLate;
    } else {
      row.state = options.as_of && *options.as_of <= row.deadline ? EscalationState::kPending
                                                                  : EscalationState::kMissing;
    }
    if (row.state == EscalationState::kLate) out.late.push_back(row.audit_id);
    if (row.state == EscalationState::kMissing) out.missing.push_back(row.audit_id);
    count(out.overall, row.state);
    const std::uint32_t code = team.codes()[i];
    auto [it, inserted] = team_group.try_emplace(code, out.by_team.size());
    if (inserted) {
      out.by_team.push_back({});
      out.by_team.back().label = row.team;
    }
    count(out.by_team[it->second], row.state);
    out.audits.push_back(std::move(row));
  }
  out.overall.on_time_share =
      make_share(out.overall.on_time, out.overall.inadequate - out.overall.pending);
  for (EscalationGroup& g : out.by_team)
    g.on_time_share = make_share(g.on_time, g.inadequate - g.pending);
  out.notes.push_back(
      absl::StrCat("An ", out.level,
                   " audit (final grade, moderated where moderated) is on time when "
                   "escalated within ",
                   options.working_days, " working day", options.working_days == 1 ? "" : "s",
                   " of its audit date (weekends and ", sv(region_name(options.region)),
                   " bank holidays not "
                   "counted)."));
  if (!out.not_at_level.empty())
    out.notes.push_back(absl::StrCat(
        out.not_at_level.size(), out.not_at_level.size() == 1 ? " audit was" : " audits were",
        " escalated although the final grade is not ", out.level, " (listed, not counted)."));
  return out;
}

}  // namespace qaframe
