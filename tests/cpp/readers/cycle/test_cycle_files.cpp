// The audit-cycle files: actions, escalations, teams and caseload read from CSV and from
// DataFrame columns; good input, and each file's bad input with every problem's exact message
// (file, line or row, column, value, reason), all collected, never a partial result.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/readers/cycle/teams.hpp"

namespace {

const std::string kAudits =
    "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade,escalated\n"
    "A1,C1,Alpha,General,Core,2018-01-10,X,Good,\n"
    "A2,C2,Beta,General,Core,2018-01-12,X,Inadequate,15/01/2018\n"
    "A3,C1,Alpha,General,Core,2018-03-01,X,Requires Improvement,\n";

qaframe::AuditSet audits() { return *qaframe::parse_audits_csv(kAudits, "audits.csv"); }

std::vector<std::string> problems(const qaframe::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& p : d.problems()) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST_CASE("actions: a good file, 'no action needed' records, statuses and optional columns") {
  const auto a = audits();
  auto log = qaframe::parse_actions_csv(
      "action_id,audit_id,description,owner,raised,due,completed,status,outcome,evidence\n"
      "X1,A1,Update the chronology,P. Quinn,2018-01-10,24/01/2018,2018-01-10,done,Up to date,"
      "Seen\n"
      "X2,A2,Review the plan,R. Shah,2018-01-12,,,in progress,,\n"
      "X3,A2,Refer for advocacy,R. Shah,2018-01-13,2018-02-13,,cancelled,,\n"
      "X4,A3,No action needed.,,,,,,,\n",
      "actions.csv", a);
  REQUIRE(log.ok());
  REQUIRE(log->actions.size() == 4);
  const auto& x1 = log->actions[0];
  CHECK(x1.audit_row == 0);
  CHECK(x1.raised == *qaframe::parse_date("2018-01-10"));
  CHECK(*x1.due == *qaframe::parse_date("2018-01-24"));
  CHECK(*x1.completed == x1.raised);  // done the day it was raised
  CHECK(x1.outcome == "Up to date");
  CHECK(x1.line == 2);
  CHECK(!log->actions[1].due);
  CHECK(!log->actions[1].cancelled);
  CHECK(log->actions[2].cancelled);
  CHECK(log->actions[3].no_action_needed);
  CHECK(log->actions[3].raised == *qaframe::parse_date("2018-03-01"));  // its audit's date
  CHECK(qaframe::normalise_action_text("  Update the  CHRONOLOGY.") == "update the chronology");
  CHECK(qaframe::is_no_action_needed("No actions required!"));
  CHECK(!qaframe::is_no_action_needed("No action"));
}

TEST_CASE("actions: every bad field is reported with file, line, column, value and reason") {
  const auto a = audits();
  qaframe::Diagnostics d;
  auto log = qaframe::parse_actions_csv(
      "action_id,audit_id,description,owner,raised,due,completed,status\n"
      "X1,A1,Update chronology,P,2018-01-11,2018-01-05,,\n"
      "X1,A9,Do it,P,2018-01-11,,,\n"
      "X3,A2,,,2018-01-09,,2018-01-08,open\n"
      "X4,A2,Plan,Q,31/02/2018,,,done\n"
      ",A3,Plan,Q,2018-03-02,,,paused\n"
      "X6,A3,Plan,Q,,,,\n"
      "X7,A3,Chronology,Q,2018-03-02,,,\n"
      "X8,A3,No action needed,,,,,\n",
      "actions.csv", a, {}, &d);
  REQUIRE(!log.ok());
  CHECK(problems(d) ==
        std::vector<std::string>{
            "actions.csv:2: column 'due': value '2018-01-05': due before the action was raised "
            "(raised 2018-01-11)",
            "actions.csv:3: column 'action_id': value 'X1': action_id repeated (first on line 2); "
            "each action needs its own id",
            "actions.csv:3: column 'audit_id': value 'A9': no audit with this audit_id in the "
            "audits",
            "actions.csv:4: column 'description': value '': description is empty; say what the "
            "action is, or write 'No action needed'",
            "actions.csv:4: column 'owner': value '': owner is empty; every action needs a named "
            "owner",
            "actions.csv:4: column 'raised': value '2018-01-09': raised before its audit (audited "
            "2018-01-12)",
            "actions.csv:4: column 'completed': value '2018-01-08': completed before the action "
            "was raised (raised 2018-01-09)",
            "actions.csv:4: column 'status': value 'open': the status says open but a completed "
            "date is given",
            "actions.csv:5: column 'raised': value '31/02/2018': not a date: 2018-02 has no day 31",
            "actions.csv:5: column 'status': value 'done': the status says done but completed is "
            "empty",
            "actions.csv:6: column 'action_id': value '': action_id is empty; it is required",
            "actions.csv:6: column 'status': value 'paused': unknown status; accepted: open, in "
            "progress, done, completed, closed, cancelled, withdrawn (or empty)",
            "actions.csv:7: column 'raised': value '': raised is empty; the date the action was "
            "raised is required",
            "actions.csv:9: column 'description': value 'No action needed': a 'no action needed' "
            "record for an audit that also has actions (line 8)",
        });
  CHECK(std::string(log.status().message()).starts_with("14 problems in actions.csv:"));
  // The header: a missing column names what the header has.
  qaframe::Diagnostics h;
  auto missing = qaframe::parse_actions_csv("action_id,audit_id,description\nX1,A1,D\n",
                                            "actions.csv", a, {}, &h);
  REQUIRE(!missing.ok());
  CHECK(problems(h) ==
        std::vector<std::string>{"actions.csv:1: missing required columns owner, raised, due, "
                                 "completed (the header has: action_id, audit_id, description)"});
  // An owner may be left out when asked: the action is read (and is not SMART).
  qaframe::ActionReadOptions lenient;
  lenient.require_owner = false;
  auto ok = qaframe::parse_actions_csv(
      "action_id,audit_id,description,owner,raised,due,completed\nX1,A1,D,,2018-01-10,,\n",
      "actions.csv", a, lenient);
  REQUIRE(ok.ok());
  CHECK(ok->actions[0].owner.empty());
}

TEST_CASE("actions: DataFrame columns are checked by the same rules, naming the row") {
  const auto a = audits();
  qaframe::Diagnostics d;
  auto log = qaframe::actions_from_columns(
      {"action_id", "audit_id", "description", "owner", "raised", "due", "completed"},
      {{"X1", "X2"},
       {"A1", "A1"},
       {"D", "D"},
       {"P", "P"},
       {"2018-01-10", "2018-01-10"},
       {"", ""},
       {"", "2018-01-01"}},
      a, "DataFrame", {}, &d);
  REQUIRE(!log.ok());
  CHECK(problems(d) == std::vector<std::string>{
                           "DataFrame row 1: column 'completed': value '2018-01-01': completed "
                           "before the action was raised (raised 2018-01-10)"});
  qaframe::Diagnostics r;
  auto repeated = qaframe::actions_from_columns(
      {"action_id", "audit_id", "description", "owner", "raised", "due", "completed"},
      {{"X1", "X1"},
       {"A1", "A1"},
       {"D", "E"},
       {"P", "P"},
       {"2018-01-10", "2018-01-10"},
       {"", ""},
       {"", ""}},
      a, "DataFrame", {}, &r);
  REQUIRE(!repeated.ok());
  CHECK(problems(r) == std::vector<std::string>{
                           "DataFrame row 1: column 'action_id': value 'X1': action_id repeated "
                           "(first on row 0); each action needs its own id"});
}

TEST_CASE("escalations: a file, the audits' own column, and their problems") {
  const auto a = audits();
  auto log = qaframe::parse_escalations_csv(
      "audit_id,escalated,escalated_to\nA2,2018-01-15,Service Manager\n", "esc.csv", a);
  REQUIRE(log.ok());
  REQUIRE(log->records.size() == 1);
  CHECK(log->records[0].audit_row == 1);
  CHECK(log->records[0].escalated_to == "Service Manager");
  qaframe::Diagnostics d;
  auto bad = qaframe::parse_escalations_csv(
      "audit_id,escalated\nA2,2018-01-11\nA2,2018-01-15\nA7,2018-01-15\n,2018-01-15\nA1,15-01-"
      "2018\n"
      "A3,\n",
      "esc.csv", a, &d);
  REQUIRE(!bad.ok());
  CHECK(problems(d) ==
        std::vector<std::string>{
            "esc.csv:2: column 'escalated': value '2018-01-11': escalated before its audit "
            "(audited 2018-01-12)",
            "esc.csv:3: column 'audit_id': value 'A2': a second escalation of this audit (first "
            "on line 2); give its first escalation only",
            "esc.csv:4: column 'audit_id': value 'A7': no audit with this audit_id in the audits",
            "esc.csv:5: column 'audit_id': value '': audit_id is empty; it is required",
            "esc.csv:6: column 'escalated': value '15-01-2018': not a date: expected YYYY-MM-DD "
            "(ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD",
            "esc.csv:7: column 'escalated': value '': escalated is empty; leave out audits that "
            "were not escalated",
        });
  // From the audits' column: empty cells are audits not escalated.
  auto own = qaframe::escalations_from_audits(a);
  REQUIRE(own.ok());
  REQUIRE(own->records.size() == 1);
  CHECK(own->records[0].audit_id == "A2");
  CHECK(own->records[0].escalated == *qaframe::parse_date("2018-01-15"));
  auto b = *qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,escalated\nA1,C1,T,2018-01-10,Good,soon\n"
      "A2,C2,T,2018-01-10,Good,2018-01-09\n",
      "b.csv");
  qaframe::Diagnostics e;
  auto col = qaframe::escalations_from_audits(b, "escalated", "b.csv", &e);
  REQUIRE(!col.ok());
  CHECK(problems(e) ==
        std::vector<std::string>{
            "b.csv row 0: column 'escalated': value 'soon': audit A1: not a date: expected "
            "YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD",
            "b.csv row 1: column 'escalated': value '2018-01-09': audit A2: escalated before its "
            "audit (audited 2018-01-10)",
        });
  CHECK(absl::IsNotFound(qaframe::escalations_from_audits(a, "reported").status()));
}

