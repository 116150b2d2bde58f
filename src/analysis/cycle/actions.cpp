#include "qaframe/analysis/cycle/actions.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

std::string_view action_state_name(ActionState state) {
  switch (state) {
    case ActionState::kOpen:
      return "open";
    case ActionState::kOverdue:
      return "overdue";
    case ActionState::kDoneOnTime:
      return "done on time";
    case ActionState::kDoneLate:
      return "done late";
    case ActionState::kDoneNoDue:
      return "done (no due date)";
    case ActionState::kCancelled:
      return "cancelled";
    case ActionState::kNotYetRaised:
      break;
  }
  return "not yet raised";
}

namespace {

// Adds one action to a group's counts (shares are filled in by finish()).
void count(ActionGroup& g, const ActionRow& a) {
  if (a.state == ActionState::kCancelled) {
    ++g.cancelled;
    return;
  }
  if (!is_counted(a.state)) return;
  ++g.actions;
  switch (a.state) {
    case ActionState::kOpen:
      ++g.open;
      break;
    case ActionState::kOverdue:
      ++g.overdue;
      break;
    case ActionState::kDoneOnTime:
      ++g.done_on_time;
      break;
    case ActionState::kDoneLate:
      ++g.done_late;
      break;
    default:
      ++g.done_no_due;
      break;
  }
  g.with_owner.count += a.has_owner;
  g.with_due.count += a.has_due;
  g.with_outcome.count += a.has_outcome;
  g.smart.count += a.smart();
  g.duplicates += a.duplicate_of.empty() ? 0 : 1;
}

void finish(ActionGroup& g, double level) {
  g.done = make_share(g.done_on_time + g.done_late + g.done_no_due, g.actions, level);
  g.overdue_share = make_share(g.overdue, g.actions, level);
  g.on_time = make_share(g.done_on_time, g.done_on_time + g.done_late + g.overdue, level);
  g.with_owner = make_share(g.with_owner.count, g.actions, level);
  g.with_due = make_share(g.with_due.count, g.actions, level);
  g.with_outcome = make_share(g.with_outcome.count, g.actions, level);
  g.smart = make_share(g.smart.count, g.actions, level);
}

absl::StatusOr<CompletionTime> completion(std::string label, const std::vector<ActionRow>& rows,
                                          const std::vector<std::size_t>& which,
                                          const ActionOptions& o) {
  std::vector<double> time;
  std::vector<std::uint8_t> status;
  for (std::size_t i : which) {
    time.push_back(static_cast<double>(rows[i].time));
    status.push_back(rows[i].event ? 1 : 0);
  }
  auto km = stats::kaplan_meier(time, status);
  if (!km.ok()) return km.status();
  auto median = stats::survival_quantile(*km, 0.5, o.level, o.transform);
  if (!median.ok()) return median.status();
  return CompletionTime{std::move(label), *std::move(km), *std::move(median)};
}

}  // namespace

