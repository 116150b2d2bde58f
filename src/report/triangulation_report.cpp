// Rendering of a triangulation: the Markdown report section and the JSON object. Rendering only:
// every number and word comes from the Triangulation.
#include "qaframe/report/triangulation_report.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/report/report.hpp"
#include "report/text_escape.hpp"

namespace qaframe {
namespace {

std::string pct(double share) {
  if (std::isnan(share)) return "-";
  return absl::StrCat(static_cast<long long>(std::floor(share * 100.0 + 0.5)), "%");
}

std::string interval(double low, double high) {
  if (std::isnan(low)) return "-";
  return absl::StrCat(static_cast<long long>(std::floor(low * 100.0 + 0.5)), "-", pct(high));
}

// A matrix cell: the status (with the direction of a single source), in bold where it raises a
// line of enquiry. Markdown only: the words are the library's own, never data.
std::string cell_text(const Cell& c) {
  std::string out(cell_status_name(c.status));
  if (c.status == CellStatus::kSingleSource) {
    for (Direction d : c.strands) {
      if (d == Direction::kBetter || d == Direction::kWorse || d == Direction::kInLine ||
          d == Direction::kMixed)
        absl::StrAppend(&out, " (", sv(direction_name(d)), ")");
    }
  }
  if (raises_kloe(c.status)) out = absl::StrCat("**", out, "**");
  return out;
}

std::string md(std::string_view text) { return detail::markdown_cell(text); }

std::string json_str(std::string_view text) { return detail::json_string(text); }

}  // namespace

std::string render_triangulation_markdown(const Triangulation& t) {
  const TriangulationOptions& o = t.options;
  std::string out = "## Triangulation\n\n";
  absl::StrAppend(
      &out, "Audits, survey and performance evidence by ", md(o.by), " and theme. Each share is ",
      "compared with its target or benchmark (a team without a target: with the rest of the "
      "service) using exact binomial funnel limits: outside ",
      std::lround(o.level * 100), "% is a signal, outside ", absl::StrCat(o.strong_level * 100),
      "% a strong one; fewer than ", o.min_n,
      " cases is insufficient. Lines of enquiry come from corroborated concerns, divergent "
      "evidence and unconfirmed concerns.\n\n");
  absl::StrAppend(&out, "| ", md(column_heading(o.by)), " |");
  for (const std::string& th : t.themes) absl::StrAppend(&out, " ", md(th), " |");
  absl::StrAppend(&out, "\n|:---|");
  for (std::size_t i = 0; i < t.themes.size(); ++i) out += ":---|";
  out += "\n";
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    absl::StrAppend(&out, "| ", md(t.units[u]), " |");
    for (std::size_t th = 0; th < t.themes.size(); ++th)
      absl::StrAppend(&out, " ", cell_text(t.cell(u, th)), " |");
    out += "\n";
  }
  absl::StrAppend(&out, "\n### Key lines of enquiry\n\n");
  if (t.kloes.empty())
    out += "None: no cell shows corroborated, divergent or unconfirmed concern.\n";
  for (const LineOfEnquiry& k : t.kloes) {
    absl::StrAppend(&out, k.rank, ". **", md(k.unit), ", ", md(k.theme), "** (",
                    sv(cell_status_name(k.status)), k.strong ? ", strong" : "", "). ",
                    md(k.evidence), " *", md(k.question), "*\n");
  }
  absl::StrAppend(
      &out, "\n### Evidence\n\n| ", md(column_heading(o.by)),
      " | Theme | Strand | Item | Share | n | ", std::lround(o.level * 100),
      "% CI | Compared with | Position |\n|:---|:---|:---|:---|---:|---:|---:|:---|:---|\n");
  for (const Signal& s : t.signals) {
    std::string item = s.strand == Strand::kPerformance
                           ? absl::StrCat(s.measure, s.period.empty() ? "" : " (" + s.period + ")")
                           : s.item;
    std::string against =
        std::isnan(s.benchmark)
            ? std::string("-")
            : absl::StrCat(pct(s.benchmark), " ", s.comparator,
                           s.comparator_n > 0 ? absl::StrCat(" (n ", s.comparator_n, ")") : "");
    std::string position(direction_name(s.direction));
    if (s.strong) position += " (strong)";
    if (!s.note.empty()) absl::StrAppend(&position, ": ", s.note);
    if (s.strand == Strand::kPerformance && s.polarity == Polarity::kLowerIsBetter)
      against += ", lower is better";
    absl::StrAppend(&out, "| ", md(s.unit), " | ", md(s.theme), " | ", sv(strand_name(s.strand)),
                    " | ", md(item), " | ", pct(s.estimate), " | ", s.n, " | ",
                    interval(s.low, s.high), " | ", md(against), " | ", md(position), " |\n");
  }
  if (!t.notes.empty()) {
    out += "\nNotes:\n\n";
    for (const std::string& n : t.notes) absl::StrAppend(&out, "- ", md(n), "\n");
  }
  return out;
}

