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
#include "qaframe/moderation.hpp"
#include "qaframe/period.hpp"
#include "qaframe/report.hpp"
#include "qaframe/text.hpp"
#include "qaframe/version.hpp"
#include "text_escape.hpp"
#include "triangulation_cli.hpp"

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
  --by COLUMNS         comma-separated columns to tabulate (report: programme,team,audit_type);
                       also financial_year, quarter or month of the audit date
  --scale SCALE        ofsted (default), met_not_met, or custom:Worst,...,Best
  --threshold LEVEL    first level counted as good in headlines (default: Good on Ofsted)
  --grades WHICH       final (default: moderated where moderated) or original (the auditors')
  --moderation FILE    join a moderation file (audit_id, moderated_grade, moderator)
  --domain-scale D=S   grade practice domain D (column domain:D) on scale S; repeatable
  --period NAME=A..B   a named period from date A to date B (both included); repeatable;
                       tabulate by them with --by period
  --compare A,B        report: compare period B with period A (2017-18, 2017-18 Q3, Oct 2017,
                       or a --period name); default: the first and last Practice Review Weeks
  --max-problems N     problems listed before the rest are only counted (default 100)

Triangulation (report; README "Triangulation"):
  --evidence-map FILE  themes mapped to audit items, survey questions and indicators
  --survey FILE        survey answers (respondent_id, team, respondent, question, answer)
  --performance FILE   indicator values (indicator, team, period, numerator, denominator)
  --indicators FILE    indicator definitions (polarity, target, benchmark, theme)
  --log FILE           Performance Improvement Log to merge the new KLOEs into
  --write-log FILE     write the merged log here
  --as-of DATE         date of the run (default: the last audit date)
  --indicator-period P indicator period, e.g. 2018-03 (default: each indicator's latest)
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
  std::string grades = "final";
  std::optional<std::string> moderation;
  std::vector<std::string> domain_scales;
  std::vector<std::string> periods;
  std::optional<std::string> compare;
  detail::TriangulationArgs triangulation;
};

// The slot of a triangulation option, or nullptr.
std::optional<std::string>* triangulation_option(detail::TriangulationArgs& t,
                                                 std::string_view arg) {
  if (arg == "--survey") return &t.survey;
  if (arg == "--performance") return &t.performance;
  if (arg == "--indicators") return &t.indicators;
  if (arg == "--evidence-map") return &t.evidence_map;
  if (arg == "--log") return &t.log;
  if (arg == "--write-log") return &t.write_log;
  if (arg == "--as-of") return &t.as_of;
  if (arg == "--indicator-period") return &t.period;
  return nullptr;
}

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
    if (std::optional<std::string>* slot = triangulation_option(a.triangulation, arg)) {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      *slot = *v;
    } else if (arg == "--format" || arg == "--by" || arg == "--scale" || arg == "--threshold" ||
               arg == "--max-problems" || arg == "--grades" || arg == "--moderation" ||
               arg == "--domain-scale" || arg == "--period" || arg == "--compare") {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      if (arg == "--grades") a.grades = *v;
      if (arg == "--moderation") a.moderation = *v;
      if (arg == "--domain-scale") a.domain_scales.push_back(*v);
      if (arg == "--period") a.periods.push_back(*v);
      if (arg == "--compare") a.compare = *v;
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
  if (a.triangulation.any() && a.command != "report")
    return absl::InvalidArgumentError("the triangulation options go with report");
  if (a.command == "crosstab" && !a.by)
    return absl::InvalidArgumentError("crosstab needs --by COLUMN");
  if (a.grades != "final" && a.grades != "original") {
    return absl::InvalidArgumentError(
        absl::StrCat("--grades takes final or original, not '", a.grades, "'"));
  }
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

// The period named by `label`: a --period name, or a financial year, quarter or month label.
absl::StatusOr<Period> find_period(std::string_view label, const std::vector<Period>& named) {
  for (const Period& p : named) {
    if (p.name == trim(label)) return p;
  }
  auto p = parse_period(label);
  if (!p.ok() && !named.empty()) {
    std::vector<std::string> names;
    for (const Period& n : named) names.push_back(n.name);
    return absl::InvalidArgumentError(absl::StrCat(
        p.status().message(), "; or one of the --period names: ", absl::StrJoin(names, ", ")));
  }
  return p;
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
  for (const std::string& spec : a.domain_scales) {
    const std::size_t eq = spec.find('=');
    auto domain_scale =
        eq == std::string::npos
            ? absl::StatusOr<GradeScale>(absl::InvalidArgumentError(
                  "write --domain-scale DOMAIN=SCALE, e.g. voice_of_child=met_not_met"))
            : scale_from_arg(spec.substr(eq + 1));
    if (!domain_scale.ok()) {
      err << "qaframe: --domain-scale '" << spec << "': " << domain_scale.status().message()
          << "\n";
      return kExitFailure;
    }
    options.domain_scales.emplace_back(std::string(trim(spec.substr(0, eq))), *domain_scale);
  }
  std::vector<Period> periods;
  for (const std::string& spec : a.periods) {
    auto p = parse_named_period(spec);
    if (!p.ok()) {
      err << "qaframe: --period: " << p.status().message() << "\n";
      return kExitFailure;
    }
    periods.push_back(*p);
  }
  std::optional<std::pair<Period, Period>> compare;
  if (a.compare) {
    std::vector<std::string> two = absl::StrSplit(*a.compare, ',');
    if (two.size() != 2) {
      err << "qaframe: --compare takes two periods separated by a comma, not '" << *a.compare
          << "'\n";
      return kExitFailure;
    }
    auto first = find_period(two[0], periods);
    auto second = find_period(two[1], periods);
    if (!first.ok() || !second.ok()) {
      err << "qaframe: --compare: " << (!first.ok() ? first.status() : second.status()).message()
          << "\n";
      return kExitFailure;
    }
    compare.emplace(*first, *second);
  }
  Diagnostics diag(a.max_problems);
  auto audits = read_audits_csv(a.path, options, &diag);
  if (!audits.ok()) {
    err << "qaframe: " << audits.status().message() << "\n";
    return absl::IsInvalidArgument(audits.status()) ? kExitBadInput : kExitFailure;
  }
  if (a.moderation) {
    Diagnostics moderation_diag(a.max_problems);
    auto joined = read_moderation_csv(*audits, *a.moderation, &moderation_diag);
    if (!joined.ok()) {
      err << "qaframe: " << joined.status().message() << "\n";
      return absl::IsInvalidArgument(joined.status()) ? kExitBadInput : kExitFailure;
    }
    *audits = *std::move(joined);
  }
  if (!periods.empty()) {  // named periods become a column "period" to tabulate by
    auto with = with_periods(*audits, periods);
    if (!with.ok()) {
      err << "qaframe: --period: " << with.status().message() << "\n";
      return kExitFailure;
    }
    *audits = *std::move(with);
  }
  const std::string grades = a.grades == "final" ? std::string(AuditColumns::kFinalGrade)
                                                 : std::string(AuditColumns::kGrade);
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
    auto p = profile(*audits, grades);
    if (!p.ok()) {
      err << "qaframe: " << p.status().message() << "\n";
      return kExitFailure;
    }
    out << (json ? profile_json(*p, threshold) : profile_markdown(*p, threshold));
    return kExitOk;
  }
  if (a.command == "crosstab") {
    auto table = crosstab(*audits, *a.by, grades);
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
  report.grades = grades;
  report.compare = compare;
  auto text = render_report(*audits, report);
  if (!text.ok()) {
    err << "qaframe: " << text.status().message() << "\n";
    return kExitFailure;
  }
  if (a.triangulation.any() || a.triangulation.write_log) {
    auto section = detail::triangulation_section(*audits, a.triangulation, json, diag);
    if (!section.ok()) {
      err << "qaframe: " << section.status().message() << "\n";
      return absl::IsInvalidArgument(section.status()) ? kExitBadInput : kExitFailure;
    }
    if (json) {
      // Add the members to the report's object: {... "tables": [...]} -> {..., "triangulation"}.
      text->erase(text->find_last_of('}'));
      absl::StrAppend(&*text, ", ", *section, "}\n");
    } else {
      absl::StrAppend(&*text, *section);
    }
  }
  out << *text;
  return kExitOk;
}

}  // namespace qaframe
