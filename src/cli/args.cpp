#include "cli/args.hpp"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "qaframe/model/text.hpp"
#include "qaframe/report/report.hpp"

namespace qaframe::detail {

const std::string_view kUsage =
    R"(usage: qaframe COMMAND AUDITS [options]
       (AUDITS: a CSV file, an .xlsx workbook, or - for CSV on standard input)

Commands:
  report     the QA report: headline, grade tables, moderation, key messages, comparisons,
             trend, triangulation and the audit cycle, as far as the files given allow
  crosstab   grade counts by one column (--by COLUMN)
  profile    the grade profile: counts and shares of the whole set
  validate   check the file; print every problem found
  actions    the follow-up of the audits' actions (--actions), escalation, evidence of impact
  programme  audits done against expected per team and month (--teams)
  sample     next month's children to audit (--caseload, --seed, --worklist)
  init-profile  a starter export profile (TOML) for the file, its guesses marked
             (--output FILE: written there, atomically)

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
  --period-filter P    only the audits dated in period P (2017-18, 2017-18 Q3, Oct 2017, or
                       a --period name); repeatable: dated in any of them
  --compare A,B        report: compare period B with period A (2017-18, 2017-18 Q3, Oct 2017,
                       or a --period name); default: the first and last Practice Review Weeks
  --max-problems N     problems listed before the rest are only counted (default 100)
  --threads N          threads to read a large file with (default 0: every core, at most 8;
                       1: one); the audits and any problems are exactly one thread's
  --output FILE        write the result to FILE (atomically) instead of standard output
  --sheet NAME         the sheet of an .xlsx workbook to read (default: the first)
  --profile FILE       an export profile (TOML): the export's headers, programme and grade
                       spellings, encoding, delimiter, header and footer rows (README
                       "Real exports"); also maps the evidence files' columns
  --encoding E         auto (default: a UTF-16 byte-order mark, else UTF-8), utf-8,
                       windows-1252 (what Excel's CSV, Comma delimited, writes) or utf-16
                       (over the profile's)
  --delimiter D        auto (default: chosen from the header line, the choice noted), ',',
                       ';' or tab (over the profile's)
  --header-row N       the header's line (row) number, or auto: the first holding every
                       required column, the lines above it skipped
  --allow-identifiers  allow tables (--by) and units by an identifier column such as child_id;
                       refused by default, as such a table lists every child

The audit cycle (report, actions, programme, sample; README "The audit cycle"):
  --actions FILE       actions arising from audits (action_id, audit_id, description, owner,
                       raised, due, completed)
  --escalations FILE   when each Inadequate audit was escalated (audit_id, escalated); without
                       it, the audits' own escalated column when they have one
  --teams FILE         expected audits per team and month (team, programme, expected_per_month)
  --working-days N     working days allowed to escalate (default 1)
  --region R           bank holidays: england_and_wales (default), scotland, northern_ireland
  --caseload FILE      sample: open cases (child_id, team, case_type, worker)
  --seed N             sample: the stated seed
  --per-team K         sample: children per team without --teams (default 2)
  --exclude-months N   sample: leave out children audited in the last N months (default 6)
  --worklist FILE      sample: where the children chosen are written (the one file with ids)
  (--as-of DATE gives the date of the check; default the last audit date)

The report to circulate (report; README "The publishable report"):
  --title T, --organisation O, --period-covered P, --author A, --produced DATE
                       shown at the top of the HTML report (produced: default today)
  --text FILE          the author's own text (Markdown, "## Section" headings), merged
                       into the sections it names; "## Summary" replaces the draft
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
  --log FILE           Performance Improvement Log to merge the new KLOEs into (it must
                       exist: a misspelt name is an error, exit code 2, never a new log)
  --new-log FILE       start a new log in FILE (which must not exist) and write it there
  --write-log FILE     write the merged log here (atomically; the old file kept as FILE.bak);
                       a file other than the --log needs --force if it exists
  --force              let --write-log replace an existing file that is not the --log
  --as-of DATE         date of the run (default: the last audit date)
  --indicator-period P indicator period, e.g. 2018-03 (default: each indicator's latest)
  --survey-counting C  respondents (default: each respondent once per theme), cluster-robust
                       or answers
  --survey-tie T       a respondent positive on half the theme's questions: half (default),
                       not-positive or positive
  --overdispersion O   funnel limits widened for over-dispersion between teams: none
                       (default), multiplicative or additive (Spiegelhalter 2005)
  --neighbours FILE    statistical neighbours' values (indicator, period, area, role, value):
                       rank, quartile band and change, as in LAIT
  --neighbours-benchmark  the neighbours' mean as each indicator's benchmark
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
  if (arg == "--new-log") return &t.new_log;
  if (arg == "--write-log") return &t.write_log;
  if (arg == "--as-of") return &t.as_of;
  if (arg == "--indicator-period") return &t.period;
  if (arg == "--survey-counting") return &t.survey_counting;
  if (arg == "--survey-tie") return &t.survey_tie;
  if (arg == "--overdispersion") return &t.overdispersion;
  if (arg == "--neighbours") return &t.neighbours;
  return nullptr;
}

// The slot of an audit-cycle option, or nullptr.
std::optional<std::string>* cycle_option(detail::CycleArgs& c, std::string_view arg) {
  if (arg == "--actions") return &c.actions;
  if (arg == "--escalations") return &c.escalations;
  if (arg == "--teams") return &c.teams;
  if (arg == "--caseload") return &c.caseload;
  if (arg == "--working-days") return &c.working_days;
  if (arg == "--region") return &c.region;
  if (arg == "--seed") return &c.seed;
  if (arg == "--per-team") return &c.per_team;
  if (arg == "--exclude-months") return &c.exclude_months;
  if (arg == "--worklist") return &c.worklist;
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
  if (arg == "--profile") return &a.profile;
  if (arg == "--encoding") return &a.encoding;
  if (arg == "--delimiter") return &a.delimiter;
  if (arg == "--header-row") return &a.header_row;
  if (arg == "--suppress") return &a.suppress;
  if (arg == "--min-pairs") return &a.min_pairs;
  if (arg == "--team-packs") return &a.team_packs;
  if (arg == "--text") return &a.text;
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
    } else if (std::optional<std::string>* cycle_slot = cycle_option(a.cycle, arg)) {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      *cycle_slot = *v;
    } else if (std::optional<std::string>* report_slot = report_option(a, arg)) {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      *report_slot = *v;
    } else if (arg == "--neighbours-benchmark") {
      a.triangulation.neighbours_benchmark = true;
    } else if (arg == "--publish") {
      a.publish = true;
    } else if (arg == "--pseudonymise-staff") {
      a.pseudonymise_staff = true;
    } else if (arg == "--force") {
      a.triangulation.force = true;
    } else if (arg == "--allow-identifiers") {
      a.allow_identifiers = true;
      a.triangulation.allow_identifiers = true;
    } else if (arg == "--format" || arg == "--by" || arg == "--scale" || arg == "--threshold" ||
               arg == "--max-problems" || arg == "--grades" || arg == "--moderation" ||
               arg == "--domain-scale" || arg == "--period" || arg == "--compare" ||
               arg == "--period-filter" || arg == "--threads") {
      auto v = value(arg);
      if (!v.ok()) return v.status();
      if (arg == "--grades") a.grades = *v;
      if (arg == "--moderation") a.moderation = *v;
      if (arg == "--domain-scale") a.domain_scales.push_back(*v);
      if (arg == "--period") a.periods.push_back(*v);
      if (arg == "--compare") a.compare = *v;
      if (arg == "--period-filter") a.period_filters.push_back(*v);
      if (arg == "--format") a.format = *v;
      if (arg == "--by") a.by = *v;
      if (arg == "--scale") a.scale = *v;
      if (arg == "--threshold") a.threshold = *v;
      if (arg == "--threads" && !absl::SimpleAtoi(*v, &a.threads)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--threads takes a whole number (0: every core, 1: one thread), not '", *v, "'"));
      }
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
      a.command != "validate" && a.command != "actions" && a.command != "programme" &&
      a.command != "sample" && a.command != "init-profile") {
    return absl::InvalidArgumentError(absl::StrCat("unknown command '", a.command, "'"));
  }
  // Formats by command: every command writes Markdown or JSON; crosstab also CSV; the report
  // also HTML.
  const bool known =
      a.command == "init-profile"
          ? a.format == "markdown"
          : a.format == "markdown" || a.format == "json" ||
                (a.command == "crosstab" && (a.format == "csv" || a.format == "xlsx")) ||
                ((a.command == "report" || a.command == "actions" || a.command == "programme" ||
                  a.command == "sample") &&
                 a.format == "html") ||
                (a.command == "report" && a.format == "pdf");
  if (!known) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format '", a.format, "' for ", a.command));
  }
  if ((a.triangulation.any() || a.triangulation.write_log || a.triangulation.force) &&
      a.command != "report")
    return absl::InvalidArgumentError("the triangulation options go with report");
  if (a.command == "actions" && !a.cycle.actions)
    return absl::InvalidArgumentError("actions needs --actions FILE");
  if (a.command == "programme" && !a.cycle.teams)
    return absl::InvalidArgumentError("programme needs --teams FILE");
  const bool sampling = a.cycle.caseload || a.cycle.seed || a.cycle.per_team ||
                        a.cycle.exclude_months || a.cycle.worklist;
  if (sampling && a.command != "sample")
    return absl::InvalidArgumentError(
        "--caseload, --seed, --per-team, --exclude-months and --worklist go with sample");
  if (a.cycle.any() && a.command != "report" && a.command != "actions" &&
      a.command != "programme" && a.command != "sample")
    return absl::InvalidArgumentError(
        "--actions, --escalations and --teams go with report, actions, programme or sample");
  if (a.command == "crosstab" && !a.by)
    return absl::InvalidArgumentError("crosstab needs --by COLUMN");
  if (a.grades.empty()) {
    return absl::InvalidArgumentError(
        "--grades takes final, original or a practice domain (planning, ...)");
  }
  const bool report_only = a.title || a.organisation || a.period_covered || a.author ||
                           a.produced || a.publish || a.suppress || a.min_pairs ||
                           a.pseudonymise_staff || a.team_packs || a.text;
  if (report_only && a.command != "report")
    return absl::InvalidArgumentError(
        "--title, --organisation, --period-covered, --author, --produced, --publish, "
        "--suppress, --min-pairs, --pseudonymise-staff, --team-packs and --text go with report");
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
