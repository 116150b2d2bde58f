#include "qaframe/analysis/cycle/impact.hpp"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

void add(GradeChange& c, Grade first, Grade next) {
  ++c.pairs;
  if (next > first)
    ++c.improved;
  else if (next < first)
    ++c.worsened;
  else
    ++c.unchanged;
}

std::string p_text(double p) {
  if (p < 0.001) return "p < 0.001";
  return absl::StrFormat("p = %.3f", p);
}

void finish(GradeChange& c, std::string label, std::string_view one, std::string_view many) {
  c.label = std::move(label);
  c.test = *stats::sign_test(c.improved, c.worsened, c.unchanged);  // counts are never negative
  if (c.pairs == 0) {
    c.statement =
        absl::StrCat("No ", sv(one), " was followed by a graded audit of the same child.");
    return;
  }
  c.statement = absl::StrCat(
      "Of ", c.pairs, " ", sv(c.pairs == 1 ? one : many),
      " followed by a graded audit of the same child, the next grade was higher in ", c.improved,
      ", the same in ", c.unchanged, " and lower in ", c.worsened,
      c.improved + c.worsened > 0
          ? absl::StrCat(" (exact sign test of higher against lower, ", p_text(c.test.pvalue), ")")
          : std::string(),
      ". This describes change between audits; it does not show what caused it.");
}

}  // namespace

absl::StatusOr<ImpactSummary> evidence_of_impact(const AuditSet& audits, const ActionLog* actions) {
  auto children = audits.categorical(AuditColumns::kChildId);
  if (!children.ok()) return children.status();
  const Categorical& child = **children;
  const std::size_t k = audits.scale().size();
  ImpactSummary out;
  out.levels = audits.scale().labels();
  out.transitions.assign(k, std::vector<std::int64_t>(k, 0));
  out.has_actions = actions != nullptr;
  std::vector<bool> raised(audits.size(), false);
  if (actions != nullptr) {
    for (const Action& a : actions->actions) {
      if (a.audit_row >= audits.size())
        return absl::InvalidArgumentError(absl::StrCat(
            "action ", a.action_id, " refers to audit row ", a.audit_row, ", but the audits have ",
            audits.size(), ": read the actions against these audits"));
      if (!a.no_action_needed && !a.cancelled) raised[a.audit_row] = true;
    }
  }
  // Audits ordered by child, then date, then row: each child's audits are a consecutive run.
  std::vector<std::uint32_t> order(audits.size());
  std::iota(order.begin(), order.end(), 0u);
  const auto& codes = child.codes();
  const auto dates = audits.dates();
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (codes[a] != codes[b]) return codes[a] < codes[b];
    if (dates[a] != dates[b]) return dates[a] < dates[b];
    return a < b;
  });
  const auto grades = audits.final_grades();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool new_child = i == 0 || codes[order[i]] != codes[order[i - 1]];
    if (new_child) {
      ++out.children;
      if (i + 1 < order.size() && codes[order[i + 1]] == codes[order[i]]) ++out.children_reaudited;
      continue;
    }
    const std::uint32_t a = order[i - 1], b = order[i];
    ++out.pairs_total;
    if (dates[a] == dates[b]) ++out.same_day_pairs;
    if (grades[a] >= k || grades[b] >= k) {
      ++out.pairs_not_graded;
      continue;
    }
    add(out.overall, grades[a], grades[b]);
    add(raised[a] ? out.with_actions : out.without_actions, grades[a], grades[b]);
    ++out.transitions[grades[a]][grades[b]];
  }
  finish(out.overall, "All pairs", "audit", "audits");
  finish(out.with_actions, "After audits that raised actions", "audit that raised actions",
         "audits that raised actions");
  finish(out.without_actions, "After audits that raised none", "audit that raised no action",
         "audits that raised no action");
  if (actions == nullptr) {
    out.with_actions = GradeChange{};
    out.without_actions = GradeChange{};
    out.with_actions.label = "After audits that raised actions";
    out.without_actions.label = "After audits that raised none";
    out.notes.push_back("No actions were given: pairs are not split by actions raised.");
  }
  out.notes.push_back(absl::StrCat(
      out.children_reaudited, " of ", out.children, out.children == 1 ? " child" : " children",
      out.children_reaudited == 1 ? " was" : " were", " audited more than once, giving ",
      out.pairs_total, out.pairs_total == 1 ? " pair" : " pairs",
      " of an audit and the child's next; ", out.pairs_not_graded,
      out.pairs_not_graded == 1 ? " pair with N/A at either audit is left out."
                                : " pairs with N/A at either audit are left out."));
  if (out.same_day_pairs > 0)
    out.notes.push_back(absl::StrCat(out.same_day_pairs,
                                     " pairs are two audits of a child on the same day, ordered "
                                     "as they appear in the audits."));
  out.notes.push_back(
      "Grades can change for many reasons (a different auditor, a different stage of the case, "
      "regression to the mean after a low grade): a change is not evidence that an action caused "
      "it.");
  return out;
}

}  // namespace qaframe
