// The audit cycle as report sections: actions and follow-up (with the cycle's completeness),
// escalation of Inadequate audits, the audit programme, and evidence of impact.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"
#include "qaframe/render/svg.hpp"
#include "qaframe/report/report.hpp"
#include "report/publication.hpp"
#include "report/sections.hpp"

namespace qaframe::detail {
namespace {

using doc::ColumnType;
using doc::Data;
using doc::Text;
using doc::Value;

doc::Column label(std::string_view h) { return {doc::words(h), ColumnType::kLabel}; }
doc::Column number(std::string_view h) { return {doc::words(h), ColumnType::kNumber}; }
doc::Column text(std::string_view h) { return {doc::words(h), ColumnType::kText}; }

std::string level_text(double level) { return doc::format_level(level); }

// "12 of 20 (60%, 95% CI 39-78%)"; published, "c" when the share rests on a small count.
std::string share_text(const Share& s, double level, const Publication* pub) {
  if (pub != nullptr && pub->share_suppressed(s.count, s.n)) return "c (suppressed)";
  if (s.n == 0) return "none";
  return absl::StrCat(s.count, " of ", s.n, " (", doc::format_percent(s.estimate), ", ",
                      level_text(level), " CI ", doc::format_percent_interval(s.low, s.high), ")");
}

Value share_value(const Share& s, const Publication* pub) {
  if (pub != nullptr && pub->share_suppressed(s.count, s.n)) return suppressed();
  return Value::percent_of(s.count, s.n);
}

// A row of counts that add up to `total`: published, protected within the row (one-way
// suppression), so that a small count cannot be recovered by subtraction.
std::vector<Value> row_counts(const std::vector<std::int64_t>& parts, std::int64_t total,
                              const Publication* pub, Value* total_value) {
  std::vector<Value> out;
  if (pub == nullptr) {
    for (std::int64_t v : parts) out.push_back(Value::count_of(v));
    if (total_value != nullptr) *total_value = Value::count_of(total);
    return out;
  }
  auto s = suppress_counts(CountTable::one_way(parts), pub->options().rule);
  for (std::size_t i = 0; i < parts.size(); ++i)
    out.push_back(count_value(parts[i], !s.ok() || s->cell_unchecked(0, i).suppressed()));
  if (total_value != nullptr)
    *total_value = count_value(total, !s.ok() || s->grand_total.suppressed());
  return out;
}

Data share_data(const Share& s) {
  return Data::object()
      .set("count", Data::integer(s.count))
      .set("n", Data::integer(s.n))
      .set("estimate", Data::number(s.estimate))
      .set("low", Data::number(s.low))
      .set("high", Data::number(s.high));
}

void notes(doc::Section& s, const std::vector<std::string>& notes) {
  for (const std::string& n : notes) s.blocks.push_back(doc::Note{doc::data(n)});
}

// A list of identifiers in a sentence ("A12, A31 and A40"); published, only how many.
Text ids(std::string_view what, const std::vector<std::string>& list, const Publication* pub) {
  Text t = doc::words(absl::StrCat(list.size(), " ", sv(what)));
  if (list.empty()) return t;
  if (pub != nullptr) return t.words(" (listed in the internal report, not published).");
  t.words(": ");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) t.words(i + 1 == list.size() ? " and " : ", ");
    t.data(list[i]);
  }
  return t.words(".");
}

}  // namespace

