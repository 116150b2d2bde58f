#include "qaframe/report/report.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/analysis/team_funnel.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/render/render.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "render/text_escape.hpp"
#include "report/publication.hpp"
#include "report/sections.hpp"

namespace qaframe {

absl::StatusOr<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "markdown") return ReportFormat::kMarkdown;
  if (name == "json") return ReportFormat::kJson;
  if (name == "html") return ReportFormat::kHtml;
  return absl::InvalidArgumentError(
      absl::StrCat("format must be 'markdown', 'json' or 'html', not '", sv(name), "'"));
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

absl::StatusOr<std::vector<Headline>> headlines(const GradeCounts& counts, const GradeScale& scale,
                                                Grade threshold) {
  if (threshold >= scale.size()) {
    return absl::OutOfRangeError(absl::StrCat(
        "threshold ", static_cast<int>(threshold), " is past the ", scale.size(), "-level scale",
        scale.size() == 0 ? std::string() : absl::StrCat(" (0 to ", scale.size() - 1, ")")));
  }
  if (counts.levels() != scale.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "counts of a ", counts.levels(), "-level scale against a ", scale.size(), "-level scale"));
  }
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

std::string render_markdown(const GradeTable& table) {
  return doc::to_markdown(detail::grade_table(table));
}

std::string render_json(const GradeTable& table) {
  return detail::grade_table_data(table).to_json();
}

std::string render_problems_json(const Diagnostics& diag, const absl::Status& status,
                                 std::string_view source) {
  std::vector<DataProblem> problems = diag.problems();
  std::size_t total = diag.total();
  if (total == 0 && !status.ok()) {
    problems.push_back({std::string(source), 0, -1, "", "", std::string(status.message())});
    total = 1;
  }
  std::string out = "{\"problems\": [";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const DataProblem& p = problems[i];
    absl::StrAppend(&out, i ? ", " : "", "{\"source\": ", detail::json_string(p.source),
                    ", \"line\": ", p.line, ", \"row\": ", p.row,
                    ", \"column\": ", detail::json_string(p.column),
                    ", \"value\": ", detail::json_string(p.value),
                    ", \"reason\": ", detail::json_string(neutralise_controls(p.reason)),
                    ", \"cell\": ", detail::json_string(p.cell), "}");
  }
  absl::StrAppend(&out, "], \"total\": ", total, ", \"notes\": [");
  for (std::size_t i = 0; i < diag.notes().size(); ++i)
    absl::StrAppend(&out, i ? ", " : "", detail::json_string(diag.notes()[i]));
  absl::StrAppend(&out, "]}\n");
  return out;
}

namespace {

std::vector<std::string> table_columns(const GradeScale& scale) {
  std::vector<std::string> columns = scale.labels();
  columns.push_back(GradeScale::not_applicable_label());
  columns.push_back("Total");
  return columns;
}

}  // namespace

absl::StatusOr<std::string> render_profile_markdown(const GradeProfile& p, Grade threshold) {
  auto heads = headlines(p.counts, p.scale, threshold);
  if (!heads.ok()) return heads.status();
  std::string out = "| Level | Audits |\n|:---|---:|\n";
  for (std::size_t i = 0; i < p.scale.size(); ++i) {
    absl::StrAppend(&out, "| ", detail::markdown_cell(p.scale.labels()[i]), " | ",
                    p.counts[static_cast<Grade>(i)], " |\n");
  }
  absl::StrAppend(&out, "| N/A | ", p.counts.n_not_applicable(), " |\n| Total | ", p.counts.n(),
                  " |\n\n", p.counts.n_graded(), " graded; ", p.n_children,
                  " distinct children.\n\n");
  for (const Headline& h : *heads) {
    absl::StrAppend(&out, "- ", detail::markdown_cell(h.text()), "\n");
  }
  return out;
}

