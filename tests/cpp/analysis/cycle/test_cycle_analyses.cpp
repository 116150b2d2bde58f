// The audit-cycle analyses on a small hand-built service whose every number is derived by hand
// in the comments: actions' follow-up (a tie in completion times, an action done the day it was
// raised, a duplicate, a cancellation), escalation across Christmas, the cycle's steps, impact
// from re-audits, programme compliance with a team that has no audits, and case sampling.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"

namespace {

qaframe::DayNumber day(const char* iso) { return *qaframe::parse_date(iso); }

// C1 re-audited I -> RI (improved), C2 I -> I (unchanged), C3 G -> RI (worsened), C4 N/A -> G
// (left out). A1 is a Friday before Christmas 2017; A5 is after the as-of date 2018-03-31.
const std::string kAudits =
    "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade\n"
    "A1,C1,Alpha,General,Core,2017-12-22,X,Inadequate\n"
    "A2,C2,Beta,General,Core,2018-01-12,X,Inadequate\n"
    "A3,C1,Alpha,General,Core,2018-03-01,X,Requires Improvement\n"
    "A4,C3,Alpha,General,Practice Review Week,2018-03-12,X,Good\n"
    "A5,C3,Alpha,General,Core,2018-04-03,X,Requires Improvement\n"
    "A6,C2,Beta,General,Core,2018-02-05,X,Inadequate\n"
    "A7,C4,Beta,General,Core,2018-02-06,X,\n"
    "A8,C4,Beta,General,Core,2018-03-06,X,Good\n";

const std::string kActions =
    "action_id,audit_id,description,owner,raised,due,completed,status,outcome,evidence\n"
    "X1,A1,Update chronology,P,2017-12-22,2018-01-05,2017-12-22,,Measurable,Seen\n"
    "X2,A1,Plan SMART,P,2017-12-27,2018-01-10,2018-01-16,,M,\n"
    "X3,A2,Record supervision,Q,2018-01-15,2018-01-29,2018-01-25,,,Seen\n"
    "X4,A2,Review plan,Q,2018-01-15,2018-02-15,,,M,\n"
    "X5,A4,Words and pictures,R,2018-03-13,2018-04-13,,,M,\n"
    "X6,A4,words  and PICTURES!,R,2018-03-14,2018-04-14,,,M,\n"
    "X7,A4,Visit purpose,R,2018-03-13,,2018-03-23,,M,Seen\n"
    "X8,A6,Advocacy,Q,2018-02-06,2018-02-20,,cancelled,M,\n"
    "X9,A3,No action needed,,,,,,,\n"
    "X10,A5,Chronology,P,2018-04-04,2018-04-18,,,M,\n";

struct Fixture {
  qaframe::AuditSet audits = *qaframe::parse_audits_csv(kAudits, "audits.csv");
  qaframe::ActionLog actions = *qaframe::parse_actions_csv(kActions, "actions.csv", audits);
};

const qaframe::ActionRow& row(const qaframe::ActionSummary& s, const std::string& id) {
  for (const auto& r : s.actions)
    if (r.action_id == id) return r;
  FAIL("no action " << id);
  return s.actions.front();
}

}  // namespace