Part actions_part(const ActionSummary& a, const CycleSummary* cycle, const Publication* pub) {
  Part p;
  doc::Section& s = p.section;
  s.id = "actions";
  s.title = doc::words("Actions and follow-up");
  const double level = a.options.level;
  const ActionGroup& o = a.overall;
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "At ", format_date(a.options.as_of), ": ", o.actions, o.actions == 1 ? " action" : " actions",
      " arising from the audits (", a.no_action_audits,
      a.no_action_audits == 1 ? " audit" : " audits",
      " recorded as needing none). Done: ", share_text(o.done, level, pub),
      "; done within the due time: ", share_text(o.on_time, level, pub), "; overdue: ",
      pub != nullptr && pub->sensitive(o.overdue) ? std::string("c") : absl::StrCat(o.overdue),
      "."))});
  const stats::SurvivalQuantile& m = a.completion.median;
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "Time to completion (Kaplan-Meier, actions not yet done counted as still open at the "
      "as-of date): median ",
      std::isnan(m.estimate) ? std::string("not reached")
                             : absl::StrCat(doc::format_number(m.estimate, 0), " days"),
      ", ", level_text(level), " interval (Brookmeyer-Crowley) ",
      std::isnan(m.low) ? std::string("-") : doc::format_number(m.low, 0), " to ",
      std::isnan(m.high) ? std::string("not reached") : doc::format_number(m.high, 0), ".",
      m.note.empty() ? "" : absl::StrCat(" ", m.note)))});
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "SMART completeness: a named owner ", share_text(o.with_owner, level, pub), "; a due date ",
      share_text(o.with_due, level, pub), "; a measurable outcome ",
      share_text(o.with_outcome, level, pub), "; all three ", share_text(o.smart, level, pub),
      ". Open actions repeating another open action of the same audit: ", o.duplicates, "."))});

  doc::Table t;
  t.id = "actions-by-team";
  t.caption = doc::words("Actions by team at the as-of date");
  t.columns = {label("Team"),         number("Actions"),      number("Open"),
               number("Overdue"),     number("On time"),      number("Late"),
               number("No due date"), number("Done in time"), number("SMART")};
  std::vector<std::string> categories;
  for (const ActionGroup& g : a.by_team) {
    Value total;
    std::vector<Value> counts = row_counts(
        {g.open, g.overdue, g.done_on_time, g.done_late, g.done_no_due}, g.actions, pub, &total);
    std::vector<Value> row{Value::label(g.label), total};
    row.insert(row.end(), counts.begin(), counts.end());
    row.push_back(share_value(g.on_time, pub));
    row.push_back(share_value(g.smart, pub));
    t.rows.push_back(std::move(row));
    categories.push_back(g.label);
  }
  s.blocks.push_back(std::move(t));

  // The chart: each team's actions by state, as shares of its actions.
  if (pub == nullptr && !a.by_team.empty()) {
    charts::GradeBars chart;
    chart.frame.id = "chart-actions";
    chart.frame.title = "Actions by state, by team";
    chart.frame.draw_title = false;
    chart.levels = {"Overdue", "Open", "Done late", "Done on time", "Done, no due date"};
    chart.axis_label = "Share of the team's actions";
    for (const ActionGroup& g : a.by_team) {
      charts::GradeBar bar;
      bar.label = g.label;
      bar.n = g.actions;
      for (std::int64_t v : {g.overdue, g.open, g.done_late, g.done_on_time, g.done_no_due})
        bar.shares.push_back(g.actions > 0 ? static_cast<double>(v) / static_cast<double>(g.actions)
                                           : NAN);
      chart.bars.push_back(std::move(bar));
    }
    auto svg = charts::render_svg(chart);
    if (svg.ok()) {
      doc::Figure f;
      f.id = "chart-actions";
      f.title = chart.frame.title;
      f.svg = *svg;
      f.table_ref = "actions-by-team";
      s.blocks.push_back(std::move(f));
    } else {
      s.blocks.push_back(doc::Note{doc::words("the chart of actions could not be drawn: ")
                                       .data(std::string(svg.status().message()))});
    }
  }

  doc::Table ageing;
  ageing.id = "actions-ageing";
  ageing.caption = doc::words("Actions not done, by how long they have been open");
  ageing.columns = {label("Open for"), number("Open"), number("Overdue")};
  for (const AgeBand& b : a.ageing) {
    ageing.rows.push_back({Value::of(doc::words(b.label)),
                           count_value(b.open, pub != nullptr && pub->sensitive(b.open)),
                           count_value(b.overdue, pub != nullptr && pub->sensitive(b.overdue))});
  }
  s.blocks.push_back(std::move(ageing));

  if (!a.overdue.empty()) {
    if (pub != nullptr) {
      s.blocks.push_back(doc::Paragraph{doc::words(
          absl::StrCat(a.overdue.size(),
                       " actions are overdue; they are listed in the internal report, not "
                       "published."))});
    } else {
      doc::Table od;
      od.id = "actions-overdue";
      od.caption = doc::words("Overdue actions, longest overdue first");
      od.columns = {label("Action"), text("Audit"), text("Team"),
                    text("Owner"),   text("Due"),   number("Days overdue")};
      for (std::size_t i : a.overdue) {
        const ActionRow& r = a.actions[i];
        od.rows.push_back({Value::label(r.action_id), Value::label(r.audit_id),
                           Value::label(r.team), Value::label(r.owner),
                           r.due ? Value::of(doc::words(format_date(*r.due))) : Value::empty(),
                           Value::count_of(r.days_overdue)});
      }
      s.blocks.push_back(std::move(od));
    }
  }
  notes(s, a.notes);

  Data teams = Data::array();
  for (const ActionGroup& g : a.by_team) {
    teams.push(Data::object()
                   .set("team", Data::string(g.label))
                   .set("actions", Data::integer(g.actions))
                   .set("open", Data::integer(g.open))
                   .set("overdue", Data::integer(g.overdue))
                   .set("done_on_time", Data::integer(g.done_on_time))
                   .set("done_late", Data::integer(g.done_late))
                   .set("done_no_due", Data::integer(g.done_no_due))
                   .set("on_time", share_data(g.on_time))
                   .set("smart", share_data(g.smart)));
  }
  Data overdue = Data::array();
  for (std::size_t i : a.overdue) overdue.push(Data::string(a.actions[i].action_id));
  p.data = Data::object()
               .set("as_of", Data::string(format_date(a.options.as_of)))
               .set("actions", Data::integer(o.actions))
               .set("done", share_data(o.done))
               .set("on_time", share_data(o.on_time))
               .set("overdue", Data::integer(o.overdue))
               .set("median_days", Data::number(m.estimate))
               .set("median_low", Data::number(m.low))
               .set("median_high", Data::number(m.high))
               .set("smart", share_data(o.smart))
               .set("duplicates", Data::integer(o.duplicates))
               .set("by_team", std::move(teams))
               .set("overdue_actions", std::move(overdue))
               .set("notes", Data::strings(a.notes));

  if (cycle != nullptr) {
    doc::Section c;
    c.id = "audit-cycle";
    c.title = doc::words("Audit cycle completeness");
    c.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
        "An audit's cycle is complete when it is graded, its actions are raised (or no action is "
        "recorded as needed), all are done, and evidence of their impact is recorded. Complete: ",
        share_text(cycle->overall.complete_share, cycle->options.level, pub), "."))});
    doc::Table ct;
    ct.id = "audit-cycle";
    ct.caption = doc::words("Where each audit's cycle stands, by team");
    ct.columns = {label("Team"),        number("Audits"),        number("Not graded"),
                  number("No actions"), number("Actions open"),  number("No evidence"),
                  number("Complete"),   number("Share complete")};
    for (const CycleGroup& g : cycle->by_team) {
      Value total;
      std::vector<Value> counts =
          row_counts({g.not_graded, g.no_actions, g.actions_open, g.no_evidence, g.complete},
                     g.audits, pub, &total);
      std::vector<Value> row{Value::label(g.label), total};
      row.insert(row.end(), counts.begin(), counts.end());
      row.push_back(share_value(g.complete_share, pub));
      ct.rows.push_back(std::move(row));
    }
    c.blocks.push_back(std::move(ct));
    c.blocks.push_back(
        doc::Paragraph{ids("audits with no action raised", cycle->stuck_no_actions, pub)});
    notes(c, cycle->notes);
    s.subsections.push_back(std::move(c));
    p.data.set("cycle_complete", share_data(cycle->overall.complete_share));
  }
  return p;
}