absl::StatusOr<std::string> render_profile_json(const GradeProfile& p, Grade threshold) {
  auto heads = headlines(p.counts, p.scale, threshold);
  if (!heads.ok()) return heads.status();
  std::vector<std::string> levels;
  for (std::size_t i = 0; i < p.scale.size(); ++i)
    levels.push_back(absl::StrCat(p.counts[static_cast<Grade>(i)]));
  std::vector<std::string> head_json;
  for (const Headline& h : *heads) {
    head_json.push_back(absl::StrCat("{\"levels\": ", detail::json_string(h.levels),
                                     ", \"count\": ", h.count, "}"));
  }
  return absl::StrCat("{\"n\": ", p.counts.n(), ", \"n_graded\": ", p.counts.n_graded(),
                      ", \"n_not_applicable\": ", p.counts.n_not_applicable(),
                      ", \"n_children\": ", p.n_children, ", \"counts\": [",
                      absl::StrJoin(levels, ", "), "], \"headline\": [",
                      absl::StrJoin(head_json, ", "), "]}\n");
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
  for (std::size_t i = 0; i < table.size(); ++i) row(table.rows()[i], table.row_unchecked(i));
  row("Total", table.total());
  return out;
}

namespace {

using doc::Data;

// The analyses that follow the tables when the data has what they need, and why each that is
// missing is missing.
struct Sections {
  std::optional<ModerationSummary> moderation;
  std::vector<KeyMessage> key_messages;
  std::optional<Comparison> comparison;
  std::string comparison_title;
  std::optional<Trend> trend;
  std::string trend_title;
  std::vector<doc::Omission> omitted;
};

absl::StatusOr<Sections> sections(const AuditSet& audits, const ReportOptions& options) {
  Sections out;
  if (audits.has_moderation()) {
    auto m = moderation_summary(audits, options.moderation);
    if (!m.ok()) return m.status();
    out.moderation = *std::move(m);
  } else {
    out.omitted.push_back({"Moderation",
                           "the data has no moderated grades (a moderated_grade column, or a "
                           "moderation file joined on audit_id)"});
  }
  out.key_messages = key_messages(audits);
  if (out.key_messages.empty()) {
    out.omitted.push_back({"Key messages: areas of practice",
                           "the data has no practice-domain grades (columns domain:<name>)"});
  }
  CompareOptions compare_options;
  compare_options.grades = options.grades;
  std::optional<std::pair<Period, Period>> periods = options.compare;
  const bool has_programme = audits.has_column(AuditColumns::kProgramme);
  // When the programme column's values are none of qaframe's, say what they are and how to map
  // them (an export's `PRW`, `core`): a section is never left out without its reason.
  auto programme_column = audits.categorical(AuditColumns::kProgramme);
  auto values_hint = [&](std::string_view wanted) {
    if (!programme_column.ok()) return std::string();
    std::vector<std::string> levels;
    for (std::string_view l : (*programme_column)->levels()) levels.emplace_back(l);
    return absl::StrCat(" (no programme value is '", sv(wanted), "'; ",
                        values_for_message(audits, AuditColumns::kProgramme, levels),
                        "; an export profile's [audits.programmes] maps other spellings)");
  };
  if (!periods) {
    const std::vector<Period> weeks = practice_review_weeks(audits);
    if (weeks.size() >= 2) {
      periods.emplace(weeks.front(), weeks.back());
    } else {
      out.omitted.push_back(
          {"Practice Review Weeks compared",
           !has_programme
               ? "the data has no programme column, so Practice Review Weeks cannot be found "
                 "(or name two periods to compare)"
               : absl::StrCat(
                     "the data has ", weeks.size(),
                     weeks.size() == 1 ? " Practice Review Week" : " Practice Review Weeks",
                     "; two are needed (or name two periods to compare)",
                     weeks.empty() ? values_hint(kPracticeReviewWeek) : "")});
    }
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
  auto programme = audits.categorical(AuditColumns::kProgramme);
  if (programme.ok() && (*programme)->find("Core") >= 0) {
    AuditFilter core;
    core.equals.push_back({std::string(AuditColumns::kProgramme), {"Core"}});
    auto subset = audits.filter(core);
    if (!subset.ok()) return subset.status();
    auto t = trend(*subset, PeriodKind::kMonth, compare_options);
    if (!t.ok()) return t.status();
    out.trend = *std::move(t);
    out.trend_title = "Core audits month by month";
  } else {
    out.omitted.push_back(
        {"Core audits month by month",
         programme.ok() ? absl::StrCat("no audit is in the programme 'Core'", values_hint("Core"))
                        : "the data has no programme column"});
  }
  return out;
}

Data headline_data(const Headline& h) {
  return Data::object()
      .set("text", Data::string(h.text()))
      .set("levels", Data::string(h.levels))
      .set("count", Data::integer(h.count))
      .set("n", Data::integer(h.n))
      .set("n_graded", Data::integer(h.n_graded))
      .set("share", Data::number(h.n ? double(h.count) / double(h.n) : NAN))
      .set("adjusted_share", Data::number(h.n_graded ? double(h.count) / double(h.n_graded) : NAN))
      .set("percent", h.n ? Data::integer(rounded_percent(h.count, h.n)) : Data())
      .set("adjusted_percent",
           h.n_graded ? Data::integer(rounded_percent(h.count, h.n_graded)) : Data());
}

// "1 child", "2 children".
std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

// Distinct children among the audits with a grade recorded in `grades`.
std::size_t count_children_graded(const AuditSet& audits, std::span<const Grade> grades) {
  auto children = audits.categorical(AuditColumns::kChildId);
  if (!children.ok()) return 0;
  std::vector<bool> seen((*children)->levels().size(), false);
  std::size_t n = 0;
  const CategoryCodes& codes = (*children)->codes();
  for (std::size_t i = 0; i < grades.size(); ++i) {
    if (grades[i] == kNotRecorded || seen[codes[i]]) continue;
    seen[codes[i]] = true;
    ++n;
  }
  return n;
}

// What the grades of a column are, for titles: "Final grades", "Planning domain grades".
std::string grades_description(std::string_view column) {
  if (column == AuditColumns::kFinalGrade) return "Final grades";
  if (column == AuditColumns::kGrade) return "Auditors' own grades";
  if (column == AuditColumns::kModeratedGrade) return "Moderators' grades";
  std::string domain(domain_name(column));
  if (domain.empty()) return std::string(column);
  return absl::StrCat(column_heading(domain), " domain grades");
}

void add(doc::Document& d, detail::Part part, std::string_view key) {
  d.data.set(key, std::move(part.data));
  d.sections.push_back(std::move(part.section));
}

}  // namespace

absl::StatusOr<doc::Document> build_report(const AuditSet& audits, const ReportOptions& options,
                                           const ReportInputs& inputs) {
  auto grades = audits.grade_column(options.grades);
  if (!grades.ok()) return grades.status();
  if (!(*grades->scale == audits.scale())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the report's grades must be on the scale of the overall grade (",
                     audits.scale().name(), "), and ", grades->name, " is not"));
  }
  Grade threshold = audits.scale().good_from();
  if (options.threshold) {
    auto g = audits.scale().level(*options.threshold);
    if (!g.ok()) return g.status();
    threshold = *g;
  }
  std::optional<detail::Publication> publication;
  if (options.publish.enabled) {
    auto pub = detail::Publication::make(options.publish, audits);
    if (!pub.ok()) return pub.status();
    publication = *std::move(pub);
  }
  const detail::Publication* pub = publication ? &*publication : nullptr;
  auto profiled = profile(audits, options.grades);
  if (!profiled.ok()) return profiled.status();
  const GradeProfile& p = *profiled;
  std::vector<GradeTable> tables;
  std::vector<doc::Omission> omitted;
  for (const std::string& by : options.by) {
    if (!audits.has_column(by) && !parse_period_kind(by).ok()) {
      omitted.push_back({absl::StrCat("Grades by ", absl::AsciiStrToLower(column_heading(by))),
                         absl::StrCat("the data has no ", by, " column")});
      continue;
    }
    auto t = crosstab(audits, by, options.grades, options.allow_identifiers);
    if (!t.ok()) return t.status();
    tables.push_back(*std::move(t));
  }
  std::vector<SuppressedTable> suppression;
  if (pub != nullptr) {
    auto s = detail::suppress_grade_tables(audits, *grades, tables, options.publish.rule);
    if (!s.ok()) return s.status();
    suppression = *std::move(s);
  }
  // A grade total is hidden in publication mode when any table hides it (they are one count).
  auto level_total_hidden = [&](std::size_t level) {
    for (const SuppressedTable& s : suppression)
      if (level < s.column_totals.size() && s.column_totals[level].suppressed()) return true;
    return false;
  };
  auto extra = sections(audits, options);
  if (!extra.ok()) return extra.status();
  omitted.insert(omitted.end(), extra->omitted.begin(), extra->omitted.end());
  auto computed_heads = headlines(p.counts, audits.scale(), threshold);
  if (!computed_heads.ok()) return computed_heads.status();
  const std::vector<Headline> heads = *std::move(computed_heads);
  std::string first_day, last_day;
  if (!audits.empty()) {
    auto [lo, hi] = std::minmax_element(audits.dates().begin(), audits.dates().end());
    first_day = format_date(*lo);
    last_day = format_date(*hi);
  }
  const std::string what = grades_description(grades->name);

  doc::Document d;
  d.meta = options.meta;
  if (d.meta.source.empty()) d.meta.source = options.source;
  if (d.meta.period.empty() && !first_day.empty())
    d.meta.period = absl::StrCat(first_day, " to ", last_day);
  if (!options.meta.title.empty()) {
    d.title = doc::data(options.meta.title);
  } else {
    d.title = doc::words("Quality assurance report");
    if (!options.source.empty()) d.title.words(": ").data(options.source);
  }
  d.meta.title = d.title.plain();
  if (pub != nullptr) d.preamble.push_back(doc::Note{doc::words(pub->describe())});

  // The children are those of the audits counted (with a grade recorded in the column).
  const std::int64_t children = static_cast<std::int64_t>(
      grades->name == AuditColumns::kFinalGrade || grades->name == AuditColumns::kGrade
          ? p.n_children
          : count_children_graded(audits, grades->grades));
  auto shown = [&](std::int64_t v, bool hidden) {
    return hidden ? std::string("c") : absl::StrCat(v);
  };
  const bool hide_total = pub != nullptr && pub->sensitive(p.counts.n());
  const bool hide_na = level_total_hidden(audits.scale().size());
  doc::Text summary = doc::words(
      absl::StrCat(shown(p.counts.n(), hide_total), " ", plural(p.counts.n(), "audit", "audits"),
                   " of ", shown(children, pub != nullptr && pub->sensitive(children)), " ",
                   plural(children, "child", "children"),
                   first_day.empty() ? "" : absl::StrCat(", ", first_day, " to ", last_day), "; ",
                   shown(p.counts.n_graded(), hide_total || hide_na), " graded on the "));
  summary.data(audits.scale().name())
      .words(absl::StrCat(" scale, ", shown(p.counts.n_not_applicable(), hide_na),
                          " not graded (N/A)."));
  if (grades->name == AuditColumns::kFinalGrade) {
    if (audits.has_moderation())
      summary.words(" Grades are final: the moderator's where the audit was moderated.");
  } else if (grades->name == AuditColumns::kGrade) {
    if (audits.has_moderation()) summary.words(" Grades are the auditors' own, before moderation.");
  } else {
    summary.words(" Grades are ").data(what).words(".");
  }
  d.preamble.push_back(doc::Paragraph{std::move(summary)});
  // What reading the export did (title rows skipped, columns renamed, values mapped): shown, so
  // that a reader of the report can check it.
  for (const std::string& note : audits.notes())
    d.preamble.push_back(doc::Note{doc::words("Reading the export: ").data(note)});

  d.data = Data::object()
               .set("source", Data::string(options.source))
               .set("scale", Data::object()
                                 .set("name", Data::string(audits.scale().name()))
                                 .set("levels", Data::strings(audits.scale().labels())))
               .set("audits", Data::integer(p.counts.n()))
               .set("children", Data::integer(children))
               .set("graded", Data::integer(p.counts.n_graded()))
               .set("not_applicable", Data::integer(p.counts.n_not_applicable()))
               .set("date_from", first_day.empty() ? Data() : Data::string(first_day))
               .set("date_to", last_day.empty() ? Data() : Data::string(last_day))
               .set("grades", Data::string(grades->name));

  doc::Section headline;
  headline.id = "headline";
  headline.title = grades->name == AuditColumns::kFinalGrade ? doc::words("Headline")
                                                             : doc::words("Headline: ").data(what);
  doc::List items;
  Data head_data = Data::array();
  for (std::size_t k = 0; k < heads.size(); ++k) {
    const Headline& h = heads[k];
    // Published: a headline is a sum of grade totals, shown only when every one of them is.
    bool hidden = false;
    if (pub != nullptr) {
      const std::size_t from = heads.size() == 2 && k == 1 ? threshold : 0;
      const std::size_t to = heads.size() == 2 && k == 0 ? threshold : audits.scale().size();
      for (std::size_t level = from; level < to; ++level)
        hidden = hidden || level_total_hidden(level);
      hidden = hidden || pub->share_suppressed(h.count, h.n) || hide_na;
    }
    if (hidden) {
      items.items.push_back(doc::words("c (suppressed) ").data(h.levels));
    } else {
      items.items.push_back(doc::data(h.text()).words(
          absl::StrCat(" (", h.count, " of ", h.n, " ", plural(h.n, "audit", "audits"), "; ",
                       h.count, " of ", h.n_graded, " graded)")));
    }
    head_data.push(headline_data(h));
  }
  headline.blocks.push_back(std::move(items));
  headline.blocks.push_back(doc::Paragraph{
      doc::words("Shares are of all audits; adjusted shares leave ungraded (N/A) audits out of "
                 "the denominator.")});
  if (audits.scale().good_from_by_default() && !options.threshold)
    headline.blocks.push_back(doc::Paragraph{doc::words(absl::StrCat(
        "The ", audits.scale().name(), " scale counts as good: ", audits.scale().good_from_rule(),
        "; give a threshold to count otherwise."))});
  d.sections.push_back(std::move(headline));
  d.data.set("headline", std::move(head_data));

  Data table_data = Data::array();
  for (std::size_t k = 0; k < tables.size(); ++k) {
    const GradeTable& t = tables[k];
    const SuppressedTable* sup = pub != nullptr ? &suppression[k] : nullptr;
    doc::Section s;
    s.id = absl::StrCat("grades-by-", t.by());
    s.title = doc::words("Grades by ").data(absl::AsciiStrToLower(column_heading(t.by())));
    doc::Table table = detail::grade_table(t);
    if (sup != nullptr) detail::apply_suppression(table, *sup);
    const std::string table_id = table.id;
    s.blocks.push_back(std::move(table));
    for (doc::Block& b : detail::grade_bars_figure(t, what, sup, table_id))
      s.blocks.push_back(std::move(b));
    if (t.by() == AuditColumns::kTeam) {
      auto f = team_funnel(audits, t.by(), options.grades);
      if (f.ok()) {
        for (doc::Block& b : detail::funnel_figure(*f, pub)) s.blocks.push_back(std::move(b));
      } else {
        s.blocks.push_back(doc::Note{
            doc::words("no funnel plot by team: ").data(std::string(f.status().message()))});
      }
    }
    d.sections.push_back(std::move(s));
    table_data.push(detail::grade_table_data(t));
  }
  d.data.set("tables", std::move(table_data));

  if (extra->moderation) {
    add(d, detail::moderation_part(*extra->moderation, pub), "moderation");
  } else {
    d.data.set("moderation", Data());
  }
  {
    detail::Part k = detail::key_messages_part(extra->key_messages, 0.95, pub);
    d.data.set("key_messages", std::move(k.data));
    if (!extra->key_messages.empty()) d.sections.push_back(std::move(k.section));
  }
  if (extra->comparison) {
    add(d, detail::comparison_part(*extra->comparison, extra->comparison_title, pub), "comparison");
  } else {
    d.data.set("comparison", Data());
  }
  if (extra->trend) {
    add(d, detail::trend_part(*extra->trend, extra->trend_title, pub), "trend");
  } else {
    d.data.set("trend", Data());
  }
  if (inputs.triangulation != nullptr) {
    d.data.set("as_of", Data::string(format_date(inputs.as_of)));
    add(d, detail::triangulation_part(*inputs.triangulation, pub), "triangulation");
    if (inputs.log != nullptr && inputs.merge != nullptr) {
      add(d, detail::log_part(*inputs.log, *inputs.merge, inputs.as_of), "improvement_log");
    }
  } else {
    omitted.push_back({"Triangulation",
                       "no evidence files were given (an evidence map, with survey or "
                       "performance data)"});
  }
  if (inputs.benchmarking != nullptr)
    add(d, detail::benchmarking_part(*inputs.benchmarking), "benchmarking");
  // The audit cycle, after the lines of enquiry (the seed report's order).
  if (inputs.actions != nullptr) {
    add(d, detail::actions_part(*inputs.actions, inputs.cycle, pub), "actions");
  } else {
    omitted.push_back({"Actions and follow-up", "no actions file was given"});
  }
  if (inputs.escalation != nullptr) {
    add(d, detail::escalation_part(*inputs.escalation, pub), "escalation");
  } else {
    omitted.push_back({"Escalation of Inadequate audits",
                       "no escalations file was given, and the audits have no escalated column"});
  }
  if (inputs.programme != nullptr) {
    add(d, detail::programme_part(*inputs.programme, pub), "programme");
  } else {
    omitted.push_back({"Audit programme", "no teams file (expected audits per month) was given"});
  }
  if (inputs.impact != nullptr) {
    if (inputs.impact->pairs_total > 0) {
      add(d, detail::impact_part(*inputs.impact, pub), "impact");
    } else {
      omitted.push_back({"Evidence of impact", "no child was audited more than once"});
    }
  }

  {
    // The seed's three-column summary, drafted from the evidence, after the headline.
    detail::SummaryEvidence evidence{inputs.triangulation, inputs.log, inputs.actions,
                                     inputs.escalation, inputs.programme};
    detail::Part summary = detail::summary_part(evidence, pub);
    d.data.set("summary", std::move(summary.data));
    auto at = std::find_if(d.sections.begin(), d.sections.end(),
                           [](const doc::Section& x) { return x.id == "headline"; });
    d.sections.insert(at == d.sections.end() ? d.sections.begin() : at + 1,
                      std::move(summary.section));
  }

  Data omitted_data = Data::array();
  for (const doc::Omission& o : omitted) {
    omitted_data.push(Data::object()
                          .set("section", Data::string(o.section))
                          .set("reason", Data::string(o.reason)));
  }
  d.data.set("not_included", std::move(omitted_data));
  if (!omitted.empty()) {
    doc::Section s;
    s.id = "not-included";
    s.title = doc::words("Not included");
    doc::List list;
    for (const doc::Omission& o : omitted)
      list.items.push_back(doc::data(o.section).words(": ").data(o.reason));
    s.blocks.push_back(doc::Paragraph{
        doc::words("Sections this report would have, left out because the data cannot support "
                   "them:")});
    s.blocks.push_back(std::move(list));
    d.sections.push_back(std::move(s));
  }
  d.omitted = std::move(omitted);
  if (inputs.text != nullptr) {
    if (absl::Status merged = merge_author_text(d, *inputs.text); !merged.ok()) return merged;
  }
  // Published, the data is what the document shows (every suppression applied), not the
  // analyses' full numbers.
  if (pub != nullptr) d.data = doc::published_data(d);
  return d;
}

