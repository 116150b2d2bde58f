#include "triangulation_cli.hpp"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/evidence_map.hpp"
#include "qaframe/improvement_log.hpp"
#include "qaframe/performance.hpp"
#include "qaframe/survey.hpp"
#include "qaframe/text.hpp"
#include "qaframe/triangulation.hpp"
#include "text_escape.hpp"

namespace qaframe::detail {
namespace {

std::string log_markdown(const ImprovementLog& log, const LogMergeSummary& summary,
                         const std::string& as_of) {
  std::string out = absl::StrCat(
      "\n## Performance Improvement Log\n\nAs of ", as_of, ": ", summary.added, " KLOEs added, ",
      summary.updated, " updated, ", summary.marked_for_review,
      " marked for review (concern no longer shown); ", log.entries.size(), " in the log.\n\n");
  out += "| KLOE | Raised | Unit | Theme | Status | Owner | Review by | Closed |\n";
  out += "|:---|:---|:---|:---|:---|:---|:---|:---|\n";
  for (const KloeEntry& e : log.entries) {
    absl::StrAppend(&out, "| ", markdown_cell(e.kloe_id), " | ", format_date(e.raised), " | ",
                    markdown_cell(e.unit), " | ", markdown_cell(e.theme), " | ",
                    sv(kloe_status_name(e.status)), " | ", markdown_cell(e.owner), " | ",
                    e.review_by ? format_date(*e.review_by) : "", " | ",
                    e.closed ? format_date(*e.closed) : "", " |\n");
  }
  return out;
}

std::string log_json(const ImprovementLog& log, const LogMergeSummary& summary) {
  std::vector<std::string> rows;
  for (const KloeEntry& e : log.entries) {
    rows.push_back(absl::StrCat(
        "{\"kloe_id\": ", json_string(e.kloe_id),
        ", \"raised\": ", json_string(format_date(e.raised)), ", \"unit\": ", json_string(e.unit),
        ", \"theme\": ", json_string(e.theme), ", \"status\": ",
        json_string(kloe_status_name(e.status)), ", \"owner\": ", json_string(e.owner),
        ", \"review_by\": ", e.review_by ? json_string(format_date(*e.review_by)) : "null",
        ", \"closed\": ", e.closed ? json_string(format_date(*e.closed)) : "null", "}"));
  }
  return absl::StrCat("{\"added\": ", summary.added, ", \"updated\": ", summary.updated,
                      ", \"marked_for_review\": ", summary.marked_for_review, ", \"entries\": [",
                      absl::StrJoin(rows, ", "), "]}");
}

}  // namespace

absl::StatusOr<std::string> triangulation_section(const AuditSet& audits,
                                                  const TriangulationArgs& args, bool json,
                                                  Diagnostics& diag) {
  if (!args.evidence_map)
    return absl::FailedPreconditionError(
        "--survey, --performance, --indicators and --log need --evidence-map");
  if (args.performance.has_value() != args.indicators.has_value())
    return absl::FailedPreconditionError("--performance and --indicators go together");
  // Every file is read, so that the problems of all of them are listed at once.
  std::optional<SurveyResponses> survey;
  std::optional<Performance> performance;
  std::optional<EvidenceMap> map;
  std::optional<ImprovementLog> log;
  absl::Status first_failure;
  auto keep = [&](const absl::Status& s) {
    if (!s.ok() && first_failure.ok()) first_failure = s;
  };
  if (args.survey) {
    auto r = read_survey_csv(*args.survey, {}, &diag);
    if (r.ok()) survey = *std::move(r);
    keep(r.status());
  }
  if (args.performance) {
    auto r = read_performance_csv(*args.performance, *args.indicators, &diag);
    if (r.ok()) performance = *std::move(r);
    keep(r.status());
  }
  {
    auto r = read_evidence_map_csv(*args.evidence_map, &diag);
    if (r.ok()) map = *std::move(r);
    keep(r.status());
  }
  if (args.log && std::filesystem::exists(*args.log)) {
    auto r = read_log_csv(*args.log, &diag);
    if (r.ok()) log = *std::move(r);
    keep(r.status());
  }
  if (!diag.ok()) return diag.to_status();
  if (!first_failure.ok()) return first_failure;
  DayNumber as_of = 0;
  if (args.as_of) {
    auto d = parse_date(*args.as_of);
    if (!d.ok())
      return absl::FailedPreconditionError(
          absl::StrCat("--as-of '", *args.as_of, "': ", d.status().message()));
    as_of = *d;
  } else if (!audits.empty()) {
    as_of = *std::max_element(audits.dates().begin(), audits.dates().end());
  }
  TriangulationOptions options;
  options.by = args.by;
  options.period = args.period;
  auto t = triangulate(audits, survey ? &*survey : nullptr, performance ? &*performance : nullptr,
                       *map, options, &diag);
  if (!t.ok()) return t.status();
  std::string out;
  std::optional<LogMergeSummary> summary;
  if (args.log || args.write_log) {
    if (!log) log = ImprovementLog{};
    summary = merge_kloes(*log, *t, as_of);
    if (args.write_log) {
      if (auto s = write_log_csv(*log, *args.write_log); !s.ok()) return s;
    }
  }
  if (json) {
    out = absl::StrCat("\"as_of\": ", json_string(format_date(as_of)),
                       ", \"triangulation\": ", render_triangulation_json(*t));
    if (summary) absl::StrAppend(&out, ", \"improvement_log\": ", log_json(*log, *summary));
    return out;
  }
  out = absl::StrCat("\n", render_triangulation_markdown(*t));
  if (summary) out += log_markdown(*log, *summary, format_date(as_of));
  return out;
}

}  // namespace qaframe::detail
