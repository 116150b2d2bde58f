// The triangulation and the improvement log as document parts, and the public renderings of
// them (report/triangulation_report.hpp). Every number and word comes from the Triangulation.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"
#include "qaframe/render/render.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/triangulation_report.hpp"
#include "report/publication.hpp"
#include "report/sections.hpp"

namespace qaframe {
namespace detail {
namespace {

using doc::Column;
using doc::ColumnType;
using doc::Data;
using doc::Style;
using doc::Text;
using doc::Value;

// A matrix cell: the status (with the direction of a single source), in bold where it raises a
// line of enquiry; the words are the library's own, so it reads without its colour.
Text cell_text(const Cell& c) {
  std::string out(cell_status_name(c.status));
  if (c.status == CellStatus::kSingleSource) {
    for (Direction d : c.strands) {
      if (d == Direction::kBetter || d == Direction::kWorse || d == Direction::kInLine ||
          d == Direction::kMixed)
        absl::StrAppend(&out, " (", sv(direction_name(d)), ")");
    }
  }
  return doc::words(out, raises_kloe(c.status) ? Style::kStrong : Style::kPlain);
}

// A share as a whole percentage, halves up, as the KLOE sentences write it.
Value share_value(double share) {
  return std::isnan(share) ? Value::of(doc::words("-"))
                           : Value::of(doc::words(absl::StrCat(
                                 static_cast<long long>(std::floor(share * 100.0 + 0.5)), "%")));
}

Value interval_value(double low, double high) {
  if (std::isnan(low)) return Value::of(doc::words("-"));
  return Value::of(doc::words(absl::StrCat(static_cast<long long>(std::floor(low * 100.0 + 0.5)),
                                           "-", share_value(high).text.plain())));
}

Data signal_data(const Signal& s) {
  return Data::object()
      .set("unit", Data::string(s.unit))
      .set("theme", Data::string(s.theme))
      .set("strand", Data::string(strand_name(s.strand)))
      .set("item", Data::string(s.item))
      .set("measure", Data::string(s.measure))
      .set("period", Data::string(s.period))
      .set("count", Data::number(s.count))
      .set("answers", Data::integer(s.answers))
      .set("respondents", Data::integer(s.respondents))
      .set("counted", Data::string(s.counted))
      .set("n", Data::integer(s.n))
      .set("estimate", Data::number(s.estimate))
      .set("low", Data::number(s.low))
      .set("high", Data::number(s.high))
      .set("benchmark", Data::number(s.benchmark))
      .set("comparator", Data::string(s.comparator))
      .set("comparator_n", Data::integer(s.comparator_n))
      .set("limit_low", Data::number(s.limit_low))
      .set("limit_high", Data::number(s.limit_high))
      .set("strong_low", Data::number(s.strong_low))
      .set("strong_high", Data::number(s.strong_high))
      .set("polarity", Data::string(polarity_name(s.polarity)))
      .set("direction", Data::string(direction_name(s.direction)))
      .set("strong", Data::boolean(s.strong))
      .set("gap", Data::number(s.gap))
      .set("note", Data::string(s.note));
}

doc::Table evidence_table(const Triangulation& t) {
  const TriangulationOptions& o = t.options;
  doc::Table table;
  table.id = "triangulation-evidence";
  table.caption = doc::words("The evidence of each strand, by unit and theme");
  table.columns = {
      {doc::data(column_heading(o.by)), ColumnType::kLabel},
      {doc::words("Theme"), ColumnType::kText},
      {doc::words("Strand"), ColumnType::kText},
      {doc::words("Item"), ColumnType::kText},
      {doc::words("Share"), ColumnType::kNumber},
      {doc::words("n"), ColumnType::kNumber},
      {doc::words("Counted"), ColumnType::kText},
      {doc::words(absl::StrCat(std::lround(o.level * 100), "% CI")), ColumnType::kNumber},
      {doc::words("Compared with"), ColumnType::kText},
      {doc::words("Position"), ColumnType::kText}};
  for (const Signal& s : t.signals) {
    std::string item =
        s.strand == Strand::kPerformance
            ? absl::StrCat(s.measure, s.period.empty() ? "" : absl::StrCat(" (", s.period, ")"))
            : s.item;
    std::string against =
        std::isnan(s.benchmark)
            ? std::string("-")
            : absl::StrCat(share_value(s.benchmark).text.plain(), " ", s.comparator,
                           s.comparator_n > 0 ? absl::StrCat(" (n ", s.comparator_n, ")") : "");
    std::string position(direction_name(s.direction));
    if (s.strong) position += " (strong)";
    if (!s.note.empty()) absl::StrAppend(&position, ": ", s.note);
    if (s.strand == Strand::kPerformance && s.polarity == Polarity::kLowerIsBetter)
      against += ", lower is better";
    table.rows.push_back(
        {Value::label(s.unit), Value::label(s.theme), Value::of(doc::words(strand_name(s.strand))),
         Value::label(item), share_value(s.estimate), Value::count_of(s.n),
         Value::of(doc::words(s.strand == Strand::kSurvey
                                  ? absl::StrCat(s.counted, " (", s.answers, " answers)")
                                  : s.counted)),
         interval_value(s.low, s.high), Value::label(against), Value::label(position)});
  }
  return table;
}

}  // namespace

Part triangulation_part(const Triangulation& t, const Publication* pub) {
  const TriangulationOptions& o = t.options;
  Part p;
  doc::Section& s = p.section;
  s.id = "triangulation";
  s.title = doc::words("Triangulation");
  s.blocks.push_back(doc::Paragraph{
      doc::words("Audits, survey and performance evidence by ")
          .data(o.by)
          .words(absl::StrCat(
              " and theme. Each share is compared with its target or benchmark (a team without a "
              "target: with the rest of the service) using exact binomial funnel limits: outside ",
              std::lround(o.level * 100), "% is a signal, outside ", o.strong_level * 100,
              "% a strong one; fewer than ", o.min_n,
              " cases is insufficient. Lines of enquiry come from corroborated concerns, "
              "divergent evidence and unconfirmed concerns."))});
  if (!t.survey_rule.empty()) s.blocks.push_back(doc::Paragraph{doc::words(t.survey_rule)});
  doc::Table matrix;
  matrix.id = "triangulation-matrix";
  matrix.caption = doc::words("Triangulation by ").data(o.by).words(" and theme");
  matrix.columns.push_back({doc::data(column_heading(o.by)), ColumnType::kLabel});
  for (const std::string& th : t.themes)
    matrix.columns.push_back({doc::data(th), ColumnType::kText});
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    std::vector<Value> row{Value::label(t.units[u])};
    for (std::size_t th = 0; th < t.themes.size(); ++th)
      row.push_back(Value::of(cell_text(t.cell_unchecked(u, th))));
    matrix.rows.push_back(std::move(row));
  }
  s.blocks.push_back(std::move(matrix));
  s.blocks.push_back(triangulation_figure(t, "triangulation-matrix"));

