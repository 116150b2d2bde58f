#include "cli/args.hpp"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/model/text.hpp"
#include "qaframe/report/report.hpp"

namespace qaframe::detail {

const std::string_view kUsage =
    R"(usage: qaframe COMMAND AUDITS [options]       (AUDITS: a CSV file or an .xlsx workbook)

Commands:
  report     the grade tables and headline shares of the QA report
  crosstab   grade counts by one column (--by COLUMN)
  profile    the grade profile: counts and shares of the whole set
  validate   check the file; print every problem found

Options:
  --format FORMAT      markdown (default) or json; crosstab also csv and xlsx (an Excel
                       workbook: with --output FILE.xlsx, or to stdout); report also html and
                       pdf (printed by headless Chromium, with --output)
  --by COLUMNS         comma-separated columns to tabulate (report: programme,team,audit_type);
                       also financial_year, quarter or month of the audit date
  --scale SCALE        ofsted (default), met_not_met, or custom:Worst,...,Best
  --threshold LEVEL    first level counted as good in headlines (default: Good on Ofsted)
  --grades WHICH       final (default: moderated where moderated), original (the auditors'),
                       or a practice domain (planning: the column domain:planning)
  --moderation FILE    join a moderation file (audit_id, moderated_grade, moderator)
  --domain-scale D=S   grade practice domain D (column domain:D) on scale S; repeatable
  --period NAME=A..B   a named period from date A to date B (both included); repeatable;
                       tabulate by them with --by period
  --compare A,B        report: compare period B with period A (2017-18, 2017-18 Q3, Oct 2017,
                       or a --period name); default: the first and last Practice Review Weeks
  --max-problems N     problems listed before the rest are only counted (default 100)
  --output FILE        write the result to FILE (atomically) instead of standard output
  --sheet NAME         the sheet of an .xlsx workbook to read (default: the first)

The report to circulate (report; README "The publishable report"):
  --title T, --organisation O, --period-covered P, --author A, --produced DATE
                       shown at the top of the HTML report (produced: default today)
  --publish            publication mode: counts 1..5 suppressed (c) with secondary
                       suppression, small agreement and comparison rows withheld (u)
  --suppress N         suppress counts 1..N instead of 1..5
  --min-pairs N        withhold statistics on fewer than N pairs (default 10)
  --pseudonymise-staff auditors and moderators by stable pseudonyms (key from the
                       environment variable QAFRAME_PSEUDONYM_KEY: 32 hex digits)
  --team-packs DIR     also write one HTML report per team into DIR

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

namespace {

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

// The slot of a report option that takes a value, or nullptr.
std::optional<std::string>* report_option(Args& a, std::string_view arg) {
  if (arg == "--title") return &a.title;
  if (arg == "--organisation") return &a.organisation;
  if (arg == "--period-covered") return &a.period_covered;
  if (arg == "--author") return &a.author;
  if (arg == "--produced") return &a.produced;
  if (arg == "--output") return &a.output;
  if (arg == "--sheet") return &a.sheet;
  if (arg == "--suppress") return &a.suppress;
  if (arg == "--min-pairs") return &a.min_pairs;
  if (arg == "--team-packs") return &a.team_packs;
  return nullptr;
}

}  // namespace

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
    } else if (std::optional<std::string>* report_slot = report_option(a, arg)) {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      *report_slot = *v;
    } else if (arg == "--publish") {
      a.publish = true;
    } else if (arg == "--pseudonymise-staff") {
      a.pseudonymise_staff = true;
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
  // Formats by command: every command writes Markdown or JSON; crosstab also CSV; the report
  // also HTML.
  const bool known = a.format == "markdown" || a.format == "json" ||
                     (a.command == "crosstab" && (a.format == "csv" || a.format == "xlsx")) ||
                     (a.command == "report" && (a.format == "html" || a.format == "pdf"));
  if (!known) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format '", a.format, "' for ", a.command));
  }
  if (a.triangulation.any() && a.command != "report")
    return absl::InvalidArgumentError("the triangulation options go with report");
  if (a.command == "crosstab" && !a.by)
    return absl::InvalidArgumentError("crosstab needs --by COLUMN");
  if (a.grades.empty()) {
    return absl::InvalidArgumentError(
        "--grades takes final, original or a practice domain (planning, ...)");
  }
  const bool report_only = a.title || a.organisation || a.period_covered || a.author ||
                           a.produced || a.publish || a.suppress || a.min_pairs ||
                           a.pseudonymise_staff || a.team_packs;
  if (report_only && a.command != "report")
    return absl::InvalidArgumentError(
        "--title, --organisation, --period-covered, --author, --produced, --publish, "
        "--suppress, --min-pairs, --pseudonymise-staff and --team-packs go with report");
  if (a.format == "pdf" && !a.output)
    return absl::InvalidArgumentError("--format pdf needs --output FILE.pdf");
  if ((a.suppress || a.min_pairs || a.pseudonymise_staff) && !a.publish)
    return absl::InvalidArgumentError(
        "--suppress, --min-pairs and --pseudonymise-staff go with --publish");
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

}  // namespace qaframe::detail