absl::StatusOr<doc::Document> build_cycle_report(const AuditSet& audits,
                                                 const ReportOptions& options,
                                                 const ReportInputs& inputs) {
  std::optional<detail::Publication> publication;
  if (options.publish.enabled) {
    auto pub = detail::Publication::make(options.publish, audits);
    if (!pub.ok()) return pub.status();
    publication = *std::move(pub);
  }
  const detail::Publication* pub = publication ? &*publication : nullptr;
  doc::Document d;
  d.meta = options.meta;
  if (d.meta.source.empty()) d.meta.source = options.source;
  d.title =
      options.meta.title.empty() ? doc::words("The audit cycle") : doc::data(options.meta.title);
  if (options.meta.title.empty() && !options.source.empty())
    d.title.words(": ").data(options.source);
  d.meta.title = d.title.plain();
  if (pub != nullptr) d.preamble.push_back(doc::Note{doc::words(pub->describe())});
  d.data = Data::object().set("source", Data::string(options.source));
  if (inputs.actions != nullptr)
    add(d, detail::actions_part(*inputs.actions, inputs.cycle, pub), "actions");
  if (inputs.escalation != nullptr)
    add(d, detail::escalation_part(*inputs.escalation, pub), "escalation");
  if (inputs.programme != nullptr)
    add(d, detail::programme_part(*inputs.programme, pub), "programme");
  if (inputs.impact != nullptr && inputs.impact->pairs_total > 0)
    add(d, detail::impact_part(*inputs.impact, pub), "impact");
  if (pub != nullptr) d.data = doc::published_data(d);
  return d;
}

