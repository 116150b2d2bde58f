// Hostile input, case by case (issue 6): every export that must load does, with the right values;
// every one that must fail does so as a whole, naming file, line, column and reason, through the
// library and through the command line (exit code 2). Labels from the data come out inert.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/cli/cli.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditSet;
using qaframe::DataProblem;
using qaframe::Diagnostics;
using qaframe::GradeScale;
using qaframe::kNotApplicable;

namespace {

constexpr std::string_view kHeader = "audit_id,child_id,team,audit_date,grade\n";

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}
// Status messages are Abseil's own string_view on Debian.
bool contains(absl::string_view haystack, std::string_view needle) {
  return contains(std::string(haystack.data(), haystack.size()), needle);
}

AuditSet load(std::string_view text) {
  Diagnostics diag;
  auto r = qaframe::parse_audits_csv(text, "good.csv", {}, &diag);
  REQUIRE_MESSAGE(r.ok(), std::string(r.status().message()));
  return *std::move(r);
}

std::vector<std::string> column(const AuditSet& s, std::string_view name) {
  auto c = s.categorical(name);
  REQUIRE(c.ok());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*c)->size(); ++i) out.emplace_back((*c)->value(i));
  return out;
}

std::vector<std::string> grades(const AuditSet& s) {
  std::vector<std::string> out;
  for (qaframe::Grade g : s.grades()) out.push_back(s.scale().label(g));
  return out;
}

// A file in the temporary directory, removed at the end of the scope.
class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             ("qaframe_robustness_" + std::to_string(rd()) + std::to_string(rd()) + ".csv"))
                .string();
    std::ofstream f(path_, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(f.good());
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An input that must be refused, and what its first problem must say.
struct Bad {
  const char* name;
  std::string text;
  std::int64_t line;   // of the first problem
  std::string column;  // of the first problem ("" when the problem is in no column)
  std::string reason;  // a phrase of its reason
  std::size_t max_field_bytes = qaframe::CsvOptions{}.max_field_bytes;
};

std::vector<Bad> bad_inputs() {
  const std::string h(kHeader);
  std::string nul = h + "A1,C1,Al";
  nul.push_back('\0');
  nul += "pha,01/02/2018,Good\n";
  return {
      {"invalid UTF-8 (Latin-1)",
       h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Caf\xE9,01/02/2018,Good\n", 3, "team",
       "not valid UTF-8"},
      {"invalid UTF-8 (overlong)", h + "A1,C1,Alpha,01/02/2018,G\xC0\xAFood\n", 2, "grade",
       "not valid UTF-8"},
      // A UTF-16 export (its byte-order mark) is read as UTF-16: one cut inside a character is
      // not text.
      {"a UTF-16 export cut off",
       std::string("\xFF\xFE"
                   "a\0u\0d",
                   7),
       1, "", "text that is not valid UTF-16 at byte 6 (the file ends inside a character"},
      {"a NUL byte", nul, 2, "team", "NUL byte"},
      {"an unterminated quote", h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,\"Alpha,01/02/2018,Good\n",
       3, "team", "never closed"},
      {"a row with too many fields", h + "A1,C1,Smith, J.,01/02/2018,Good\n", 2, "(column 6)",
       "expected 5 fields as in the header, found 6"},
      {"a row with too few fields", h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Alpha\n", 3,
       "audit_date", "expected 5 fields as in the header, found 3"},
      {"an empty file", "", 1, "", "the file is empty"},
      {"a file of blank lines", "\n\r\n  \n", 1, "", "the file is empty"},
      {"a byte-order mark alone", "\xEF\xBB\xBF", 1, "", "the file is empty"},
      {"a header without the required columns", "id,team,grade\n", 1, "",
       "missing required columns audit_id, child_id, audit_date"},
      {"a repeated column name", "audit_id,child_id,team,audit_date,grade,Team\n", 1, "Team",
       "repeated"},
      {"a field over the size limit", h + "A1,C1,Alphabetical order,01/02/2018,Good\n", 2, "team",
       "longer than the limit of 10 bytes", 10},
      {"a quoted field over the size limit", h + "A1,C1,\"Alphabetical\",01/02/2018,Good\n", 2,
       "team", "longer than the limit of 10 bytes", 10},
      {"a file cut off in a quoted field", h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,\"Alp", 3,
       "team", "file cut off?"},
      {"a file cut off between fields", h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Alpha,", 3, "grade",
       "found 4"},
      {"a file cut off inside a date", h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Alpha,01/0", 3,
       "grade", "found 4"},
      {"a file cut off inside the last field",
       h + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Alpha,01/02/2018,Outst", 3, "grade",
       "unknown grade"},
      {"a quote inside an unquoted field", h + "A1,C1,12\" ruler,01/02/2018,Good\n", 2, "team",
       "quote inside an unquoted field"},
      {"text after a closing quote", h + "A1,C1,\"Alpha\" team,01/02/2018,Good\n", 2, "team",
       "after the closing quote"},
      {"a grade that is not on the scale", h + "A1,C1,Alpha,01/02/2018,Goodish\n", 2, "grade",
       "unknown grade"},
      {"a US date", h + "A1,C1,Alpha,12/31/2017,Good\n", 2, "audit_date", "there is no month 31"},
  };
}

}  // namespace