Part escalation_part(const EscalationSummary& e, const Publication* pub) {
  Part p;
  doc::Section& s = p.section;
  s.id = "escalation";
  s.title = doc::words("Escalation of Inadequate audits");
  const EscalationGroup& o = e.overall;
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "Every audit graded ", e.level,
      " is reported to the Service Manager and Assistant Director "
      "within ",
      e.options.working_days, e.options.working_days == 1 ? " working day" : " working days",
      " of the audit (weekends and bank holidays not counted). ", o.inadequate, " ", e.level,
      o.inadequate == 1 ? " audit" : " audits",
      "; escalated in time: ", share_text(o.on_time_share, 0.95, pub), "."))});
  s.blocks.push_back(doc::Paragraph{ids("escalated late", e.late, pub)});
  s.blocks.push_back(doc::Paragraph{ids("not escalated", e.missing, pub)});
  doc::Table t;
  t.id = "escalation-by-team";
  t.caption = doc::words("Escalation by team");
  t.columns = {label("Team"),  number("Inadequate"), number("On time"),
               number("Late"), number("Missing"),    number("Pending")};
  for (const EscalationGroup& g : e.by_team) {
    Value total;
    std::vector<Value> counts =
        row_counts({g.on_time, g.late, g.missing, g.pending}, g.inadequate, pub, &total);
    std::vector<Value> row{Value::label(g.label), total};
    row.insert(row.end(), counts.begin(), counts.end());
    t.rows.push_back(std::move(row));
  }
  s.blocks.push_back(std::move(t));
  notes(s, e.notes);
  p.data = Data::object()
               .set("working_days", Data::integer(e.options.working_days))
               .set("inadequate", Data::integer(o.inadequate))
               .set("on_time", share_data(o.on_time_share))
               .set("late", Data::strings(e.late))
               .set("missing", Data::strings(e.missing))
               .set("notes", Data::strings(e.notes));
  return p;
}

