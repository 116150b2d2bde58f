#include "qaframe/cli.hpp"

#include <filesystem>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/audit_set.hpp"
#include "qaframe/grade_profile.hpp"
#include "qaframe/grade_table.hpp"
#include "qaframe/report.hpp"
#include "qaframe/text.hpp"
#include "qaframe/version.hpp"
#include "text_escape.hpp"

namespace qaframe {
namespace {

constexpr std::string_view kUsage = R"(usage: qaframe COMMAND AUDITS.csv [options]

Commands:
  report     the grade tables and headline shares of the QA report
  crosstab   grade counts by one column (--by COLUMN)
  profile    the grade profile: counts and shares of the whole set
  validate   check the file; print every problem found

Options:
  --format FORMAT      markdown (default) or json; crosstab also takes csv
  --by COLUMNS         comma-separated columns to tabulate (report: programme,team,audit_type)
  --scale SCALE        ofsted (default), met_not_met, or custom:Worst,...,Best
  --threshold LEVEL    first level counted as good in headlines (default: Good on Ofsted)
  --max-problems N     problems listed before the rest are only counted (default 100)
  -h, --help           this text
  --version            the library version

Exit codes: 0 done, 2 bad input (every problem on stderr), 1 anything else.
)";

struct Args {
  std::string command;
  std::string path;
  std::string format = "markdown";
  std::optional<std::string> by;
  std::string scale = "ofsted";
  std::optional<std::string> threshold;
  std::size_t max_problems = Diagnostics::kDefaultLimit;
};

absl::StatusOr<Args> parse_args(const std::vector<std::string>& args) {
  Args a;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string_view name) -> absl::StatusOr<std::string> {
      if (i + 1 >= args.size())
        return absl::InvalidArgumentError(absl::StrCat(sv(name), " needs a value"));
      return args[++i];
    };
    if (arg == "--format" || arg == "--by" || arg == "--scale" || arg == "--threshold" ||
        arg == "--max-problems") {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      if (arg == "--format") a.format = *v;
      if (arg == "--by") a.by = *v;
      if (arg == "--scale") a.scale = *v;
      if (arg == "--threshold") a.threshold = *v;
      if (arg == "--max-problems" &&
          (!absl::SimpleAtoi(*v, &a.max_problems) || a.max_problems == 0)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--max-problems takes a positive number, not '", *v, "'"));
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", arg, "'"));
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) {
    return absl::InvalidArgumentError("expected a command and one audit file");
  }
  a.command = positional[0];
  a.path = positional[1];
  if (a.command != "report" && a.command != "crosstab" && a.command != "profile" &&
      a.command != "validate") {
    return absl::InvalidArgumentError(absl::StrCat("unknown command '", a.command, "'"));
  }
  const bool csv_ok = a.command == "crosstab";
  if (!(csv_ok && a.format == "csv") && !parse_report_format(a.format).ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format '", a.format, "' for ", a.command));
  }
  if (a.command == "crosstab" && !a.by)
    return absl::InvalidArgumentError("crosstab needs --by COLUMN");
  return a;
}

absl::StatusOr<GradeScale> scale_from_arg(const std::string& spec) {
  if (spec == "ofsted") return GradeScale::ofsted();
  if (spec == "met_not_met" || spec == "met") return GradeScale::met_not_met();
  if (spec.rfind("custom:", 0) == 0) {
    std::vector<std::string> levels = absl::StrSplit(spec.substr(7), ',');
    return GradeScale::custom("custom", levels);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown scale '", spec, "' (ofsted, met_not_met, or custom:Worst,...,Best)"));
}

std::string profile_markdown(const GradeProfile& p, Grade threshold) {
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

std::string profile_json(const GradeProfile& p, Grade threshold) {
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

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      out << kUsage;
      return kExitOk;
    }
    if (a == "--version") {
      out << "qaframe " << kVersion << "\n";
      return kExitOk;
    }
  }
  auto parsed = parse_args(args);
  if (!parsed.ok()) {
    err << "qaframe: " << parsed.status().message() << "\n\n" << kUsage;
    return kExitFailure;
  }
  const Args& a = *parsed;
  auto scale = scale_from_arg(a.scale);
  if (!scale.ok()) {
    err << "qaframe: " << scale.status().message() << "\n";
    return kExitFailure;
  }
  ReadOptions options;
  options.scale = *scale;
  Diagnostics diag(a.max_problems);
  auto audits = read_audits_csv(a.path, options, &diag);
  if (!audits.ok()) {
    err << "qaframe: " << audits.status().message() << "\n";
    return absl::IsInvalidArgument(audits.status()) ? kExitBadInput : kExitFailure;
  }
  Grade threshold = audits->scale().good_from();
  if (a.threshold) {
    auto g = audits->scale().level(*a.threshold);
    if (!g.ok()) {
      err << "qaframe: --threshold: " << g.status().message() << "\n";
      return kExitFailure;
    }
    threshold = *g;
  }
  const bool json = a.format == "json";
  if (a.command == "validate") {
    if (json) {
      out << "{\"valid\": true, \"audits\": " << audits->size() << "}\n";
    } else {
      out << a.path << ": " << audits->size() << " audits, no problems\n";
    }
    return kExitOk;
  }
  if (a.command == "profile") {
    GradeProfile p = profile(*audits);
    out << (json ? profile_json(p, threshold) : profile_markdown(p, threshold));
    return kExitOk;
  }
  if (a.command == "crosstab") {
    auto table = crosstab(*audits, *a.by);
    if (!table.ok()) {
      err << "qaframe: " << table.status().message() << "\n";
      return kExitFailure;
    }
    if (a.format == "csv") {
      out << render_csv(*table);
    } else if (json) {
      out << render_json(*table) << "\n";
    } else {
      out << render_markdown(*table);
    }
    return kExitOk;
  }
  ReportOptions report;
  report.format = json ? ReportFormat::kJson : ReportFormat::kMarkdown;  // checked in parse_args
  if (a.by) report.by = absl::StrSplit(*a.by, ',', absl::SkipEmpty());
  report.threshold = a.threshold;
  report.source = std::filesystem::path(a.path).filename().string();  // a name, not a path
  auto text = render_report(*audits, report);
  if (!text.ok()) {
    err << "qaframe: " << text.status().message() << "\n";
    return kExitFailure;
  }
  out << *text;
  return kExitOk;
}

}  // namespace qaframe
