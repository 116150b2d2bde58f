// run_cli: the command line's output, messages and exit codes.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/cli/cli.hpp"
#include "qaframe/version.hpp"

namespace {

const std::string kSample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv";

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = qaframe::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// A file in the temporary directory, removed at the end of the scope.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             ("qaframe_cli_test_" + std::to_string(rd()) + "_" + std::to_string(rd()) + ".csv"))
                .string();
    std::ofstream f(path_, std::ios::binary);
    f << text;
    REQUIRE(f.good());
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const char* const kBadFile =
    "audit_id,child_id,team,audit_date,grade\n"
    "A1,C1,Alpha,01/02/2018,Good\n"
    "A2,C2,Alpha,01/02/2018,Goodish\n"
    "A3,C3,Beta,31/04/2018,Good\n"
    "A1,C4,Beta,02/02/2018,RI\n"
    "A5,C5,Beta,03/02/2018,Outstanding\n";

}  // namespace

TEST_CASE("cli: report on the sample") {
  Run r = run({"report", kSample});
  CHECK(r.code == qaframe::kExitOk);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "# Quality assurance report: audits.csv\n"));
  CHECK(contains(r.out, "30% (38% adjusted) Inadequate or Requires Improvement"));
  CHECK(contains(r.out, "49% (62% adjusted) Good or Outstanding"));
  CHECK(contains(r.out, "| Core | 1 | 4 | 9 | 1 | 24 | 39 |"));
  CHECK(contains(r.out, "| YOS | 0 | 0 | 3 | 2 | 0 | 5 |"));
  CHECK(contains(r.out, "| DTA Minimum Standards | 0 | 0 | 0 | 0 | 24 | 24 |"));
  CHECK_FALSE(contains(r.out, QAFRAME_SOURCE_DIR));  // the file name only, not the path

  // Options may come before the command and the file.
  Run json = run({"--format", "json", "report", kSample});
  CHECK(json.code == 0);
  CHECK(contains(json.out, "\"audits\": 118"));
  CHECK(contains(json.out, "\"source\": \"audits.csv\""));
  CHECK(contains(json.out, "{\"label\": \"Core\", \"counts\": [1, 4, 9, 1, 24], \"total\": 39}"));

  Run by = run({"report", kSample, "--by", "team,,auditor", "--threshold", "Outstanding"});
  CHECK(by.code == 0);
  CHECK(contains(by.out, "## Grades by team"));
  CHECK(contains(by.out, "## Grades by auditor"));
  CHECK_FALSE(contains(by.out, "## Grades by programme"));
  CHECK(contains(by.out, "3% (4% adjusted) Outstanding"));
}

TEST_CASE("cli: bad input exits 2 with every problem on err") {
  TempFile bad(kBadFile);
  for (const char* command : {"report", "validate", "profile"}) {
    CAPTURE(command);
    Run r = run({command, bad.path()});
    CHECK(r.code == qaframe::kExitBadInput);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "3 problems"));
    CHECK(contains(r.err, bad.path() + ":3: column 'grade': value 'Goodish'"));
    CHECK(contains(r.err, bad.path() + ":4: column 'audit_date': value '31/04/2018'"));
    CHECK(contains(r.err, bad.path() + ":5: column 'audit_id': value 'A1'"));
    CHECK(contains(r.err, "first seen on line 2"));
  }
  // The limit on problems listed.
  Run limited = run({"validate", bad.path(), "--max-problems", "1"});
  CHECK(limited.code == 2);
  CHECK(contains(limited.err, "3 problems"));
  CHECK(contains(limited.err, ":3:"));
  CHECK_FALSE(contains(limited.err, ":4:"));
  CHECK_FALSE(contains(limited.err, ":5:"));
  // One thread or several: the same problems.
  const Run base = run({"validate", bad.path()});
  for (const char* threads : {"1", "2"}) {
    Run t = run({"validate", bad.path(), "--threads", threads});
    CHECK(t.code == 2);
    CHECK(t.err == base.err);
  }
  // A file that is not UTF-8, and an empty file.
  TempFile latin1("audit_id,child_id,team,audit_date,grade\nA1,C1,Caf\xE9,01/02/2018,Good\n");
  Run l = run({"validate", latin1.path()});
  CHECK(l.code == 2);
  CHECK(contains(l.err, latin1.path() + ":2:"));
  TempFile empty("");
  Run e = run({"validate", empty.path()});
  CHECK(e.code == 2);
  CHECK(contains(e.err, "empty"));
}