TEST_CASE("robustness: UTF-8 with or without a byte-order mark, non-ASCII labels") {
  const std::string body = std::string(kHeader) + "A1,C1,\xC3\x89quipe Nord,01/02/2018,Good\n";
  for (const std::string& text : {body, std::string(qaframe::kUtf8Bom).append(body)}) {
    const AuditSet s = load(text);
    CHECK(s.column_names()[0] == "audit_id");  // the mark is not part of the first name
    CHECK(column(s, "team") == std::vector<std::string>{"\xC3\x89quipe Nord"});
  }
}

TEST_CASE("robustness: LF, CRLF and a mix of them; a final line end or none") {
  const std::string lf =
      std::string(kHeader) + "A1,C1,Alpha,01/02/2018,Good\nA2,C2,Beta,2018-02-02,RI\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf.push_back('\r');
    crlf.push_back(c);
  }
  std::string mixed =
      std::string(kHeader) + "A1,C1,Alpha,01/02/2018,Good\r\nA2,C2,Beta,2018-02-02,RI";
  const AuditSet expected = load(lf);
  CHECK(load(crlf) == expected);
  CHECK(load(mixed) == expected);
  CHECK(grades(expected) == std::vector<std::string>{"Good", "Requires Improvement"});
}

TEST_CASE("robustness: quoted fields with commas, quotes and line breaks keep line numbers right") {
  const std::string text = std::string(kHeader) +
                           "A1,C1,\"Smith, J.\",01/02/2018,Good\n"
                           "A2,C2,\"The \"\"North\"\" team\",01/02/2018,Good\n"
                           "A3,C3,\"two\r\nlines\",01/02/2018,Good\n"
                           "A4,C4,Alpha,01/02/2018,Goodish\n";  // line 6
  Diagnostics diag;
  auto r = qaframe::parse_audits_csv(text, "q.csv", {}, &diag);
  REQUIRE_FALSE(r.ok());
  REQUIRE(diag.problems().size() == 1);
  CHECK(diag.problems()[0].line == 6);
  const AuditSet s = load(text.substr(0, text.rfind("A4")));
  CHECK(column(s, "team") ==
        std::vector<std::string>{"Smith, J.", "The \"North\" team", "two\r\nlines"});
}

