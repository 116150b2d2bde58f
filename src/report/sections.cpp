#include "report/sections.hpp"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/report/report.hpp"

namespace qaframe::detail {
namespace {

using doc::Column;
using doc::ColumnType;
using doc::Data;
using doc::Style;
using doc::Text;
using doc::Value;

Column label_column(Text heading) { return {std::move(heading), ColumnType::kLabel}; }
Column text_column(Text heading) { return {std::move(heading), ColumnType::kText}; }
Column number_column(Text heading) { return {std::move(heading), ColumnType::kNumber}; }
Column number_column(std::string_view heading) { return number_column(doc::words(heading)); }

std::vector<std::string> grade_columns(const GradeScale& scale) {
  std::vector<std::string> columns = scale.labels();
  columns.push_back(GradeScale::not_applicable_label());
  columns.push_back("Total");
  return columns;
}

std::vector<Value> count_row(std::string_view label, const GradeCounts& c, bool label_is_data) {
  std::vector<Value> row;
  row.push_back(label_is_data ? Value::label(label) : Value::of(doc::words(label)));
  for (std::int64_t v : c.level_counts()) row.push_back(Value::count_of(v));
  row.push_back(Value::count_of(c.n_not_applicable()));
  row.push_back(Value::count_of(c.n()));
  return row;
}

Data counts_data(std::string_view label, const GradeCounts& c) {
  std::vector<std::int64_t> values = c.level_counts();
  values.push_back(c.n_not_applicable());
  return Data::object()
      .set("label", Data::string(label))
      .set("counts", Data::integers(values))
      .set("total", Data::integer(c.n()));
}

Data direction_data(const DirectionRow& r) {
  return Data::object()
      .set("label", Data::string(r.label))
      .set("pairs", Data::integer(r.pairs))
      .set("agreed", Data::integer(r.agreed))
      .set("raised", Data::integer(r.raised))
      .set("lowered", Data::integer(r.lowered))
      .set("net", Data::integer(r.net()))
      .set("pvalue", Data::number(r.pvalue))
      .set("adjusted", Data::number(r.adjusted))
      .set("flagged", Data::boolean(r.flagged))
      .set("direction", Data::string(r.direction()));
}

doc::Table direction_table(const std::vector<DirectionRow>& rows, std::string_view heading,
                           std::string id) {
  doc::Table t;
  t.id = std::move(id);
  t.caption =
      doc::words("Grades changed by moderators, by ").words(heading == "Team" ? "team" : "auditor");
  t.columns = {label_column(doc::words(heading)), number_column("Pairs"),
               number_column("Agreed"),           number_column("Raised"),
               number_column("Lowered"),          number_column("Net"),
               number_column("p (Holm)"),         text_column(doc::words("Flag"))};
  for (const DirectionRow& r : rows) {
    t.rows.push_back({Value::label(r.label), Value::count_of(r.pairs), Value::count_of(r.agreed),
                      Value::count_of(r.raised), Value::count_of(r.lowered),
                      Value::count_of(r.net()), Value::pvalue(r.adjusted),
                      r.flagged ? Value::of(doc::words(r.direction())) : Value::empty()});
  }
  return t;
}

doc::Paragraph paragraph(Text t) { return {std::move(t)}; }

}  // namespace

doc::Table grade_table(const GradeTable& table) {
  doc::Table t;
  t.id = absl::StrCat("grades-by-", table.by());
  t.caption =
      doc::words("Audits by grade and ").data(absl::AsciiStrToLower(column_heading(table.by())));
  t.columns.push_back(label_column(doc::data(column_heading(table.by()))));
  for (const std::string& c : grade_columns(table.scale()))
    t.columns.push_back(number_column(doc::data(c)));
  for (std::size_t i = 0; i < table.size(); ++i)
    t.rows.push_back(count_row(table.rows()[i], table.row(i), true));
  // The total row's label is escaped like the others, as the column labels are.
  t.rows.push_back(count_row("Total", table.total(), true));
  t.total_rows = 1;
  return t;
}

doc::Data grade_table_data(const GradeTable& table) {
  Data rows = Data::array();
  for (std::size_t i = 0; i < table.size(); ++i)
    rows.push(counts_data(table.rows()[i], table.row(i)));
  return Data::object()
      .set("by", Data::string(table.by()))
      .set("columns", Data::strings(grade_columns(table.scale())))
      .set("rows", std::move(rows))
      .set("total", counts_data("Total", table.total()));
}

Part moderation_part(const ModerationSummary& m) {
  Part p;
  doc::Section& s = p.section;
  s.id = "moderation";
  s.title = doc::words("Moderation");
  s.blocks.push_back(paragraph(
      doc::words(absl::StrCat(m.moderated, " of ", m.audits, " audits were moderated; ", m.pairs,
                              " were graded on the scale by both auditor and moderator."))));

  doc::Table coverage;
  coverage.id = "moderation-coverage";
  coverage.caption = doc::words("Audits moderated, by programme");
  coverage.columns = {label_column(doc::words("Programme")), number_column("Audits"),
                      number_column("Moderated"), number_column("Share")};
  for (const CoverageRow& c : m.coverage) {
    coverage.rows.push_back({Value::label(c.programme), Value::count_of(c.audits),
                             Value::count_of(c.moderated),
                             Value::percent_of(c.moderated, c.audits)});
  }
  s.blocks.push_back(std::move(coverage));

  s.blocks.push_back(
      paragraph(doc::words("Auditor's grade (rows) by moderator's grade (columns):")));
  std::vector<std::string> labels = m.scale.labels();
  labels.push_back(GradeScale::not_applicable_label());
  doc::Table pairs;
  pairs.id = "moderation-pairs";
  pairs.caption = doc::words("Auditor's grade (rows) by moderator's grade (columns)");
  pairs.columns.push_back(label_column(doc::words("Auditor")));
  for (const std::string& l : labels) pairs.columns.push_back(number_column(doc::data(l)));
  for (std::size_t r = 0; r < labels.size(); ++r) {
    std::vector<Value> row{Value::label(labels[r])};
    for (std::int64_t v : m.table[r]) row.push_back(Value::count_of(v));
    pairs.rows.push_back(std::move(row));
  }
  s.blocks.push_back(std::move(pairs));
  s.blocks.push_back(moderation_figure(m, "moderation-pairs"));

  doc::Table agreement;
  agreement.id = "moderation-agreement";
  agreement.caption = doc::words("Agreement between auditors and moderators");
  agreement.columns = {label_column(doc::words("Agreement")), number_column("Estimate"),
                       number_column(absl::StrCat(doc::format_level(m.options.level), " interval")),
                       number_column("Pairs"), text_column(doc::words("Interval from"))};
  for (const AgreementEstimate& a : m.agreement) {
    const bool share = a.interval == "Wilson";
    agreement.rows.push_back(
        {Value::of(doc::words(a.statistic)),
         share ? Value::share(a.estimate) : Value::number(a.estimate),
         share ? Value::share_interval(a.low, a.high) : Value::interval(a.low, a.high),
         Value::count_of(a.n), Value::label(a.interval)});
  }
  s.blocks.push_back(std::move(agreement));

  const DirectionRow& o = m.overall;
  s.blocks.push_back(paragraph(doc::words(absl::StrCat(
      "Moderators raised ", o.raised, " grades and lowered ", o.lowered, " (net ",
      o.net() > 0 ? "+" : "", o.net(), "; sign test p ", doc::format_p(o.pvalue),
      "): ", o.pvalue < m.options.alpha ? o.direction() : "no direction beyond what chance allows",
      "."))));

  if (!m.by_auditor.empty()) {
    s.blocks.push_back(direction_table(m.by_auditor, "Auditor", "moderation-by-auditor"));
    Text flagged;
    bool any = false;
    for (const DirectionRow& r : m.by_auditor) {
      if (!r.flagged) continue;
      flagged.words(any ? "; " : "Flagged (one direction more often than chance allows): ");
      flagged.data(r.label).words(absl::StrCat(" (", r.direction(), ")"));
      any = true;
    }
    if (!any) flagged.words("No auditor's grades move one way more often than chance allows");
    flagged.words(absl::StrCat(" (sign test, Holm-adjusted across auditors, ",
                               m.options.alpha * 100, "% family-wise)."));
    s.blocks.push_back(paragraph(std::move(flagged)));
  }
  if (!m.by_team.empty())
    s.blocks.push_back(direction_table(m.by_team, "Team", "moderation-by-team"));

  Data coverage_data = Data::array();
  for (const CoverageRow& c : m.coverage) {
    coverage_data.push(Data::object()
                           .set("programme", Data::string(c.programme))
                           .set("audits", Data::integer(c.audits))
                           .set("moderated", Data::integer(c.moderated)));
  }
  Data table_data = Data::array();
  for (const auto& row : m.table) table_data.push(Data::integers(row));
  Data agreement_data = Data::array();
  for (const AgreementEstimate& a : m.agreement) {
    agreement_data.push(Data::object()
                            .set("statistic", Data::string(a.statistic))
                            .set("estimate", Data::number(a.estimate))
                            .set("low", Data::number(a.low))
                            .set("high", Data::number(a.high))
                            .set("n", Data::integer(a.n))
                            .set("interval", Data::string(a.interval))
                            .set("note", Data::string(a.note)));
  }
  Data auditors = Data::array(), teams = Data::array();
  for (const DirectionRow& r : m.by_auditor) auditors.push(direction_data(r));
  for (const DirectionRow& r : m.by_team) teams.push(direction_data(r));
  p.data = Data::object()
               .set("audits", Data::integer(m.audits))
               .set("moderated", Data::integer(m.moderated))
               .set("pairs", Data::integer(m.pairs))
               .set("level", Data::number(m.options.level))
               .set("coverage", std::move(coverage_data))
               .set("levels", Data::strings(labels))
               .set("table", std::move(table_data))
               .set("agreement", std::move(agreement_data))
               .set("overall", direction_data(m.overall))
               .set("by_auditor", std::move(auditors))
               .set("by_team", std::move(teams));
  return p;
}

Part key_messages_part(const std::vector<KeyMessage>& messages, double level) {
  Part p;
  doc::Section& s = p.section;
  s.id = "key-messages";
  s.title = doc::words("Key messages: areas of practice");
  const std::string lvl = doc::format_level(level);
  s.blocks.push_back(paragraph(doc::words(absl::StrCat(
      "Weakest first: the share of graded audits below the good threshold of each domain's "
      "scale, with its ",
      lvl, " Wilson interval."))));
  doc::Table t;
  t.id = "key-messages";
  t.caption = doc::words("Share of graded audits below good, by area of practice");
  t.columns = {label_column(doc::words("Domain")),
               number_column("Below good"),
               number_column("Share"),
               number_column(absl::StrCat(lvl, " interval")),
               number_column("Graded"),
               number_column("N/A")};
  Data rows = Data::array();
  for (const KeyMessage& k : messages) {
    t.rows.push_back({Value::label(k.domain),
                      Value::of(doc::words(absl::StrCat(k.count, " (")).data(k.below).words(")")),
                      Value::share(k.share), Value::share_interval(k.low, k.high),
                      Value::count_of(k.n), Value::count_of(k.not_applicable)});
    rows.push(Data::object()
                  .set("domain", Data::string(k.domain))
                  .set("below", Data::string(k.below))
                  .set("count", Data::integer(k.count))
                  .set("n", Data::integer(k.n))
                  .set("not_applicable", Data::integer(k.not_applicable))
                  .set("share", Data::number(k.share))
                  .set("low", Data::number(k.low))
                  .set("high", Data::number(k.high)));
  }
  s.blocks.push_back(std::move(t));
  if (!messages.empty()) s.blocks.push_back(key_messages_figure(messages, level, "key-messages"));
  p.data = std::move(rows);
  return p;
}

Part comparison_part(const Comparison& c, std::string_view title) {
  Part p;
  doc::Section& s = p.section;
  s.id = "comparison";
  s.title = doc::data(title);
  const std::string lvl = doc::format_level(c.options.level);
  s.blocks.push_back(paragraph(
      doc::words("Share Good or better (at each scale's good threshold) in ")
          .data(c.label_a)
          .words(" (A) and ")
          .data(c.label_b)
          .words(absl::StrCat(
              " (B); the change B - A with Newcombe's ", lvl,
              " interval; p from the two-proportion z-test, Holm-adjusted across the domains; "
              "P(B>A) from the Mann-Whitney test on all grade levels. The verdict follows the "
              "test, not the size of the change."))));
  doc::Table t;
  t.id = "comparison";
  t.caption = doc::words("Share Good or better in ")
                  .data(c.label_a)
                  .words(" (A) and ")
                  .data(c.label_b)
                  .words(" (B)");
  t.columns = {label_column(doc::words("Area")),
               number_column("A"),
               number_column("B"),
               number_column("Change"),
               number_column(absl::StrCat(lvl, " interval")),
               number_column("p"),
               number_column("P(B>A)"),
               text_column(doc::words("Verdict"))};
  Data rows = Data::array();
  for (const ComparisonRow& r : c.rows) {
    t.rows.push_back({Value::label(r.item), Value::share_of(r.good_a, r.n_a),
                      Value::share_of(r.good_b, r.n_b), Value::points(r.difference),
                      Value::points_interval(r.low, r.high), Value::pvalue(r.adjusted),
                      Value::number(r.superiority), Value::of(doc::words(r.verdict))});
    rows.push(Data::object()
                  .set("item", Data::string(r.item))
                  .set("good", Data::string(r.good))
                  .set("n_a", Data::integer(r.n_a))
                  .set("good_a", Data::integer(r.good_a))
                  .set("n_b", Data::integer(r.n_b))
                  .set("good_b", Data::integer(r.good_b))
                  .set("share_a", Data::number(r.share_a))
                  .set("share_b", Data::number(r.share_b))
                  .set("difference", Data::number(r.difference))
                  .set("low", Data::number(r.low))
                  .set("high", Data::number(r.high))
                  .set("pvalue", Data::number(r.pvalue))
                  .set("adjusted", Data::number(r.adjusted))
                  .set("superiority", Data::number(r.superiority))
                  .set("mw_pvalue", Data::number(r.mw_pvalue))
                  .set("verdict", Data::string(r.verdict)));
  }
  s.blocks.push_back(std::move(t));
  s.blocks.push_back(comparison_figure(c, "comparison"));
  p.data = Data::object()
               .set("a", Data::string(c.label_a))
               .set("b", Data::string(c.label_b))
               .set("level", Data::number(c.options.level))
               .set("rows", std::move(rows));
  return p;
}

Part trend_part(const Trend& tr, std::string_view title) {
  Part p;
  doc::Section& s = p.section;
  s.id = "trend";
  s.title = doc::data(title);
  doc::Table t;
  t.id = "trend";
  t.caption = doc::words("Share Good or better by ")
                  .words(tr.kind == "financial_year" ? "financial year" : tr.kind);
  t.columns = {label_column(doc::words("Period")), number_column("Graded"),
               number_column("Good or better"), number_column("Share"), number_column("Interval")};
  Data rows = Data::array();
  for (const TrendRow& r : tr.rows) {
    t.rows.push_back({Value::label(r.period), Value::count_of(r.n), Value::count_of(r.good),
                      Value::share(r.share), Value::share_interval(r.low, r.high)});
    rows.push(Data::object()
                  .set("period", Data::string(r.period))
                  .set("n", Data::integer(r.n))
                  .set("good", Data::integer(r.good))
                  .set("share", Data::number(r.share))
                  .set("low", Data::number(r.low))
                  .set("high", Data::number(r.high)));
  }
  s.blocks.push_back(std::move(t));
  s.blocks.push_back(trend_figure(tr, title, "trend"));
  s.blocks.push_back(paragraph(doc::words(
      absl::StrCat("Cochran-Armitage test for a linear trend: z ", doc::format_number(tr.statistic),
                   ", p ", doc::format_p(tr.pvalue), ": ", tr.verdict,
                   tr.note.empty() ? "" : absl::StrCat(" (", tr.note, ")"), "."))));
  p.data = Data::object()
               .set("kind", Data::string(tr.kind))
               .set("grades", Data::string(tr.grades))
               .set("rows", std::move(rows))
               .set("statistic", Data::number(tr.statistic))
               .set("pvalue", Data::number(tr.pvalue))
               .set("slope", Data::number(tr.slope))
               .set("verdict", Data::string(tr.verdict))
               .set("note", Data::string(tr.note));
  return p;
}

}  // namespace qaframe::detail
