// Export profiles: the TOML read (every key checked, errors naming file, line and key), applied
// to CSV audits (headers renamed, programme and grade values mapped, title and footer rows), and
// the help to write one (did-you-mean, the starter profile).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/profile/column_guess.hpp"
#include "qaframe/readers/profile/export_profile.hpp"

namespace {

std::vector<std::string> problems(const qaframe::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& p : d.problems()) out.push_back(p.to_string());
  return out;
}

const char* kProfile = R"(# a Mosaic-style export
[input]
encoding = "utf-8"
delimiter = ";"
header_row = "auto"
footer_rows = 1
sheet = "Audits"

[audits]
not_applicable = ["-", "N/A"]
identifiers = ["NHS Number"]

[audits.columns]
audit_id = "Form ID"
child_id = "Person ID"
team = "Team Name"
grade = "Overall Grade"
audit_date = "Audit Date"
programme = "Audit Programme"

[audits.programmes]
core = ["Monthly audit"]
practice_review_week = ["PRW", "Practice Review Week"]

[audits.grades]
"4" = "Inadequate"
"1" = "Outstanding"

[audits.domains]
voice_of_child = "Voice of the child"

[survey.columns]
respondent_id = "Response ID"
)";

// The same three audits, in qaframe's own names and spellings.
const char* kPlain =
    "audit_id,child_id,team,programme,audit_date,grade\n"
    "A1,C1,North,Core,02/10/2017,Inadequate\n"
    "A2,C2,South,Practice Review Week,09/10/2017,Outstanding\n"
    "A3,C3,North,Practice Review Week,09/10/2017,N/A\n";

const char* kExport =
    "Audit export;run 01/12/2026\n"
    "\n"
    "Form ID;Person ID;Team Name;Audit Programme;Audit Date;Overall Grade\n"
    "A1;C1;North;monthly AUDIT;02/10/2017;4\n"
    "A2;C2;South;PRW;09/10/2017;1\n"
    "A3;C3;North;practice review week;09/10/2017;-\n"
    "Total;3;;;;\n";

}  // namespace

TEST_CASE("export profile: every key read, in order") {
  auto p = qaframe::parse_export_profile(kProfile, "mosaic.toml");
  REQUIRE(p.ok());
  CHECK(p->input.encoding == qaframe::TextEncoding::kUtf8);
  CHECK(p->input.delimiter == ';');
  CHECK(p->input.header_row == qaframe::kAutoHeaderRow);
  CHECK(p->input.footer_rows == 1);
  CHECK(p->input.sheet == "Audits");
  CHECK(p->audits.not_applicable == std::vector<std::string>{"-", "N/A"});
  CHECK(p->identifiers == std::vector<std::string>{"NHS Number"});
  REQUIRE(p->audits.columns.size() == 6);
  CHECK(p->audits.columns[1] == std::pair<std::string, std::string>{"child_id", "Person ID"});
  REQUIRE(p->audits.programmes.size() == 2);
  CHECK(p->audits.programmes[0].first == "Core");
  CHECK(p->audits.programmes[1].first == "Practice Review Week");
  CHECK(p->audits.programmes[1].second == std::vector<std::string>{"PRW", "Practice Review Week"});
  CHECK(p->audits.grades == std::vector<std::pair<std::string, std::string>>{{"4", "Inadequate"},
                                                                             {"1", "Outstanding"}});
  CHECK(p->domain_labels ==
        std::vector<std::pair<std::string, std::string>>{{"voice_of_child", "Voice of the child"}});
  CHECK(p->survey.columns ==
        std::vector<std::pair<std::string, std::string>>{{"respondent_id", "Response ID"}});
}