TEST_CASE("actions: states, counts, shares and duplicates at the as-of date") {
  Fixture f;
  qaframe::ActionOptions o;
  o.as_of = day("2018-03-31");
  auto s = qaframe::summarise_actions(f.audits, f.actions, o);
  REQUIRE(s.ok());
  using S = qaframe::ActionState;
  CHECK(row(*s, "X1").state == S::kDoneOnTime);
  CHECK(row(*s, "X1").time == 0);  // done the day it was raised
  CHECK(row(*s, "X2").state == S::kDoneLate);
  CHECK(row(*s, "X2").days_overdue == 6);
  CHECK(row(*s, "X4").state == S::kOverdue);
  CHECK(row(*s, "X4").days_overdue == 44);  // 15 February to 31 March
  CHECK(row(*s, "X4").time == 75);
  CHECK(!row(*s, "X4").event);
  CHECK(row(*s, "X5").state == S::kOpen);
  CHECK(row(*s, "X6").duplicate_of == "X5");
  CHECK(row(*s, "X7").state == S::kDoneNoDue);
  CHECK(row(*s, "X8").state == S::kCancelled);
  CHECK(row(*s, "X10").state == S::kNotYetRaised);
  CHECK(s->actions.size() == 9);  // X9 records "no action needed": not an action
  CHECK(s->no_action_audits == 1);
  CHECK(s->not_yet_raised == 1);
  const auto& all = s->overall;
  CHECK(all.actions == 7);
  CHECK(all.open == 2);
  CHECK(all.overdue == 1);
  CHECK(all.done_on_time == 2);
  CHECK(all.done_late == 1);
  CHECK(all.done_no_due == 1);
  CHECK(all.cancelled == 1);
  CHECK(all.duplicates == 1);
  CHECK(all.done.count == 4);
  CHECK(all.done.n == 7);
  // Done within the due time: 2 of (2 on time + 1 late + 1 overdue); Wilson limits of 2/4.
  CHECK(all.on_time.count == 2);
  CHECK(all.on_time.n == 4);
  CHECK(all.on_time.estimate == 0.5);
  const double z = 1.959963984540054, n = 4, p = 0.5;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  CHECK(all.on_time.low == doctest::Approx(centre - half).epsilon(1e-12));
  CHECK(all.on_time.high == doctest::Approx(centre + half).epsilon(1e-12));
  // SMART: an owner on all 7, a due date on 6 (not X7), an outcome on 6 (not X3): all on 5.
  CHECK(all.with_owner.count == 7);
  CHECK(all.with_due.count == 6);
  CHECK(all.with_outcome.count == 6);
  CHECK(all.smart.count == 5);
  // Groups: teams in the audits' order; Alpha has X1, X2, X5, X6, X7.
  REQUIRE(s->by_team.size() == 2);
  CHECK(s->by_team[0].label == "Alpha");
  CHECK(s->by_team[0].actions == 5);
  CHECK(s->by_team[1].label == "Beta");
  CHECK(s->by_team[1].actions == 2);
  CHECK(s->by_team[1].cancelled == 1);
  REQUIRE(s->by_owner.size() == 3);
  CHECK(s->by_owner[2].label == "R");
  CHECK(s->by_owner[2].actions == 3);
  REQUIRE(s->by_audit.size() == 5);  // A1, A2, A4, A5, A6 in the audits' order
  CHECK(s->by_audit[2].label == "A4");
  CHECK(s->by_audit[3].label == "A5");
  REQUIRE(s->overdue.size() == 1);
  CHECK(s->actions[s->overdue[0]].action_id == "X4");
  // Ageing on 31 March: X5 and X6 open under 4 weeks (18 and 17 days); X4 overdue, 75 days.
  CHECK(s->ageing[0].open == 2);
  CHECK(s->ageing[2].overdue == 1);
}