  doc::Section kloes;
  kloes.id = "kloes";
  kloes.title = doc::words("Key lines of enquiry");
  if (t.kloes.empty()) {
    kloes.blocks.push_back(doc::Paragraph{
        doc::words("None: no cell shows corroborated, divergent or unconfirmed concern.")});
  } else {
    doc::List list;
    list.numbered = true;
    for (const LineOfEnquiry& k : t.kloes) {
      Text item = doc::data(k.unit, Style::kStrong)
                      .words(", ", Style::kStrong)
                      .data(k.theme, Style::kStrong)
                      .words(absl::StrCat(" (", sv(cell_status_name(k.status)),
                                          k.strong ? ", strong" : "", "). "));
      // Published, the evidence sentence (counts of audits, answers and cases) is left out.
      if (pub == nullptr) item.data(k.evidence).words(" ");
      item.data(k.question, Style::kEmphasis);
      list.items.push_back(std::move(item));
    }
    kloes.blocks.push_back(std::move(list));
  }
  s.subsections.push_back(std::move(kloes));

  doc::Section evidence;
  evidence.id = "evidence";
  evidence.title = doc::words("Evidence");
  if (pub == nullptr) {
    evidence.blocks.push_back(evidence_table(t));
  } else {
    evidence.blocks.push_back(doc::Note{doc::words(
        "the evidence of each strand (counts of audits, survey answers and indicator cases, some "
        "below the threshold) is not published; the matrix above gives each cell's status.")});
  }
  if (!t.notes.empty()) {
    evidence.blocks.push_back(doc::Paragraph{doc::words("Notes:")});
    doc::List notes;
    for (const std::string& n : t.notes) notes.items.push_back(doc::data(n));
    evidence.blocks.push_back(std::move(notes));
  }
  s.subsections.push_back(std::move(evidence));