TEST_CASE("export profile: a typo, a wrong type, a bad value: file, line and key named") {
  auto msg = [](const char* text) {
    auto p = qaframe::parse_export_profile(text, "p.toml");
    REQUIRE_FALSE(p.ok());
    return std::string(p.status().message());
  };
  CHECK(msg("[input]\nencoding = \"utf-8\"\ndelimeter = \";\"\n") ==
        "p.toml:3: key 'input.delimeter': unknown key (known here: encoding, delimiter, "
        "header_row, footer_rows, sheet)");
  CHECK(msg("[audit.columns]\nchild_id = \"Person ID\"\n") ==
        "p.toml:1: key 'audit': unknown key (known here: input, audits, survey, performance, "
        "indicators, evidence_map, improvement_log)");
  CHECK(msg("[audits.columns]\nchld_id = \"Person ID\"\n") ==
        "p.toml:2: key 'audits.columns.chld_id': unknown column 'chld_id' (the columns: "
        "audit_id, child_id, team, audit_type, programme, audit_date, auditor, grade, "
        "moderated_grade, moderator, domain:<name>)");
  CHECK(msg("[input]\nheader_row = 0\n") ==
        "p.toml:2: key 'input.header_row': expected a row number >= 1 or \"auto\", found 0");
  CHECK(msg("[input]\nheader_row = true\n") ==
        "p.toml:2: key 'input.header_row': expected a row number or \"auto\", found a boolean");
  CHECK(msg("[input]\nencoding = \"latin-1\"\n") ==
        "p.toml:2: key 'input.encoding': unknown encoding 'latin-1' (accepted: auto, utf-8, "
        "windows-1252, utf-16)");
  CHECK(msg("[audits.programmes]\nprw = [\"PRW\"]\n") ==
        "p.toml:2: key 'audits.programmes.prw': unknown programme 'prw' (the programmes: core, "
        "practice_review_week, thematic)");
  CHECK(msg("[audits.programmes]\ncore = [\"PRW\"]\npractice_review_week = [\"prw\"]\n") ==
        "p.toml: [audits.programmes]: the spelling 'prw' would mean both 'Core' and 'Practice "
        "Review Week'");
  CHECK(msg("[audits]\nnot_applicable = [1]\n") ==
        "p.toml:2: key 'audits.not_applicable': expected an array of strings, found an integer");
  CHECK(msg("[audits.columns]\nteam = \"Team\"\nauditor = \"team\"\n") ==
        "p.toml:3: key 'audits.columns.auditor': the header 'team' is already mapped to team");
  CHECK(msg("[input\n").starts_with("p.toml:1: not valid TOML: "));
}

TEST_CASE("export profile applied: the export reads to the set its plain form reads to") {
  auto profile = qaframe::parse_export_profile(kProfile, "mosaic.toml");
  REQUIRE(profile.ok());
  qaframe::ReadOptions options;
  qaframe::apply_profile(*profile, options);
  CHECK(options.csv.delimiter == ';');
  CHECK(options.identifier_columns == std::vector<std::string>{"NHS Number"});
  auto mapped = qaframe::parse_audits_csv(kExport, "export.csv", options);
  REQUIRE_MESSAGE(mapped.ok(), mapped.status().message());
  auto plain = qaframe::parse_audits_csv(kPlain, "plain.csv");
  REQUIRE(plain.ok());
  CHECK(*mapped == *plain);
  CHECK(mapped->notes() ==
        std::vector<std::string>{
            "the sheet 'Audits' is for workbooks; this file is read as CSV",
            "1 title row above the header (line 3) skipped",
            "columns renamed by mosaic.toml: audit_id ('Form ID'), child_id ('Person ID'), team "
            "('Team Name'), programme ('Audit Programme'), grade ('Overall Grade')",
            "programme values read by mosaic.toml: 'monthly AUDIT' as 'Core' (1 audit), 'PRW' as "
            "'Practice Review Week' (1 audit), 'practice review week' as 'Practice Review Week' "
            "(1 audit)",
            "grade values read by mosaic.toml: '4' as 'Inadequate' (1 cell), '1' as "
            "'Outstanding' (1 cell), '-' as 'N/A' (1 cell)",
            "1 footer row (footer_rows) left out: line 7",
            "the label of domain voice_of_child not used: the file has no such domain column"});
}

TEST_CASE("export profile applied: problems name the column and its export header") {
  qaframe::ReadOptions options;
  options.mapping.source = "p.toml";
  options.mapping.columns = {{"grade", "Overall Grade"}};
  qaframe::Diagnostics d;
  auto r = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,Overall Grade\nA1,C1,T,02/10/2017,Goodish\n", "a.csv",
      options, &d);
  REQUIRE_FALSE(r.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].exported_column == "Overall Grade");
  CHECK(d.problems()[0].to_string().starts_with(
      "a.csv:2: column 'grade' ('Overall Grade'): value 'Goodish': unknown grade"));
}

TEST_CASE("export profile applied: a grade alias must name a level; unmapped programmes noted") {
  qaframe::ReadOptions options;
  options.mapping.source = "p.toml";
  options.mapping.grades = {{"4", "Inadequat"}};
  auto r = qaframe::parse_audits_csv(kPlain, "a.csv", options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "p.toml: [audits.grades] '4' = 'Inadequat': not a level of the ofsted scale (levels: "
        "Inadequate, Requires Improvement, Good, Outstanding)");
  options.mapping.grades.clear();
  options.mapping.programmes = {{"Core", {"monthly"}}};
  auto ok = qaframe::parse_audits_csv(kPlain, "a.csv", options);
  REQUIRE(ok.ok());
  CHECK(ok->notes() == std::vector<std::string>{
                           "programme values that p.toml does not map, kept as written: 'Practice "
                           "Review Week' (2 audits)"});
}

