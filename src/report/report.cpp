#include "qaframe/report/report.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "report/report_sections.hpp"
#include "report/text_escape.hpp"

namespace qaframe {

absl::StatusOr<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "markdown") return ReportFormat::kMarkdown;
  if (name == "json") return ReportFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("format must be 'markdown' or 'json', not '", sv(name), "'"));
}

std::string column_heading(std::string_view column) {
  std::string out(column);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = absl::ascii_toupper(static_cast<unsigned char>(out[0]));
  return out;
}

std::string Headline::text() const {
  if (n == 0) return absl::StrCat("no audits: ", levels);
  std::string adjusted =
      n_graded == 0 ? "none graded" : absl::StrCat(rounded_percent(count, n_graded), "% adjusted");
  return absl::StrCat(rounded_percent(count, n), "% (", adjusted, ") ", levels);
}

std::vector<Headline> headlines(const GradeCounts& counts, const GradeScale& scale,
                                Grade threshold) {
  std::vector<std::string> below(scale.labels().begin(), scale.labels().begin() + threshold);
  std::vector<std::string> above(scale.labels().begin() + threshold, scale.labels().end());
  std::vector<Headline> out;
  if (!below.empty()) {
    out.push_back({absl::StrJoin(below, " or "), counts.count_below(threshold), counts.n(),
                   counts.n_graded()});
  }
  out.push_back({absl::StrJoin(above, " or "), counts.count_at_least(threshold), counts.n(),
                 counts.n_graded()});
  return out;
}

namespace {

std::vector<std::string> table_columns(const GradeScale& scale) {
  std::vector<std::string> columns = scale.labels();
  columns.push_back(GradeScale::not_applicable_label());
  columns.push_back("Total");
  return columns;
}

void append_markdown_row(std::string& out, std::string_view label, const GradeCounts& c) {
  absl::StrAppend(&out, "| ", detail::markdown_cell(label), " |");
  for (std::int64_t v : c.level_counts()) absl::StrAppend(&out, " ", v, " |");
  absl::StrAppend(&out, " ", c.n_not_applicable(), " | ", c.n(), " |\n");
}

std::string json_counts(std::string_view label, const GradeCounts& c) {
  std::vector<std::int64_t> values = c.level_counts();
  values.push_back(c.n_not_applicable());
  return absl::StrCat("{\"label\": ", detail::json_string(label), ", \"counts\": [",
                      absl::StrJoin(values, ", "), "], \"total\": ", c.n(), "}");
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& s : items) quoted.push_back(detail::json_string(s));
  return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
}

}  // namespace

std::string render_markdown(const GradeTable& table) {
  std::string out;
  const std::vector<std::string> columns = table_columns(table.scale());
  absl::StrAppend(&out, "| ", detail::markdown_cell(column_heading(table.by())), " |");
  for (const std::string& c : columns) absl::StrAppend(&out, " ", detail::markdown_cell(c), " |");
  absl::StrAppend(&out, "\n|:---|");
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---:|";
  out += "\n";
  for (std::size_t i = 0; i < table.size(); ++i)
    append_markdown_row(out, table.rows()[i], table.row(i));
  append_markdown_row(out, "Total", table.total());
  return out;
}

std::string render_json(const GradeTable& table) {
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < table.size(); ++i)
    rows.push_back(json_counts(table.rows()[i], table.row(i)));
  return absl::StrCat("{\"by\": ", detail::json_string(table.by()),
                      ", \"columns\": ", json_string_list(table_columns(table.scale())),
                      ", \"rows\": [", absl::StrJoin(rows, ", "),
                      "], \"total\": ", json_counts("Total", table.total()), "}");
}

std::string render_profile_markdown(const GradeProfile& p, Grade threshold) {
  std::string out = "| Level | Audits |\n|:---|---:|\n";
  for (std::size_t i = 0; i < p.scale.size(); ++i) {
    absl::StrAppend(&out, "| ", detail::markdown_cell(p.scale.labels()[i]), " | ",
                    p.counts.at(static_cast<Grade>(i)), " |\n");
  }
  absl::StrAppend(&out, "| N/A | ", p.counts.n_not_applicable(), " |\n| Total | ", p.counts.n(),
                  " |\n\n", p.counts.n_graded(), " graded; ", p.n_children,
                  " distinct children.\n\n");
  for (const Headline& h : headlines(p.counts, p.scale, threshold)) {
    absl::StrAppend(&out, "- ", detail::markdown_cell(h.text()), "\n");
  }
  return out;
}

