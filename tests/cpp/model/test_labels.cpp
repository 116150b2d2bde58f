// Labels from exports: Unicode spaces trimmed like spaces, invisible characters escaped in every
// message, and a dash that is not a grade unless the scale says it means N/A.
#include <doctest/doctest.h>

#include <string>

#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/model/text.hpp"

using qaframe::trim;

TEST_CASE("labels: Unicode spaces are trimmed like spaces") {
  CHECK(trim("Good\xC2\xA0") == "Good");                    // U+00A0 no-break space
  CHECK(trim("\xE2\x80\x87Good") == "Good");                // U+2007 figure space
  CHECK(trim("Good\xE2\x80\xAF") == "Good");                // U+202F narrow no-break space
  CHECK(trim(" \xC2\xA0 Good \xE3\x80\x80\t") == "Good");   // mixed, U+3000 ideographic
  CHECK(trim("\xEF\xBB\xBFGood\xE2\x80\x8B") == "Good");    // U+FEFF and U+200B zero width
  CHECK(trim("Early\xC2\xA0Help") == "Early\xC2\xA0Help");  // inside a label: kept
  CHECK(trim("Caf\xC3\xA9") == "Caf\xC3\xA9");              // a letter is not a space
  CHECK(trim("\xC2\xA0") == "");
  CHECK(trim("\xA0") == "\xA0");  // a lone byte is not UTF-8, not a space: left for the check
  CHECK(trim("Good\xE2\x80\x8C") == "Good\xE2\x80\x8C");  // U+200C joiner: not a space
  // Matching ignores them inside a label as it ignores spaces.
  const auto ofsted = qaframe::GradeScale::ofsted();
  CHECK(*ofsted.parse("Requires\xC2\xA0Improvement") == 1);
  CHECK(*ofsted.parse("Good\xE2\x80\xAF") == 2);
}

TEST_CASE("labels: invisible characters are escaped in messages") {
  CHECK(qaframe::shorten_for_message("Good\xC2\xA0") == "Good\\u00A0");
  CHECK(qaframe::shorten_for_message("A\xE2\x80\x8B"
                                     "B") == "A\\u200BB");
  CHECK(qaframe::shorten_for_message("\xC2\xAD"
                                     "x\xEF\xBB\xBF") == "\\u00ADx\\uFEFF");
  CHECK(qaframe::shorten_for_message("Caf\xC3\xA9\xE2\x80\x99") == "Caf\xC3\xA9\xE2\x80\x99");
  CHECK(qaframe::shorten_for_message("a\tb\x1B") == "a\\tb\\x1B");  // as before
  CHECK(qaframe::escape_for_message("x\xE2\x80\xAF\xE2\x80\xAE") == "x\\u202F\\u202E");
  // A reason quoting a label shows it escaped too.
  const qaframe::DataProblem p{"a.csv", 3, 1, "team", "T\xC2\xA0", "no team 'T\xC2\xA0'"};
  CHECK(p.to_string() == "a.csv:3: column 'team': value 'T\\u00A0': no team 'T\\u00A0'");
}

TEST_CASE("labels: a dash is not a grade, unless the scale lists it as not applicable") {
  const auto ofsted = qaframe::GradeScale::ofsted();
  for (const char* dash : {"-", "--", " - ", "_"}) {
    CAPTURE(dash);
    auto g = ofsted.parse(dash);
    REQUIRE_FALSE(g.ok());
    CHECK(g.status().message() ==
          "a dash, not a grade: if the export uses it for not applicable, list it under "
          "not_applicable in the profile");
  }
  CHECK(*ofsted.parse("") == qaframe::kNotApplicable);  // empty is N/A, as ever
  const auto with_dash = ofsted.with_not_applicable({"-", "n.a."});
  CHECK(*with_dash.parse("-") == qaframe::kNotApplicable);
  CHECK(*with_dash.parse(" - ") == qaframe::kNotApplicable);
  CHECK(*with_dash.parse("N.A.") == qaframe::kNotApplicable);
  CHECK_FALSE(with_dash.parse("--").ok());  // only the spelling listed
  CHECK(with_dash.accepted_labels().find("N/A: (empty), N/A, NA, Not applicable, Not graded, -, "
                                         "n.a.") != std::string::npos);
  // A level's spelling stays the level.
  CHECK(*ofsted.with_not_applicable({"Good"}).parse("Good") == 2);
  CHECK_FALSE(ofsted == with_dash);
}

TEST_CASE("labels: a grade followed by a no-break space is read, a dash refused by the builder") {
  qaframe::Diagnostics d;
  qaframe::AuditSetBuilder b(qaframe::GradeScale::ofsted(), "a.csv", d);
  const std::vector<std::string_view> header = {"audit_id", "child_id", "team", "audit_date",
                                                "grade"};
  REQUIRE(b.set_header(header, 1));
  const std::vector<std::string_view> good = {"A1", "C1", "T\xC2\xA0", "01/02/2018",
                                              "Good\xC2\xA0"};
  const std::vector<std::string_view> dash = {"A2", "C2", "T", "01/02/2018", "-"};
  b.add_row(good, 2, 0);
  b.add_row(dash, 3, 1);
  auto s = b.finish();
  REQUIRE_FALSE(s.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].to_string() ==
        "a.csv:3: column 'grade': value '-': a dash, not a grade: if the export uses it for not "
        "applicable, list it under not_applicable in the profile");
}