Part programme_part(const ProgrammeSummary& pr, const Publication* pub) {
  Part p;
  doc::Section& s = p.section;
  s.id = "programme";
  s.title = doc::words("Audit programme");
  std::vector<std::string> months;
  for (const Period& m : pr.months) months.push_back(m.name);
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "The ", pr.options.programme, " programme, ", months.empty() ? "no month" : months.front(),
      months.size() > 1 ? absl::StrCat(" to ", months.back()) : "",
      ": team-months with the expected number of audits done, ",
      share_text(pr.months_met, pr.options.level, pub), ". Teams behind ", pr.options.behind_run,
      " months running: ", pr.flagged.empty() ? "none" : absl::StrJoin(pr.flagged, ", "), "."))});
  doc::Table t;
  t.id = "programme-by-team";
  t.caption = doc::words("Audits expected and done, by team");
  t.columns = {label("Team"),           number("Expected"),    number("Done"),
               number("Months behind"), number("Longest run"), text("Flag")};
  for (const TeamCompliance& tc : pr.teams) {
    t.rows.push_back({Value::label(tc.team), Value::count_of(tc.expected),
                      count_value(tc.done, pub != nullptr && pub->sensitive(tc.done)),
                      Value::count_of(tc.months_behind), Value::count_of(tc.longest_run),
                      tc.flagged         ? Value::of(doc::words("behind"))
                      : tc.in_teams_file ? Value::empty()
                                         : Value::of(doc::words("not in the teams file"))});
  }
  s.blocks.push_back(std::move(t));
  // The chart: audits done per team and month (expected in the table).
  if (!pr.teams.empty() && !pr.months.empty()) {
    charts::HeatMap chart;
    chart.frame.id = "chart-programme";
    chart.frame.title = absl::StrCat(pr.options.programme, " audits done, by team and month");
    chart.frame.draw_title = false;
    chart.row_title = "Team";
    chart.column_title = "Month";
    chart.columns = months;
    for (std::size_t i = 0; i < pr.teams.size(); ++i) {
      chart.rows.push_back(pr.teams[i].team);
      std::vector<double> row;
      for (std::size_t k = 0; k < pr.months.size(); ++k) {
        const ProgrammeMonth& cell = pr.cells[i * pr.months.size() + k];
        row.push_back(pub != nullptr && pub->sensitive(cell.done) ? NAN
                                                                  : static_cast<double>(cell.done));
      }
      chart.counts.push_back(std::move(row));
    }
    doc::Table data;
    data.caption = doc::words("Audits done (expected), by team and month");
    data.columns.push_back(label("Team"));
    for (const std::string& m : months) data.columns.push_back(number(m));
    for (std::size_t i = 0; i < pr.teams.size(); ++i) {
      std::vector<Value> row{Value::label(pr.teams[i].team)};
      for (std::size_t k = 0; k < pr.months.size(); ++k) {
        const ProgrammeMonth& cell = pr.cells[i * pr.months.size() + k];
        row.push_back(pub != nullptr && pub->sensitive(cell.done)
                          ? suppressed()
                          : Value::of(doc::words(absl::StrCat(cell.done, " (", cell.expected, ")",
                                                              cell.behind ? " behind" : ""))));
      }
      data.rows.push_back(std::move(row));
    }
    auto svg = charts::render_svg(chart);
    if (svg.ok()) {
      doc::Figure f;
      f.id = "chart-programme";
      f.title = chart.frame.title;
      f.svg = *svg;
      f.table = std::move(data);
      s.blocks.push_back(std::move(f));
    }
  }
  if (!pr.prw.empty()) {
    doc::Table w;
    w.id = "programme-prw";
    w.caption = doc::words("Practice Review Weeks: teams with at least one audit");
    w.columns = {label("Week"), number("Teams"), number("Covered"), text("Teams missing")};
    for (const PrwCoverage& c : pr.prw) {
      w.rows.push_back(
          {Value::label(c.week.name), Value::count_of(c.teams), Value::count_of(c.covered),
           Value::label(c.teams_missing.empty() ? std::string("none")
                                                : absl::StrJoin(c.teams_missing, ", "))});
    }
    s.blocks.push_back(std::move(w));
  }
  notes(s, pr.notes);
  Data teams = Data::array();
  for (const TeamCompliance& tc : pr.teams) {
    teams.push(Data::object()
                   .set("team", Data::string(tc.team))
                   .set("expected", Data::integer(tc.expected))
                   .set("done", Data::integer(tc.done))
                   .set("months_behind", Data::integer(tc.months_behind))
                   .set("longest_run", Data::integer(tc.longest_run))
                   .set("flagged", Data::boolean(tc.flagged)));
  }
  p.data = Data::object()
               .set("programme", Data::string(pr.options.programme))
               .set("months", Data::strings(months))
               .set("months_met", share_data(pr.months_met))
               .set("flagged", Data::strings(pr.flagged))
               .set("teams", std::move(teams))
               .set("notes", Data::strings(pr.notes));
  return p;
}