std::string render_profile_json(const GradeProfile& p, Grade threshold) {
  std::vector<std::string> levels;
  for (std::size_t i = 0; i < p.scale.size(); ++i)
    levels.push_back(absl::StrCat(p.counts.at(static_cast<Grade>(i))));
  std::vector<std::string> heads;
  for (const Headline& h : headlines(p.counts, p.scale, threshold)) {
    heads.push_back(absl::StrCat("{\"levels\": ", detail::json_string(h.levels),
                                 ", \"count\": ", h.count, "}"));
  }
  return absl::StrCat("{\"n\": ", p.counts.n(), ", \"n_graded\": ", p.counts.n_graded(),
                      ", \"n_not_applicable\": ", p.counts.n_not_applicable(),
                      ", \"n_children\": ", p.n_children, ", \"counts\": [",
                      absl::StrJoin(levels, ", "), "], \"headline\": [", absl::StrJoin(heads, ", "),
                      "]}\n");
}

std::string render_csv(const GradeTable& table) {
  std::string out;
  // A table for spreadsheets and people: control and bidi characters shown as escapes, then
  // formula characters neutralised. (AuditSet::to_csv hands data back exactly and does neither.)
  auto cell = [&out](std::string_view text) {
    append_csv_field(out, spreadsheet_safe(neutralise_controls(text)));
  };
  cell(table.by());
  for (const std::string& c : table_columns(table.scale())) {
    out += ',';
    cell(c);
  }
  out += '\n';
  auto row = [&](std::string_view label, const GradeCounts& c) {
    cell(label);
    for (std::int64_t v : c.level_counts()) absl::StrAppend(&out, ",", v);
    absl::StrAppend(&out, ",", c.n_not_applicable(), ",", c.n(), "\n");
  };
  for (std::size_t i = 0; i < table.size(); ++i) row(table.rows()[i], table.row(i));
  row("Total", table.total());
  return out;
}

