#include "cli/commands.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/cli/cli.hpp"
#include "qaframe/io/atomic_file.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/readers/profile/column_guess.hpp"
#include "qaframe/render/render.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe::detail {
namespace {

int fail(std::ostream& err, const absl::Status& status, int code = kExitFailure) {
  // Messages may quote what was typed or read: shown with control characters as escapes.
  err << "qaframe: " << neutralise_controls(std::string(status.message())) << "\n";
  return code;
}

// Bad data in a file is exit code 2; anything else (an unreadable file) is 1.
int data_failure(const absl::Status& status) {
  return absl::IsInvalidArgument(status) ? kExitBadInput : kExitFailure;
}

}  // namespace

int fail_on_input(const Args& a, const Diagnostics& diag, const absl::Status& status,
                  std::ostream& out, std::ostream& err) {
  if (a.format == "json")
    out << render_problems_json(diag, status, a.path == "-" ? "standard input" : a.path);
  return fail(err, status, data_failure(status));
}

absl::StatusOr<Settings> settings_from(const Args& a) {
  Settings s;
  s.read.file.dash_is_stdin = true;  // "-" is standard input on the command line
  s.read.threads = a.threads;
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
  for (const std::string& label : a.period_filters) {
    auto p = find_period(label, s.periods);
    if (!p.ok())
      return absl::InvalidArgumentError(absl::StrCat("--period-filter: ", p.status().message()));
    s.period_filters.push_back(*p);
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
  if (a.profile) {
    auto p = read_export_profile(*a.profile);
    if (!p.ok())
      return absl::Status(p.status().code(), absl::StrCat("--profile: ", p.status().message()));
    s.profile = *std::move(p);
  }
  // --encoding, --delimiter and --header-row are read once, as overrides of the profile's input
  // (with no profile, of an empty one), so that their messages and precedence are the profile's.
  ProfileOverrides overrides{{}, a.encoding, a.delimiter, a.header_row, std::nullopt};
  auto profiled = with_overrides(s.profile, overrides);
  if (!profiled.ok()) {
    // "header_row: ..." is the flag --header-row here.
    std::string message(profiled.status().message());
    std::replace(message.begin(), message.begin() + static_cast<std::ptrdiff_t>(message.find(':')),
                 '_', '-');
    return absl::InvalidArgumentError(absl::StrCat("--", message));
  }
  s.profile = *std::move(profiled);
  apply_profile(s.profile, s.read);
  s.grades = a.grades == "final"      ? std::string(AuditColumns::kFinalGrade)
             : a.grades == "original" ? std::string(AuditColumns::kGrade)
                                      : a.grades;  // a domain, or any grade column
  return s;
}

absl::StatusOr<AuditSet> load_audits(const Args& a, const Settings& settings, Diagnostics& diag) {
  // A CSV file or an .xlsx workbook, told apart by content.
  XlsxOptions workbook;
  workbook.sheet = a.sheet.value_or("");
  workbook.threads = a.threads;
  auto audits = read_audits_file(a.path, settings.read, workbook, &diag);
  if (!audits.ok() || !a.moderation) return audits;
  Diagnostics moderation_diag(a.max_problems);
  auto joined = read_moderation_csv(*audits, *a.moderation, &moderation_diag, settings.read.csv);
  for (const std::string& note : moderation_diag.remarks()) diag.remark(note);
  return joined;
}

absl::StatusOr<AuditSet> add_periods(AuditSet audits, const Settings& settings) {
  if (settings.periods.empty()) return audits;
  auto with = with_periods(audits, settings.periods);
  if (!with.ok())
    return absl::InvalidArgumentError(absl::StrCat("--period: ", with.status().message()));
  return with;
}

absl::StatusOr<AuditSet> filter_periods(AuditSet audits, const Settings& settings) {
  if (settings.period_filters.empty()) return audits;
  AuditFilter f;
  f.within = settings.period_filters;
  auto kept = audits.filter(f);
  if (!kept.ok() || !kept->empty()) return kept;
  std::vector<std::string> named;
  for (const Period& p : settings.period_filters) named.push_back(describe_period(p));
  return absl::InvalidArgumentError(absl::StrCat("--period-filter: no audit is dated in ",
                                                 absl::StrJoin(named, "; "), "; ",
                                                 describe_date_range(audits)));
}

absl::StatusOr<Grade> threshold_from(const Args& a, const AuditSet& audits) {
  if (!a.threshold) return audits.scale().good_from();
  auto g = audits.scale().level(*a.threshold);
  if (!g.ok())
    return absl::InvalidArgumentError(absl::StrCat("--threshold: ", g.status().message()));
  return g;
}

int run_init_profile(const Args& a, std::ostream& out, std::ostream& err) {
  ReadOptions o;
  o.sheet = a.sheet.value_or("");
  auto text = starter_profile(a.path, o);
  if (!text.ok()) return fail(err, text.status(), data_failure(text.status()));
  out << *text;
  return kExitOk;
}

int run_validate(const Args& a, const AuditSet& audits, std::ostream& out) {
  if (a.format == "json") {
    out << "{\"valid\": true, \"audits\": " << audits.size() << "}\n";
  } else {
    out << (a.path == "-" ? std::string("standard input") : a.path) << ": " << audits.size()
        << (audits.size() == 1 ? " audit" : " audits") << ", no problems\n";
  }
  return kExitOk;
}

int run_profile(const Args& a, const Settings& settings, const AuditSet& audits, Grade threshold,
                std::ostream& out, std::ostream& err) {
  auto p = profile(audits, settings.grades);
  if (!p.ok()) return fail(err, p.status());
  auto text = a.format == "json" ? render_profile_json(*p, threshold)
                                 : render_profile_markdown(*p, threshold);
  if (!text.ok()) return fail(err, text.status());
  out << *text;
  return kExitOk;
}

int run_crosstab(const Args& a, const Settings& settings, const AuditSet& audits, std::ostream& out,
                 std::ostream& err) {
  auto table = crosstab(audits, *a.by, settings.grades, a.allow_identifiers);
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

absl::StatusOr<ReportOptions> report_options(const Args& a, const Settings& settings) {
  ReportOptions report;
  auto format = parse_report_format(a.format == "pdf" ? "html" : a.format);
  report.format = format.ok() ? *format : ReportFormat::kMarkdown;
  if (a.by) report.by = absl::StrSplit(*a.by, ',', absl::SkipEmpty());
  report.threshold = a.threshold;
  report.source = a.path == "-" ? std::string("standard input")
                                : std::filesystem::path(a.path).filename().string();  // a name
  report.grades = settings.grades;
  report.compare = settings.compare;
  report.allow_identifiers = a.allow_identifiers;
  report.meta.title = a.title.value_or("");
  report.meta.organisation = a.organisation.value_or("");
  report.meta.period = a.period_covered.value_or("");
  report.meta.author = a.author.value_or("");
  if (a.produced) {
    auto d = parse_date(*a.produced);
    if (!d.ok())
      return absl::InvalidArgumentError(absl::StrCat("--produced: ", d.status().message()));
    report.meta.produced = format_date(*d);
  } else {
    report.meta.produced =
        format_date(to_day_number(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())));
  }
  report.publish.enabled = a.publish;
  if (a.suppress) {
    std::int64_t n = 0;
    if (!absl::SimpleAtoi(*a.suppress, &n) || n < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("--suppress takes a count of 0 or more, not '", *a.suppress, "'"));
    report.publish.rule.threshold = n;
  }
  if (a.min_pairs) {
    std::int64_t n = 0;
    if (!absl::SimpleAtoi(*a.min_pairs, &n) || n < 1)
      return absl::InvalidArgumentError(
          absl::StrCat("--min-pairs takes a positive count, not '", *a.min_pairs, "'"));
    report.publish.min_pairs = n;
  }
  if (a.pseudonymise_staff) {
    const char* key = std::getenv("QAFRAME_PSEUDONYM_KEY");
    if (key == nullptr || *key == '\0')
      return absl::InvalidArgumentError(
          "--pseudonymise-staff needs the council's key in the environment variable "
          "QAFRAME_PSEUDONYM_KEY (32 hexadecimal digits; keep it secret, and the same from one "
          "report to the next)");
    report.publish.pseudonymise_staff = true;
    report.publish.pseudonym_key = key;
  }
  return report;
}

namespace {

// A file name for a team's pack: letters and digits kept, every other run of characters one '-'.
std::string pack_file_name(std::string_view team) {
  std::string out = "team-";
  bool dash = false;
  for (char c : team) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  while (out.back() == '-') out.pop_back();
  return out + ".html";
}

}  // namespace

absl::StatusOr<DayNumber> as_of_date(const Args& a, const AuditSet& audits) {
  if (a.triangulation.as_of) {
    auto d = parse_date(*a.triangulation.as_of);
    if (!d.ok())
      return absl::InvalidArgumentError(
          absl::StrCat("--as-of '", *a.triangulation.as_of, "': ", d.status().message()));
    return d;
  }
  if (audits.empty()) return to_day_number(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()));
  return *std::max_element(audits.dates().begin(), audits.dates().end());
}