Part impact_part(const ImpactSummary& im, const Publication* pub) {
  Part p;
  doc::Section& s = p.section;
  s.id = "impact";
  s.title = doc::words("Evidence of impact");
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      im.children_reaudited, im.children_reaudited == 1 ? " child" : " children", " of ",
      im.children, " audited more than once; ", im.pairs_total,
      im.pairs_total == 1 ? " pair" : " pairs", " of consecutive audits (", im.pairs_not_graded,
      " left out: not graded at one of them). This describes how grades changed between audits; "
      "it does not show that the actions caused the change."))});
  doc::List statements;
  for (const GradeChange* g : {&im.overall, &im.with_actions, &im.without_actions}) {
    if (g->statement.empty() || (g != &im.overall && !im.has_actions)) continue;
    if (pub != nullptr && pub->too_few(g->pairs)) {
      statements.items.push_back(doc::words(absl::StrCat(
          g->label, ": too few pairs to publish (fewer than ", pub->options().min_pairs, ").")));
    } else {
      statements.items.push_back(doc::data(g->statement));
    }
  }
  if (!statements.items.empty()) s.blocks.push_back(std::move(statements));
  notes(s, im.notes);
  auto change = [](const GradeChange& g) {
    return Data::object()
        .set("label", Data::string(g.label))
        .set("pairs", Data::integer(g.pairs))
        .set("improved", Data::integer(g.improved))
        .set("unchanged", Data::integer(g.unchanged))
        .set("worsened", Data::integer(g.worsened))
        .set("pvalue", Data::number(g.test.pvalue));
  };
  p.data = Data::object()
               .set("children_reaudited", Data::integer(im.children_reaudited))
               .set("pairs", Data::integer(im.pairs_total))
               .set("overall", change(im.overall))
               .set("with_actions", change(im.with_actions))
               .set("without_actions", change(im.without_actions))
               .set("notes", Data::strings(im.notes));
  return p;
}

}  // namespace qaframe::detail
