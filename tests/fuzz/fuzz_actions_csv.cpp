// The actions reader (parse_actions_csv, against a fixed set of audits) on any bytes: either the
// load fails as a whole with problems that each name the file, a line and a reason; or every
// action refers to one of the audits, is raised on or after its audit and before its due and
// completed dates, and the follow-up, cycle and impact analyses of it succeed with a
// Kaplan-Meier curve that starts below 1, never rises and stays in [0, 1].
#include <string>

#include "fuzz_target.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/readers/cycle/actions.hpp"

QAFRAME_FUZZ_TARGET(actions_csv) {
  static const qaframe::AuditSet audits = *qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade\n"
      "A1,C1,Alpha,General,Core,2017-12-22,X,Inadequate\n"
      "A2,C2,Beta,General,Core,2018-01-12,X,Good\n"
      "A3,C1,Alpha,General,Practice Review Week,2018-03-01,X,\n",
      "audits.csv");
  qaframe::Diagnostics diag;
  auto log = qaframe::parse_actions_csv(data, "fuzz.csv", audits, {}, &diag);
  if (!log.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(log.status()));
    QAFRAME_FUZZ_CHECK(!diag.problems().empty());
    for (const qaframe::DataProblem& p : diag.problems()) {
      QAFRAME_FUZZ_CHECK(p.source == "fuzz.csv");
      QAFRAME_FUZZ_CHECK(!p.reason.empty());
      QAFRAME_FUZZ_CHECK(p.line >= 1);
    }
    return;
  }
  QAFRAME_FUZZ_CHECK(diag.ok());
  for (const qaframe::Action& a : log->actions) {
    QAFRAME_FUZZ_CHECK(a.audit_row < audits.size());
    QAFRAME_FUZZ_CHECK(a.raised >= audits.dates()[a.audit_row]);
    QAFRAME_FUZZ_CHECK(!a.due || *a.due >= a.raised);
    QAFRAME_FUZZ_CHECK(!a.completed || *a.completed >= a.raised);
    QAFRAME_FUZZ_CHECK(a.no_action_needed || !a.owner.empty());
  }
  qaframe::ActionOptions o;
  o.as_of = *qaframe::parse_date("2018-04-30");
  auto s = qaframe::summarise_actions(audits, *log, o);
  QAFRAME_FUZZ_CHECK(s.ok());
  double previous = 1.0;
  for (const auto& row : s->completion.km.table) {
    QAFRAME_FUZZ_CHECK(row.survival >= 0.0 && row.survival < 1.0);
    QAFRAME_FUZZ_CHECK(row.survival <= previous);
    previous = row.survival;
  }
  const auto& all = s->overall;
  QAFRAME_FUZZ_CHECK(all.open + all.overdue + all.done_on_time + all.done_late + all.done_no_due ==
                     all.actions);
  QAFRAME_FUZZ_CHECK(s->completion.km.n == all.actions);
  qaframe::CycleOptions c;
  c.as_of = o.as_of;
  auto cycle = qaframe::audit_cycle(audits, *log, c);
  QAFRAME_FUZZ_CHECK(cycle.ok());
  QAFRAME_FUZZ_CHECK(cycle->overall.audits == 3);
  QAFRAME_FUZZ_CHECK(qaframe::evidence_of_impact(audits, &*log).ok());
}