namespace {

// The audit cycle's results as report inputs.
void add_cycle(const CycleRun& run, ReportInputs& inputs) {
  if (run.actions) inputs.actions = &*run.actions;
  if (run.cycle) inputs.cycle = &*run.cycle;
  if (run.escalation) inputs.escalation = &*run.escalation;
  if (run.programme) inputs.programme = &*run.programme;
  if (run.impact) inputs.impact = &*run.impact;
}

int render_document(const Args& a, const doc::Document& d, std::ostream& out) {
  out << (a.format == "json"   ? doc::to_json(d)
          : a.format == "html" ? doc::to_html(d)
                               : doc::to_markdown(d));
  return kExitOk;
}

}  // namespace

int run_cycle_command(const Args& a, const Settings& settings, const AuditSet& audits,
                      Diagnostics& diag, std::ostream& out, std::ostream& err) {
  auto report = report_options(a, settings);
  if (!report.ok()) return fail(err, report.status());
  auto as_of = as_of_date(a, audits);
  if (!as_of.ok()) return fail(err, as_of.status());
  if (a.command == "sample") {
    auto sample = run_sample(audits, a.cycle, *as_of, diag);
    if (!sample.ok()) return fail_on_input(a, diag, sample.status(), out, err);
    if (auto s = write_output_file(*a.cycle.worklist, sample->worklist_csv()); !s.ok())
      return fail(err, s);
    return render_document(a, build_sample_report(*sample), out);
  }
  auto run = run_cycle(audits, a.cycle, *as_of, diag);
  if (!run.ok()) return fail_on_input(a, diag, run.status(), out, err);
  ReportInputs inputs;
  add_cycle(*run, inputs);
  if (a.command == "programme") {
    inputs.actions = nullptr;
    inputs.cycle = nullptr;
    inputs.escalation = nullptr;
    inputs.impact = nullptr;
  } else {
    inputs.programme = nullptr;
  }
  auto d = build_cycle_report(audits, *report, inputs);
  if (!d.ok()) return fail(err, d.status());
  return render_document(a, *d, out);
}

