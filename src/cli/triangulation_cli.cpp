#include "cli/triangulation_cli.hpp"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/readers/neighbours.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/survey.hpp"

namespace qaframe::detail {

absl::StatusOr<TriangulationRun> run_triangulation(const AuditSet& audits,
                                                   const TriangulationArgs& args, Diagnostics& diag,
                                                   const ExportProfile* profile) {
  // A file whose profile renames columns is read, renamed, then parsed; the others as before.
  const ExportProfile none;
  const ExportProfile& p = profile != nullptr ? *profile : none;
  if (!args.evidence_map)
    return absl::FailedPreconditionError(
        "--survey, --performance, --indicators and --log need --evidence-map");
  if (args.performance.has_value() != args.indicators.has_value())
    return absl::FailedPreconditionError("--performance and --indicators go together");
  // The log is the one file kept for the users: nothing here may replace it by accident.
  if (args.log && args.new_log)
    return absl::FailedPreconditionError(
        "--log and --new-log: give one (--log to update a log, --new-log to start one)");
  std::error_code ec;
  if (args.log && !std::filesystem::exists(*args.log, ec))
    return absl::InvalidArgumentError(absl::StrCat(
        "--log '", *args.log,
        "': no such file; nothing was written. A log is never started silently (a misspelt "
        "name would replace the real log with a new one): check the name, or start a new log "
        "with --new-log ",
        *args.log));
  if (args.new_log && std::filesystem::exists(*args.new_log, ec))
    return absl::InvalidArgumentError(absl::StrCat(
        "--new-log '", *args.new_log,
        "': the file exists; nothing was written. To update it, use --log ", *args.new_log));
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
    auto r = [&]() -> absl::StatusOr<SurveyResponses> {
      if (p.survey.columns.empty()) return read_survey_csv(*args.survey, {}, &diag);
      auto text = read_csv_renamed(*args.survey, p.survey);
      if (!text.ok()) return text.status();
      return parse_survey_csv(*text, *args.survey, {}, &diag);
    }();
    if (r.ok()) survey = *std::move(r);
    keep(r.status());
  }
  if (args.performance) {
    auto r = [&]() -> absl::StatusOr<Performance> {
      if (p.performance.columns.empty() && p.indicators.columns.empty())
        return read_performance_csv(*args.performance, *args.indicators, &diag);
      auto values = read_csv_renamed(*args.performance, p.performance);
      if (!values.ok()) return values.status();
      auto definitions = read_csv_renamed(*args.indicators, p.indicators);
      if (!definitions.ok()) return definitions.status();
      return parse_performance_csv(*values, *args.performance, *definitions, *args.indicators,
                                   &diag);
    }();
    if (r.ok()) performance = *std::move(r);
    keep(r.status());
  }
  {
    auto r = [&]() -> absl::StatusOr<EvidenceMap> {
      if (p.evidence_map.columns.empty()) return read_evidence_map_csv(*args.evidence_map, &diag);
      auto text = read_csv_renamed(*args.evidence_map, p.evidence_map);
      if (!text.ok()) return text.status();
      return parse_evidence_map_csv(*text, *args.evidence_map, &diag);
    }();
    if (r.ok()) map = *std::move(r);
    keep(r.status());
  }
  std::optional<NeighbourTable> neighbours;
  if (args.neighbours) {
    auto r = read_neighbours_csv(*args.neighbours, &diag);
    if (r.ok()) neighbours = *std::move(r);
    keep(r.status());
  }
  if (args.log) {
    auto r = [&]() -> absl::StatusOr<ImprovementLog> {
      if (p.improvement_log.columns.empty()) return read_log_csv(*args.log, &diag);
      auto text = read_csv_renamed(*args.log, p.improvement_log);
      if (!text.ok()) return text.status();
      return parse_log_csv(*text, *args.log, &diag);
    }();
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
  if (args.survey_counting) {
    auto c = parse_survey_counting(*args.survey_counting);
    if (!c.ok())
      return absl::FailedPreconditionError(
          absl::StrCat("--survey-counting: ", c.status().message()));
    options.survey_counting = *c;
  }
  if (args.survey_tie) {
    auto t = parse_survey_tie(*args.survey_tie);
    if (!t.ok())
      return absl::FailedPreconditionError(absl::StrCat("--survey-tie: ", t.status().message()));
    options.survey_tie = *t;
  }
  if (args.overdispersion) {
    auto o = stats::parse_overdispersion(*args.overdispersion);
    if (!o.ok())
      return absl::FailedPreconditionError(
          absl::StrCat("--overdispersion: ", o.status().message()));
    options.overdispersion = *o;
  }
  std::optional<Benchmarking> benchmarking;
  if (neighbours) {
    auto b = benchmark_neighbours(*neighbours, performance ? &*performance : nullptr);
    if (!b.ok()) return b.status();
    benchmarking = *std::move(b);
  }
  if (args.neighbours_benchmark) {
    if (!benchmarking)
      return absl::FailedPreconditionError("--neighbours-benchmark needs --neighbours FILE");
    options.indicator_benchmark = IndicatorBenchmark::kNeighbours;
  }
  options.by = args.by;
  options.period = args.period;
  options.allow_identifiers = args.allow_identifiers;
  auto t = triangulate(audits, survey ? &*survey : nullptr, performance ? &*performance : nullptr,
                       *map, benchmarking ? &*benchmarking : nullptr, options, &diag);
  if (!t.ok()) return t.status();
  TriangulationRun run{*std::move(t), as_of, std::nullopt, std::nullopt, std::move(benchmarking)};
  if (args.log || args.new_log || args.write_log) {
    run.log = log ? *std::move(log) : ImprovementLog{};
    run.merge = merge_kloes(*run.log, run.triangulation, as_of);
    const std::optional<std::string> target = args.write_log ? args.write_log : args.new_log;
    if (target) {
      LogWriteOptions write;
      write.force = args.force;
      if (auto s = write_log_csv(*run.log, *target, write); !s.ok()) {
        if (absl::IsAlreadyExists(s))
          return absl::InvalidArgumentError(absl::StrCat("--write-log: ", s.message()));
        return s;
      }
    }
  }
  return run;
}

}  // namespace qaframe::detail