TEST_CASE("cli: a missing file exits 1") {
  Run r = run({"report", "/nonexistent/qaframe/audits.csv"});
  CHECK(r.code == qaframe::kExitFailure);
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "/nonexistent/qaframe/audits.csv"));
}

TEST_CASE("cli: usage errors exit 1 with a message and the usage") {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{"frobnicate", kSample}, "unknown command 'frobnicate'"},
      {{"report", kSample, "--colour"}, "unknown option '--colour'"},
      {{"report", kSample, "-x"}, "unknown option '-x'"},
      {{"report", kSample, "--by"}, "--by needs a value"},
      {{"report"}, "expected a command and one audit file"},
      {{}, "expected a command and one audit file"},
      {{"report", kSample, kSample}, "expected a command and one audit file"},
      {{"report", kSample, "--format", "xml"}, "unknown format 'xml'"},
      {{"report", kSample, "--format", "csv"}, "unknown format 'csv' for report"},
      {{"crosstab", kSample}, "crosstab needs --by"},
      {{"validate", kSample, "--max-problems", "0"}, "--max-problems takes a positive number"},
      {{"validate", kSample, "--max-problems", "many"}, "not 'many'"},
      {{"validate", kSample, "--threads", "-1"},
       "--threads takes a whole number (0: every core, 1: one thread), not '-1'"},
      {{"validate", kSample, "--threads", "two"}, "not 'two'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    Run r = run(c.args);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(contains(r.err, c.message));
    CHECK(contains(r.err, "usage: qaframe"));
  }
  // Errors found after the arguments parse: a scale, a threshold or a column that is unknown.
  Run scale = run({"report", kSample, "--scale", "stars"});
  CHECK(scale.code == 1);
  CHECK(contains(scale.err, "unknown scale 'stars'"));
  Run threshold = run({"report", kSample, "--threshold", "Goodish"});
  CHECK(threshold.code == 1);
  CHECK(contains(threshold.err, "unknown grade"));
  CHECK(threshold.out.empty());
  Run column = run({"crosstab", kSample, "--by", "ward"});
  CHECK(column.code == 1);
  CHECK(contains(column.err, "ward"));
  CHECK(column.out.empty());
}

TEST_CASE("cli: crosstab") {
  Run csv = run({"crosstab", kSample, "--by", "team", "--format", "csv"});
  CHECK(csv.code == 0);
  CHECK(csv.err.empty());
  CHECK(csv.out ==
        "team,Inadequate,Requires Improvement,Good,Outstanding,N/A,Total\n"
        "Ambleside,2,4,11,1,0,18\n"
        "Brambles,1,6,9,0,0,16\n"
        "DCT,1,7,5,0,1,14\n"
        "DTA,0,4,6,0,24,34\n"
        "H4U,3,5,12,0,0,20\n"
        "FPT,0,0,1,0,0,1\n"
        "Early Help,1,1,7,1,0,10\n"
        "YOS,0,0,3,2,0,5\n"
        "Total,8,27,54,4,25,118\n");
  Run md = run({"crosstab", kSample, "--by", "programme"});
  CHECK(md.code == 0);
  CHECK(md.out ==
        "| Programme | Inadequate | Requires Improvement | Good | Outstanding | N/A | Total |\n"
        "|:---|---:|---:|---:|---:|---:|---:|\n"
        "| Core | 1 | 4 | 9 | 1 | 24 | 39 |\n"
        "| Practice Review Week | 7 | 23 | 45 | 3 | 1 | 79 |\n"
        "| Total | 8 | 27 | 54 | 4 | 25 | 118 |\n");
  Run json = run({"crosstab", kSample, "--by", "Audit Type", "--format", "json"});
  CHECK(json.code == 0);
  CHECK(contains(json.out, "\"by\": \"audit_type\""));
  CHECK(contains(json.out, "{\"label\": \"Other\", \"counts\": [0, 0, 2, 0, 0], \"total\": 2}"));
}

