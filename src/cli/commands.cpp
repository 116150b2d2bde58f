#include "cli/commands.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/cli/cli.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/render/render.hpp"
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
  s.grades = a.grades == "final"      ? std::string(AuditColumns::kFinalGrade)
             : a.grades == "original" ? std::string(AuditColumns::kGrade)
                                      : a.grades;  // a domain, or any grade column
  return s;
}

absl::StatusOr<AuditSet> load_audits(const Args& a, const Settings& settings, Diagnostics& diag) {
  // A CSV file or an .xlsx workbook, told apart by content.
  XlsxOptions workbook;
  workbook.sheet = a.sheet.value_or("");
  auto audits = read_audits_file(a.path, settings.read, workbook, &diag);
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

absl::StatusOr<ReportOptions> report_options(const Args& a, const Settings& settings) {
  ReportOptions report;
  auto format = parse_report_format(a.format == "pdf" ? "html" : a.format);
  report.format = format.ok() ? *format : ReportFormat::kMarkdown;
  if (a.by) report.by = absl::StrSplit(*a.by, ',', absl::SkipEmpty());
  report.threshold = a.threshold;
  report.source = std::filesystem::path(a.path).filename().string();  // a name, not a path
  report.grades = settings.grades;
  report.compare = settings.compare;
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

int run_report(const Args& a, const Settings& settings, const AuditSet& audits, Diagnostics& diag,
               std::ostream& out, std::ostream& err) {
  auto report = report_options(a, settings);
  if (!report.ok()) return fail(err, report.status());
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
  auto text = render_report(audits, *report, inputs);
  if (!text.ok()) return fail(err, text.status());
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
  // Written whole to a temporary file beside the target, flushed, then renamed over it, so that
  // a reader never sees half a file and a failed write leaves the old one.
  const std::filesystem::path target(path);
  const std::filesystem::path temp =
      target.parent_path() / absl::StrCat(".", target.filename().string(), ".qaframe-tmp");
  {
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    if (!f)
      return absl::UnavailableError(
          absl::StrCat("cannot write '", path, "': ", std::strerror(errno)));
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.flush();
    if (!f) {
      const std::string reason = std::strerror(errno);
      f.close();
      std::filesystem::remove(temp);
      return absl::UnavailableError(absl::StrCat("cannot write '", path, "': ", reason));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp);
    return absl::UnavailableError(absl::StrCat("cannot write '", path, "': ", ec.message()));
  }
  return absl::OkStatus();
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