doc::Document build_sample_report(const CaseSample& sample) {
  doc::Document d;
  d.title = doc::words(absl::StrCat("Case sample for ", sample.month));
  d.meta.title = d.title.plain();
  d.meta.produced = format_date(sample.as_of);
  d.preamble.push_back(doc::Paragraph{doc::words(absl::StrCat(
      sample.cases.size(), sample.cases.size() == 1 ? " child" : " children",
      " chosen for audit, drawn on ", format_date(sample.as_of), " with seed ", sample.seed,
      "; children audited after ", format_date(sample.cutoff), " (the last ", sample.exclude_months,
      " months) are left out. Quotas: ", sample.quota_source,
      ". The children are in the worklist file, not here."))});
  doc::Section teams;
  teams.id = "sample-teams";
  teams.title = doc::words("By team");
  doc::Table t;
  t.id = "sample-teams";
  t.caption = doc::words("Quota, caseload and children chosen, by team");
  t.columns = {{doc::words("Team"), doc::ColumnType::kLabel},
               {doc::words("Quota"), doc::ColumnType::kNumber},
               {doc::words("Caseload"), doc::ColumnType::kNumber},
               {doc::words("Audited recently"), doc::ColumnType::kNumber},
               {doc::words("Eligible"), doc::ColumnType::kNumber},
               {doc::words("Chosen"), doc::ColumnType::kNumber},
               {doc::words("Short"), doc::ColumnType::kNumber}};
  Data team_data = Data::array();
  for (const TeamSample& ts : sample.teams) {
    t.rows.push_back({doc::Value::label(ts.team), doc::Value::count_of(ts.quota),
                      doc::Value::count_of(ts.caseload), doc::Value::count_of(ts.excluded_recent),
                      doc::Value::count_of(ts.eligible), doc::Value::count_of(ts.sampled),
                      doc::Value::count_of(ts.shortfall)});
    team_data.push(Data::object()
                       .set("team", Data::string(ts.team))
                       .set("quota", Data::integer(ts.quota))
                       .set("eligible", Data::integer(ts.eligible))
                       .set("sampled", Data::integer(ts.sampled))
                       .set("shortfall", Data::integer(ts.shortfall)));
  }
  teams.blocks.push_back(std::move(t));
  for (const std::string& w : sample.warnings) teams.blocks.push_back(doc::Note{doc::data(w)});
  d.sections.push_back(std::move(teams));
  doc::Section how;
  how.id = "sample-algorithm";
  how.title = doc::words("How the sample was drawn");
  for (const std::string& line :
       std::vector<std::string>(absl::StrSplit(sample.algorithm, '\n', absl::SkipEmpty())))
    how.blocks.push_back(doc::Paragraph{doc::data(line)});
  d.sections.push_back(std::move(how));
  d.data = Data::object()
               .set("month", Data::string(sample.month))
               .set("seed", Data::integer(static_cast<std::int64_t>(sample.seed)))
               .set("as_of", Data::string(format_date(sample.as_of)))
               .set("chosen", Data::integer(static_cast<std::int64_t>(sample.cases.size())))
               .set("teams", std::move(team_data))
               .set("warnings", Data::strings(sample.warnings))
               .set("algorithm", Data::string(sample.algorithm));
  return d;
}