TEST_CASE("robustness: trailing empty columns and blank lines, before, between and after") {
  const AuditSet s = load(
      "\n\r\n"
      "audit_id,child_id,team,audit_date,grade,,,\n"
      "A1,C1,Alpha,01/02/2018,Good,,,\n"
      "\n"
      ",,,,,,,\n"
      "   \n"
      "A2,C2,Beta,01/02/2018,Good\n"
      "A3,C3,Beta,01/02/2018,Good,,,,,\n"  // padding past the header's width
      "\n\n");
  CHECK(s.size() == 3);
  CHECK(s.column_names() ==
        std::vector<std::string>{"audit_id", "child_id", "team", "audit_date", "grade"});
  // Padding is only padding while it is empty.
  Diagnostics diag;
  auto r = qaframe::parse_audits_csv(std::string(kHeader) + "A1,C1,Alpha,01/02/2018,Good,,x\n",
                                     "pad.csv", {}, &diag);
  REQUIRE_FALSE(r.ok());
  CHECK(diag.problems()[0].column == "(column 6)");
}

TEST_CASE("robustness: surrounding spaces in labels, grades in any spelling") {
  const AuditSet s = load(std::string(kHeader) +
                          "A1 , C1,  Alpha  ,01/02/2018 ,Good \n"
                          "A2,C2,\" Alpha\",2018-02-01,RI\n"
                          "A3,C3,Alpha,1/2/2018,\trequires improvement to be good\n"
                          "A4,C4,Alpha,01/02/2018,OUTSTANDING\n"
                          "A5,C5,Alpha,01/02/2018,n/a\n"
                          "A6,C6,Alpha,01/02/2018,\n");
  CHECK(s.audit_id_unchecked(0) == "A1");
  CHECK(column(s, "team") == std::vector<std::string>(6, "Alpha"));
  CHECK(grades(s) == std::vector<std::string>{"Good", "Requires Improvement",
                                              "Requires Improvement", "Outstanding", "N/A", "N/A"});
}

TEST_CASE("robustness: headers in any case and order; extra columns kept in input order") {
  const AuditSet s = load(
      "GRADE, Audit Date ,Notes,Team,child-id,AUDIT_ID,Reviewer\n"
      "Good,01/02/2018,\"free, text\",Alpha,C1,A1,Jo\n");
  CHECK(s.column_names() == std::vector<std::string>{"grade", "audit_date", "Notes", "team",
                                                     "child_id", "audit_id", "Reviewer"});
  CHECK(column(s, "Notes") == std::vector<std::string>{"free, text"});
  CHECK(column(s, "Reviewer") == std::vector<std::string>{"Jo"});
  // Written back in the same order, and read back equal.
  CHECK(load(s.to_csv()) == s);
}

TEST_CASE("robustness: a header with no rows is an empty set") {
  for (std::string text : {std::string(kHeader), std::string(kHeader) + "\n\n",
                           std::string(qaframe::kUtf8Bom).append(kHeader)}) {
    const AuditSet s = load(text);
    CHECK(s.empty());
    CHECK(s.column_names().size() == 5);
  }
}

TEST_CASE("robustness: every bad input fails as a whole, naming file, line, column and reason") {
  for (const Bad& bad : bad_inputs()) {
    CAPTURE(bad.name);
    qaframe::ReadOptions options;
    options.csv.max_field_bytes = bad.max_field_bytes;
    Diagnostics diag;
    auto r = qaframe::parse_audits_csv(bad.text, "bad.csv", options, &diag);
    REQUIRE_FALSE(r.ok());
    CHECK(absl::IsInvalidArgument(r.status()));
    REQUIRE_FALSE(diag.problems().empty());
    const DataProblem& p = diag.problems()[0];
    CAPTURE(p.to_string());
    CHECK(p.source == "bad.csv");
    CHECK(p.line == bad.line);
    CHECK(p.column == bad.column);
    CHECK(contains(p.reason, bad.reason));
    CHECK(contains(r.status().message(), "bad.csv:" + std::to_string(bad.line)));
  }
}

