// The command line with export profiles: --profile on a command, a profile's mistake as a usage
// error, --header-row over the profile, init-profile's starter (printed and written), and the
// evidence files' headers renamed by a profile.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/cli/cli.hpp"
#include "qaframe/readers/profile/column_guess.hpp"
#include "qaframe/readers/profile/export_profile.hpp"

namespace {

const std::string kExports = absl::StrCat(QAFRAME_SOURCE_DIR, "/tests/data/exports/");

struct Run {
  int code;
  std::string out, err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = qaframe::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("cli: --profile reads an export on every command; mistakes are named") {
  const std::string file = kExports + "mosaic_headers.csv";
  Run r = run({"validate", file, "--profile", kExports + "mosaic.toml"});
  CHECK(r.code == 0);
  CHECK(r.out == absl::StrCat(file, ": 118 audits, no problems\n"));
  r = run(
      {"crosstab", file, "--by", "team", "--format", "csv", "--profile", kExports + "mosaic.toml"});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("team,Inadequate,Requires Improvement,Good,Outstanding,N/A,Total\n"));
  r = run({"validate", file});
  CHECK(r.code == 2);
  CHECK(r.err.find("child_id: did you mean 'Person ID'? Add to the profile: [audits.columns] "
                   "child_id = \"Person ID\"") != std::string::npos);
  r = run({"validate", file, "--profile", kExports + "mosaic_typo.toml"});
  CHECK(r.code == 1);
  CHECK(r.err == absl::StrCat("qaframe: --profile: ", kExports,
                              "mosaic_typo.toml:3: key 'audits.columns.chld_id': unknown column "
                              "'chld_id' (the columns: audit_id, child_id, team, audit_type, "
                              "programme, audit_date, auditor, grade, moderated_grade, "
                              "moderator, domain:<name>)\n"));
  // --header-row wins over the profile's (mosaic.toml has none: the title rows then fail).
  r = run({"validate", kExports + "title_rows.csv", "--profile", kExports + "mosaic.toml",
           "--header-row", "auto"});
  CHECK(r.code == 0);
  r = run({"validate", kExports + "title_rows.csv", "--header-row", "first"});
  CHECK(r.code == 1);
  CHECK(r.err == "qaframe: --header-row: expected a row number >= 1 or \"auto\", found 'first'\n");
}

TEST_CASE("cli: init-profile prints a starter, or writes it whole with --output") {
  const std::string file = kExports + "lcs_headers.csv";
  Run r = run({"init-profile", file});
  CHECK(r.code == 0);
  CHECK(r.out.find("child_id = \"LCS ID\"  # guessed from 'LCS ID'\n") != std::string::npos);
  CHECK(r.out.find("team = \"Worker Team\"  # guessed from 'Worker Team'\n") != std::string::npos);
  CHECK(r.out.find("grade = \"Overall judgement\"  # guessed from 'Overall judgement'\n") !=
        std::string::npos);
  CHECK(r.out.find("# programme = \"Programme\"  # already qaframe's name: nothing to map\n") !=
        std::string::npos);
  CHECK(r.out.find("header_row = 1\n") != std::string::npos);
  const std::string out =
      (std::filesystem::temp_directory_path() / "qaframe_starter.toml").string();
  std::filesystem::remove(out);
  r = run({"init-profile", file, "--output", out});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  const std::string written = slurp(out);
  CHECK(written.find("child_id = \"LCS ID\"") != std::string::npos);
  // The starter reads the export (its domains stay extra columns until mapped).
  r = run({"validate", file, "--profile", out});
  CHECK(r.code == 0);
  std::filesystem::remove(out);
  r = run({"init-profile", kExports + "no_such.csv"});
  CHECK(r.code == 1);
}

TEST_CASE("evidence files: a profile's [<file>.columns] rename the header, nothing else") {
  qaframe::TableColumns survey{{{"respondent_id", "Response ID"}, {"answer", "Your answer"}}};
  CHECK(qaframe::rename_csv_header("\nResponse ID,team,Your answer\nR1,A,\"Agree, strongly\"\n",
                                   survey) ==
        "\nrespondent_id,team,answer\nR1,A,\"Agree, strongly\"\n");
  CHECK(qaframe::rename_csv_header("a,b\n1,2\n", {}) == "a,b\n1,2\n");
}