std::vector<std::string> report_teams(const AuditSet& audits) {
  auto teams = audits.categorical(AuditColumns::kTeam);
  if (!teams.ok()) return {};
  std::vector<bool> used((*teams)->levels().size(), false);
  for (std::uint32_t c : (*teams)->codes()) used[c] = true;
  std::vector<std::string> out;
  const std::vector<std::string> levels = (*teams)->levels().to_vector();
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (used[i]) out.push_back(levels[i]);
  return out;
}

namespace {

// The triangulation of one unit: its row of the matrix, its signals and its lines of enquiry.
Triangulation unit_triangulation(const Triangulation& t, std::string_view unit) {
  Triangulation out;
  out.options = t.options;
  out.themes = t.themes;
  out.notes = t.notes;
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    if (t.units[u] != unit) continue;
    out.units.push_back(t.units[u]);
    for (std::size_t th = 0; th < t.themes.size(); ++th) {
      Cell c = t.cell_unchecked(u, th);
      std::vector<std::size_t> signals;
      for (std::size_t i : c.signals) {
        signals.push_back(out.signals.size());
        out.signals.push_back(t.signals[i]);
      }
      c.signals = std::move(signals);
      out.cells.push_back(std::move(c));
    }
  }
  for (const LineOfEnquiry& k : t.kloes) {
    if (k.unit != unit) continue;
    LineOfEnquiry copy = k;
    copy.rank = out.kloes.size() + 1;
    out.kloes.push_back(std::move(copy));
  }
  return out;
}

}  // namespace

