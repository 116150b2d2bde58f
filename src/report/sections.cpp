#include "report/sections.hpp"

#include <cmath>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/report/report.hpp"
#include "report/publication.hpp"

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
                           std::string id, const Publication* pub) {
  doc::Table t;
  t.id = std::move(id);
  const bool auditors = heading != "Team";
  t.caption = doc::words("Grades changed by moderators, by ").words(auditors ? "auditor" : "team");
  t.columns = {label_column(doc::words(heading)), number_column("Pairs"),
               number_column("Agreed"),           number_column("Raised"),
               number_column("Lowered"),          number_column("Net"),
               number_column("p (Holm)"),         text_column(doc::words("Flag"))};
  for (const DirectionRow& r : rows) {
    const std::string label = pub != nullptr && auditors ? pub->staff(r.label) : r.label;
    if (pub == nullptr) {
      t.rows.push_back({Value::label(label), Value::count_of(r.pairs), Value::count_of(r.agreed),
                        Value::count_of(r.raised), Value::count_of(r.lowered),
                        Value::count_of(r.net()), Value::pvalue(r.adjusted),
                        r.flagged ? Value::of(doc::words(r.direction())) : Value::empty()});
      continue;
    }
    const std::int64_t min = pub->options().min_pairs;
    if (pub->too_few(r.pairs)) {
      t.rows.push_back({Value::label(label), count_value(r.pairs, pub->sensitive(r.pairs)),
                        withheld(min), withheld(min), withheld(min), withheld(min), withheld(min),
                        withheld(min)});
      continue;
    }
    // agreed + raised + lowered = pairs: a small one is protected within its row.
    auto s =
        suppress_counts(CountTable::one_way({r.agreed, r.raised, r.lowered}), pub->options().rule);
    const bool ok = s.ok();
    auto shown = [&](std::size_t i, std::int64_t v) {
      return count_value(v, !ok || s->cell_unchecked(0, i).suppressed());
    };
    const bool any = !ok || any_suppressed(*s);
    t.rows.push_back({Value::label(label), count_value(r.pairs, !ok || s->grand_total.suppressed()),
                      shown(0, r.agreed), shown(1, r.raised), shown(2, r.lowered),
                      any ? suppressed() : Value::count_of(r.net()),
                      any ? suppressed() : Value::pvalue(r.adjusted),
                      any || !r.flagged ? Value::empty() : Value::of(doc::words(r.direction()))});
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
    t.rows.push_back(count_row(table.rows()[i], table.row_unchecked(i), true));
  // The total row's label is escaped like the others, as the column labels are.
  t.rows.push_back(count_row("Total", table.total(), true));
  t.total_rows = 1;
  return t;
}

doc::Data grade_table_data(const GradeTable& table) {
  Data rows = Data::array();
  for (std::size_t i = 0; i < table.size(); ++i)
    rows.push(counts_data(table.rows()[i], table.row_unchecked(i)));
  return Data::object()
      .set("by", Data::string(table.by()))
      .set("columns", Data::strings(grade_columns(table.scale())))
      .set("rows", std::move(rows))
      .set("total", counts_data("Total", table.total()));
}

Part moderation_part(const ModerationSummary& m, const Publication* pub) {
  Part p;
  doc::Section& s = p.section;
  s.id = "moderation";
  s.title = doc::words("Moderation");
  // In publication mode the coverage is a table of moderated and not moderated audits by
  // programme, with its totals, protected as one.
  std::optional<SuppressedTable> covered;
  if (pub != nullptr && !m.coverage.empty()) {
    CountTable c;
    c.rows = m.coverage.size();
    c.columns = 2;
    for (const CoverageRow& row : m.coverage) {
      c.counts.push_back(row.moderated);
      c.counts.push_back(row.audits - row.moderated);
    }
    auto sup = suppress_counts(c, pub->options().rule);
    if (sup.ok()) covered = *std::move(sup);
  }
  auto number_text = [](std::int64_t v, bool hidden) {
    return hidden ? std::string("c") : absl::StrCat(v);
  };
  const bool hide_moderated = covered && covered->column_totals[0].suppressed();
  const bool hide_audits = covered && covered->grand_total.suppressed();
  // Pairs are at most the audits moderated: shown beside a suppressed count of those, they would
  // place it within a few.
  const bool hide_pairs = pub != nullptr && (pub->sensitive(m.pairs) || hide_moderated ||
                                             pub->sensitive(m.moderated - m.pairs));
  s.blocks.push_back(paragraph(doc::words(absl::StrCat(
      number_text(m.moderated, hide_moderated), " of ", number_text(m.audits, hide_audits),
      " audits were moderated; ", number_text(m.pairs, hide_pairs),
      " were graded on the scale by both auditor and moderator."))));

  doc::Table coverage;
  coverage.id = "moderation-coverage";
  coverage.caption = doc::words("Audits moderated, by programme");
  coverage.columns = {label_column(doc::words("Programme")), number_column("Audits"),
                      number_column("Moderated"), number_column("Share")};
  for (std::size_t r = 0; r < m.coverage.size(); ++r) {
    const CoverageRow& c = m.coverage[r];
    const bool hide_row = pub != nullptr && (!covered || covered->row_totals[r].suppressed());
    const bool hide_moderated_row =
        pub != nullptr && (!covered || covered->cell_unchecked(r, 0).suppressed());
    coverage.rows.push_back(
        {Value::label(c.programme), count_value(c.audits, hide_row),
         count_value(c.moderated, hide_moderated_row),
         hide_row || hide_moderated_row ? suppressed() : Value::percent_of(c.moderated, c.audits)});
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
  // Published, the pairs table is protected as if its margins were known (they follow from the
  // grade tables and the coverage).
  std::optional<SuppressedTable> paired;
  if (pub != nullptr) {
    CountTable c;
    c.rows = c.columns = labels.size();
    for (const auto& row : m.table) c.counts.insert(c.counts.end(), row.begin(), row.end());
    auto sup = suppress_counts(c, pub->options().rule);
    if (sup.ok()) paired = *std::move(sup);
  }
  for (std::size_t r = 0; r < labels.size(); ++r) {
    std::vector<Value> row{Value::label(labels[r])};
    for (std::size_t c = 0; c < m.table[r].size(); ++c)
      row.push_back(count_value(
          m.table[r][c], pub != nullptr && (!paired || paired->cell_unchecked(r, c).suppressed())));
    pairs.rows.push_back(std::move(row));
  }
  s.blocks.push_back(std::move(pairs));
  if (pub != nullptr && (!paired || any_suppressed(*paired))) {
    s.blocks.push_back(doc::Note{doc::words(
        "the chart of auditors' by moderators' grades is not drawn in publication mode: it would "
        "show the suppressed counts.")});
  } else {
    s.blocks.push_back(moderation_figure(m, "moderation-pairs"));
  }

  doc::Table agreement;
  agreement.id = "moderation-agreement";
  agreement.caption = doc::words("Agreement between auditors and moderators");
  agreement.columns = {label_column(doc::words("Agreement")), number_column("Estimate"),
                       number_column(absl::StrCat(doc::format_level(m.options.level), " interval")),
                       number_column("Pairs"), text_column(doc::words("Interval from"))};
  for (const AgreementEstimate& a : m.agreement) {
    const bool share = a.interval == "Wilson";
    if (pub != nullptr && pub->too_few(a.n)) {
      const std::int64_t min = pub->options().min_pairs;
      agreement.rows.push_back({Value::of(doc::words(a.statistic)), withheld(min), withheld(min),
                                count_value(a.n, hide_pairs || pub->sensitive(a.n)),
                                Value::label(a.interval)});
      continue;
    }
    if (a.withheld) {
      agreement.rows.push_back({Value::of(doc::words(a.statistic)),
                                Value::of(doc::words("too few pairs")), Value::empty(),
                                count_value(a.n, hide_pairs), Value::label(a.interval)});
      continue;
    }
    const bool no_interval = std::isnan(a.low) || std::isnan(a.high);
    agreement.rows.push_back({Value::of(doc::words(a.statistic)),
                              share ? Value::share(a.estimate) : Value::number(a.estimate),
                              no_interval ? Value::of(doc::words("no interval"))
                              : share     ? Value::share_interval(a.low, a.high)
                                          : Value::interval(a.low, a.high),
                              count_value(a.n, hide_pairs), Value::label(a.interval)});
  }
  s.blocks.push_back(std::move(agreement));
  // What the table cannot say: coefficients withheld, intervals cut at a bound or not given.
  for (const std::string& note : m.notes) s.blocks.push_back(doc::Note{doc::data(note)});
  for (const AgreementEstimate& a : m.agreement) {
    if (a.note.empty() || a.withheld) continue;
    s.blocks.push_back(doc::Note{doc::words(absl::StrCat(a.statistic, ": ")).data(a.note)});
  }

  const DirectionRow& o = m.overall;
  if (pub != nullptr &&
      (pub->too_few(o.pairs) || pub->sensitive(o.raised) || pub->sensitive(o.lowered))) {
    s.blocks.push_back(paragraph(doc::words(
        "How many grades moderators raised and lowered is not published: too few, or counts "
        "below the threshold.")));
  } else {
    s.blocks.push_back(paragraph(doc::words(absl::StrCat(
        "Moderators raised ", o.raised, o.raised == 1 ? " grade" : " grades", " and lowered ",
        o.lowered, " (net ", o.net() > 0 ? "+" : "", o.net(), "; sign test p ",
        doc::format_p(o.pvalue), "): ",
        o.pvalue < m.options.alpha ? o.direction() : "no direction beyond what chance allows",
        "."))));
  }

  if (!m.by_auditor.empty()) {
    s.blocks.push_back(direction_table(m.by_auditor, "Auditor", "moderation-by-auditor", pub));
    Text flagged;
    bool any = false;
    for (const DirectionRow& r : m.by_auditor) {
      if (!r.flagged || (pub != nullptr && pub->too_few(r.pairs))) continue;
      flagged.words(any ? "; " : "Flagged (one direction more often than chance allows): ");
      flagged.data(pub != nullptr ? pub->staff(r.label) : r.label)
          .words(absl::StrCat(" (", r.direction(), ")"));
      any = true;
    }
    if (!any) flagged.words("No auditor's grades move one way more often than chance allows");
    flagged.words(absl::StrCat(" (sign test, Holm-adjusted across auditors, ",
                               m.options.alpha * 100, "% family-wise)."));
    s.blocks.push_back(paragraph(std::move(flagged)));
  }
  if (!m.by_team.empty())
    s.blocks.push_back(direction_table(m.by_team, "Team", "moderation-by-team", pub));

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
                            .set("range_low", Data::number(a.range_low))
                            .set("range_high", Data::number(a.range_high))
                            .set("se", Data::number(a.se))
                            .set("truncated", Data::boolean(a.truncated))
                            .set("withheld", Data::boolean(a.withheld))
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

Part key_messages_part(const std::vector<KeyMessage>& messages, double level,
                       const Publication* pub) {
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
  bool any_hidden = false;
  for (const KeyMessage& k : messages) {
    const bool hide = pub != nullptr && pub->share_suppressed(k.count, k.n);
    any_hidden = any_hidden || hide;
    t.rows.push_back(
        {Value::label(k.domain),
         hide ? suppressed()
              : Value::of(doc::words(absl::StrCat(k.count, " (")).data(k.below).words(")")),
         hide ? suppressed() : Value::share(k.share),
         hide ? suppressed() : Value::share_interval(k.low, k.high),
         count_value(k.n, pub != nullptr && pub->sensitive(k.n)),
         count_value(k.not_applicable, pub != nullptr && pub->sensitive(k.not_applicable))});
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
  if (!messages.empty()) {
    if (any_hidden) {
      std::vector<KeyMessage> shown;
      for (const KeyMessage& k : messages)
        if (!pub->share_suppressed(k.count, k.n)) shown.push_back(k);
      s.blocks.push_back(doc::Note{
          doc::words("areas of practice with suppressed counts are not drawn in the chart.")});
      if (!shown.empty()) s.blocks.push_back(key_messages_figure(shown, level, "key-messages"));
    } else {
      s.blocks.push_back(key_messages_figure(messages, level, "key-messages"));
    }
  }
  p.data = std::move(rows);
  return p;
}

Part comparison_part(const Comparison& c, std::string_view title, const Publication* pub) {
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
              " interval; p from the test each row names (the two-proportion z-test, or Fisher's "
              "exact test where an expected count is below 5), Holm-adjusted across the domains; "
              "P(B>A) from the Mann-Whitney test on all grade levels. The verdict follows the "
              "test, not the size of the change."))));
  if (!c.warning.empty()) s.blocks.push_back(paragraph(doc::words("Note: ").data(c.warning)));
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
               text_column(doc::words("Verdict")),
               text_column(doc::words("Test"))};
  Data rows = Data::array();
  bool any_withheld = false;
  for (const ComparisonRow& r : c.rows) {
    if (pub != nullptr &&
        (pub->too_few(r.n_a) || pub->too_few(r.n_b) || pub->share_suppressed(r.good_a, r.n_a) ||
         pub->share_suppressed(r.good_b, r.n_b))) {
      const std::int64_t min = pub->options().min_pairs;
      any_withheld = true;
      t.rows.push_back({Value::label(r.item), withheld(min), withheld(min), withheld(min),
                        withheld(min), withheld(min), withheld(min), withheld(min),
                        Value::empty()});
    } else {
      t.rows.push_back({Value::label(r.item), Value::share_of(r.good_a, r.n_a),
                        Value::share_of(r.good_b, r.n_b), Value::points(r.difference),
                        Value::points_interval(r.low, r.high), Value::pvalue(r.adjusted),
                        Value::number(r.superiority), Value::of(doc::words(r.verdict)),
                        Value::of(doc::words(r.test))});
    }
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
                  .set("verdict", Data::string(r.verdict))
                  .set("test", Data::string(r.test))
                  .set("expected_min", Data::number(r.expected_min))
                  .set("z_pvalue", Data::number(r.z_pvalue))
                  .set("exact_pvalue", Data::number(r.exact_pvalue))
                  .set("mw_method", Data::string(r.mw_method)));
  }
  s.blocks.push_back(std::move(t));
  if (!c.test_rule.empty()) s.blocks.push_back(paragraph(doc::words(c.test_rule)));
  if (any_withheld) {
    Comparison shown = c;
    shown.rows.clear();
    for (const ComparisonRow& r : c.rows)
      if (!(pub->too_few(r.n_a) || pub->too_few(r.n_b) || pub->share_suppressed(r.good_a, r.n_a) ||
            pub->share_suppressed(r.good_b, r.n_b)))
        shown.rows.push_back(r);
    s.blocks.push_back(
        doc::Note{doc::words("areas withheld from the table are not drawn in the chart.")});
    if (!shown.rows.empty()) s.blocks.push_back(comparison_figure(shown, "comparison"));
  } else {
    s.blocks.push_back(comparison_figure(c, "comparison"));
  }
  p.data = Data::object()
               .set("a", Data::string(c.label_a))
               .set("b", Data::string(c.label_b))
               .set("level", Data::number(c.options.level))
               .set("rows", std::move(rows));
  return p;
}