TEST_CASE("robustness: the command line exits 2 on every bad input, with the problem on stderr") {
  for (const Bad& bad : bad_inputs()) {
    if (bad.max_field_bytes != qaframe::CsvOptions{}.max_field_bytes) continue;  // not an option
    CAPTURE(bad.name);
    TempFile file(bad.text);
    std::ostringstream out, err;
    const int code = qaframe::run_cli({"validate", file.path()}, out, err);
    CHECK(code == qaframe::kExitBadInput);
    CHECK(out.str().empty());
    CHECK(contains(err.str(), file.path() + ":" + std::to_string(bad.line)));
    CHECK(contains(err.str(), bad.reason));
  }
}

TEST_CASE("robustness: values in messages are escaped, valid UTF-8 on one line") {
  Diagnostics diag;
  auto r = qaframe::parse_audits_csv(std::string(kHeader) +
                                         "A1,C1,Caf\xE9\x1B[31m,01/02/2018,Good\n"
                                         "A2,C2,Alpha,01/02/2018,\"Bad\nvalue\"\n",
                                     "esc.csv", {}, &diag);
  REQUIRE_FALSE(r.ok());
  REQUIRE(diag.problems().size() == 2);
  CHECK(diag.problems()[0].value == "Caf\\xE9\\x1B[31m");
  CHECK(diag.problems()[1].value == "Bad\\nvalue");
  for (const DataProblem& p : diag.problems()) {
    CHECK(qaframe::find_invalid_utf8_or_nul(p.to_string()) == std::string_view::npos);
    CHECK_FALSE(contains(p.to_string(), "\n"));
  }
  // A long value is cut between characters.
  CHECK(qaframe::shorten_for_message("\xC3\xA9\xC3\xA9\xC3\xA9", 5) == "\xC3\xA9\xC3\xA9...");
  CHECK(qaframe::shorten_for_message(std::string(100, 'x'), 10) == std::string(10, 'x') + "...");
}

TEST_CASE("robustness: every invalid value of a file is listed, not only the first") {
  Diagnostics diag;
  auto r = qaframe::parse_audits_csv(std::string(kHeader) +
                                         "A1,C1,Caf\xE9,01/02/2018,Good\n"
                                         "A2,C2,Alpha,01/02/2018,Good\n"
                                         "A3,C\xFF,Beta,01/02/2018,Good\n",
                                     "many.csv", {}, &diag);
  REQUIRE_FALSE(r.ok());
  REQUIRE(diag.problems().size() == 2);
  CHECK(diag.problems()[0].line == 2);
  CHECK(diag.problems()[1].line == 4);
  CHECK(diag.problems()[1].column == "child_id");
}

TEST_CASE("robustness: the DataFrame path refuses NUL bytes too, naming the row") {
  Diagnostics diag;
  auto r = qaframe::audits_from_columns({"audit_id", "child_id", "team", "audit_date", "grade"},
                                        {{"A1", "A2"},
                                         {"C1", "C2"},
                                         {"Alpha", std::string("Be\0ta", 5)},
                                         {"2018-01-01", "2018-01-02"},
                                         {"Good", "Good"}},
                                        GradeScale::ofsted(), "DataFrame", &diag);
  REQUIRE_FALSE(r.ok());
  REQUIRE(diag.problems().size() == 1);
  CHECK(diag.problems()[0].row == 1);
  CHECK(diag.problems()[0].column == "team");
  CHECK(diag.problems()[0].value == "Be\\x00ta");
}

TEST_CASE("robustness: large hostile inputs finish quickly and fail cleanly") {
  const auto start = std::chrono::steady_clock::now();
  // A megabyte of quotes, a header of 100,000 columns, 200,000 blank lines, a long unquoted field.
  CHECK_FALSE(qaframe::parse_audits_csv(std::string(1 << 20, '"'), "q.csv").ok());
  std::string wide;
  for (int i = 0; i < 100000; ++i) absl::StrAppend(&wide, "c", i, ",");
  CHECK_FALSE(qaframe::parse_audits_csv(wide + "\n", "wide.csv").ok());
  CHECK(load(std::string(kHeader) + std::string(200000, '\n')).empty());
  CHECK_FALSE(
      qaframe::parse_audits_csv(std::string(kHeader) + std::string(1 << 20, 'x'), "long.csv").ok());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);  // linear work; generous for sanitizer builds on a busy machine
}