std::string render_triangulation_json(const Triangulation& t) {
  auto num = [](double v) { return detail::json_number(v); };
  std::vector<std::string> units, themes, rows, signals, kloes, notes;
  for (const std::string& u : t.units) units.push_back(json_str(u));
  for (const std::string& th : t.themes) themes.push_back(json_str(th));
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    std::vector<std::string> row;
    for (std::size_t th = 0; th < t.themes.size(); ++th)
      row.push_back(json_str(cell_status_name(t.cell(u, th).status)));
    rows.push_back(absl::StrCat("[", absl::StrJoin(row, ", "), "]"));
  }
  for (const Signal& s : t.signals) {
    signals.push_back(absl::StrCat(
        "{\"unit\": ", json_str(s.unit), ", \"theme\": ", json_str(s.theme),
        ", \"strand\": ", json_str(strand_name(s.strand)), ", \"item\": ", json_str(s.item),
        ", \"measure\": ", json_str(s.measure), ", \"period\": ", json_str(s.period),
        ", \"count\": ", s.count, ", \"n\": ", s.n, ", \"estimate\": ", num(s.estimate),
        ", \"low\": ", num(s.low), ", \"high\": ", num(s.high),
        ", \"benchmark\": ", num(s.benchmark), ", \"comparator\": ", json_str(s.comparator),
        ", \"comparator_n\": ", s.comparator_n, ", \"limit_low\": ", num(s.limit_low),
        ", \"limit_high\": ", num(s.limit_high), ", \"strong_low\": ", num(s.strong_low),
        ", \"strong_high\": ", num(s.strong_high),
        ", \"polarity\": ", json_str(polarity_name(s.polarity)), ", \"direction\": ",
        json_str(direction_name(s.direction)), ", \"strong\": ", s.strong ? "true" : "false",
        ", \"gap\": ", num(s.gap), ", \"note\": ", json_str(s.note), "}"));
  }
  for (const LineOfEnquiry& k : t.kloes) {
    kloes.push_back(absl::StrCat(
        "{\"rank\": ", k.rank, ", \"unit\": ", json_str(k.unit), ", \"theme\": ", json_str(k.theme),
        ", \"status\": ", json_str(cell_status_name(k.status)),
        ", \"strong\": ", k.strong ? "true" : "false", ", \"n\": ", k.n, ", \"gap\": ", num(k.gap),
        ", \"evidence\": ", json_str(k.evidence), ", \"question\": ", json_str(k.question), "}"));
  }
  for (const std::string& n : t.notes) notes.push_back(json_str(n));
  const TriangulationOptions& o = t.options;
  return absl::StrCat("{\"by\": ", json_str(o.by), ", \"min_n\": ", o.min_n,
                      ", \"level\": ", num(o.level), ", \"strong_level\": ", num(o.strong_level),
                      ", \"units\": [", absl::StrJoin(units, ", "), "], \"themes\": [",
                      absl::StrJoin(themes, ", "), "], \"matrix\": [", absl::StrJoin(rows, ", "),
                      "], \"evidence\": [", absl::StrJoin(signals, ", "), "], \"kloes\": [",
                      absl::StrJoin(kloes, ", "), "], \"notes\": [", absl::StrJoin(notes, ", "),
                      "]}");
}

std::string render_log_markdown(const ImprovementLog& log, const LogMergeSummary& summary,
                                DayNumber as_of_day) {
  const std::string as_of = format_date(as_of_day);
  std::string out = absl::StrCat(
      "\n## Performance Improvement Log\n\nAs of ", as_of, ": ", summary.added, " KLOEs added, ",
      summary.updated, " updated, ", summary.marked_for_review,
      " marked for review (concern no longer shown); ", log.entries.size(), " in the log.\n\n");
  out += "| KLOE | Raised | Unit | Theme | Status | Owner | Review by | Closed |\n";
  out += "|:---|:---|:---|:---|:---|:---|:---|:---|\n";
  for (const KloeEntry& e : log.entries) {
    absl::StrAppend(&out, "| ", detail::markdown_cell(e.kloe_id), " | ", format_date(e.raised),
                    " | ", detail::markdown_cell(e.unit), " | ", detail::markdown_cell(e.theme),
                    " | ", sv(kloe_status_name(e.status)), " | ", detail::markdown_cell(e.owner),
                    " | ", e.review_by ? format_date(*e.review_by) : "", " | ",
                    e.closed ? format_date(*e.closed) : "", " |\n");
  }
  return out;
}

std::string render_log_json(const ImprovementLog& log, const LogMergeSummary& summary) {
  std::vector<std::string> rows;
  for (const KloeEntry& e : log.entries) {
    rows.push_back(absl::StrCat(
        "{\"kloe_id\": ", detail::json_string(e.kloe_id),
        ", \"raised\": ", detail::json_string(format_date(e.raised)),
        ", \"unit\": ", detail::json_string(e.unit), ", \"theme\": ", detail::json_string(e.theme),
        ", \"status\": ", detail::json_string(kloe_status_name(e.status)),
        ", \"owner\": ", detail::json_string(e.owner),
        ", \"review_by\": ", e.review_by ? detail::json_string(format_date(*e.review_by)) : "null",
        ", \"closed\": ", e.closed ? detail::json_string(format_date(*e.closed)) : "null", "}"));
  }
  return absl::StrCat("{\"added\": ", summary.added, ", \"updated\": ", summary.updated,
                      ", \"marked_for_review\": ", summary.marked_for_review, ", \"entries\": [",
                      absl::StrJoin(rows, ", "), "]}");
}

std::string render_triangulation_section(const Triangulation& t, DayNumber as_of,
                                         const ImprovementLog* log, const LogMergeSummary* merge,
                                         ReportFormat format) {
  const bool with_log = log != nullptr && merge != nullptr;
  if (format == ReportFormat::kJson) {
    std::string out = absl::StrCat("\"as_of\": ", detail::json_string(format_date(as_of)),
                                   ", \"triangulation\": ", render_triangulation_json(t));
    if (with_log) absl::StrAppend(&out, ", \"improvement_log\": ", render_log_json(*log, *merge));
    return out;
  }
  std::string out = absl::StrCat("\n", render_triangulation_markdown(t));
  if (with_log) out += render_log_markdown(*log, *merge, as_of);
  return out;
}

}  // namespace qaframe