  Data units = Data::strings(t.units), themes = Data::strings(t.themes), rows = Data::array();
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    Data row = Data::array();
    for (std::size_t th = 0; th < t.themes.size(); ++th)
      row.push(Data::string(cell_status_name(t.cell_unchecked(u, th).status)));
    rows.push(std::move(row));
  }
  Data signals = Data::array(), kloe_data = Data::array();
  for (const Signal& sig : t.signals) signals.push(signal_data(sig));
  for (const LineOfEnquiry& k : t.kloes) {
    kloe_data.push(Data::object()
                       .set("rank", Data::integer(static_cast<std::int64_t>(k.rank)))
                       .set("unit", Data::string(k.unit))
                       .set("theme", Data::string(k.theme))
                       .set("status", Data::string(cell_status_name(k.status)))
                       .set("strong", Data::boolean(k.strong))
                       .set("n", Data::integer(k.n))
                       .set("gap", Data::number(k.gap))
                       .set("evidence", Data::string(k.evidence))
                       .set("question", Data::string(k.question)));
  }
  p.data = Data::object()
               .set("by", Data::string(o.by))
               .set("min_n", Data::integer(o.min_n))
               .set("level", Data::number(o.level))
               .set("strong_level", Data::number(o.strong_level))
               .set("units", std::move(units))
               .set("themes", std::move(themes))
               .set("matrix", std::move(rows))
               .set("evidence", std::move(signals))
               .set("kloes", std::move(kloe_data))
               .set("notes", Data::strings(t.notes));
  return p;
}

Part log_part(const ImprovementLog& log, const LogMergeSummary& summary, DayNumber as_of) {
  Part p;
  doc::Section& s = p.section;
  s.id = "improvement-log";
  s.title = doc::words("Performance Improvement Log");
  s.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
      "As of ", format_date(as_of), ": ", summary.added, " KLOEs added, ", summary.updated,
      " updated, ", summary.marked_for_review, " marked for review (concern no longer shown); ",
      log.entries.size(), " in the log."))});
  doc::Table t;
  t.id = "improvement-log";
  t.caption = doc::words("The Performance Improvement Log");
  for (const char* h :
       {"KLOE", "Raised", "Unit", "Theme", "Status", "Owner", "Review by", "Closed"})
    t.columns.push_back({doc::words(h), ColumnType::kText});
  t.columns[0].type = ColumnType::kLabel;
  Data entries = Data::array();
  for (const KloeEntry& e : log.entries) {
    t.rows.push_back(
        {Value::label(e.kloe_id), Value::of(doc::words(format_date(e.raised))),
         Value::label(e.unit), Value::label(e.theme),
         Value::of(doc::words(kloe_status_name(e.status))), Value::label(e.owner),
         e.review_by ? Value::of(doc::words(format_date(*e.review_by))) : Value::empty(),
         e.closed ? Value::of(doc::words(format_date(*e.closed))) : Value::empty()});
    entries.push(
        Data::object()
            .set("kloe_id", Data::string(e.kloe_id))
            .set("raised", Data::string(format_date(e.raised)))
            .set("unit", Data::string(e.unit))
            .set("theme", Data::string(e.theme))
            .set("status", Data::string(kloe_status_name(e.status)))
            .set("owner", Data::string(e.owner))
            .set("review_by", e.review_by ? Data::string(format_date(*e.review_by)) : Data())
            .set("closed", e.closed ? Data::string(format_date(*e.closed)) : Data()));
  }
  s.blocks.push_back(std::move(t));
  p.data = Data::object()
               .set("added", Data::integer(summary.added))
               .set("updated", Data::integer(summary.updated))
               .set("marked_for_review", Data::integer(summary.marked_for_review))
               .set("entries", std::move(entries));
  return p;
}

