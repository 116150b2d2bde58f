// The report: headline shares and tables of the seed report, JSON, and escaping of data text in
// Markdown, JSON and CSV.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditSet;
using qaframe::GradeCounts;
using qaframe::GradeScale;
using qaframe::GradeTable;
using qaframe::Headline;
using qaframe::ReportFormat;
using qaframe::ReportOptions;

namespace {

AuditSet sample() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

std::string report(const AuditSet& s, ReportOptions options = {}) {
  auto r = qaframe::render_report(s, options);
  REQUIRE(r.ok());
  return *std::move(r);
}

AuditSet parse(const std::string& text) {
  auto s = qaframe::parse_audits_csv(text, "test.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Lines of `text` in order.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Position of `needle` in `text` (npos when absent), for order checks.
std::size_t at(const std::string& text, std::string_view needle) { return text.find(needle); }

}  // namespace

TEST_CASE("report: the sample's Markdown report has the seed's headlines and tables") {
  ReportOptions options;
  options.source = "audits.csv";
  const std::string md = report(sample(), options);
  CHECK(contains(md, "# Quality assurance report: audits.csv\n"));
  CHECK(contains(md, "118 audits of 118 children, 2017-10-02 to 2018-03-27; 93 graded"));
  CHECK(contains(md, "25 not graded (N/A)"));
  CHECK(contains(md,
                 "- 30% (38% adjusted) Inadequate or Requires Improvement (35 of 118 audits; 35 of "
                 "93 graded)\n"));
  CHECK(contains(md,
                 "- 49% (62% adjusted) Good or Outstanding (58 of 118 audits; 58 of 93 graded)\n"));
  for (const char* row :
       {"| Programme | Inadequate | Requires Improvement | Good | Outstanding | N/A | Total |\n"
        "|:---|---:|---:|---:|---:|---:|---:|\n"
        "| Core | 1 | 4 | 9 | 1 | 24 | 39 |\n"
        "| Practice Review Week | 7 | 23 | 45 | 3 | 1 | 79 |\n"
        "| Total | 8 | 27 | 54 | 4 | 25 | 118 |\n",
        "| Ambleside | 2 | 4 | 11 | 1 | 0 | 18 |\n"
        "| Brambles | 1 | 6 | 9 | 0 | 0 | 16 |\n"
        "| DCT | 1 | 7 | 5 | 0 | 1 | 14 |\n"
        "| DTA | 0 | 4 | 6 | 0 | 24 | 34 |\n"
        "| H4U | 3 | 5 | 12 | 0 | 0 | 20 |\n"
        "| FPT | 0 | 0 | 1 | 0 | 0 | 1 |\n"
        "| Early Help | 1 | 1 | 7 | 1 | 0 | 10 |\n"
        "| YOS | 0 | 0 | 3 | 2 | 0 | 5 |\n"
        "| Total | 8 | 27 | 54 | 4 | 25 | 118 |\n",
        "| Audit type | Inadequate | Requires Improvement | Good | Outstanding | N/A | Total |\n",
        "| General Audits | 7 | 26 | 44 | 3 | 1 | 81 |\n"
        "| Early Help General Audits | 1 | 1 | 6 | 1 | 0 | 9 |\n"
        "| Early Help Minimum Standards | 0 | 0 | 2 | 0 | 0 | 2 |\n"
        "| DTA Minimum Standards | 0 | 0 | 0 | 0 | 24 | 24 |\n"
        "| Other | 0 | 0 | 2 | 0 | 0 | 2 |\n"
        "| Total | 8 | 27 | 54 | 4 | 25 | 118 |\n"}) {
    CAPTURE(row);
    CHECK(contains(md, row));
  }
  // Sections in the order asked for.
  CHECK(at(md, "## Headline") < at(md, "## Grades by programme"));
  CHECK(at(md, "## Grades by programme") < at(md, "## Grades by team"));
  CHECK(at(md, "## Grades by team") < at(md, "## Grades by audit type"));
  CHECK(at(md, "## Grades by audit type") != std::string::npos);
}

TEST_CASE("report: the columns and threshold can be chosen") {
  const AuditSet s = sample();
  ReportOptions options;
  options.by = {"team", "ward", "auditor"};  // a column the data lacks is left out, and said so
  const std::string md = report(s, options);
  CHECK(contains(md, "## Grades by team"));
  CHECK(contains(md, "## Grades by auditor"));
  CHECK_FALSE(contains(md, "## Grades by ward"));
  CHECK(contains(md,
                 "## Not included\n\nSections this report would have, left out because the "
                 "data cannot support them:\n\n- Grades by ward: the data has no ward column\n"));
  CHECK_FALSE(contains(md, "## Grades by programme"));
  CHECK(at(md, "## Grades by team") < at(md, "## Grades by auditor"));

  ReportOptions outstanding;
  outstanding.threshold = "outstanding";
  const std::string o = report(s, outstanding);
  // 89 of 118 = 75.4%, 89 of 93 = 95.7%; 4 of 118 = 3.4%, 4 of 93 = 4.3%.
  CHECK(contains(o, "75% (96% adjusted) Inadequate or Requires Improvement or Good"));
  CHECK(contains(o, "3% (4% adjusted) Outstanding"));

  ReportOptions ri;
  ri.threshold = "RI";
  CHECK(contains(report(s, ri), "7% (9% adjusted) Inadequate (8 of 118 audits; 8 of 93 graded)"));

  for (const char* bad : {"Goodish", "N/A", ""}) {
    CAPTURE(bad);
    ReportOptions b;
    b.threshold = bad;
    auto r = qaframe::render_report(s, b);
    REQUIRE_FALSE(r.ok());
    CHECK(absl::IsInvalidArgument(r.status()));
  }
}

TEST_CASE("report: JSON output carries the counts") {
  ReportOptions options;
  options.format = ReportFormat::kJson;
  options.source = "audits.csv";
  const std::string json = report(sample(), options);
  CHECK(json.front() == '{');
  CHECK(json.substr(json.size() - 2) == "}\n");
  for (const char* part : {
           "\"source\": \"audits.csv\"",
           "\"audits\": 118",
           "\"children\": 118",
           "\"graded\": 93",
           "\"not_applicable\": 25",
           "\"date_from\": \"2017-10-02\"",
           "\"date_to\": \"2018-03-27\"",
           "\"levels\": [\"Inadequate\", \"Requires Improvement\", \"Good\", \"Outstanding\"]",
           "\"text\": \"30% (38% adjusted) Inadequate or Requires Improvement\"",
           "\"count\": 35, \"n\": 118, \"n_graded\": 93",
           "\"percent\": 30, \"adjusted_percent\": 38",
           "\"count\": 58, \"n\": 118, \"n_graded\": 93",
           "\"percent\": 49, \"adjusted_percent\": 62",
           "{\"label\": \"Core\", \"counts\": [1, 4, 9, 1, 24], \"total\": 39}",
           "{\"label\": \"Practice Review Week\", \"counts\": [7, 23, 45, 3, 1], \"total\": 79}",
           "{\"label\": \"DTA\", \"counts\": [0, 4, 6, 0, 24], \"total\": 34}",
           "{\"label\": \"DTA Minimum Standards\", \"counts\": [0, 0, 0, 0, 24], \"total\": 24}",
           "\"total\": {\"label\": \"Total\", \"counts\": [8, 27, 54, 4, 25], \"total\": 118}",
           "\"columns\": [\"Inadequate\", \"Requires Improvement\", \"Good\", \"Outstanding\", "
           "\"N/A\", \"Total\"]",
       }) {
    CAPTURE(part);
    CHECK(contains(json, part));
  }
  // Shares as numbers.
  CHECK(contains(json, "\"share\": 0.29661016949"));
  CHECK(contains(json, "\"adjusted_share\": 0.37634408602"));
  // Balanced braces and brackets outside strings.
  int depth = 0;
  bool in_string = false, escaped = false, balanced = true;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (depth < 0) balanced = false;
  }
  CHECK(balanced);
  CHECK(depth == 0);
  CHECK_FALSE(in_string);
}

TEST_CASE("report: an empty set reports no audits rather than dividing by zero") {
  const AuditSet empty = parse("audit_id,child_id,team,audit_date,grade,programme\n");
  const std::string md = report(empty);
  CHECK(contains(md, "0 audits of 0 children; 0 graded"));
  CHECK(contains(md, "no audits: Inadequate or Requires Improvement"));
  CHECK_FALSE(contains(md, "nan"));
  CHECK_FALSE(contains(md, "-1%"));
  ReportOptions json;
  json.format = ReportFormat::kJson;
  const std::string j = report(empty, json);
  CHECK(contains(j, "\"date_from\": null"));
  CHECK(contains(j, "\"share\": null"));
  CHECK(contains(j, "\"percent\": null"));
  CHECK(contains(j, "\"adjusted_percent\": null"));
  CHECK_FALSE(contains(j, "nan"));

  // Only ungraded audits.
  const AuditSet na = parse("audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,N/A\n");
  const std::string m = report(na);
  CHECK(contains(m, "0% (none graded) Inadequate or Requires Improvement"));
  CHECK(contains(report(na, json), "\"adjusted_share\": null"));
}

TEST_CASE("report: headlines") {
  const GradeScale ofsted = GradeScale::ofsted();
  const GradeCounts counts({8, 27, 54, 4}, 25);
  auto heads = qaframe::headlines(counts, ofsted, 2).value();
  REQUIRE(heads.size() == 2);
  CHECK(heads[0].levels == "Inadequate or Requires Improvement");
  CHECK(heads[0].count == 35);
  CHECK(heads[0].n == 118);
  CHECK(heads[0].n_graded == 93);
  CHECK(heads[0].text() == "30% (38% adjusted) Inadequate or Requires Improvement");
  CHECK(heads[1].text() == "49% (62% adjusted) Good or Outstanding");
  // A threshold at the lowest level leaves one headline.
  auto all = qaframe::headlines(counts, ofsted, 0).value();
  REQUIRE(all.size() == 1);
  CHECK(all[0].text() ==
        "79% (100% adjusted) Inadequate or Requires Improvement or Good or Outstanding");
  CHECK(Headline{"Good", 0, 0, 0}.text() == "no audits: Good");
  CHECK(Headline{"Good", 1, 8, 8}.text() == "13% (13% adjusted) Good");
}

TEST_CASE("report: column headings and render_markdown of a table") {
  CHECK(qaframe::column_heading("programme") == "Programme");
  CHECK(qaframe::column_heading("audit_type") == "Audit type");
  CHECK(qaframe::column_heading("") == "");
  GradeTable t("team", GradeScale::met_not_met());
  CHECK(t.add("A", GradeCounts({1, 2}, 3)).ok());
  CHECK(qaframe::render_markdown(t) ==
        "| Team | Not met | Met | N/A | Total |\n"
        "|:---|---:|---:|---:|---:|\n"
        "| A | 1 | 2 | 3 | 6 |\n"
        "| Total | 1 | 2 | 3 | 6 |\n");
  CHECK(qaframe::render_json(t) ==
        "{\"by\": \"team\", \"columns\": [\"Not met\", \"Met\", \"N/A\", \"Total\"], \"rows\": "
        "[{\"label\": \"A\", \"counts\": [1, 2, 3], \"total\": 6}], \"total\": {\"label\": "
        "\"Total\", \"counts\": [1, 2, 3], \"total\": 6}}");
  CHECK(qaframe::render_csv(t) == "team,Not met,Met,N/A,Total\nA,1,2,3,6\nTotal,1,2,3,6\n");
}

TEST_CASE("report: team names from the data are escaped in Markdown") {
  const AuditSet s = parse(
      "audit_id,child_id,team,audit_date,grade\n"
      "A1,C1,<script>alert(1)</script>,01/02/2018,Good\n"
      "A2,C2,a|b,01/02/2018,Inadequate\n"
      "A3,C3,\"two\nlines\",01/02/2018,Good\n"
      "A4,C4,**bold** [link](x) & `code`,01/02/2018,Good\n");
  ReportOptions options;
  options.by = {"team"};
  const std::string md = report(s, options);
  CHECK(contains(md, "| &lt;script&gt;alert(1)&lt;/script&gt; | 0 | 0 | 1 | 0 | 0 | 1 |\n"));
  CHECK(contains(md, "| a\\|b | 1 | 0 | 0 | 0 | 0 | 1 |\n"));
  CHECK(contains(md, "| two lines | 0 | 0 | 1 | 0 | 0 | 1 |\n"));
  CHECK(contains(md, "| \\*\\*bold\\*\\* \\[link\\](x) &amp; \\`code\\` |"));
  CHECK_FALSE(contains(md, "<script>"));
  CHECK_FALSE(contains(md, "| a|b |"));
  // Every table line has the same number of unescaped cell separators.
  for (const std::string& line : lines(md)) {
    if (line.empty() || line[0] != '|') continue;
    int bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
    }
    CAPTURE(line);
    CHECK(bars == 8);
  }
  // The source name is escaped too.
  ReportOptions named;
  named.source = "<b>x</b>.csv";
  CHECK(contains(report(s, named), "# Quality assurance report: &lt;b&gt;x&lt;/b&gt;.csv"));
}

