#include "qaframe/analysis/cycle/audit_cycle.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

std::string_view cycle_stage_name(CycleStage stage) {
  switch (stage) {
    case CycleStage::kNotGraded:
      return "not graded";
    case CycleStage::kNoActions:
      return "no actions recorded";
    case CycleStage::kActionsOpen:
      return "actions not done";
    case CycleStage::kNoEvidence:
      return "no evidence of impact";
    case CycleStage::kComplete:
      break;
  }
  return "complete";
}

namespace {

void count(CycleGroup& g, CycleStage s) {
  ++g.audits;
  switch (s) {
    case CycleStage::kNotGraded:
      ++g.not_graded;
      break;
    case CycleStage::kNoActions:
      ++g.no_actions;
      break;
    case CycleStage::kActionsOpen:
      ++g.actions_open;
      break;
    case CycleStage::kNoEvidence:
      ++g.no_evidence;
      break;
    case CycleStage::kComplete:
      ++g.complete;
      break;
  }
}

// Groups by a categorical column, in level order (the audits' order of first appearance).
std::vector<CycleGroup> grouped(const Categorical& column, const std::vector<std::size_t>& rows,
                                const std::vector<CycleRow>& cycle, double level) {
  std::vector<CycleGroup> by_code(column.levels().size());
  std::vector<bool> used(by_code.size(), false);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::uint32_t code = column.codes()[rows[k]];
    used[code] = true;
    by_code[code].label = std::string(column.levels()[code]);
    count(by_code[code], cycle[k].stage);
  }
  std::vector<CycleGroup> out;
  for (std::size_t c = 0; c < by_code.size(); ++c) {
    if (!used[c]) continue;
    by_code[c].complete_share = make_share(by_code[c].complete, by_code[c].audits, level);
    out.push_back(std::move(by_code[c]));
  }
  return out;
}

}  // namespace

absl::StatusOr<CycleSummary> audit_cycle(const AuditSet& audits, const ActionLog& log,
                                         const CycleOptions& options) {
  if (auto s = stats::detail::check_ci_level(options.level); !s.ok()) return s;
  auto teams = audits.categorical(AuditColumns::kTeam);
  if (!teams.ok()) return teams.status();
  auto programmes = audits.categorical(AuditColumns::kProgramme);
  CycleSummary out;
  out.options = options;
  out.overall.label = "All";
  struct Tally {
    std::int64_t actions = 0, done = 0, evidence = 0;
    bool none = false;
  };
  std::vector<Tally> tally(audits.size());
  for (const Action& a : log.actions) {
    if (a.audit_row >= audits.size())
      return absl::InvalidArgumentError(absl::StrCat(
          "action ", a.action_id, " refers to audit row ", a.audit_row, ", but the audits have ",
          audits.size(), ": read the actions against these audits"));
    Tally& t = tally[a.audit_row];
    if (a.no_action_needed) {
      t.none = true;
      continue;
    }
    if (a.cancelled || a.raised > options.as_of) continue;
    ++t.actions;
    if (a.completed && *a.completed <= options.as_of) {
      ++t.done;
      if (!a.evidence.empty()) ++t.evidence;
    }
  }
  const auto grades = audits.final_grades();
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < audits.size(); ++i) {
    if (audits.dates()[i] > options.as_of) {
      ++out.after_as_of;
      continue;
    }
    const Tally& t = tally[i];
    CycleRow r;
    r.audit_id = std::string(audits.audit_id_unchecked(i));
    r.team = std::string((*teams)->value(i));
    if (programmes.ok()) r.programme = std::string((*programmes)->value(i));
    r.audit_date = audits.dates()[i];
    r.no_action_needed = t.none;
    r.actions = t.actions;
    r.done = t.done;
    r.with_evidence = t.evidence;
    if (options.require_grade && grades[i] >= audits.scale().size()) {
      r.stage = CycleStage::kNotGraded;
      out.stuck_not_graded.push_back(r.audit_id);
    } else if (t.none) {
      r.stage = CycleStage::kComplete;
    } else if (t.actions == 0) {
      r.stage = CycleStage::kNoActions;
      out.stuck_no_actions.push_back(r.audit_id);
    } else if (t.done < t.actions) {
      r.stage = CycleStage::kActionsOpen;
      out.stuck_actions_open.push_back(r.audit_id);
    } else if (t.evidence < t.done) {
      r.stage = CycleStage::kNoEvidence;
      out.stuck_no_evidence.push_back(r.audit_id);
    } else {
      r.stage = CycleStage::kComplete;
    }
    count(out.overall, r.stage);
    rows.push_back(i);
    out.audits.push_back(std::move(r));
  }
  out.overall.complete_share = make_share(out.overall.complete, out.overall.audits, options.level);
  out.by_team = grouped(**teams, rows, out.audits, options.level);
  if (programmes.ok()) out.by_programme = grouped(**programmes, rows, out.audits, options.level);
  out.notes.push_back(absl::StrCat(
      "The cycle of an audit is complete when actions were raised (or no action needed was "
      "recorded), all were done by ",
      format_date(options.as_of), ", and each done action has evidence of impact recorded",
      options.require_grade ? "; an audit graded N/A is stuck at the first step." : "."));
  if (out.after_as_of > 0)
    out.notes.push_back(
        absl::StrCat(out.after_as_of, out.after_as_of == 1 ? " audit is" : " audits are",
                     " dated after ", format_date(options.as_of), " and left out."));
  if (!programmes.ok())
    out.notes.push_back("The audits have no programme column: no breakdown by programme.");
  return out;
}

}  // namespace qaframe