absl::StatusOr<ActionSummary> summarise_actions(const AuditSet& audits, const ActionLog& log,
                                                const ActionOptions& options) {
  if (auto s = stats::detail::check_ci_level(options.level); !s.ok()) return s;
  auto teams = audits.categorical(AuditColumns::kTeam);
  if (!teams.ok()) return teams.status();
  const Categorical& team = **teams;
  ActionSummary out;
  out.options = options;
  out.source = log.source;
  const DayNumber as_of = options.as_of;
  std::int64_t completed_later = 0;
  absl::flat_hash_map<std::uint32_t, bool> no_action;
  std::vector<std::uint32_t> audit_of;  // the audit row of each action kept
  for (const Action& a : log.actions) {
    if (a.audit_row >= audits.size())
      return absl::InvalidArgumentError(absl::StrCat("action ", a.action_id,
                                                     " refers to audit row ", a.audit_row,
                                                     ", but the audits have ", audits.size(),
                                                     ": read the actions against "
                                                     "these audits"));
    if (a.no_action_needed) {
      no_action[a.audit_row] = true;
      continue;
    }
    ActionRow r;
    r.action_id = a.action_id;
    r.audit_id = a.audit_id;
    r.team = std::string(team.value(a.audit_row));
    r.owner = a.owner;
    r.description = a.description;
    r.raised = a.raised;
    r.due = a.due;
    r.has_owner = !a.owner.empty();
    r.has_due = a.due.has_value();
    r.has_outcome = !a.outcome.empty();
    r.has_evidence = !a.evidence.empty();
    const bool done = a.completed && *a.completed <= as_of;
    if (a.completed && !done) ++completed_later;
    if (done) r.completed = a.completed;
    if (a.cancelled) {
      r.state = ActionState::kCancelled;
    } else if (a.raised > as_of) {
      r.state = ActionState::kNotYetRaised;
      ++out.not_yet_raised;
    } else if (done) {
      r.state = !a.due                   ? ActionState::kDoneNoDue
                : *a.completed <= *a.due ? ActionState::kDoneOnTime
                                         : ActionState::kDoneLate;
      if (r.state == ActionState::kDoneLate) r.days_overdue = *a.completed - *a.due;
    } else {
      r.state = a.due && *a.due < as_of ? ActionState::kOverdue : ActionState::kOpen;
      if (r.state == ActionState::kOverdue) r.days_overdue = as_of - *a.due;
    }
    if (is_counted(r.state)) {
      r.event = done;
      const DayNumber end = done ? *a.completed : as_of;
      if (options.working_days) {
        auto w = working_days_between(a.raised, end, options.region);
        if (!w.ok()) return w.status();
        r.time = *w;
      } else {
        r.time = end - a.raised;
      }
    }
    out.actions.push_back(std::move(r));
    audit_of.push_back(a.audit_row);
  }
  out.no_action_audits = static_cast<std::int64_t>(no_action.size());

  // Duplicates among the actions open at the as-of date, first one kept.
  absl::flat_hash_map<std::tuple<std::string, std::string, std::string>, std::size_t> first_open;
  for (std::size_t i = 0; i < out.actions.size(); ++i) {
    ActionRow& r = out.actions[i];
    if (r.state != ActionState::kOpen && r.state != ActionState::kOverdue) continue;
    auto key = std::tuple{r.audit_id, normalise_action_text(r.owner),
                          normalise_action_text(r.description)};
    auto [it, inserted] = first_open.try_emplace(std::move(key), i);
    if (!inserted) r.duplicate_of = out.actions[it->second].action_id;
  }

  // Groups.
  out.overall.label = "All";
  absl::flat_hash_map<std::uint32_t, std::size_t> team_group;  // team code -> group
  absl::flat_hash_map<std::string, std::size_t> owner_group;
  absl::flat_hash_map<std::string, std::size_t> audit_group;
  std::vector<std::vector<std::size_t>> team_members;
  std::vector<std::uint32_t> audit_first_row;
  std::vector<std::size_t> counted;
  for (std::size_t i = 0; i < out.actions.size(); ++i) {
    const ActionRow& r = out.actions[i];
    const std::uint32_t audit_row = audit_of[i];
    count(out.overall, r);
    const std::uint32_t t = team.codes()[audit_row];
    auto [ti, tnew] = team_group.try_emplace(t, out.by_team.size());
    if (tnew) {
      out.by_team.push_back({});
      out.by_team.back().label = r.team;
      team_members.emplace_back();
    }
    count(out.by_team[ti->second], r);
    auto [oi, onew] = owner_group.try_emplace(r.owner, out.by_owner.size());
    if (onew) {
      out.by_owner.push_back({});
      out.by_owner.back().label = r.owner.empty() ? "(no owner)" : r.owner;
    }
    count(out.by_owner[oi->second], r);
    auto [ai, anew] = audit_group.try_emplace(r.audit_id, out.by_audit.size());
    if (anew) {
      out.by_audit.push_back({});
      out.by_audit.back().label = r.audit_id;
      audit_first_row.push_back(audit_row);
    }
    count(out.by_audit[ai->second], r);
    if (is_counted(r.state)) {
      counted.push_back(i);
      team_members[ti->second].push_back(i);
    }
  }
  // Teams in the audits' order of first appearance (their level order), audits in row order.
  std::vector<std::size_t> team_order(out.by_team.size());
  for (std::size_t i = 0; i < team_order.size(); ++i) team_order[i] = i;
  std::vector<std::uint32_t> team_code(out.by_team.size());
  for (const auto& [code, g] : team_group) team_code[g] = code;
  std::sort(team_order.begin(), team_order.end(),
            [&](std::size_t a, std::size_t b) { return team_code[a] < team_code[b]; });
  std::vector<std::size_t> audit_order(out.by_audit.size());
  for (std::size_t i = 0; i < audit_order.size(); ++i) audit_order[i] = i;
  std::sort(audit_order.begin(), audit_order.end(),
            [&](std::size_t a, std::size_t b) { return audit_first_row[a] < audit_first_row[b]; });
  {
    std::vector<ActionGroup> teams_sorted, audits_sorted;
    std::vector<std::vector<std::size_t>> members_sorted;
    for (std::size_t i : team_order) {
      teams_sorted.push_back(std::move(out.by_team[i]));
      members_sorted.push_back(std::move(team_members[i]));
    }
    for (std::size_t i : audit_order) audits_sorted.push_back(std::move(out.by_audit[i]));
    out.by_team = std::move(teams_sorted);
    out.by_audit = std::move(audits_sorted);
    team_members = std::move(members_sorted);
  }
  finish(out.overall, options.level);
  for (auto* groups : {&out.by_team, &out.by_owner, &out.by_audit})
    for (ActionGroup& g : *groups) finish(g, options.level);

  auto all = completion("All", out.actions, counted, options);
  if (!all.ok()) return all.status();
  out.completion = *std::move(all);
  for (std::size_t g = 0; g < out.by_team.size(); ++g) {
    auto c = completion(out.by_team[g].label, out.actions, team_members[g], options);
    if (!c.ok()) return c.status();
    out.completion_by_team.push_back(*std::move(c));
  }

  for (std::size_t i = 0; i < out.actions.size(); ++i)
    if (out.actions[i].state == ActionState::kOverdue) out.overdue.push_back(i);
  std::stable_sort(out.overdue.begin(), out.overdue.end(), [&](std::size_t a, std::size_t b) {
    return out.actions[a].days_overdue > out.actions[b].days_overdue;
  });

  out.ageing = {
      {"under 4 weeks", 0}, {"4-8 weeks", 28}, {"8-12 weeks", 56}, {"12 weeks or more", 84}};
  for (const ActionRow& r : out.actions) {
    if (r.state != ActionState::kOpen && r.state != ActionState::kOverdue) continue;
    const std::int64_t age = as_of - r.raised;
    std::size_t b = out.ageing.size() - 1;
    while (b > 0 && age < out.ageing[b].min_days) --b;
    (r.state == ActionState::kOverdue ? out.ageing[b].overdue : out.ageing[b].open) += 1;
  }

  out.notes.push_back(absl::StrCat(
      "Times to completion are in ", options.working_days ? "working" : "calendar",
      " days from the day an action was raised (0 for one done the same day); actions not "
      "done by ",
      format_date(as_of), " count as censored at that date (Kaplan-Meier)."));
  if (completed_later > 0)
    out.notes.push_back(absl::StrCat(
        completed_later, completed_later == 1 ? " action was" : " actions were",
        " completed after ", format_date(as_of), " and count as not done at that date."));
  if (out.not_yet_raised > 0)
    out.notes.push_back(
        absl::StrCat(out.not_yet_raised, out.not_yet_raised == 1 ? " action was" : " actions were",
                     " raised after ", format_date(as_of), " and are not counted."));
  if (!out.completion.median.note.empty())
    out.notes.push_back(
        absl::StrCat("Median time to completion: ", out.completion.median.note, "."));
  return out;
}

}  // namespace qaframe