TEST_CASE("report: JSON escapes quotes, backslashes and control characters") {
  GradeTable t("team", GradeScale::ofsted());
  CHECK(t.add("say \"hi\"\\ok\nnext\ttab\x01</script>", GradeCounts({1, 0, 0, 0}, 0)).ok());
  const std::string json = qaframe::render_json(t);
  CHECK(contains(json,
                 "\"label\": \"say \\\"hi\\\"\\\\ok\\nnext\\ttab\\u0001\\u003c/script\\u003e\""));
  CHECK_FALSE(contains(json, "\n"));
  CHECK_FALSE(contains(json, "</script>"));
  // Through the whole report as well.
  const AuditSet s =
      parse("audit_id,child_id,team,audit_date,grade\nA1,C1,\"q\"\"uote\",01/02/2018,Good\n");
  ReportOptions options;
  options.format = ReportFormat::kJson;
  options.source = "dir\\\"name\".csv";
  const std::string r = report(s, options);
  CHECK(contains(r, "{\"label\": \"q\\\"uote\""));
  CHECK(contains(r, "\"source\": \"dir\\\\\\\"name\\\".csv\""));
}

TEST_CASE("report: render_csv neutralises formulas") {
  GradeTable t("team", GradeScale::ofsted());
  CHECK(t.add("=HYPERLINK(\"x\")", GradeCounts({1, 0, 0, 0}, 0)).ok());
  CHECK(t.add("+1", GradeCounts({0, 1, 0, 0}, 0)).ok());
  CHECK(t.add("-2", GradeCounts({0, 0, 1, 0}, 0)).ok());
  CHECK(t.add("@SUM(A1)", GradeCounts({0, 0, 0, 1}, 0)).ok());
  CHECK(t.add("Safe = fine", GradeCounts({0, 0, 0, 0}, 1)).ok());
  const std::string csv = qaframe::render_csv(t);
  const std::vector<std::string> ls = lines(csv);
  REQUIRE(ls.size() == 7);
  CHECK(ls[0] == "team,Inadequate,Requires Improvement,Good,Outstanding,N/A,Total");
  CHECK(ls[1] == "\"'=HYPERLINK(\"\"x\"\")\",1,0,0,0,0,1");
  CHECK(ls[2] == "'+1,0,1,0,0,0,1");
  CHECK(ls[3] == "'-2,0,0,1,0,0,1");
  CHECK(ls[4] == "'@SUM(A1),0,0,0,1,0,1");
  CHECK(ls[5] == "Safe = fine,0,0,0,0,1,1");
  CHECK(ls[6] == "Total,1,1,1,1,1,5");
  for (const std::string& line : ls) {
    CAPTURE(line);
    CHECK(line[0] != '=');
    CHECK(line[0] != '+');
    CHECK(line[0] != '@');
  }
}

TEST_CASE("report: child identifiers never appear in the report") {
  const AuditSet s = sample();
  auto children = s.categorical("child_id");
  REQUIRE(children.ok());
  REQUIRE((*children)->size() == 118);
  ReportOptions json;
  json.format = ReportFormat::kJson;
  for (const std::string& text : {report(s), report(s, json)}) {
    for (std::size_t i = 0; i < (*children)->size(); ++i) {
      const std::string id((*children)->value(i));
      if (contains(text, id)) {
        FAIL_CHECK("child identifier " << id << " appears in the report");
      }
    }
    CHECK_FALSE(contains(text, "C-"));
    CHECK_FALSE(contains(text, "AUD-"));
  }
}