int run_report(const Args& a, const Settings& settings, const AuditSet& audits, Diagnostics& diag,
               std::ostream& out, std::ostream& err) {
  auto report = report_options(a, settings);
  if (!report.ok()) return fail(err, report.status());
  ReportInputs inputs;
  std::optional<CycleRun> cycle;
  if (a.cycle.any() || audits.has_column("escalated")) {
    auto as_of = as_of_date(a, audits);
    if (!as_of.ok()) return fail(err, as_of.status());
    auto c = run_cycle(audits, a.cycle, *as_of, diag);
    if (!c.ok()) return fail_on_input(a, diag, c.status(), out, err);
    cycle = *std::move(c);
    add_cycle(*cycle, inputs);
  }
  std::optional<TriangulationRun> run;
  if (a.triangulation.any() || a.triangulation.write_log) {
    auto r = run_triangulation(audits, a.triangulation, diag, &settings.profile);
    if (!r.ok()) return fail_on_input(a, diag, r.status(), out, err);
    run = *std::move(r);
    if (run->log)
      for (const std::string& note : run->log->notes)
        err << "qaframe: note: " << neutralise_controls(note) << "\n";
    inputs.triangulation = &run->triangulation;
    inputs.as_of = run->as_of;
    if (run->log && run->merge) {
      inputs.log = &*run->log;
      inputs.merge = &*run->merge;
    }
    if (run->benchmarking) inputs.benchmarking = &*run->benchmarking;
  }
  std::optional<AuthorText> author;
  if (a.text) {
    auto markdown = read_file(*a.text);
    if (!markdown.ok()) return fail(err, markdown.status());
    auto parsed = parse_author_text(*markdown, *a.text);
    if (!parsed.ok()) return fail(err, parsed.status(), kExitBadInput);
    author = *std::move(parsed);
    inputs.text = &*author;
  }
  auto text = render_report(audits, *report, inputs);
  if (!text.ok()) {
    // A section of the author's text that the report does not have, or periods compared that
    // hold no audit, are mistakes about the input: exit code 2.
    const bool in_text = a.text && absl::StartsWith(text.status().message(), *a.text);
    return fail(err, text.status(),
                in_text || absl::IsOutOfRange(text.status()) ? kExitBadInput : kExitFailure);
  }
  if (a.team_packs) {
    std::error_code ec;
    std::filesystem::create_directories(*a.team_packs, ec);
    if (ec)
      return fail(err, absl::UnavailableError(absl::StrCat("cannot make the folder '",
                                                           *a.team_packs, "': ", ec.message())));
    for (const std::string& team : report_teams(audits)) {
      auto pack = build_team_pack(audits, team, *report, inputs);
      if (!pack.ok()) return fail(err, pack.status());
      const std::string path =
          (std::filesystem::path(*a.team_packs) / pack_file_name(team)).string();
      if (auto s = write_output_file(path, doc::to_html(*pack)); !s.ok()) return fail(err, s);
    }
  }
  out << *text;
  return kExitOk;
}