TEST_CASE("actions: time to completion by Kaplan-Meier with a tie and a same-day action") {
  Fixture f;
  qaframe::ActionOptions o;
  o.as_of = day("2018-03-31");
  auto s = qaframe::summarise_actions(f.audits, f.actions, o);
  REQUIRE(s.ok());
  // Times: 0 (X1), 10 and 10 (X3, X7: a tie), 17 and 18 censored (X6, X5), 20 (X2), 75
  // censored (X4). S(0) = 6/7, S(10) = 6/7 · 4/6 = 4/7, S(20) = 4/7 · 1/2 = 2/7.
  const auto& km = s->completion.km;
  REQUIRE(km.table.size() == 3);
  CHECK(km.table[0].time == 0);
  CHECK(km.table[0].survival == doctest::Approx(6.0 / 7.0));
  CHECK(km.table[1].time == 10);
  CHECK(km.table[1].events == 2);
  CHECK(km.table[1].at_risk == 6);
  CHECK(km.table[1].survival == doctest::Approx(4.0 / 7.0));
  CHECK(km.table[1].censored == 2);
  CHECK(km.table[2].at_risk == 2);
  CHECK(km.table[2].survival == doctest::Approx(2.0 / 7.0));
  CHECK(km.table[1].std_error == doctest::Approx(4.0 / 7.0 * std::sqrt(1.0 / 42.0 + 2.0 / 24.0)));
  CHECK(s->completion.median.estimate == 20.0);
  CHECK(s->completion_by_team[0].label == "Alpha");
  CHECK(s->completion_by_team[0].km.n == 5);
  // In working days: X2 was raised Wednesday 27 December and done Tuesday 16 January: 13
  // working days (1 January a bank holiday).
  o.working_days = true;
  auto w = qaframe::summarise_actions(f.audits, f.actions, o);
  REQUIRE(w.ok());
  CHECK(row(*w, "X2").time == 13);
  CHECK(w->notes[0].starts_with("Times to completion are in working days"));
  // Nothing done by the day after A1: everything censored, the median NaN with a note.
  o.working_days = false;
  o.as_of = day("2017-12-21");
  auto none = qaframe::summarise_actions(f.audits, f.actions, o);
  REQUIRE(none.ok());
  CHECK(none->overall.actions == 0);
  CHECK(std::isnan(none->completion.median.estimate));
  CHECK(none->notes.back() ==
        "Median time to completion: no events: the quantile and its "
        "interval cannot be estimated.");
}

TEST_CASE("escalation: one working day, across Christmas; late, missing, pending") {
  Fixture f;
  auto log = qaframe::parse_escalations_csv(
      "audit_id,escalated\nA1,27/12/2017\nA2,2018-01-16\nA3,2018-03-01\n", "esc.csv", f.audits);
  REQUIRE(log.ok());
  auto s = qaframe::check_escalation(f.audits, *log);
  REQUIRE(s.ok());
  CHECK(s->level == "Inadequate");
  REQUIRE(s->audits.size() == 3);  // A1, A2, A6
  // A1: Friday 22 December; 25 and 26 are bank holidays: the deadline is Wednesday 27th.
  CHECK(s->audits[0].deadline == day("2017-12-27"));
  CHECK(s->audits[0].state == qaframe::EscalationState::kOnTime);
  CHECK(*s->audits[0].days_taken == 1);
  // A2: Friday 12 January, escalated Tuesday 16th: 2 working days, late.
  CHECK(*s->audits[1].days_taken == 2);
  CHECK(s->late == std::vector<std::string>{"A2"});
  CHECK(s->missing == std::vector<std::string>{"A6"});
  CHECK(s->not_at_level == std::vector<std::string>{"A3"});
  CHECK(s->overall.on_time_share.count == 1);
  CHECK(s->overall.on_time_share.n == 3);
  REQUIRE(s->by_team.size() == 2);
  CHECK(s->by_team[1].label == "Beta");
  CHECK(s->by_team[1].missing == 1);
  // Two working days allowed: A2 is on time.
  qaframe::EscalationOptions two;
  two.working_days = 2;
  CHECK(qaframe::check_escalation(f.audits, *log, two)->late.empty());
  // On A6's own day, its escalation is pending, not missing.
  qaframe::EscalationOptions then;
  then.as_of = day("2018-02-05");
  auto p = qaframe::check_escalation(f.audits, *log, then);
  REQUIRE(p.ok());
  CHECK(p->missing.empty());
  CHECK(p->overall.pending == 1);
  CHECK(p->overall.on_time_share.n == 2);
  two.working_days = -1;
  CHECK(qaframe::check_escalation(f.audits, *log, two).status().message() ==
        "working_days must be 0 or more, got -1");
}