TEST_CASE("teams: months, expectations per month, and overlapping rows") {
  auto t = qaframe::parse_teams_csv(
      "team,programme,expected_per_month,from,to\nAlpha,Core,2,2017-10,2018-01\n"
      "Alpha,Core,3,Feb 2018,\nBeta,Core,2,,\nGamma,Core,0,,\n",
      "teams.csv");
  REQUIRE(t.ok());
  CHECK(t->names() == std::vector<std::string>{"Alpha", "Beta", "Gamma"});
  CHECK(t->expected("Alpha", "Core", *qaframe::parse_date("2018-01-01")) == 2);
  CHECK(t->expected("Alpha", "Core", *qaframe::parse_date("2018-02-01")) == 3);
  CHECK(t->expected("Alpha", "Core", *qaframe::parse_date("2017-09-01")) == 0);
  CHECK(t->expected("Alpha", "PRW", *qaframe::parse_date("2018-01-01")) == 0);
  CHECK(t->active("Gamma", *qaframe::parse_date("2018-01-01")));
  CHECK(!t->active("Alpha", *qaframe::parse_date("2017-09-01")));
  qaframe::Diagnostics d;
  auto bad = qaframe::parse_teams_csv(
      "team,programme,expected_per_month,from,to\nAlpha,Core,2,2017-10,\nAlpha,Core,2,2018-01,\n"
      ",,two,,\nBeta,Core,-1,2017-18,\nGamma,Core,2,2018-03,2018-01\n",
      "teams.csv", &d);
  REQUIRE(!bad.ok());
  CHECK(problems(d) ==
        std::vector<std::string>{
            "teams.csv:3: column 'team': value 'Alpha': a second row for this team and "
            "programme whose months overlap those of line 2; give each month's expectation once",
            "teams.csv:4: column 'team': value '': team is empty; it is required",
            "teams.csv:4: column 'programme': value '': programme is empty; name the programme "
            "(e.g. Core)",
            "teams.csv:4: column 'expected_per_month': value 'two': not a whole number; write "
            "the audits expected each month, e.g. 2",
            "teams.csv:5: column 'expected_per_month': value '-1': a count cannot be negative; "
            "write the audits expected each month, e.g. 2",
            "teams.csv:5: column 'from': value '2017-18': not a month: write a month as 2017-10, "
            "Oct 2017 or October 2017",
            "teams.csv:6: column 'to': value '2018-01': to is before from (Mar 2018)",
        });
}