absl::StatusOr<doc::Document> build_team_pack(const AuditSet& audits, std::string_view team,
                                              const ReportOptions& options,
                                              const ReportInputs& inputs) {
  AuditFilter only;
  only.equals.push_back({std::string(AuditColumns::kTeam), {std::string(team)}});
  auto subset = audits.filter(only);
  if (!subset.ok()) return subset.status();
  if (subset->empty())
    return absl::NotFoundError(absl::StrCat("no audits of the team '", sv(team), "'"));
  ReportOptions o = options;
  o.by.clear();
  for (const std::string& by : options.by)
    if (by != AuditColumns::kTeam) o.by.push_back(by);
  o.compare.reset();
  o.meta.title =
      absl::StrCat("Team pack: ", sv(team),
                   options.meta.title.empty() ? "" : absl::StrCat(" (", options.meta.title, ")"));
  std::optional<Triangulation> unit;
  ReportInputs in;
  if (inputs.triangulation != nullptr) {
    unit = unit_triangulation(*inputs.triangulation, team);
    in.triangulation = &*unit;
    in.as_of = inputs.as_of;
  }
  auto d = build_report(*subset, o, in);
  if (!d.ok()) return d;
  // The team against the rest of the service, overall and by domain.
  auto teams = audits.categorical(AuditColumns::kTeam);
  if (teams.ok()) {
    CategoricalBuilder side;
    side.reserve(audits.size());
    for (std::size_t i = 0; i < audits.size(); ++i)
      side.append((*teams)->value(i) == team ? team : std::string_view("Rest of the service"));
    auto with = audits.with_categorical("team_or_rest", side.finish());
    if (with.ok()) {
      CompareOptions c;
      c.grades = options.grades;
      auto cmp = compare_groups(*with, "team_or_rest", "Rest of the service", team, c);
      std::optional<detail::Publication> pub;
      if (options.publish.enabled) {
        auto made = detail::Publication::make(options.publish, audits);
        if (made.ok()) pub = *std::move(made);
      }
      if (cmp.ok()) {
        detail::Part part = detail::comparison_part(
            *cmp, absl::StrCat(sv(team), " against the rest of the service"),
            pub ? &*pub : nullptr);
        part.section.id = "team-against-rest";
        // After the headline and the team's tables, before moderation.
        auto at = std::find_if(d->sections.begin(), d->sections.end(), [](const doc::Section& s) {
          return s.id == "moderation" || s.id == "key-messages" || s.id == "trend" ||
                 s.id == "triangulation" || s.id == "not-included";
        });
        d->sections.insert(at, std::move(part.section));
        if (!pub) d->data.set("team_against_rest", std::move(part.data));
      }
    }
  }
  if (options.publish.enabled) d->data = doc::published_data(*d);
  return d;
}

absl::StatusOr<std::string> render_report(const AuditSet& audits, const ReportOptions& options,
                                          const ReportInputs& inputs) {
  auto d = build_report(audits, options, inputs);
  if (!d.ok()) return d.status();
  switch (options.format) {
    case ReportFormat::kJson:
      return doc::to_json(*d);
    case ReportFormat::kHtml:
      return doc::to_html(*d);
    case ReportFormat::kMarkdown:
      break;
  }
  return doc::to_markdown(*d);
}

std::string render_moderation_json(const ModerationSummary& m) {
  // The moderation section's data, as the report's JSON has it, with the scale and the options
  // that make it reproducible.
  doc::Data data = detail::moderation_part(m).data;
  data.set("scale", doc::Data::string(m.scale.name()))
      .set("alpha", doc::Data::number(m.options.alpha))
      .set("seed", doc::Data::integer(static_cast<std::int64_t>(m.options.seed)));
  return data.to_json() + "\n";
}

}  // namespace qaframe