TEST_CASE("audit cycle: the step each audit is stuck at") {
  Fixture f;
  qaframe::CycleOptions o;
  o.as_of = day("2018-03-31");
  auto s = qaframe::audit_cycle(f.audits, f.actions, o);
  REQUIRE(s.ok());
  CHECK(s->after_as_of == 1);  // A5
  REQUIRE(s->audits.size() == 7);
  using C = qaframe::CycleStage;
  CHECK(s->audits[0].stage == C::kNoEvidence);   // A1: X2 done without evidence
  CHECK(s->audits[1].stage == C::kActionsOpen);  // A2: X4 overdue
  CHECK(s->audits[2].stage == C::kComplete);     // A3: no action needed
  CHECK(s->audits[3].stage == C::kActionsOpen);  // A4: X5, X6 open
  CHECK(s->audits[4].stage == C::kNoActions);    // A6: its only action was cancelled
  CHECK(s->stuck_no_actions == std::vector<std::string>{"A6", "A7", "A8"});
  CHECK(s->stuck_actions_open == std::vector<std::string>{"A2", "A4"});
  CHECK(s->stuck_no_evidence == std::vector<std::string>{"A1"});
  CHECK(s->overall.complete == 1);
  CHECK(s->overall.complete_share.n == 7);
  REQUIRE(s->by_programme.size() == 2);
  CHECK(s->by_programme[0].label == "Core");
  CHECK(s->by_programme[0].audits == 6);
  CHECK(s->by_programme[1].audits == 1);
  CHECK(s->by_team[0].label == "Alpha");
  CHECK(s->by_team[0].complete == 1);
  o.require_grade = true;
  auto g = qaframe::audit_cycle(f.audits, f.actions, o);
  REQUIRE(g.ok());
  CHECK(g->stuck_not_graded == std::vector<std::string>{"A7"});
  CHECK(g->stuck_no_actions == std::vector<std::string>{"A6", "A8"});
}

TEST_CASE("impact: paired grade changes of re-audited children, never by child") {
  Fixture f;
  auto s = qaframe::evidence_of_impact(f.audits, &f.actions);
  REQUIRE(s.ok());
  CHECK(s->children == 4);
  CHECK(s->children_reaudited == 4);
  CHECK(s->pairs_total == 4);
  CHECK(s->pairs_not_graded == 1);  // C4: N/A then Good
  CHECK(s->overall.pairs == 3);
  CHECK(s->overall.improved == 1);
  CHECK(s->overall.unchanged == 1);
  CHECK(s->overall.worsened == 1);
  CHECK(s->overall.test.pvalue == 1.0);
  // A1 and A4 raised actions (C1 improved, C3 worsened); A2 raised actions too (C2 unchanged).
  CHECK(s->with_actions.pairs == 3);
  CHECK(s->without_actions.pairs == 0);
  CHECK(s->transitions[0][1] == 1);  // Inadequate -> Requires Improvement
  CHECK(s->transitions[2][1] == 1);  // Good -> Requires Improvement
  CHECK(s->transitions[0][0] == 1);
  CHECK(s->overall.statement ==
        "Of 3 audits followed by a graded audit of the same child, the next grade was higher in "
        "1, the same in 1 and lower in 1 (exact sign test of higher against lower, p = 1.000). "
        "This describes change between audits; it does not show what caused it.");
  for (const std::string& n : s->notes) CHECK(n.find("C1") == std::string::npos);
  auto bare = qaframe::evidence_of_impact(f.audits);
  REQUIRE(bare.ok());
  CHECK(!bare->has_actions);
  CHECK(bare->with_actions.pairs == 0);
  CHECK(bare->overall.pairs == 3);
}