TEST_CASE("cli: profile") {
  Run md = run({"profile", kSample});
  CHECK(md.code == 0);
  CHECK(md.out ==
        "| Level | Audits |\n|:---|---:|\n"
        "| Inadequate | 8 |\n| Requires Improvement | 27 |\n| Good | 54 |\n| Outstanding | 4 |\n"
        "| N/A | 25 |\n| Total | 118 |\n\n"
        "93 graded; 118 distinct children.\n\n"
        "- 30% (38% adjusted) Inadequate or Requires Improvement\n"
        "- 49% (62% adjusted) Good or Outstanding\n");
  Run json = run({"profile", kSample, "--format", "json"});
  CHECK(json.code == 0);
  CHECK(json.out ==
        "{\"n\": 118, \"n_graded\": 93, \"n_not_applicable\": 25, \"n_children\": 118, "
        "\"counts\": [8, 27, 54, 4], \"headline\": [{\"levels\": \"Inadequate or Requires "
        "Improvement\", \"count\": 35}, {\"levels\": \"Good or Outstanding\", \"count\": 58}]}\n");
  Run threshold = run({"profile", kSample, "--threshold", "RI"});
  CHECK(threshold.code == 0);
  CHECK(contains(threshold.out, "- 7% (9% adjusted) Inadequate\n"));
}

TEST_CASE("cli: validate") {
  Run r = run({"validate", kSample});
  CHECK(r.code == 0);
  CHECK(r.out == kSample + ": 118 audits, no problems\n");
  CHECK(r.err.empty());
  Run json = run({"validate", kSample, "--format", "json"});
  CHECK(json.code == 0);
  CHECK(json.out == "{\"valid\": true, \"audits\": 118}\n");
}

TEST_CASE("cli: other scales") {
  TempFile met(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,Met\nA2,C2,T,01/02/2018,not "
      "met\nA3,C3,T,01/02/2018,Met\n");
  Run r = run({"profile", met.path(), "--scale", "met_not_met"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "| Not met | 1 |\n| Met | 2 |\n"));
  CHECK(contains(r.out, "- 33% (33% adjusted) Not met\n"));
  // The sample is not on the met / not met scale: every grade is a problem (93 auditors' and 85
  // moderators' grades; N/A is on every scale).
  Run wrong = run({"validate", kSample, "--scale", "met"});
  CHECK(wrong.code == 2);
  CHECK(contains(wrong.err, "178 problems"));
  TempFile rag(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,red\nA2,C2,T,01/02/"
      "2018,Green\n");
  Run custom = run({"crosstab", rag.path(), "--by", "team", "--scale", "custom:Red,Amber,Green",
                    "--format", "csv"});
  CHECK(custom.code == 0);
  CHECK(custom.out == "team,Red,Amber,Green,N/A,Total\nT,1,0,1,0,2\nTotal,1,0,1,0,2\n");
  Run bad_custom = run({"validate", rag.path(), "--scale", "custom:Red,red"});
  CHECK(bad_custom.code == 1);
}

TEST_CASE("cli: profile JSON escapes level labels") {
  // Regression (src/report/report.cpp, render_profile_json): the headline's levels are written
  // between quotes without JSON escaping, so a custom level label with a quote or backslash gives
  // invalid JSON.
  TempFile f("audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,\"Low \"\"a\"\"\"\n");
  Run r = run({"profile", f.path(), "--scale", "custom:Low \"a\",High", "--format", "json"});
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "{\"levels\": \"Low \\\"a\\\"\", \"count\": 1}"));
}