Part benchmarking_part(const Benchmarking& b) {
  Part p;
  doc::Section& s = p.section;
  s.id = "benchmarking";
  s.title = doc::words("Against the statistical neighbours");
  s.blocks.push_back(doc::Paragraph{doc::words("Each indicator of ")
                                        .data(b.council)
                                        .words(absl::StrCat(" against its ", b.neighbours.size(),
                                                            " statistical neighbours, as in DfE's "
                                                            "LAIT."))});
  doc::Table t;
  t.id = "benchmarking";
  t.caption = doc::words("Rank among the neighbours, quartile band and change");
  t.columns = {{doc::words("Indicator"), ColumnType::kLabel},
               {doc::words("Period"), ColumnType::kText},
               {doc::words("Value"), ColumnType::kNumber},
               {doc::words("Rank"), ColumnType::kNumber},
               {doc::words("Band"), ColumnType::kText},
               {doc::words("Change"), ColumnType::kNumber},
               {doc::words("Neighbours' mean"), ColumnType::kNumber},
               {doc::words("England"), ColumnType::kNumber},
               {doc::words("Note"), ColumnType::kText}};
  auto shown = [](double v, bool percent) {
    if (std::isnan(v)) return Value::of(doc::words("x"));
    return percent ? Value::number(v * 100, 1) : Value::number(v, 1);
  };
  Data rows = Data::array();
  for (const BenchmarkRow& r : b.rows) {
    t.rows.push_back(
        {Value::label(r.description), Value::label(r.period), shown(r.value, r.percent),
         std::isnan(r.rank) ? Value::of(doc::words("x"))
                            : Value::of(doc::words(
                                  absl::StrCat(static_cast<long long>(r.rank), " of ", r.ranked))),
         Value::of(doc::words(r.band.empty() ? "x" : r.band)),
         std::isnan(r.change)
             ? Value::empty()
             : Value::of(doc::words(absl::StrCat(
                   r.change > 0 ? "+" : "",
                   doc::format_number(r.percent ? r.change * 100 : r.change, 1),
                   r.direction.empty() ? "" : " (", r.direction, r.direction.empty() ? "" : ")"))),
         shown(r.neighbours_mean, r.percent), shown(r.england, r.percent), Value::label(r.note)});
    rows.push(Data::object()
                  .set("indicator", Data::string(r.indicator))
                  .set("period", Data::string(r.period))
                  .set("value", Data::number(r.value))
                  .set("rank", Data::number(r.rank))
                  .set("ranked", Data::integer(static_cast<std::int64_t>(r.ranked)))
                  .set("band", Data::string(r.band))
                  .set("change", Data::number(r.change))
                  .set("direction", Data::string(r.direction))
                  .set("neighbours_mean", Data::number(r.neighbours_mean))
                  .set("england", Data::number(r.england))
                  .set("note", Data::string(r.note)));
  }
  s.blocks.push_back(std::move(t));
  for (const std::string& m : b.method) s.blocks.push_back(doc::Note{doc::words(m)});
  p.data = Data::object()
               .set("council", Data::string(b.council))
               .set("neighbours", Data::strings(b.neighbours))
               .set("rows", std::move(rows))
               .set("method", Data::strings(b.method));
  return p;
}

}  // namespace detail

std::string render_triangulation_markdown(const Triangulation& t) {
  return doc::to_markdown(detail::triangulation_part(t).section);
}

std::string render_triangulation_json(const Triangulation& t) {
  return detail::triangulation_part(t).data.to_json();
}

std::string render_log_markdown(const ImprovementLog& log, const LogMergeSummary& summary,
                                DayNumber as_of) {
  return absl::StrCat("\n", doc::to_markdown(detail::log_part(log, summary, as_of).section));
}

std::string render_log_json(const ImprovementLog& log, const LogMergeSummary& summary) {
  return detail::log_part(log, summary, 0).data.to_json();
}

}  // namespace qaframe