absl::Status write_output_file(const std::string& path, std::string_view text) {
  return write_file_atomically(path, text);
}

absl::Status write_pdf(const std::string& path, std::string_view html) {
  // Headless Chromium prints the HTML report (its print styles lay it out on A4).
  const char* candidates[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                              "/usr/bin/google-chrome"};
  std::string browser;
  for (const char* c : candidates)
    if (std::filesystem::exists(c)) browser = c;
  if (browser.empty())
    return absl::FailedPreconditionError(
        "--format pdf needs Chromium (Debian: apt-get install chromium); or write --format html "
        "and print it to PDF from a browser");
  std::error_code ec;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path(ec) /
      absl::StrCat("qaframe-pdf-", std::hash<std::string>{}(path), "-", ::getpid());
  std::filesystem::create_directories(dir / "profile", ec);
  const std::filesystem::path page = dir / "report.html";
  const std::filesystem::path pdf = dir / "report.pdf";
  if (auto s = write_output_file(page.string(), html); !s.ok()) return s;
  const std::string command =
      absl::StrCat("'", browser,
                   "' --headless --no-sandbox --disable-gpu --no-first-run "
                   "--disable-background-networking --disable-component-update --disable-sync "
                   "--no-pdf-header-footer --user-data-dir='",
                   (dir / "profile").string(), "' --print-to-pdf='", pdf.string(), "' 'file://",
                   page.string(), "' >/dev/null 2>&1");
  const int rc = std::system(command.c_str());
  std::string bytes;
  {
    std::ifstream f(pdf, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  std::filesystem::remove_all(dir, ec);
  if (rc != 0 || bytes.rfind("%PDF", 0) != 0)
    return absl::UnavailableError(
        absl::StrCat("Chromium (", browser, ") did not print the report to PDF (exit ", rc, ")"));
  return write_output_file(path, bytes);
}

}  // namespace qaframe::detail