TEST_CASE("caseload: extra columns kept; problems never name a child") {
  auto c = qaframe::parse_caseload_csv(
      "child_id,team,case_type,worker,Legal status\nC1,Alpha,Child in Need,W,None\n"
      "C2,Alpha,Looked After,,S31\n",
      "caseload.csv");
  REQUIRE(c.ok());
  CHECK(c->extra_columns == std::vector<std::string>{"Legal status"});
  CHECK(c->cases[1].extra == std::vector<std::string>{"S31"});
  CHECK(c->cases[1].worker.empty());  // unallocated, not a problem
  qaframe::Diagnostics d;
  auto bad = qaframe::parse_caseload_csv(
      "child_id,team,case_type,worker\nC-12345,Alpha,CIN,W\nC-12345,Alpha,CIN,W\n,,,\n"
      "C-9,Beta,,W\n",
      "caseload.csv", &d);
  REQUIRE(!bad.ok());
  const auto p = problems(d);
  CHECK(p == std::vector<std::string>{
                 "caseload.csv:3: column 'child_id': value '': the same child is listed twice "
                 "(first on line 2); list each open case once",
                 "caseload.csv:5: column 'case_type': value '': case_type is empty; write the "
                 "type of case (e.g. Child in Need)",
             });
  for (const std::string& s : p) CHECK(s.find("C-12345") == std::string::npos);
  // A row of empty fields is blank, and skipped as blank lines are.
  CHECK(d.total() == 2);
}