TEST_CASE("programme: every team shown, including one with no audits; behind two months") {
  Fixture f;
  auto teams = qaframe::parse_teams_csv(
      "team,programme,expected_per_month,from\nAlpha,Core,1,2017-12\nBeta,Core,1,2018-01\n"
      "Gamma,Core,1,2018-01\n",
      "teams.csv");
  REQUIRE(teams.ok());
  qaframe::ProgrammeOptions o;
  o.as_of = day("2018-03-31");
  auto s = qaframe::programme_compliance(f.audits, *teams, o);
  REQUIRE(s.ok());
  REQUIRE(s->months.size() == 4);  // Dec 2017 to Mar 2018 (April not ended by the as-of date)
  CHECK(s->months[0].name == "Dec 2017");
  REQUIRE(s->teams.size() == 3);
  // Alpha: 1, 0, 0, 1 against 1 a month: behind January and February, flagged.
  CHECK(s->teams[0].done == 2);
  CHECK(s->teams[0].expected == 4);
  CHECK(s->teams[0].behind_months == std::vector<std::string>{"Jan 2018", "Feb 2018"});
  CHECK(s->teams[0].flagged);
  // Beta: 1, 2, 1 from January: never behind.
  CHECK(!s->teams[1].flagged);
  CHECK(s->teams[1].done == 4);
  CHECK(s->teams[1].months_met.count == 3);
  // Gamma has no audits at all and is still shown, behind three months running.
  CHECK(s->teams[2].team == "Gamma");
  CHECK(s->teams[2].audits == 0);
  CHECK(s->teams[2].longest_run == 3);
  CHECK(s->flagged == std::vector<std::string>{"Alpha", "Gamma"});
  CHECK(s->cells.size() == 12);
  CHECK(s->done_by_month == std::vector<std::int64_t>{1, 1, 2, 2});
  CHECK(s->expected_by_month == std::vector<std::int64_t>{1, 3, 3, 3});
  CHECK(s->months_met.count == 5);  // Alpha Dec, Mar; Beta Jan, Feb, Mar
  CHECK(s->months_met.n == 10);
  // The March Practice Review Week covered Alpha only.
  REQUIRE(s->prw.size() == 1);
  CHECK(s->prw[0].week.name == "Practice Review Week March 2018");
  CHECK(s->prw[0].teams == 3);
  CHECK(s->prw[0].covered == 1);
  CHECK(s->prw[0].teams_missing == std::vector<std::string>{"Beta", "Gamma"});
  // A team in the audits but not in the file is listed after the others, with no expectation.
  auto partial =
      qaframe::parse_teams_csv("team,programme,expected_per_month\nBeta,Core,1\n", "t.csv");
  auto p = qaframe::programme_compliance(f.audits, *partial, o);
  REQUIRE(p.ok());
  CHECK(p->teams_not_in_file == std::vector<std::string>{"Alpha"});
  CHECK(!p->teams[1].in_teams_file);
  CHECK(p->teams[1].expected == 0);
  o.behind_run = 0;
  CHECK(!qaframe::programme_compliance(f.audits, *teams, o).ok());
}

