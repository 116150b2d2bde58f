// Nothing leaked (README, "Nothing lost, nothing leaked"): identifiers stay out of tables,
// reports, comparisons, triangulation and messages unless explicitly allowed; control and bidi
// characters from hostile labels reach no output format of the library or the command line raw.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/cli/cli.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/readers/survey.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/report/triangulation_report.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace fs = std::filesystem;

namespace {

// Text (std::string, std::string_view or Abseil's own string_view) holding `part`.
template <class Text>
bool contains(const Text& s, std::string_view part) {
  return std::string_view(s.data(), s.size()).find(part) != std::string_view::npos;
}

const std::string kSample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/";

qaframe::AuditSet sample() {
  auto s = qaframe::read_audits_csv(kSample + "audits.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

struct Run {
  int code;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = qaframe::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string temp_file(const std::string& name, const std::string& text) {
  const fs::path p =
      fs::temp_directory_path() / ("qaframe_leak_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

// The first raw character no output may carry (a C0 control other than tab and line feed, DEL,
// a C1 control, a bidi override or isolate), as "offset: U+XXXX"; "" when there is none.
std::string raw_unsafe(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = qaframe::utf8_sequence_length(s, i);
    if (len == 0) return absl::StrCat(i, ": a byte that is not UTF-8");
    std::uint32_t cp = static_cast<unsigned char>(s[i]);
    if (len > 1) {
      cp &= len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07;
      for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    const bool unsafe = (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
                        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (unsafe) return absl::StrCat(i, ": U+", absl::Hex(cp, absl::kZeroPad4));
    i += len;
  }
  return "";
}

// Hostile labels: ESC (a terminal colour sequence), BEL and BS, DEL, C1 NEL and CSI, the
// right-to-left override and the left-to-right isolate, MathJax's $...$, and 6,000 characters.
const std::vector<std::string> kHostile = {"Team \x1b[31mRED\x1b[0m",
                                           "Bell\x07"
                                           "and\x08"
                                           "back",
                                           "Del\x7f"
                                           "ete",
                                           "Nel\xc2\x85"
                                           "Csi\xc2\x9b"
                                           "2J",
                                           "abc\xe2\x80\xae"
                                           "cba",
                                           "iso\xe2\x81\xa6late\xe2\x81\xa9",
                                           "$x$ and $$y$$",
                                           std::string(6000, 'L')};

std::string hostile_audits() {
  std::string text =
      "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade,moderated_grade,"
      "moderator,domain:planning,notes\xe2\x80\xae\n";
  const char* grades[] = {"Good", "Requires Improvement", "Inadequate", "Outstanding"};
  const char* dates[] = {"09/10/2017", "11/10/2017", "12/03/2018", "14/03/2018"};
  for (int i = 0; i < 160; ++i) {
    const std::string& label = kHostile[static_cast<std::size_t>(i) % kHostile.size()];
    auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
    absl::StrAppend(&text, "A", i, ",C-", 1000 + i % 40, ",", quoted(label), ",",
                    quoted(kHostile[static_cast<std::size_t>(i + 3) % kHostile.size()]),
                    ",Practice Review Week,", dates[i % 4], ",", quoted(label), ",", grades[i % 4],
                    ",", i % 3 ? grades[(i + 1) % 4] : "", ",", i % 3 ? quoted(label) : "", ",",
                    grades[(i * 7) % 4], ",", quoted(label), "\n");
  }
  return text;
}

}  // namespace

TEST_CASE("identifiers: no table, report, comparison or triangulation by child_id by default") {
  const qaframe::AuditSet s = sample();
  CHECK(s.is_identifier("child_id"));
  CHECK(s.is_identifier("Child ID"));
  CHECK(s.is_identifier("audit_id"));
  CHECK_FALSE(s.is_identifier("team"));

  auto table = qaframe::crosstab(s, "child_id");
  CHECK(absl::IsFailedPrecondition(table.status()));
  CHECK(contains(table.status().message(), "'child_id' identifies people or cases"));
  CHECK(contains(table.status().message(), "allow_identifiers=True"));
  CHECK_FALSE(contains(table.status().message(), "C-"));
  CHECK(qaframe::crosstab(s, std::vector<std::string>{"team", "child_id"}).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(qaframe::crosstab(s, "child_id", "final_grade", true).ok());

  qaframe::ReportOptions report;
  report.by = {"team", "child_id"};
  CHECK(absl::IsFailedPrecondition(qaframe::render_report(s, report).status()));
  report.allow_identifiers = true;
  CHECK(qaframe::render_report(s, report).ok());
  auto plain = qaframe::render_report(s, {});  // the default report: no identifier at all
  REQUIRE(plain.ok());
  CHECK_FALSE(contains(*plain, "C-"));

  qaframe::CompareOptions compare;
  CHECK(absl::IsFailedPrecondition(
      qaframe::compare_groups(s, "child_id", "C-22282", "C-19842", compare).status()));
  compare.allow_identifiers = true;
  auto unknown = qaframe::compare_groups(s, "child_id", "C-22282", "C-NOPE", compare);
  REQUIRE_FALSE(unknown.ok());
  // The value asked for is quoted; the other children's identifiers are counted, not listed.
  CHECK(contains(unknown.status().message(), "no audit has child_id 'C-NOPE'"));
  CHECK(contains(unknown.status().message(), "118 distinct values, not listed"));
  CHECK_FALSE(contains(unknown.status().message(), "C-22282"));
  auto teams = qaframe::compare_groups(s, "team", "DCT", "Nowhere", {});
  CHECK(contains(teams.status().message(), "the values are: Ambleside, Brambles"));

  qaframe::AuditFilter f;
  f.equals = {{"child_id", {"C-NOPE"}}};
  auto filtered = s.filter(f);
  REQUIRE_FALSE(filtered.ok());
  CHECK(contains(filtered.status().message(), "118 distinct values, not listed"));
  CHECK_FALSE(contains(filtered.status().message(), "C-22282"));

  auto map = qaframe::read_evidence_map_csv(kSample + "evidence_map.csv");
  REQUIRE(map.ok());
  qaframe::TriangulationOptions t;
  t.by = "child_id";
  auto tri = qaframe::triangulate(s, nullptr, nullptr, *map, t);
  CHECK(absl::IsFailedPrecondition(tri.status()));
  CHECK(contains(tri.status().message(), "a triangulation by it"));
}

TEST_CASE("identifiers: a reader may declare more; messages count their values") {
  const std::string text =
      "audit_id,child_id,team,audit_date,grade,NHS Number\n"
      "A1,C1,DTA,01/04/2018,Good,943 476 5919\n"
      "A2,C2,DCT,01/04/2018,Good,943 476 5870\n";
  qaframe::ReadOptions o;
  o.identifier_columns = {"nhs_number"};
  auto s = qaframe::parse_audits_csv(text, "a.csv", o);
  REQUIRE(s.ok());
  CHECK(s->is_identifier("NHS Number"));
  CHECK(absl::IsFailedPrecondition(qaframe::crosstab(*s, "NHS Number").status()));
  qaframe::AuditFilter f;
  f.equals = {{"NHS Number", {"000"}}};
  auto r = s->filter(f);
  REQUIRE_FALSE(r.ok());
  CHECK(contains(r.status().message(), "2 distinct values, not listed"));
  CHECK_FALSE(contains(r.status().message(), "943"));
  // The rule travels with the set: subsets keep it; equality ignores it.
  auto subset = s->filter({{{"team", {"DTA"}}}, std::nullopt, std::nullopt});
  REQUIRE(subset.ok());
  CHECK(subset->is_identifier("NHS Number"));
  CHECK(*qaframe::parse_audits_csv(text, "a.csv") == *s);
}

TEST_CASE("identifiers: a file whose header row is missing quotes none of its first line") {
  const std::string audits = "A1,C-0001,DTA,01/04/2018,Good\nA2,C-0002,DCT,01/04/2018,RI\n";
  qaframe::Diagnostics d;
  CHECK_FALSE(qaframe::parse_audits_csv(audits, "a.csv", {}, &d).ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(contains(d.problems()[0].reason, "the header row may be missing"));
  CHECK_FALSE(contains(d.to_status().message(), "C-0001"));
  // The same repeated value in the line would have been quoted as a repeated column name.
  qaframe::Diagnostics d2;
  CHECK_FALSE(qaframe::parse_audits_csv("A1,C-7,C-7,01/04/2018,Good\n", "a.csv", {}, &d2).ok());
  CHECK_FALSE(contains(d2.to_status().message(), "C-7"));
  // The evidence tables too: a survey without its header quotes no respondent.
  qaframe::Diagnostics d3;
  CHECK_FALSE(qaframe::parse_survey_csv("R-001,DCT,child,Q,Agree\nR-001,DCT,child,Q,Agree\n",
                                        "s.csv", {}, &d3)
                  .ok());
  CHECK(contains(d3.to_status().message(), "the header row may be missing"));
  CHECK_FALSE(contains(d3.to_status().message(), "R-001"));
}

TEST_CASE("identifiers: the command line refuses --by child_id unless --allow-identifiers") {
  Run r = run({"crosstab", kSample + "audits.csv", "--by", "child_id"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "--allow-identifiers"));
  CHECK_FALSE(contains(r.err, "C-"));
  r = run({"report", kSample + "audits.csv", "--by", "team,child_id"});
  CHECK(r.code == 1);
  CHECK_FALSE(contains(r.out + r.err, "C-2"));
  r = run({"crosstab", kSample + "audits.csv", "--by", "child_id", "--allow-identifiers"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "C-22282"));
}

TEST_CASE("control characters: hostile labels reach no output of the library or the command line") {
  const std::string text = hostile_audits();
  const std::string path = temp_file("hostile.csv", text);
  auto s = qaframe::read_audits_csv(path);
  REQUIRE(s.ok());
  std::vector<std::pair<std::string, std::string>> outputs;  // (what, text)
  auto add = [&](std::string what, std::string out) {
    outputs.emplace_back(std::move(what), std::move(out));
  };
  for (const char* by : {"team", "auditor", "notes\xe2\x80\xae", "audit_type", "moderator"}) {
    auto t = qaframe::crosstab(*s, by);
    REQUIRE(t.ok());
    add(absl::StrCat("markdown by ", by), qaframe::render_markdown(*t));
    add(absl::StrCat("json by ", by), qaframe::render_json(*t));
    add(absl::StrCat("csv by ", by), qaframe::render_csv(*t));
  }
  auto p = qaframe::profile(*s, "final_grade");
  REQUIRE(p.ok());
  add("profile markdown", qaframe::render_profile_markdown(*p, s->scale().good_from()).value());
  add("profile json", qaframe::render_profile_json(*p, s->scale().good_from()).value());
  qaframe::ReportOptions report;
  report.by = {"team", "auditor", "notes\xe2\x80\xae", "audit_type"};
  report.source = kHostile[0];
  for (auto format : {qaframe::ReportFormat::kMarkdown, qaframe::ReportFormat::kJson}) {
    report.format = format;
    auto r = qaframe::render_report(*s, report);
    REQUIRE(r.ok());
    add("report", *r);
  }
  // Triangulation by hostile teams on a hostile theme, and the log merged from it.
  auto map = qaframe::parse_evidence_map_csv(
      "theme,source,item,target\n\"Plan\xe2\x80\xae\x1b[2Jning\",audit,planning,0.9\n", "map.csv");
  REQUIRE(map.ok());
  auto t = qaframe::triangulate(*s, nullptr, nullptr, *map);
  REQUIRE(t.ok());
  add("triangulation markdown", qaframe::render_triangulation_markdown(*t));
  add("triangulation json", qaframe::render_triangulation_json(*t));
  qaframe::ImprovementLog log;
  const auto summary = qaframe::merge_kloes(log, *t, 17620);
  qaframe::KloeEntry mine;
  mine.kloe_id = kHostile[0];
  mine.theme = kHostile[5];
  mine.unit = kHostile[6];
  mine.owner = kHostile[4];
  mine.outcome = kHostile[3];
  mine.evidence = kHostile[7];
  log.entries.push_back(mine);
  for (auto format : {qaframe::ReportFormat::kMarkdown, qaframe::ReportFormat::kJson,
                      qaframe::ReportFormat::kHtml}) {
    qaframe::ReportOptions o;
    o.format = format;
    qaframe::ReportInputs in;
    in.triangulation = &*t;
    in.as_of = 17620;
    in.log = &log;
    in.merge = &summary;
    auto r = qaframe::render_report(*s, o, in);
    REQUIRE(r.ok());
    add("report with triangulation and log", *r);
  }
  // Messages: a hostile value in a bad row, a hostile filter value.
  qaframe::Diagnostics d;
  CHECK_FALSE(qaframe::parse_audits_csv("audit_id,child_id,team,audit_date,grade\n"
                                        "A1,C1,T,01/04/2018,\"Go\x1b\xe2\x80\xaeod\"\n",
                                        "bad.csv", {}, &d)
                  .ok());
  add("problems", std::string(d.to_status().message()));
  auto filtered = s->filter({{{"team", {"\x1b[31mnone\xc2\x9b"}}}, std::nullopt, std::nullopt});
  add("filter message", std::string(filtered.status().message()));

  // The command line: every command and format, and its messages.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"report", path, "--by", "team,auditor"},
        {"report", path, "--format", "json", "--by", "team,auditor"},
        {"crosstab", path, "--by", "team"},
        {"crosstab", path, "--by", "moderator", "--format", "csv"},
        {"crosstab", path, "--by", "auditor", "--format", "json"},
        {"profile", path},
        {"profile", path, "--format", "json"},
        {"validate", path},
        {"crosstab", path, "--by", "\x1b[2J\xe2\x80\xae"},
        {"report", path, "--threshold", "\x1b[31m\xc2\x85"},
        {"report", path, "--compare", "\x1b]0;x\x07,\xe2\x81\xa6"}}) {
    Run r = run(args);
    add(absl::StrCat("cli ", args[0], " ", args.back(), " stdout"), r.out);
    add(absl::StrCat("cli ", args[0], " ", args.back(), " stderr"), r.err);
  }
  const std::string bad = temp_file(
      "hostile_bad.csv", text +
                             "B1,C1,\"\x1b[31mT\xe2\x80\xae\",General,Core,01/04/2018,Aud,"
                             "\"Go\xc2\x9bod\",,,Good,x\n");
  Run r = run({"validate", bad});
  CHECK(r.code == 2);
  add("cli validate bad stderr", r.err);

  CHECK(outputs.size() > 30);
  for (const auto& [what, out] : outputs) {
    CAPTURE(what);
    CHECK(raw_unsafe(out) == "");
  }
  // The escapes are visible: the override is shown as \u202E, not dropped.
  CHECK(contains(outputs[0].second, "\\u001B\\[31mRED\\u001B\\[0m"));  // [ escaped by Markdown
  CHECK(contains(outputs[0].second, "abc\\u202Ecba"));
  CHECK(contains(outputs[0].second, "\\$x\\$"));
  // Data handed back is exempt by design: AuditSet::to_csv and the log's CSV read back equal.
  CHECK(raw_unsafe(s->to_csv()) != "");
  CHECK(*qaframe::parse_audits_csv(s->to_csv(), "again.csv") == *s);
  CHECK(raw_unsafe(log.to_csv()) != "");
  fs::remove(path);
  fs::remove(bad);
}