TEST_CASE("cli: help and version") {
  for (const char* flag : {"--help", "-h"}) {
    CAPTURE(flag);
    Run r = run({flag});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("usage: qaframe COMMAND AUDITS [options]", 0) == 0);
    for (const char* word : {"report", "crosstab", "profile", "validate", "--format", "--by",
                             "--scale", "--threshold", "--max-problems", "--version"}) {
      CAPTURE(word);
      CHECK(contains(r.out, word));
    }
  }
  // Help wins over other arguments, even a missing file.
  CHECK(run({"report", "/nonexistent.csv", "--help"}).code == 0);
  Run v = run({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out == std::string("qaframe ") + qaframe::kVersion + "\n");
  CHECK(v.out == "qaframe 0.1.0\n");
  // The preprocessor's version agrees with the program's.
  CHECK(v.out == "qaframe " QAFRAME_VERSION_STRING "\n");
  CHECK(std::string(QAFRAME_VERSION_STRING) == std::to_string(QAFRAME_VERSION_MAJOR) + "." +
                                                   std::to_string(QAFRAME_VERSION_MINOR) + "." +
                                                   std::to_string(QAFRAME_VERSION_PATCH));
  static_assert(QAFRAME_VERSION_MAJOR == 0 && QAFRAME_VERSION_MINOR == 1 &&
                QAFRAME_VERSION_PATCH == 0);
}

TEST_CASE("cli: an unknown --threshold is named in the message") {
  // Regression (src/cli/commands.cpp, threshold_from; also render_report in src/report/report.cpp
  // and GradeProfile::share_below/share_at_least): since 3c861cc GradeScale::parse/level leave the
  // value out of the message, but these callers print the status as it is, so the user reads
  // "qaframe: unknown grade on the ofsted scale; accepted: ..." without learning that the
  // --threshold value 'Goodish' is the problem.
  Run threshold = run({"report", kSample, "--threshold", "Goodish"});
  CHECK(threshold.code == 1);
  CHECK(contains(threshold.err, "Goodish"));
  CHECK(contains(threshold.err, "--threshold"));
}

TEST_CASE("cli: moderation, key messages, period comparison and trend sections") {
  Run r = run({"report", kSample});
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "## Moderation\n\n85 of 118 audits were moderated"));
  CHECK(contains(r.out, "| quadratic-weighted kappa | 0.62 |"));
  CHECK(contains(r.out, "## Key messages: areas of practice"));
  CHECK(contains(r.out, "| planning | 66 (below Good) | 71% | 61-79% | 93 | 25 |"));
  CHECK(contains(r.out, "## Practice Review Weeks compared"));
  CHECK(contains(r.out,
                 "| supervision | 30% (12/40) | 79% (30/38) | +49 pts | 27 to 64 pts | "
                 "<0.001 | 0.80 | improved |"));
  CHECK(contains(r.out, "## Core audits month by month"));
  CHECK_FALSE(contains(r.out, "C-2"));  // no child identifier
  // Tables on the auditors' own grades differ from the final ones.
  Run original = run({"crosstab", kSample, "--by", "programme", "--grades", "original"});
  Run final = run({"crosstab", kSample, "--by", "programme"});
  CHECK(original.code == 0);
  CHECK(contains(final.out, "| Core | 1 | 4 | 9 | 1 | 24 | 39 |"));
  CHECK_FALSE(contains(original.out, "| Core | 1 | 4 | 9 | 1 | 24 | 39 |"));
  // A comparison of two named periods, by name.
  Run named = run({"report", kSample, "--period", "Autumn=2017-10-01..2017-12-31", "--period",
                   "Spring=2018-01-01..2018-03-31", "--compare", "Autumn,Spring"});
  CHECK(named.code == 0);
  CHECK(contains(named.out, "## Autumn and Spring compared"));
  Run by_period =
      run({"crosstab", kSample, "--period", "Autumn=2017-10-01..2017-12-31", "--by", "period"});
  CHECK(by_period.code == 0);
  CHECK(contains(by_period.out, "| Autumn |"));
  Run json = run({"report", kSample, "--format", "json"});
  CHECK(contains(json.out, "\"moderation\": {\"audits\": 118, \"moderated\": 85"));
  CHECK(contains(json.out, "\"verdict\": \"improved\""));
  Run by_month = run({"crosstab", kSample, "--by", "month"});
  CHECK(contains(by_month.out, "| Oct 2017 |"));
  Run bad_compare = run({"report", kSample, "--compare", "Autumn,Spring"});
  CHECK(bad_compare.code == 1);
  CHECK(contains(bad_compare.err, "'Autumn' is not a period"));
}