TEST_CASE("robustness: hostile labels come out inert in Markdown, JSON and CSV") {
  const AuditSet s = load(std::string(kHeader) +
                          "A1,C1,<script>alert(1)</script>,01/02/2018,Good\n"
                          "A2,C2,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",01/02/2018,Good\n"
                          "A3,C3,@SUM(A1),01/02/2018,Good\n"
                          "A4,C4,+1,01/02/2018,Good\n"
                          "A5,C5,-2,01/02/2018,Good\n");
  auto table = qaframe::crosstab(s, "team");
  REQUIRE(table.ok());
  const std::string md = qaframe::render_markdown(*table);
  CHECK_FALSE(contains(md, "<script>"));
  CHECK(contains(md, "&lt;script&gt;"));
  const std::string json = qaframe::render_json(*table);
  CHECK_FALSE(contains(json, "<script>"));
  CHECK(contains(json, "\\u003cscript\\u003e"));
  const std::string csv = qaframe::render_csv(*table);
  for (std::string_view formula : {"\n=", "\n\"=", "\n@", "\n+", "\n-"}) {
    CAPTURE(formula);
    CHECK_FALSE(contains(csv, formula));
  }
  CHECK(contains(csv, "\n\"'=HYPERLINK("));
  CHECK(contains(csv, "\n'@SUM(A1),"));
  // The audit file itself is data, written back exactly (to_csv is lossless, not for spreadsheets).
  CHECK(contains(s.to_csv(), "\nA3,C3,@SUM(A1),"));
  // Through the command line too.
  TempFile file(s.to_csv());
  for (const char* format : {"markdown", "json", "csv"}) {
    CAPTURE(format);
    std::ostringstream out, err;
    CHECK(qaframe::run_cli({"crosstab", file.path(), "--by", "team", "--format", format}, out,
                           err) == qaframe::kExitOk);
    // Markup is escaped where it would be markup; CSV is for spreadsheets, where it is inert.
    if (std::string_view(format) != "csv") CHECK_FALSE(contains(out.str(), "<script>"));
    CHECK_FALSE(contains(out.str(), "\n=HYPERLINK"));
    CHECK_FALSE(contains(out.str(), "\n\"=HYPERLINK"));
  }
  // Scale labels are escaped in the profile too.
  std::ostringstream out, err;
  TempFile scaled(std::string(kHeader) + "A1,C1,Alpha,01/02/2018,<b>ok</b>\n");
  CHECK(qaframe::run_cli({"profile", scaled.path(), "--scale", "custom:bad,<b>ok</b>"}, out, err) ==
        qaframe::kExitOk);
  CHECK_FALSE(contains(out.str(), "<b>"));
}

TEST_CASE("robustness: JSON output stays valid UTF-8 whatever a label holds") {
  qaframe::GradeTable t("team", GradeScale::ofsted());
  CHECK(t.add("Caf\xE9", qaframe::GradeCounts({1, 0, 0, 0}, 0)).ok());
  const std::string json = qaframe::render_json(t);
  CHECK(contains(json, "\"Caf\\ufffd\""));
  CHECK(qaframe::find_invalid_utf8_or_nul(json) == std::string_view::npos);
}

TEST_CASE("robustness: a directory is not an empty file") {
  auto r = qaframe::read_audits_csv(std::filesystem::temp_directory_path().string());
  REQUIRE_FALSE(r.ok());
  CHECK(absl::IsUnavailable(r.status()));
  CHECK(contains(r.status().message(), "Is a directory"));  // the OS's words
  std::ostringstream out, err;
  CHECK(qaframe::run_cli({"validate", std::filesystem::temp_directory_path().string()}, out, err) ==
        qaframe::kExitFailure);
}