Part trend_part(const Trend& tr, std::string_view title, const Publication* pub) {
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
  Trend drawn = tr;
  for (std::size_t i = 0; i < tr.rows.size(); ++i) {
    const TrendRow& r = tr.rows[i];
    const bool hide = pub != nullptr && r.n > 0 && pub->share_suppressed(r.good, r.n);
    if (hide) drawn.rows[i].share = drawn.rows[i].low = drawn.rows[i].high = NAN;
    t.rows.push_back({Value::label(r.period),
                      count_value(r.n, pub != nullptr && pub->sensitive(r.n)),
                      count_value(r.good, hide), hide ? suppressed() : Value::share(r.share),
                      hide ? suppressed() : Value::share_interval(r.low, r.high)});
    rows.push(Data::object()
                  .set("period", Data::string(r.period))
                  .set("n", Data::integer(r.n))
                  .set("good", Data::integer(r.good))
                  .set("share", Data::number(r.share))
                  .set("low", Data::number(r.low))
                  .set("high", Data::number(r.high))
                  .set("qualifies", Data::boolean(r.qualifies)));
  }
  s.blocks.push_back(std::move(t));
  s.blocks.push_back(trend_figure(drawn, title, "trend"));
  if (tr.periods_used >= 2) {
    s.blocks.push_back(paragraph(doc::words(absl::StrCat(
        "Cochran-Armitage test for a linear trend",
        tr.periods_used < tr.periods_total
            ? absl::StrCat(" on the ", tr.periods_used, " of ", tr.periods_total,
                           " periods with at least ", tr.min_n, " graded audits")
            : "",
        ": z ", doc::format_number(tr.statistic), ", p ", doc::format_p(tr.pvalue), ": ",
        tr.verdict, tr.note.empty() ? "" : absl::StrCat(" (", tr.note, ")"), "."))));
  } else {
    s.blocks.push_back(paragraph(doc::words(absl::StrCat(
        "No trend is tested: ",
        tr.periods_used == 1 ? "only 1 period has"
                             : absl::StrCat("only ", tr.periods_used, " periods have"),
        " at least ", tr.min_n, " graded audits, and a test needs two; every period is shown",
        tr.note.empty() ? "" : absl::StrCat(" (", tr.note, ")"), "."))));
  }
  p.data = Data::object()
               .set("kind", Data::string(tr.kind))
               .set("grades", Data::string(tr.grades))
               .set("rows", std::move(rows))
               .set("statistic", Data::number(tr.statistic))
               .set("pvalue", Data::number(tr.pvalue))
               .set("slope", Data::number(tr.slope))
               .set("verdict", Data::string(tr.verdict))
               .set("note", Data::string(tr.note))
               .set("min_n", Data::integer(tr.min_n))
               .set("periods_used", Data::integer(static_cast<std::int64_t>(tr.periods_used)))
               .set("periods_total", Data::integer(static_cast<std::int64_t>(tr.periods_total)));
  return p;
}

}  // namespace qaframe::detail