TEST_CASE("header_row: a line number, auto, and where the header seems to be when not given") {
  const std::string titled = absl::StrCat("QA audits\nrun by x\n", kPlain);
  qaframe::ReadOptions options;
  options.header_row = 3;
  auto r = qaframe::parse_audits_csv(titled, "t.csv", options);
  REQUIRE(r.ok());
  CHECK(*r == *qaframe::parse_audits_csv(kPlain, "p.csv"));
  CHECK(r->notes() == std::vector<std::string>{"2 title rows above the header (line 3) skipped"});
  options.header_row = 9;
  qaframe::Diagnostics past;
  CHECK_FALSE(qaframe::parse_audits_csv(titled, "t.csv", options, &past).ok());
  CHECK(problems(past) ==
        std::vector<std::string>{"t.csv:9: the file ends before line 9 (header_row)"});
  qaframe::Diagnostics d;
  auto plain = qaframe::parse_audits_csv(titled, "t.csv", {}, &d);
  REQUIRE_FALSE(plain.ok());
  CHECK(problems(d).back() ==
        "t.csv:3: line 3 holds every required column: the lines above it look like titles; set "
        "header_row = \"auto\" (or 3) in the profile's [input]");
}

TEST_CASE("did you mean: synonyms, containment and near spellings, with the mapping to add") {
  qaframe::Diagnostics d;
  auto r = qaframe::parse_audits_csv(
      "Form ID,Person ID,Worker Team,Date Completed,Overall judgement,Grdae\n"
      "A1,C1,T,02/10/2017,Good,Good\n",
      "e.csv", {}, &d);
  REQUIRE_FALSE(r.ok());
  const auto p = problems(d);
  REQUIRE(p.size() == 6);
  CHECK(
      p[0].starts_with("e.csv:1: missing required columns audit_id, child_id, team, "
                       "audit_date, grade"));
  CHECK(p[1] ==
        "e.csv:1: audit_id: did you mean 'Form ID'? Add to the profile: [audits.columns] "
        "audit_id = \"Form ID\" (or columns={\"audit_id\": \"Form ID\"} in Python)");
  CHECK(p[2].starts_with("e.csv:1: child_id: did you mean 'Person ID'?"));
  CHECK(p[3].starts_with("e.csv:1: team: did you mean 'Worker Team'?"));
  CHECK(p[4].starts_with("e.csv:1: audit_date: did you mean 'Date Completed'?"));
  CHECK(p[5].starts_with("e.csv:1: grade: did you mean 'Overall judgement'?"));
  const std::vector<std::string_view> typo = {"audit_id", "Grdae", "Audit Date (DD/MM/YYYY)"};
  CHECK(qaframe::guess_column("grade", typo) == "Grdae");
  CHECK(qaframe::guess_column("audit_date", typo) == "Audit Date (DD/MM/YYYY)");
  CHECK(qaframe::guess_column("child_id", typo) == std::nullopt);
  CHECK(qaframe::missing_column_hints(typo)[0] ==
        "child_id: no header looks like it; name the export's column in the profile: "
        "[audits.columns] child_id = \"...\"");
}

TEST_CASE("overrides: arguments win over the profile; bad values named by argument") {
  auto p = qaframe::parse_export_profile(kProfile, "mosaic.toml");
  REQUIRE(p.ok());
  qaframe::ProfileOverrides o;
  o.columns = {{"child_id", "Client ID"}};
  o.delimiter.emplace(std::string_view("\\t"));
  o.header_row.emplace(std::string_view("2"));
  auto w = qaframe::with_overrides(*p, o);
  REQUIRE(w.ok());
  CHECK(w->input.delimiter == '\t');
  CHECK(w->input.header_row == 2);
  CHECK(w->audits.columns.back() == std::pair<std::string, std::string>{"child_id", "Client ID"});
  CHECK(w->audits.columns.size() == 6);
  o.encoding.emplace(std::string_view("ebcdic"));
  CHECK(qaframe::with_overrides(*p, o).status().message() ==
        "encoding: unknown encoding 'ebcdic' (accepted: auto, utf-8, windows-1252, utf-16)");
}