TEST_CASE("cli: a bad moderation file is a data error naming line and column") {
  TempFile audits(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,Good\nA2,C2,T,01/02/2018,RI\n");
  TempFile moderation("audit_id,moderated_grade\nA1,RI\nA9,Good\n");
  Run r = run({"report", audits.path(), "--moderation", moderation.path()});
  CHECK(r.code == 2);
  CHECK(contains(r.err, ":3: column 'audit_id': value 'A9': no audit has this audit_id"));
  TempFile good("audit_id,moderated_grade,moderator\nA1,RI,M\n");
  Run ok = run({"report", audits.path(), "--moderation", good.path()});
  CHECK(ok.code == 0);
  CHECK(contains(ok.out, "1 of 2 audits were moderated"));
  Run scale = run({"report", audits.path(), "--domain-scale", "voice=met_not_met"});
  CHECK(scale.code == 2);
  CHECK(contains(scale.err, "a scale is declared for domain 'voice'"));
}

TEST_CASE("cli: --format json on bad input prints the problems as JSON on standard output") {
  TempFile bad(kBadFile);
  for (const char* command : {"validate", "profile", "report", "crosstab"}) {
    CAPTURE(command);
    std::vector<std::string> args = {command, bad.path(), "--format", "json"};
    if (std::string(command) == "crosstab") args.insert(args.end(), {"--by", "team"});
    Run r = run(args);
    CHECK(r.code == 2);
    const std::string p = absl::StrCat("{\"source\": \"", bad.path(), "\", ");
    CHECK(r.out ==
          absl::StrCat(
              "{\"problems\": [", p,
              "\"line\": 3, \"row\": 1, \"column\": \"grade\", \"value\": \"Goodish\", "
              "\"reason\": \"unknown grade on the ofsted scale (accepted grades listed below)\", "
              "\"cell\": \"\"}, ",
              p,
              "\"line\": 4, \"row\": 2, \"column\": \"audit_date\", \"value\": \"31/04/2018\", "
              "\"reason\": \"not a date: 2018-04 has no day 31\", \"cell\": \"\"}, ",
              p,
              "\"line\": 5, \"row\": 3, \"column\": \"audit_id\", \"value\": \"A1\", "
              "\"reason\": \"duplicate audit_id; first seen on line 2\", \"cell\": \"\"}], "
              "\"total\": 3, \"notes\": [\"accepted grades on the ofsted scale: Inadequate, "
              "Requires Improvement, Good, Outstanding; also RI (= Requires Improvement), "
              "Requires improvement to be good (= Requires Improvement), RITBG (= Requires "
              "Improvement), Inadequate practice (= Inadequate); N/A: (empty), N/A, NA, Not "
              "applicable, Not graded; case, spaces and hyphens are ignored\"]}\n"));
    CHECK(contains(r.err, "3 problems"));  // the text too, for a person
  }
  // With --output the problems still go to standard output, the file is not written.
  const std::string out_path = absl::StrCat(bad.path(), ".out");
  Run o = run({"validate", bad.path(), "--format", "json", "--output", out_path});
  CHECK(o.code == 2);
  CHECK(contains(o.out, "\"total\": 3"));
  CHECK_FALSE(std::filesystem::exists(out_path));
  // A file that cannot be read is one problem (exit 1).
  Run missing = run({"validate", "/nonexistent/qaframe/a.csv", "--format", "json"});
  CHECK(missing.code == 1);
  CHECK(contains(missing.out, "{\"problems\": [{\"source\": \"/nonexistent/qaframe/a.csv\""));
  CHECK(contains(missing.out, "\"total\": 1"));
}

TEST_CASE("cli: problems in line order, the accepted grades said once") {
  // Problems of a later column on an earlier line come first; one list of spellings for all.
  std::string text = "audit_id,child_id,team,audit_date,grade,domain:planning\n";
  for (int i = 0; i < 5; ++i) text += absl::StrCat("A", i, ",C", i, ",T,01/02/2018,Goodish,Bad\n");
  TempFile bad(text);
  Run r = run({"validate", bad.path()});
  CHECK(r.code == 2);
  std::size_t last = 0;
  for (int line = 2; line <= 6; ++line) {
    const std::size_t at = r.err.find(absl::StrCat(bad.path(), ":", line, ":"));
    REQUIRE(at != std::string::npos);
    CHECK(at >= last);
    last = at;
  }
  std::size_t spellings = 0;
  for (std::size_t at = r.err.find("Requires improvement to be good"); at != std::string::npos;
       at = r.err.find("Requires improvement to be good", at + 1))
    ++spellings;
  CHECK(spellings == 1);  // was 10: once on each bad grade
  CHECK(contains(r.err, "\naccepted grades on the ofsted scale: Inadequate,"));
}

TEST_CASE("cli: --period-filter keeps the audits of a period") {
  Run all = run({"profile", kSample, "--format", "json"});
  Run oct = run({"profile", kSample, "--format", "json", "--period-filter", "Oct 2017"});
  REQUIRE(oct.code == 0);
  CHECK(contains(all.out, "\"n\": 118"));
  CHECK(contains(oct.out, "\"n\": 46"));
  Run q3 = run({"profile", kSample, "--format", "json", "--period-filter", "2017-18 Q3"});
  CHECK(contains(q3.out, "\"n\": 59"));  // October to December 2017: 46 + 7 + 6
  Run year = run({"profile", kSample, "--format", "json", "--period-filter", "2017-18"});
  CHECK(contains(year.out, "\"n\": 118"));
  Run none = run({"profile", kSample, "--period-filter", "2019-20"});
  CHECK(none.code == 2);
  CHECK(contains(none.err,
                 "no audit is dated in 2019-20: 2019-04-01 to 2020-03-31; the audits "
                 "are dated 2017-10-02 to 2018-03-27"));
  Run bad = run({"profile", kSample, "--period-filter", "Smarch 2017"});
  CHECK(bad.code == 1);
  CHECK(contains(bad.err, "--period-filter"));
}

TEST_CASE("cli: comparing periods outside the data is an error naming the data's dates") {
  Run r = run({"report", kSample, "--compare", "Oct 2019,Mar 2020"});
  CHECK(r.code == 2);
  CHECK(contains(r.err,
                 "no audit is dated in either period compared (Oct 2019: 2019-10-01 to "
                 "2019-10-31; Mar 2020: 2020-03-01 to 2020-03-31): the audits are dated "
                 "2017-10-02 to 2018-03-27"));
  // One side empty: the report is made, with a note.
  Run one = run({"report", kSample, "--compare", "Oct 2017,Mar 2020"});
  CHECK(one.code == 0);
  CHECK(contains(one.out,
                 "no audit is dated in Mar 2020: 2020-03-01 to 2020-03-31 (B); the "
                 "audits are dated 2017-10-02 to 2018-03-27"));
}