TEST_CASE("sampling: quotas, exclusions, a case-type minimum and a short team") {
  Fixture f;
  auto caseload = qaframe::parse_caseload_csv(
      "child_id,team,case_type,worker\nC1,Alpha,CP,W\nC3,Alpha,CIN,W\nC10,Alpha,CP,W\n"
      "C11,Alpha,CP,W\nC12,Alpha,CIN,W\nC13,Alpha,CIN,W\nC14,Alpha,CIN,W\nC15,Alpha,CIN,W\n"
      "C2,Beta,CIN,W\nC20,Beta,CIN,W\nC21,Beta,CIN,W\nC30,Delta,CIN,W\n",
      "caseload.csv");
  REQUIRE(caseload.ok());
  qaframe::SampleOptions o;
  o.seed = 7;
  o.as_of = day("2018-03-31");
  // Keys from `printf '%s' '7:C15' | sha256sum` (and hashlib): C15 27bf37afecd6f749, C12
  // 4f2fdae0e765ff17, C13 5b04754eaaffe325, C11 7b1072608945fa6d, C14 a593b974094732df, C10
  // c6051248646910f6; C20 2ed15e4cdf60996a, C21 ed6208e83ecb9e82; C30 55255d00b7eb8af1.
  CHECK(qaframe::sampling_key(7, "C15") == "27bf37afecd6f749");
  CHECK(qaframe::sampling_key(7, "C30") == "55255d00b7eb8af1");
  auto s = qaframe::sample_cases(*caseload, f.audits, o);
  REQUIRE(s.ok());
  // Cut-off 30 September 2017: C1, C3 (Alpha) and C2 (Beta) were audited since.
  CHECK(s->cutoff == day("2017-09-30"));
  CHECK(s->month == "Apr 2018");
  std::vector<std::string> chosen;
  for (const auto& c : s->cases) chosen.push_back(c.team + ":" + c.child_id);
  CHECK(chosen ==
        std::vector<std::string>{"Alpha:C15", "Alpha:C12", "Beta:C20", "Beta:C21", "Delta:C30"});
  REQUIRE(s->teams.size() == 3);
  CHECK(s->teams[0].excluded_recent == 2);
  CHECK(s->teams[0].eligible == 6);
  CHECK(s->teams[2].shortfall == 1);
  CHECK(s->warnings ==
        std::vector<std::string>{"Team Delta: only 1 eligible case (1 open, 0 audited since "
                                 "2017-10-01) for a quota of 2; 1 short."});
  // At least one CP case per team: Alpha's CP case with the smallest key is C11.
  o.minimum_per_case_type = {{"CP", 1}};
  auto m = qaframe::sample_cases(*caseload, f.audits, o);
  REQUIRE(m.ok());
  CHECK(m->cases[0].child_id == "C11");
  CHECK(m->cases[0].reason == "minimum for CP");
  CHECK(m->cases[1].child_id == "C15");
  CHECK(m->cases[1].reason == "quota");
  // Beta and Delta have no CP case: a warning names each team and the case type.
  CHECK(m->warnings[0] == "Team Beta: 0 of the minimum 1 CP case (too few eligible).");
  CHECK(m->algorithm.find("first, for each case type with a minimum (CP 1)") != std::string::npos);
  // The same inputs and seed give the same sample; another seed another.
  CHECK(*qaframe::sample_cases(*caseload, f.audits, o) == *m);
  o.seed = 8;
  CHECK(qaframe::sample_cases(*caseload, f.audits, o)->cases != m->cases);
  // Quotas from a teams file: Delta is not in it (a warning), Gamma has no cases (a warning).
  auto teams = qaframe::parse_teams_csv(
      "team,programme,expected_per_month\nAlpha,Core,3\nBeta,Core,1\nGamma,Core,1\n", "t.csv");
  qaframe::SampleOptions t;
  t.seed = 7;
  t.as_of = day("2018-03-31");
  t.teams = &*teams;
  auto q = qaframe::sample_cases(*caseload, f.audits, t);
  REQUIRE(q.ok());
  CHECK(q->cases.size() == 4);  // Alpha 3, Beta 1
  CHECK(q->warnings == std::vector<std::string>{
                           "Team Gamma: only 0 eligible cases (0 open, 0 audited since "
                           "2017-10-01) for a quota of 1; 1 short.",
                           "Team Delta has open cases but no quota (not in the teams file for "
                           "Apr 2018): none sampled."});
  // The worklist CSV: the one output that names children.
  CHECK(s->worklist_csv().starts_with(
      "team,order,child_id,case_type,worker,key,reason\nAlpha,1,C15,CIN,W,27bf37afecd6f749,"
      "quota\n"));
  // No exclusion window: only the audit after the as-of date (C3's) excludes.
  o.seed = 7;
  o.minimum_per_case_type.clear();
  o.exclude_months = 0;
  auto z = qaframe::sample_cases(*caseload, f.audits, o);
  CHECK(z->teams[0].excluded_recent == 1);
}

TEST_CASE("sampling: months before the as-of date end on a real day") {
  CHECK(qaframe::months_before(day("2018-03-31"), 1) == day("2018-02-28"));
  CHECK(qaframe::months_before(day("2016-03-31"), 1) == day("2016-02-29"));  // a leap day
  CHECK(qaframe::months_before(day("2018-04-30"), 6) == day("2017-10-30"));
  CHECK(qaframe::months_before(day("2018-01-15"), 0) == day("2018-01-15"));
}
