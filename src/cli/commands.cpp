#include "cli/commands.hpp"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/cli/cli.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe::detail {
namespace {

int fail(std::ostream& err, const absl::Status& status, int code = kExitFailure) {
  err << "qaframe: " << status.message() << "\n";
  return code;
}

// Bad data in a file is exit code 2; anything else (an unreadable file) is 1.
int data_failure(const absl::Status& status) {
  return absl::IsInvalidArgument(status) ? kExitBadInput : kExitFailure;
}

}  // namespace

absl::StatusOr<Settings> settings_from(const Args& a) {
  Settings s;
  auto scale = scale_from_arg(a.scale);
  if (!scale.ok()) return scale.status();
  s.read.scale = *scale;
  for (const std::string& spec : a.domain_scales) {
    const std::size_t eq = spec.find('=');
    auto domain_scale =
        eq == std::string::npos
            ? absl::StatusOr<GradeScale>(absl::InvalidArgumentError(
                  "write --domain-scale DOMAIN=SCALE, e.g. voice_of_child=met_not_met"))
            : scale_from_arg(spec.substr(eq + 1));
    if (!domain_scale.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--domain-scale '", spec, "': ", domain_scale.status().message()));
    }
    s.read.domain_scales.emplace_back(std::string(trim(spec.substr(0, eq))), *domain_scale);
  }
  for (const std::string& spec : a.periods) {
    auto p = parse_named_period(spec);
    if (!p.ok())
      return absl::InvalidArgumentError(absl::StrCat("--period: ", p.status().message()));
    s.periods.push_back(*p);
  }
  if (a.compare) {
    std::vector<std::string> two = absl::StrSplit(*a.compare, ',');
    if (two.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("--compare takes two periods separated by a comma, not '", *a.compare, "'"));
    }
    auto first = find_period(two[0], s.periods);
    auto second = find_period(two[1], s.periods);
    if (!first.ok() || !second.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--compare: ", (!first.ok() ? first.status() : second.status()).message()));
    }
    s.compare.emplace(*first, *second);
  }
  s.grades = a.grades == "final" ? std::string(AuditColumns::kFinalGrade)
                                 : std::string(AuditColumns::kGrade);
  return s;
}

absl::StatusOr<AuditSet> load_audits(const Args& a, const Settings& settings, Diagnostics& diag) {
  auto audits = read_audits_csv(a.path, settings.read, &diag);
  if (!audits.ok() || !a.moderation) return audits;
  Diagnostics moderation_diag(a.max_problems);
  return read_moderation_csv(*audits, *a.moderation, &moderation_diag);
}

absl::StatusOr<AuditSet> add_periods(AuditSet audits, const Settings& settings) {
  if (settings.periods.empty()) return audits;
  auto with = with_periods(audits, settings.periods);
  if (!with.ok())
    return absl::InvalidArgumentError(absl::StrCat("--period: ", with.status().message()));
  return with;
}

absl::StatusOr<Grade> threshold_from(const Args& a, const AuditSet& audits) {
  if (!a.threshold) return audits.scale().good_from();
  auto g = audits.scale().level(*a.threshold);
  if (!g.ok())
    return absl::InvalidArgumentError(absl::StrCat("--threshold: ", g.status().message()));
  return g;
}

int run_validate(const Args& a, const AuditSet& audits, std::ostream& out) {
  if (a.format == "json") {
    out << "{\"valid\": true, \"audits\": " << audits.size() << "}\n";
  } else {
    out << a.path << ": " << audits.size() << " audits, no problems\n";
  }
  return kExitOk;
}

int run_profile(const Args& a, const Settings& settings, const AuditSet& audits, Grade threshold,
                std::ostream& out, std::ostream& err) {
  auto p = profile(audits, settings.grades);
  if (!p.ok()) return fail(err, p.status());
  out << (a.format == "json" ? render_profile_json(*p, threshold)
                             : render_profile_markdown(*p, threshold));
  return kExitOk;
}

int run_crosstab(const Args& a, const Settings& settings, const AuditSet& audits, std::ostream& out,
                 std::ostream& err) {
  auto table = crosstab(audits, *a.by, settings.grades);
  if (!table.ok()) return fail(err, table.status());
  if (a.format == "csv") {
    out << render_csv(*table);
  } else if (a.format == "xlsx") {
    auto bytes =
        render_xlsx({*table}, {std::filesystem::path(a.path).filename().string(), a.grades});
    if (!bytes.ok()) return fail(err, bytes.status());
    out << *bytes;
  } else if (a.format == "json") {
    out << render_json(*table) << "\n";
  } else {
    out << render_markdown(*table);
  }
  return kExitOk;
}

int run_report(const Args& a, const Settings& settings, const AuditSet& audits, Diagnostics& diag,
               std::ostream& out, std::ostream& err) {
  ReportOptions report;
  auto format = parse_report_format(a.format);  // checked in parse_args
  report.format = format.ok() ? *format : ReportFormat::kMarkdown;
  if (a.by) report.by = absl::StrSplit(*a.by, ',', absl::SkipEmpty());
  report.threshold = a.threshold;
  report.source = std::filesystem::path(a.path).filename().string();  // a name, not a path
  report.grades = settings.grades;
  report.compare = settings.compare;
  ReportInputs inputs;
  std::optional<TriangulationRun> run;
  if (a.triangulation.any() || a.triangulation.write_log) {
    auto r = run_triangulation(audits, a.triangulation, diag);
    if (!r.ok()) return fail(err, r.status(), data_failure(r.status()));
    run = *std::move(r);
    inputs.triangulation = &run->triangulation;
    inputs.as_of = run->as_of;
    if (run->log && run->merge) {
      inputs.log = &*run->log;
      inputs.merge = &*run->merge;
    }
  }
  auto text = render_report(audits, report, inputs);
  if (!text.ok()) return fail(err, text.status());
  out << *text;
  return kExitOk;
}

}  // namespace qaframe::detail
