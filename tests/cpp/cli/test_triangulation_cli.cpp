// `qaframe report` with the triangulation options: the sample report, JSON, the log written, and
// bad input of each file (exit 2, the file, line and column on stderr).
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qaframe/cli/cli.hpp"
#include "qaframe/readers/improvement_log.hpp"

namespace {

const std::string kSample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/";

struct Run {
  int code;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = qaframe::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> sample_args() {
  return {"report",         kSample + "audits.csv",
          "--evidence-map", kSample + "evidence_map.csv",
          "--survey",       kSample + "survey.csv",
          "--performance",  kSample + "performance.csv",
          "--indicators",   kSample + "indicators.csv",
          "--log",          kSample + "improvement_log.csv"};
}

bool contains(const std::string& s, std::string_view needle) {
  return s.find(needle) != std::string::npos;
}

std::string temp_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("qaframe_tri_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("cli: the sample report has the triangulation and the updated log") {
  Run r = run(sample_args());
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "## Headline"));
  CHECK(contains(r.out, "## Triangulation"));
  CHECK(contains(r.out, "### Key lines of enquiry"));
  CHECK(contains(r.out, "## Performance Improvement Log"));
  CHECK(contains(r.out,
                 "| KLOE-201801-002 | 2018-01-31 | All | Supervision and oversight | in review |"));
  // Children's and respondents' identifiers never appear.
  CHECK_FALSE(contains(r.out, "R-0"));
  CHECK_FALSE(contains(r.out, "C-"));
}

TEST_CASE("cli: JSON report gains as_of, triangulation and improvement_log; the log is written") {
  const std::string out_log =
      (std::filesystem::temp_directory_path() / "qaframe_tri_log_out.csv").string();
  std::filesystem::remove(out_log);
  auto args = sample_args();
  args.insert(args.end(), {"--format", "json", "--write-log", out_log, "--as-of", "31/03/2018"});
  Run r = run(args);
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "\"as_of\": \"2018-03-31\", \"triangulation\": {\"by\": \"team\""));
  CHECK(contains(r.out, "\"improvement_log\": {\"added\": "));
  CHECK(r.out.back() == '\n');
  auto log = qaframe::read_log_csv(out_log);
  REQUIRE(log.ok());
  CHECK(log->entries.size() > 3);
  CHECK(log->entries[3].kloe_id == "KLOE-201803-001");
}

TEST_CASE("cli: bad input of each evidence file exits 2 naming file, line and column") {
  auto args = sample_args();
  const std::string survey = temp_file(
      "survey.csv", "respondent_id,team,respondent,question,answer\nR1,DCT,child,Q,Agreed\n");
  const std::string perf = temp_file(
      "perf.csv", "indicator,team,period,numerator,denominator\nASSESS45,DCT,2018-03,9,8\n");
  const std::string map = temp_file("map.csv", "theme,source,item\nPlanning,rumour,x\n");
  args[5] = survey;
  args[7] = perf;
  args[3] = map;
  Run r = run(args);
  CHECK(r.code == 2);
  CHECK(contains(r.err, survey + ":2: column 'answer': value 'Agreed'"));
  CHECK(contains(r.err, perf + ":2: column 'numerator': value '9': the numerator is above"));
  CHECK(contains(r.err, map + ":2: column 'source': value 'rumour'"));
  // A usage mistake is exit 1.
  r = run({"report", kSample + "audits.csv", "--survey", kSample + "survey.csv"});
  CHECK(r.code == 1);
  CHECK(contains(r.err, "need --evidence-map"));
  r = run({"profile", kSample + "audits.csv", "--evidence-map", kSample + "evidence_map.csv"});
  CHECK(r.code == 1);
}