namespace {

// The sections that follow the tables when the data has what they need.
struct Sections {
  std::optional<ModerationSummary> moderation;
  std::vector<KeyMessage> key_messages;
  std::optional<Comparison> comparison;
  std::string comparison_title;
  std::optional<Trend> trend;
  std::string trend_title;
};

absl::StatusOr<Sections> sections(const AuditSet& audits, const ReportOptions& options) {
  Sections out;
  if (audits.has_moderation()) {
    auto m = moderation_summary(audits, options.moderation);
    if (!m.ok()) return m.status();
    out.moderation = *std::move(m);
  }
  out.key_messages = key_messages(audits);
  CompareOptions compare_options;
  compare_options.grades = options.grades;
  std::optional<std::pair<Period, Period>> periods = options.compare;
  if (!periods) {
    const std::vector<Period> weeks = practice_review_weeks(audits);
    if (weeks.size() >= 2) periods.emplace(weeks.front(), weeks.back());
  }
  if (periods) {
    auto c = compare_periods(audits, periods->first, periods->second, compare_options);
    if (!c.ok()) return c.status();
    out.comparison = *std::move(c);
    out.comparison_title = options.compare ? absl::StrCat(periods->first.name, " and ",
                                                          periods->second.name, " compared")
                                           : "Practice Review Weeks compared";
  }
  // The Core programme month by month, when there is one.
  if (auto programme = audits.categorical(AuditColumns::kProgramme);
      programme.ok() && (*programme)->find("Core") >= 0) {
    AuditFilter core;
    core.equals.push_back({std::string(AuditColumns::kProgramme), {"Core"}});
    auto subset = audits.filter(core);
    if (!subset.ok()) return subset.status();
    auto t = trend(*subset, PeriodKind::kMonth, compare_options);
    if (!t.ok()) return t.status();
    out.trend = *std::move(t);
    out.trend_title = "Core audits month by month";
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> render_report(const AuditSet& audits, const ReportOptions& options) {
  auto grades = audits.grade_column(options.grades);
  if (!grades.ok()) return grades.status();
  if (!(*grades->scale == audits.scale())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the report's grades must be the overall grade (final_grade or grade), not ",
                     grades->name));
  }
  Grade threshold = audits.scale().good_from();
  if (options.threshold) {
    auto g = audits.scale().level(*options.threshold);
    if (!g.ok()) return g.status();
    threshold = *g;
  }
  auto profiled = profile(audits, options.grades);
  if (!profiled.ok()) return profiled.status();
  const GradeProfile& p = *profiled;
  std::vector<GradeTable> tables;
  for (const std::string& by : options.by) {
    if (!audits.has_column(by) && !parse_period_kind(by).ok()) continue;
    auto t = crosstab(audits, by, options.grades, options.allow_identifiers);
    if (!t.ok()) return t.status();
    tables.push_back(*std::move(t));
  }
  auto extra = sections(audits, options);
  if (!extra.ok()) return extra.status();
  const std::vector<Headline> heads = headlines(p.counts, audits.scale(), threshold);
  std::string first_day, last_day;
  if (!audits.empty()) {
    auto [lo, hi] = std::minmax_element(audits.dates().begin(), audits.dates().end());
    first_day = format_date(*lo);
    last_day = format_date(*hi);
  }

  std::string out;
  if (options.format == ReportFormat::kJson) {
    std::vector<std::string> head_json;
    for (const Headline& h : heads) {
      head_json.push_back(absl::StrCat(
          "{\"text\": ", detail::json_string(h.text()),
          ", \"levels\": ", detail::json_string(h.levels), ", \"count\": ", h.count,
          ", \"n\": ", h.n, ", \"n_graded\": ", h.n_graded, ", \"share\": ",
          detail::json_number(h.n ? double(h.count) / double(h.n) : NAN), ", \"adjusted_share\": ",
          detail::json_number(h.n_graded ? double(h.count) / double(h.n_graded) : NAN),
          ", \"percent\": ", h.n ? absl::StrCat(rounded_percent(h.count, h.n)) : "null",
          ", \"adjusted_percent\": ",
          h.n_graded ? absl::StrCat(rounded_percent(h.count, h.n_graded)) : "null", "}"));
    }
    std::vector<std::string> table_json;
    for (const GradeTable& t : tables) table_json.push_back(render_json(t));
    absl::StrAppend(
        &out, "{\"source\": ", detail::json_string(options.source),
        ", \"scale\": {\"name\": ", detail::json_string(audits.scale().name()),
        ", \"levels\": ", json_string_list(audits.scale().labels()),
        "}, \"audits\": ", p.counts.n(), ", \"children\": ", p.n_children,
        ", \"graded\": ", p.counts.n_graded(),
        ", \"not_applicable\": ", p.counts.n_not_applicable(),
        ", \"date_from\": ", first_day.empty() ? "null" : detail::json_string(first_day),
        ", \"date_to\": ", last_day.empty() ? "null" : detail::json_string(last_day),
        ", \"grades\": ", detail::json_string(grades->name), ", \"headline\": [",
        absl::StrJoin(head_json, ", "), "], \"tables\": [", absl::StrJoin(table_json, ", "),
        "], \"moderation\": ",
        extra->moderation ? detail::moderation_json(*extra->moderation) : "null",
        ", \"key_messages\": ", detail::key_messages_json(extra->key_messages),
        ", \"comparison\": ",
        extra->comparison ? detail::comparison_json(*extra->comparison) : "null",
        ", \"trend\": ", extra->trend ? detail::trend_json(*extra->trend) : "null", "}\n");
    return out;
  }

  absl::StrAppend(
      &out, "# Quality assurance report",
      options.source.empty() ? "" : absl::StrCat(": ", detail::markdown_cell(options.source)),
      "\n\n");
  absl::StrAppend(&out, p.counts.n(), " audits of ", p.n_children, " children");
  if (!first_day.empty()) absl::StrAppend(&out, ", ", first_day, " to ", last_day);
  absl::StrAppend(&out, "; ", p.counts.n_graded(), " graded on the ", audits.scale().name(),
                  " scale, ", p.counts.n_not_applicable(), " not graded (N/A).");
  if (audits.has_moderation()) {
    absl::StrAppend(&out, grades->name == AuditColumns::kFinalGrade
                              ? " Grades are final: the moderator's where the audit was moderated."
                              : " Grades are the auditors' own, before moderation.");
  }
  absl::StrAppend(&out, "\n\n");
  absl::StrAppend(&out, "## Headline\n\n");
  for (const Headline& h : heads) {
    absl::StrAppend(&out, "- ", detail::markdown_cell(h.text()), " (", h.count, " of ", h.n,
                    " audits; ", h.count, " of ", h.n_graded, " graded)\n");
  }
  absl::StrAppend(&out,
                  "\nShares are of all audits; adjusted shares leave ungraded (N/A) audits out of "
                  "the denominator.\n");
  for (const GradeTable& t : tables) {
    absl::StrAppend(&out, "\n## Grades by ",
                    detail::markdown_cell(absl::AsciiStrToLower(column_heading(t.by()))), "\n\n",
                    render_markdown(t));
  }
  if (extra->moderation)
    absl::StrAppend(&out, "\n", detail::moderation_markdown(*extra->moderation));
  if (!extra->key_messages.empty()) {
    absl::StrAppend(&out, "\n", detail::key_messages_markdown(extra->key_messages, 0.95));
  }
  if (extra->comparison) {
    absl::StrAppend(&out, "\n",
                    detail::comparison_markdown(*extra->comparison, extra->comparison_title));
  }
  if (extra->trend)
    absl::StrAppend(&out, "\n", detail::trend_markdown(*extra->trend, extra->trend_title));
  return out;
}

}  // namespace qaframe
