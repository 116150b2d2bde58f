// Bindings of the audit cycle: working days, the actions, escalations, teams and caseload files,
// and the analyses of follow-up, escalation, the cycle, impact, the programme and case sampling.
// Conversion only: every rule lives in include/qaframe and src/. Results come back as dicts of
// plain values (rows as dicts of columns, dates as day numbers) for the Python package to wrap.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qaframe/analysis/cycle/actions.hpp"
#include "qaframe/analysis/cycle/audit_cycle.hpp"
#include "qaframe/analysis/cycle/escalation.hpp"
#include "qaframe/analysis/cycle/impact.hpp"
#include "qaframe/analysis/cycle/programme.hpp"
#include "qaframe/analysis/cycle/sampling.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/readers/cycle/caseload.hpp"
#include "qaframe/readers/cycle/escalations.hpp"
#include "qaframe/readers/cycle/teams.hpp"
#include "qaframe/model/calendar.hpp"
#include "registry.hpp"
#include "status.hpp"
#include "survival_convert.hpp"

namespace py = pybind11;

namespace qaframe::bindings {
namespace {

template <typename T>
T checked(absl::StatusOr<T> result, const Diagnostics* diag = nullptr) {
  if (!result.ok()) {
    if (absl::IsNotFound(result.status()) && diag != nullptr) {
      PyErr_SetString(PyExc_FileNotFoundError, std::string(result.status().message()).c_str());
      throw py::error_already_set();
    }
    // Bad options and dates outside the calendar are ValueErrors; bad data is a DataError.
    if (absl::IsOutOfRange(result.status()) ||
        (diag == nullptr && absl::IsInvalidArgument(result.status())))
      throw py::value_error(std::string(result.status().message()));
    throw_status(result.status(), diag);
  }
  return *std::move(result);
}

Region region_of(const std::string& name) { return checked(parse_region(name)); }

py::object optional_day(const std::optional<DayNumber>& d) { return d ? py::cast(*d) : py::none(); }

py::dict share(const Share& s) {
  py::dict d;
  d["count"] = s.count;
  d["n"] = s.n;
  d["estimate"] = s.estimate;
  d["low"] = s.low;
  d["high"] = s.high;
  return d;
}

py::dict period(const Period& p) {
  py::dict d;
  d["name"] = p.name;
  d["first"] = p.first;
  d["last"] = p.last;
  return d;
}

py::dict km_dict(const stats::KaplanMeier& km) {
  py::dict d;
  std::vector<double> time, survival, se;
  std::vector<std::int64_t> at_risk, events, censored;
  for (const auto& r : km.table) {
    time.push_back(r.time);
    at_risk.push_back(r.at_risk);
    events.push_back(r.events);
    censored.push_back(r.censored);
    survival.push_back(r.survival);
    se.push_back(r.std_error);
  }
  d["n"] = km.n;
  d["n_events"] = km.events;
  d["n_censored"] = km.censored;
  d["censored_before"] = km.censored_before;
  d["time"] = time;
  d["at_risk"] = at_risk;
  d["events"] = events;
  d["censored"] = censored;
  d["survival"] = survival;
  d["std_error"] = se;
  d["note"] = km.note;
  return d;
}

py::dict completion_dict(const CompletionTime& c) {
  py::dict d;
  d["label"] = c.label;
  d["km"] = km_dict(c.km);
  d["median"] = survival_quantile_dict(c.median);
  return d;
}

py::dict action_group(const ActionGroup& g) {
  py::dict d;
  d["label"] = g.label;
  d["actions"] = g.actions;
  d["open"] = g.open;
  d["overdue"] = g.overdue;
  d["done_on_time"] = g.done_on_time;
  d["done_late"] = g.done_late;
  d["done_no_due"] = g.done_no_due;
  d["cancelled"] = g.cancelled;
  d["duplicates"] = g.duplicates;
  d["done"] = share(g.done);
  d["overdue_share"] = share(g.overdue_share);
  d["on_time"] = share(g.on_time);
  d["with_owner"] = share(g.with_owner);
  d["with_due"] = share(g.with_due);
  d["with_outcome"] = share(g.with_outcome);
  d["smart"] = share(g.smart);
  return d;
}

py::list action_groups(const std::vector<ActionGroup>& groups) {
  py::list out;
  for (const auto& g : groups) out.append(action_group(g));
  return out;
}

py::dict action_rows(const std::vector<ActionRow>& rows) {
  std::vector<std::string> id, audit, team, owner, description, state, duplicate_of;
  std::vector<DayNumber> raised;
  py::list due, completed;
  std::vector<std::int64_t> time, days_overdue;
  std::vector<bool> event, has_owner, has_due, has_outcome, has_evidence, smart;
  for (const ActionRow& r : rows) {
    id.push_back(r.action_id);
    audit.push_back(r.audit_id);
    team.push_back(r.team);
    owner.push_back(r.owner);
    description.push_back(r.description);
    state.emplace_back(action_state_name(r.state));
    raised.push_back(r.raised);
    due.append(optional_day(r.due));
    completed.append(optional_day(r.completed));
    time.push_back(r.time);
    event.push_back(r.event);
    days_overdue.push_back(r.days_overdue);
    has_owner.push_back(r.has_owner);
    has_due.push_back(r.has_due);
    has_outcome.push_back(r.has_outcome);
    has_evidence.push_back(r.has_evidence);
    smart.push_back(r.smart());
    duplicate_of.push_back(r.duplicate_of);
  }
  py::dict d;
  d["action_id"] = id;
  d["audit_id"] = audit;
  d["team"] = team;
  d["owner"] = owner;
  d["description"] = description;
  d["state"] = state;
  d["raised"] = raised;
  d["due"] = due;
  d["completed"] = completed;
  d["time"] = time;
  d["event"] = event;
  d["days_overdue"] = days_overdue;
  d["has_owner"] = has_owner;
  d["has_due"] = has_due;
  d["has_outcome"] = has_outcome;
  d["has_evidence"] = has_evidence;
  d["smart"] = smart;
  d["duplicate_of"] = duplicate_of;
  return d;
}

py::dict action_summary(const ActionSummary& s) {
  py::dict d;
  d["as_of"] = s.options.as_of;
  d["level"] = s.options.level;
  d["working_days"] = s.options.working_days;
  d["source"] = s.source;
  d["actions"] = action_rows(s.actions);
  d["overall"] = action_group(s.overall);
  d["by_team"] = action_groups(s.by_team);
  d["by_owner"] = action_groups(s.by_owner);
  d["by_audit"] = action_groups(s.by_audit);
  d["completion"] = completion_dict(s.completion);
  py::list by_team;
  for (const auto& c : s.completion_by_team) by_team.append(completion_dict(c));
  d["completion_by_team"] = by_team;
  d["overdue"] = s.overdue;
  py::list ageing;
  for (const AgeBand& b : s.ageing) {
    py::dict a;
    a["label"] = b.label;
    a["min_days"] = b.min_days;
    a["open"] = b.open;
    a["overdue"] = b.overdue;
    ageing.append(a);
  }
  d["ageing"] = ageing;
  d["no_action_audits"] = s.no_action_audits;
  d["not_yet_raised"] = s.not_yet_raised;
  d["notes"] = s.notes;
  return d;
}

py::dict escalation_group(const EscalationGroup& g) {
  py::dict d;
  d["label"] = g.label;
  d["inadequate"] = g.inadequate;
  d["on_time"] = g.on_time;
  d["late"] = g.late;
  d["missing"] = g.missing;
  d["pending"] = g.pending;
  d["on_time_share"] = share(g.on_time_share);
  return d;
}

py::dict escalation_summary(const EscalationSummary& s) {
  py::dict d;
  d["working_days"] = s.options.working_days;
  d["region"] = std::string(region_name(s.options.region));
  d["as_of"] = optional_day(s.options.as_of);
  d["source"] = s.source;
  d["level"] = s.level;
  d["overall"] = escalation_group(s.overall);
  py::list teams;
  for (const auto& g : s.by_team) teams.append(escalation_group(g));
  d["by_team"] = teams;
  std::vector<std::string> id, team, state;
  std::vector<DayNumber> date, deadline;
  py::list escalated, taken;
  for (const EscalationRow& r : s.audits) {
    id.push_back(r.audit_id);
    team.push_back(r.team);
    date.push_back(r.audit_date);
    deadline.push_back(r.deadline);
    escalated.append(optional_day(r.escalated));
    taken.append(r.days_taken ? py::cast(*r.days_taken) : py::none());
    state.emplace_back(escalation_state_name(r.state));
  }
  py::dict rows;
  rows["audit_id"] = id;
  rows["team"] = team;
  rows["audit_date"] = date;
  rows["deadline"] = deadline;
  rows["escalated"] = escalated;
  rows["working_days_taken"] = taken;
  rows["state"] = state;
  d["audits"] = rows;
  d["late"] = s.late;
  d["missing"] = s.missing;
  d["not_at_level"] = s.not_at_level;
  d["notes"] = s.notes;
  return d;
}

py::dict cycle_group(const CycleGroup& g) {
  py::dict d;
  d["label"] = g.label;
  d["audits"] = g.audits;
  d["not_graded"] = g.not_graded;
  d["no_actions"] = g.no_actions;
  d["actions_open"] = g.actions_open;
  d["no_evidence"] = g.no_evidence;
  d["complete"] = g.complete;
  d["complete_share"] = share(g.complete_share);
  return d;
}

py::dict cycle_summary(const CycleSummary& s) {
  py::dict d;
  d["as_of"] = s.options.as_of;
  d["require_grade"] = s.options.require_grade;
  d["overall"] = cycle_group(s.overall);
  py::list teams, programmes;
  for (const auto& g : s.by_team) teams.append(cycle_group(g));
  for (const auto& g : s.by_programme) programmes.append(cycle_group(g));
  d["by_team"] = teams;
  d["by_programme"] = programmes;
  std::vector<std::string> id, team, programme, stage;
  std::vector<DayNumber> date;
  std::vector<bool> none;
  std::vector<std::int64_t> actions, done, evidence;
  for (const CycleRow& r : s.audits) {
    id.push_back(r.audit_id);
    team.push_back(r.team);
    programme.push_back(r.programme);
    date.push_back(r.audit_date);
    stage.emplace_back(cycle_stage_name(r.stage));
    none.push_back(r.no_action_needed);
    actions.push_back(r.actions);
    done.push_back(r.done);
    evidence.push_back(r.with_evidence);
  }
  py::dict rows;
  rows["audit_id"] = id;
  rows["team"] = team;
  rows["programme"] = programme;
  rows["audit_date"] = date;
  rows["stage"] = stage;
  rows["no_action_needed"] = none;
  rows["actions"] = actions;
  rows["done"] = done;
  rows["with_evidence"] = evidence;
  d["audits"] = rows;
  py::dict stuck;
  stuck["not graded"] = s.stuck_not_graded;
  stuck["no actions recorded"] = s.stuck_no_actions;
  stuck["actions not done"] = s.stuck_actions_open;
  stuck["no evidence of impact"] = s.stuck_no_evidence;
  d["stuck"] = stuck;
  d["after_as_of"] = s.after_as_of;
  d["notes"] = s.notes;
  return d;
}

py::dict grade_change(const GradeChange& c) {
  py::dict d;
  d["label"] = c.label;
  d["pairs"] = c.pairs;
  d["improved"] = c.improved;
  d["unchanged"] = c.unchanged;
  d["worsened"] = c.worsened;
  d["test"] = sign_test_dict(c.test);
  d["statement"] = c.statement;
  return d;
}

py::dict impact_summary(const ImpactSummary& s) {
  py::dict d;
  d["children"] = s.children;
  d["children_reaudited"] = s.children_reaudited;
  d["pairs_total"] = s.pairs_total;
  d["pairs_not_graded"] = s.pairs_not_graded;
  d["same_day_pairs"] = s.same_day_pairs;
  d["has_actions"] = s.has_actions;
  d["overall"] = grade_change(s.overall);
  d["with_actions"] = grade_change(s.with_actions);
  d["without_actions"] = grade_change(s.without_actions);
  d["levels"] = s.levels;
  d["transitions"] = s.transitions;
  d["notes"] = s.notes;
  return d;
}

py::dict programme_summary(const ProgrammeSummary& s) {
  py::dict d;
  d["programme"] = s.options.programme;
  d["behind_run"] = s.options.behind_run;
  d["source"] = s.source;
  py::list months;
  for (const Period& p : s.months) months.append(period(p));
  d["months"] = months;
  py::list teams;
  for (const TeamCompliance& t : s.teams) {
    py::dict r;
    r["team"] = t.team;
    r["in_teams_file"] = t.in_teams_file;
    r["audits"] = t.audits;
    r["expected"] = t.expected;
    r["done"] = t.done;
    r["months_expected"] = t.months_expected;
    r["months_behind"] = t.months_behind;
    r["longest_run"] = t.longest_run;
    r["flagged"] = t.flagged;
    r["months_met"] = share(t.months_met);
    r["behind_months"] = t.behind_months;
    teams.append(r);
  }
  d["teams"] = teams;
  std::vector<std::string> team, month;
  std::vector<DayNumber> first;
  std::vector<std::int64_t> expected, done;
  std::vector<bool> behind;
  for (const ProgrammeMonth& c : s.cells) {
    team.push_back(c.team);
    month.push_back(c.month.name);
    first.push_back(c.month.first);
    expected.push_back(c.expected);
    done.push_back(c.done);
    behind.push_back(c.behind);
  }
  py::dict cells;
  cells["team"] = team;
  cells["month"] = month;
  cells["month_start"] = first;
  cells["expected"] = expected;
  cells["done"] = done;
  cells["behind"] = behind;
  d["cells"] = cells;
  d["expected_by_month"] = s.expected_by_month;
  d["done_by_month"] = s.done_by_month;
  d["months_met"] = share(s.months_met);
  d["flagged"] = s.flagged;
  py::list prw;
  for (const PrwCoverage& c : s.prw) {
    py::dict r;
    r["week"] = period(c.week);
    r["teams"] = c.teams;
    r["covered"] = c.covered;
    r["coverage"] = share(c.coverage);
    r["audits_by_team"] = c.audits_by_team;
    r["teams_missing"] = c.teams_missing;
    prw.append(r);
  }
  d["prw"] = prw;
  d["teams_not_in_file"] = s.teams_not_in_file;
  d["notes"] = s.notes;
  return d;
}

py::dict case_sample(const CaseSample& s) {
  py::dict d;
  d["seed"] = s.seed;
  d["as_of"] = s.as_of;
  d["cutoff"] = s.cutoff;
  d["exclude_months"] = s.exclude_months;
  d["month"] = s.month;
  d["quota_source"] = s.quota_source;
  d["extra_columns"] = s.extra_columns;
  std::vector<std::string> team, child, type, worker, key, reason;
  std::vector<std::int64_t> order;
  std::vector<std::vector<std::string>> extra(s.extra_columns.size());
  for (const SampledCase& c : s.cases) {
    team.push_back(c.team);
    order.push_back(c.order);
    child.push_back(c.child_id);
    type.push_back(c.case_type);
    worker.push_back(c.worker);
    key.push_back(c.key);
    reason.push_back(c.reason);
    for (std::size_t i = 0; i < extra.size(); ++i) extra[i].push_back(c.extra[i]);
  }
  py::dict cases;
  cases["team"] = team;
  cases["order"] = order;
  cases["child_id"] = child;
  cases["case_type"] = type;
  cases["worker"] = worker;
  cases["key"] = key;
  cases["reason"] = reason;
  d["cases"] = cases;
  d["extra"] = extra;
  py::list teams;
  for (const TeamSample& t : s.teams) {
    py::dict r;
    r["team"] = t.team;
    r["quota"] = t.quota;
    r["caseload"] = t.caseload;
    r["excluded_recent"] = t.excluded_recent;
    r["eligible"] = t.eligible;
    r["sampled"] = t.sampled;
    r["shortfall"] = t.shortfall;
    teams.append(r);
  }
  d["teams"] = teams;
  d["warnings"] = s.warnings;
  d["algorithm"] = s.algorithm;
  d["worklist_csv"] = s.worklist_csv();
  return d;
}

}  // namespace

void register_cycle(py::module_& m) {
  // Working days.
  m.def(
      "bank_holidays",
      [](const std::string& region) {
        std::vector<std::pair<DayNumber, std::string>> out;
        for (const BankHoliday& h : bank_holidays(region_of(region)))
          out.emplace_back(h.day, std::string(h.name));
        return out;
      },
      py::arg("region") = "england_and_wales");
  m.def(
      "is_working_day",
      [](DayNumber day, const std::string& region) {
        return checked(is_working_day(day, region_of(region)));
      },
      py::arg("day"), py::arg("region") = "england_and_wales");
  m.def(
      "working_days_between",
      [](DayNumber from, DayNumber to, const std::string& region) {
        return checked(working_days_between(from, to, region_of(region)));
      },
      py::arg("start"), py::arg("end"), py::arg("region") = "england_and_wales");
  m.def(
      "add_working_days",
      [](DayNumber from, std::int64_t n, const std::string& region) {
        return checked(add_working_days(from, n, region_of(region)));
      },
      py::arg("start"), py::arg("n"), py::arg("region") = "england_and_wales");

  // Files.
  py::class_<ActionLog>(m, "ActionLog", "Validated actions of a set of audits.")
      .def_readonly("source", &ActionLog::source)
      .def("__len__", [](const ActionLog& l) { return l.actions.size(); });
  m.def(
      "read_actions",
      [](const std::string& path, const AuditSet& audits, bool require_owner,
         std::size_t max_problems) {
        Diagnostics diag(max_problems);
        ActionReadOptions o;
        o.require_owner = require_owner;
        return checked(read_actions_csv(path, audits, o, &diag), &diag);
      },
      py::arg("path"), py::arg("audits"), py::arg("require_owner") = true,
      py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "actions_from_columns",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& cols,
         const AuditSet& audits, const std::string& source, bool require_owner,
         std::size_t max_problems) {
        Diagnostics diag(max_problems);
        ActionReadOptions o;
        o.require_owner = require_owner;
        return checked(actions_from_columns(names, cols, audits, source, o, &diag), &diag);
      },
      py::arg("names"), py::arg("columns"), py::arg("audits"), py::arg("source") = "DataFrame",
      py::arg("require_owner") = true, py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<EscalationLog>(m, "EscalationLog", "Validated escalations of audits.")
      .def_readonly("source", &EscalationLog::source)
      .def("__len__", [](const EscalationLog& l) { return l.records.size(); });
  m.def(
      "read_escalations",
      [](const std::string& path, const AuditSet& audits, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_escalations_csv(path, audits, &diag), &diag);
      },
      py::arg("path"), py::arg("audits"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "escalations_from_columns",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& cols,
         const AuditSet& audits, const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(escalations_from_columns(names, cols, audits, source, &diag), &diag);
      },
      py::arg("names"), py::arg("columns"), py::arg("audits"), py::arg("source") = "DataFrame",
      py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "escalations_from_audits",
      [](const AuditSet& audits, const std::string& column, const std::string& source,
         std::size_t max_problems) {
        Diagnostics diag(max_problems);
        auto r = escalations_from_audits(audits, column, source, &diag);
        if (!r.ok() && absl::IsNotFound(r.status()))
          throw py::key_error(std::string(r.status().message()));
        return checked(std::move(r), &diag);
      },
      py::arg("audits"), py::arg("column") = "escalated", py::arg("source") = "audits",
      py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<Teams>(m, "Teams", "The teams file: expected audits per team and programme.")
      .def_readonly("source", &Teams::source)
      .def_property_readonly("names", &Teams::names)
      .def("rows",
           [](const Teams& t) {
             py::list out;
             for (const TeamProgramme& r : t.rows)
               out.append(py::make_tuple(r.team, r.programme, r.expected_per_month,
                                         r.from ? py::cast(r.from->name) : py::none(),
                                         r.to ? py::cast(r.to->name) : py::none()));
             return out;
           })
      .def("expected", &Teams::expected, py::arg("team"), py::arg("programme"),
           py::arg("month_first_day"))
      .def("__len__", [](const Teams& t) { return t.rows.size(); });
  m.def(
      "read_teams",
      [](const std::string& path, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_teams_csv(path, &diag), &diag);
      },
      py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "teams_from_columns",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& cols,
         const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(teams_from_columns(names, cols, source, &diag), &diag);
      },
      py::arg("names"), py::arg("columns"), py::arg("source") = "DataFrame",
      py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<Caseload>(m, "Caseload", "The open caseload: one row per child.")
      .def_readonly("source", &Caseload::source)
      .def_readonly("extra_columns", &Caseload::extra_columns)
      .def_property_readonly("teams",
                             [](const Caseload& c) {
                               std::vector<std::string> out;
                               for (const Case& k : c.cases)
                                 if (std::find(out.begin(), out.end(), k.team) == out.end())
                                   out.push_back(k.team);
                               return out;
                             })
      .def("__len__", [](const Caseload& c) { return c.cases.size(); });
  m.def(
      "read_caseload",
      [](const std::string& path, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_caseload_csv(path, &diag), &diag);
      },
      py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "caseload_from_columns",
      [](const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& cols,
         const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(caseload_from_columns(names, cols, source, &diag), &diag);
      },
      py::arg("names"), py::arg("columns"), py::arg("source") = "DataFrame",
      py::arg("max_problems") = Diagnostics::kDefaultLimit);

  // Analyses.
  m.def(
      "summarise_actions",
      [](const AuditSet& audits, const ActionLog& log, DayNumber as_of, double level,
         const std::string& transform, bool working_days, const std::string& region) {
        ActionOptions o;
        o.as_of = as_of;
        o.level = level;
        o.transform = checked(stats::parse_quantile_transform(transform));
        o.working_days = working_days;
        o.region = region_of(region);
        absl::StatusOr<ActionSummary> r;
        {
          py::gil_scoped_release release;
          r = summarise_actions(audits, log, o);
        }
        return action_summary(checked(std::move(r)));
      },
      py::arg("audits"), py::arg("actions"), py::arg("as_of"), py::arg("level") = 0.95,
      py::arg("transform") = "cloglog", py::arg("working_days") = false,
      py::arg("region") = "england_and_wales");
  m.def(
      "check_escalation",
      [](const AuditSet& audits, const EscalationLog& log, std::int64_t working_days,
         const std::string& region, std::optional<DayNumber> as_of) {
        EscalationOptions o;
        o.working_days = working_days;
        o.region = region_of(region);
        o.as_of = as_of;
        return escalation_summary(checked(check_escalation(audits, log, o)));
      },
      py::arg("audits"), py::arg("escalations"), py::arg("working_days") = 1,
      py::arg("region") = "england_and_wales", py::arg("as_of") = py::none());
  m.def(
      "audit_cycle",
      [](const AuditSet& audits, const ActionLog& log, DayNumber as_of, bool require_grade,
         double level) {
        CycleOptions o;
        o.as_of = as_of;
        o.require_grade = require_grade;
        o.level = level;
        return cycle_summary(checked(audit_cycle(audits, log, o)));
      },
      py::arg("audits"), py::arg("actions"), py::arg("as_of"), py::arg("require_grade") = false,
      py::arg("level") = 0.95);
  m.def(
      "evidence_of_impact",
      [](const AuditSet& audits, const ActionLog* log) {
        return impact_summary(checked(evidence_of_impact(audits, log)));
      },
      py::arg("audits"), py::arg("actions").none(true) = py::none());
  m.def(
      "programme_compliance",
      [](const AuditSet& audits, const Teams& teams, const std::string& programme,
         std::optional<std::string> from, std::optional<std::string> to,
         std::optional<DayNumber> as_of, std::int64_t behind_run, double level) {
        ProgrammeOptions o;
        o.programme = programme;
        if (from) o.from = checked(parse_month(*from));
        if (to) o.to = checked(parse_month(*to));
        o.as_of = as_of;
        o.behind_run = behind_run;
        o.level = level;
        return programme_summary(checked(programme_compliance(audits, teams, o)));
      },
      py::arg("audits"), py::arg("teams"), py::arg("programme") = "Core",
      py::arg("from_month") = py::none(), py::arg("to_month") = py::none(),
      py::arg("as_of") = py::none(), py::arg("behind_run") = 2, py::arg("level") = 0.95);
  m.def(
      "sample_cases",
      [](const Caseload& caseload, const AuditSet& audits, std::uint64_t seed, DayNumber as_of,
         std::int64_t exclude_months, std::int64_t per_team,
         std::vector<std::pair<std::string, std::int64_t>> quotas, const Teams* teams,
         const std::string& programme, std::optional<std::string> month,
         std::vector<std::pair<std::string, std::int64_t>> minimum) {
        SampleOptions o;
        o.seed = seed;
        o.as_of = as_of;
        o.exclude_months = exclude_months;
        o.per_team = per_team;
        o.quotas = std::move(quotas);
        o.teams = teams;
        o.programme = programme;
        if (month) o.month = checked(parse_month(*month));
        o.minimum_per_case_type = std::move(minimum);
        return case_sample(checked(sample_cases(caseload, audits, o)));
      },
      py::arg("caseload"), py::arg("audits"), py::arg("seed"), py::arg("as_of"),
      py::arg("exclude_months") = 6, py::arg("per_team") = 2,
      py::arg("quotas") = std::vector<std::pair<std::string, std::int64_t>>{},
      py::arg("teams").none(true) = py::none(), py::arg("programme") = "Core",
      py::arg("month") = py::none(),
      py::arg("minimum") = std::vector<std::pair<std::string, std::int64_t>>{});
  m.def("sampling_key", &sampling_key, py::arg("seed"), py::arg("child_id"));
  m.def("months_before", &months_before, py::arg("as_of"), py::arg("months"));
}

}  // namespace qaframe::bindings
