// GradeScale: the Ofsted and met / not met scales, label matching, N/A spellings, custom scales.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"

using qaframe::Grade;
using qaframe::GradeScale;
using qaframe::kNotApplicable;

TEST_CASE("grade_scale: Ofsted levels worst to best, threshold at Good") {
  const GradeScale s = GradeScale::ofsted();
  CHECK(s.name() == "ofsted");
  REQUIRE(s.size() == 4);
  CHECK(s.labels() ==
        std::vector<std::string>{"Inadequate", "Requires Improvement", "Good", "Outstanding"});
  CHECK(s.label(0) == "Inadequate");
  CHECK(s.label(3) == "Outstanding");
  CHECK(s.label(kNotApplicable) == "N/A");
  CHECK(GradeScale::not_applicable_label() == "N/A");
  CHECK(s.good_from() == 2);
  CHECK(s.labels()[s.good_from()] == "Good");
}

TEST_CASE("grade_scale: canonical labels and aliases parse to their level") {
  const GradeScale s = GradeScale::ofsted();
  CHECK(*s.parse("Inadequate") == 0);
  CHECK(*s.parse("Requires Improvement") == 1);
  CHECK(*s.parse("Good") == 2);
  CHECK(*s.parse("Outstanding") == 3);
  CHECK(*s.parse("RI") == 1);
  CHECK(*s.parse("ri") == 1);
  CHECK(*s.parse("Requires improvement to be good") == 1);
  CHECK(*s.parse("REQUIRES IMPROVEMENT TO BE GOOD") == 1);
}

TEST_CASE("grade_scale: matching ignores case, spaces, hyphens and underscores") {
  const GradeScale s = GradeScale::ofsted();
  CHECK(*s.parse("requires-improvement") == 1);
  CHECK(*s.parse("requires_improvement") == 1);
  CHECK(*s.parse("RequiresImprovement") == 1);
  CHECK(*s.parse(" GOOD ") == 2);
  CHECK(*s.parse("good") == 2);
  CHECK(*s.parse("\tOutstanding\t") == 3);
  CHECK(*s.parse("in-adequate") == 0);
  CHECK(s.find("Goodish") == std::nullopt);
  CHECK(s.find("Good") == std::optional<Grade>(2));
  CHECK(qaframe::label_key(" Requires-Improvement_ ") == "requiresimprovement");
  CHECK(qaframe::label_key("N/A") == "n/a");
}

TEST_CASE("grade_scale: every N/A spelling is not applicable") {
  const GradeScale s = GradeScale::ofsted();
  for (const char* spelling :
       {"", "   ", "N/A", "NA", "n/a", "na", "Not applicable", "not applicable", "NOT-APPLICABLE",
        "Not graded", "not graded", " N/A "}) {
    CAPTURE(spelling);
    auto g = s.parse(spelling);
    REQUIRE(g.ok());
    CHECK(*g == kNotApplicable);
  }
  // The defaults as documented.
  CHECK(GradeScale::default_not_applicable() ==
        std::vector<std::string>{"", "N/A", "NA", "Not applicable", "Not graded"});
}

TEST_CASE("grade_scale: an unknown label is an error listing the accepted labels") {
  // Since 3c861cc the message leaves the value out: the caller (a DataProblem) names it.
  const GradeScale s = GradeScale::ofsted();
  auto g = s.parse("Goodish");
  REQUIRE_FALSE(g.ok());
  CHECK(absl::IsInvalidArgument(g.status()));
  const std::string msg(g.status().message());
  CHECK(msg.rfind("unknown grade on the ofsted scale; accepted: ", 0) == 0);
  for (const char* accepted : {"Inadequate", "Requires Improvement", "Good", "Outstanding", "RI",
                               "Requires improvement to be good", "N/A", "Not graded"}) {
    CAPTURE(accepted);
    CHECK(msg.find(accepted) != std::string::npos);
  }
  // The accepted list says how each alias maps.
  const std::string accepted = s.accepted_labels();
  CHECK(accepted.rfind("Inadequate, Requires Improvement, Good, Outstanding; also ", 0) == 0);
  CHECK(accepted.find("RI (= Requires Improvement)") != std::string::npos);
  CHECK(accepted.find("Requires improvement to be good (= Requires Improvement)") !=
        std::string::npos);
  CHECK(accepted.find("; N/A: (empty), N/A, NA, Not applicable, Not graded;") != std::string::npos);
  CHECK(accepted.find("case, spaces and hyphens are ignored") != std::string::npos);
  // A scale without aliases lists only its levels and N/A spellings.
  auto plain = GradeScale::custom("yn", {"No", "Yes"}, {}, {"", "skip"});
  REQUIRE(plain.ok());
  CHECK(plain->accepted_labels() ==
        "No, Yes; N/A: (empty), skip; case, spaces and hyphens are ignored");
  // A near miss is not guessed.
  CHECK_FALSE(s.parse("Good or better").ok());
  CHECK_FALSE(s.parse("Outstandin").ok());
  CHECK_FALSE(s.parse("3").ok());
}

TEST_CASE("grade_scale: met / not met") {
  const GradeScale s = GradeScale::met_not_met();
  CHECK(s.name() == "met_not_met");
  CHECK(s.labels() == std::vector<std::string>{"Not met", "Met"});
  CHECK(s.good_from() == 1);
  CHECK(*s.parse("met") == 1);
  CHECK(*s.parse("Not met") == 0);
  CHECK(*s.parse("not-met") == 0);
  CHECK(*s.parse("NOTMET") == 0);
  CHECK(*s.parse("N/A") == kNotApplicable);
  CHECK_FALSE(s.parse("Good").ok());
  CHECK_FALSE(GradeScale::ofsted() == s);
}

TEST_CASE("grade_scale: custom scale with aliases and default threshold") {
  auto s = GradeScale::custom("rag", {"Red", "Amber", "Green"}, {{"R", "Red"}, {"G", "Green"}});
  REQUIRE(s.ok());
  CHECK(s->name() == "rag");
  CHECK(s->size() == 3);
  CHECK(*s->parse("r") == 0);
  CHECK(*s->parse("amber") == 1);
  CHECK(*s->parse("G") == 2);
  CHECK(*s->parse("") == kNotApplicable);
  // Default threshold, the conservative choice: on 2 or 3 levels only the best is good (Amber is
  // not; it was counted good before), on more the upper half, size / 2.
  CHECK(s->good_from() == 2);
  CHECK(s->good_from_by_default());
  CHECK(s->good_from_rule() == "good from Green (by default, the best level of a scale of 3)");
  auto met = GradeScale::custom("custom", {"Not met", "Partly met", "Met"});
  REQUIRE(met.ok());
  CHECK(met->label(met->good_from()) == "Met");
  auto four = GradeScale::custom("four", {"a", "b", "c", "d"});
  REQUIRE(four.ok());
  CHECK(four->good_from() == 2);
  CHECK(four->good_from_rule() == "good from c (by default, the upper half of a scale of 4)");
  auto five = GradeScale::custom("five", {"a", "b", "c", "d", "e"});
  REQUIRE(five.ok());
  CHECK(five->good_from() == 2);
  auto two = GradeScale::custom("two", {"no", "yes"});
  REQUIRE(two.ok());
  CHECK(two->good_from() == 1);
  // Given, it is stated without a reason.
  auto given = GradeScale::custom("rag", {"Red", "Amber", "Green"}, {}, {}, 1);
  REQUIRE(given.ok());
  CHECK(given->good_from_rule() == "good from Amber");
  CHECK_FALSE(given->good_from_by_default());
  CHECK(GradeScale::ofsted().good_from_rule() == "good from Good");
  // Labels are trimmed.
  auto trimmed = GradeScale::custom("t", {" Low ", "High"});
  REQUIRE(trimmed.ok());
  CHECK(trimmed->label(0) == "Low");
}

TEST_CASE("grade_scale: custom scale with an explicit threshold and N/A spellings") {
  auto s = GradeScale::custom("sos", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, {},
                              {"", "skipped"}, 7);
  REQUIRE(s.ok());
  CHECK(s->size() == 11);
  CHECK(s->good_from() == 7);
  CHECK(*s->parse("10") == 10);
  CHECK(*s->parse("Skipped") == kNotApplicable);
  // Only the given N/A spellings are not applicable.
  CHECK_FALSE(s->parse("N/A").ok());
  // A threshold past the last level is refused.
  auto bad = GradeScale::custom("x", {"a", "b"}, {}, GradeScale::default_not_applicable(), 2);
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()).find("good_from") != std::string::npos);
  auto last = GradeScale::custom("x", {"a", "b"}, {}, GradeScale::default_not_applicable(), 1);
  REQUIRE(last.ok());
  CHECK(last->good_from() == 1);
}

TEST_CASE("grade_scale: custom scales refuse collisions, empty and unknown labels") {
  // Two levels whose keys collide.
  auto same = GradeScale::custom("x", {"Good", "good"});
  CHECK_FALSE(same.ok());
  auto hyphen = GradeScale::custom("x", {"Not met", "Not-met"});
  CHECK_FALSE(hyphen.ok());
  // An alias that means another level.
  auto alias = GradeScale::custom("x", {"Low", "High"}, {{"low", "High"}});
  REQUIRE_FALSE(alias.ok());
  CHECK(absl::IsInvalidArgument(alias.status()));
  CHECK(std::string(alias.status().message()).find("'low'") != std::string::npos);
  // A level spelled like a not-applicable label.
  auto na = GradeScale::custom("x", {"NA", "Met"});
  CHECK_FALSE(na.ok());
  // Empty labels (or labels that are only spaces and hyphens).
  CHECK_FALSE(GradeScale::custom("x", {"a", ""}).ok());
  CHECK_FALSE(GradeScale::custom("x", {"a", "  "}).ok());
  CHECK_FALSE(GradeScale::custom("x", {"a", "-"}).ok());
  CHECK_FALSE(GradeScale::custom("x", {}).ok());
  // An alias of a level that does not exist.
  auto unknown = GradeScale::custom("x", {"a", "b"}, {{"c", "z"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(std::string(unknown.status().message()).find("'z'") != std::string::npos);
  // An alias equal to its own level is harmless.
  CHECK(GradeScale::custom("x", {"a", "b"}, {{"A", "a"}}).ok());
  // Too many levels.
  std::vector<std::string> many;
  for (int i = 0; i < 255; ++i) {
    std::string label = std::to_string(i);
    label.insert(label.begin(), 'L');  // (not "L" + ...: GCC 12 -Wrestrict false positive at -O3)
    many.push_back(label);
  }
  CHECK_FALSE(GradeScale::custom("many", many).ok());
  many.pop_back();
  CHECK(GradeScale::custom("many", many).ok());
}

TEST_CASE("grade_scale: level() refuses not-applicable spellings") {
  const GradeScale s = GradeScale::ofsted();
  CHECK(*s.level("Good") == 2);
  CHECK(*s.level("ri") == 1);
  for (const char* na : {"", "N/A", "NA", "n/a", "Not applicable", "Not graded"}) {
    CAPTURE(na);
    auto g = s.level(na);
    REQUIRE_FALSE(g.ok());
    CHECK(absl::IsInvalidArgument(g.status()));
  }
  auto unknown = s.level("Goodish");
  REQUIRE_FALSE(unknown.ok());
  CHECK(std::string(unknown.status().message()).find("unknown grade") != std::string::npos);
  // A not-applicable spelling is named, with the levels it could have been.
  const std::string na(s.level("Not graded").status().message());
  CHECK(na.find("'Not graded' means not applicable") != std::string::npos);
  CHECK(na.find("Inadequate, Requires Improvement, Good, Outstanding") != std::string::npos);
}

TEST_CASE("grade_scale: equality") {
  CHECK(GradeScale::ofsted() == GradeScale::ofsted());
  CHECK(GradeScale::met_not_met() == GradeScale::met_not_met());
  auto a = GradeScale::custom("x", {"a", "b", "c"});
  auto b = GradeScale::custom("x", {"a", "b", "c"});
  auto other_name = GradeScale::custom("y", {"a", "b", "c"});
  auto other_threshold =
      GradeScale::custom("x", {"a", "b", "c"}, {}, GradeScale::default_not_applicable(), 1);
  auto other_alias = GradeScale::custom("x", {"a", "b", "c"}, {{"bee", "b"}});
  auto other_levels = GradeScale::custom("x", {"a", "b", "d"});
  REQUIRE((a.ok() && b.ok() && other_name.ok() && other_threshold.ok() && other_alias.ok() &&
           other_levels.ok()));
  CHECK(*a == *b);
  CHECK_FALSE(*a == *other_name);
  CHECK_FALSE(*a == *other_threshold);
  CHECK_FALSE(*a == *other_alias);
  CHECK_FALSE(*a == *other_levels);
  // A custom scale with the Ofsted levels is not the Ofsted scale (no aliases, other name).
  auto like =
      GradeScale::custom("ofsted", {"Inadequate", "Requires Improvement", "Good", "Outstanding"});
  REQUIRE(like.ok());
  CHECK_FALSE(*like == GradeScale::ofsted());
}

TEST_CASE("grade_scale: encode_grades records unknown labels as problems") {
  qaframe::Diagnostics diag;
  const std::vector<int> codes = qaframe::encode_grades(
      GradeScale::ofsted(), {"Good", "Goodish", "N/A", "ri", "", "outstanding", "3"}, diag,
      "moderation", "moderated_grade");
  CHECK(codes == std::vector<int>{2, -1, -1, 1, -1, 3, -1});
  REQUIRE(diag.problems().size() == 2);
  CHECK(diag.total() == 2);
  const qaframe::DataProblem& p = diag.problems()[0];
  CHECK(p.source == "moderation");
  CHECK(p.line == 0);
  CHECK(p.row == 1);
  CHECK(p.column == "moderated_grade");
  CHECK(p.value == "Goodish");
  CHECK(p.reason.find("unknown grade") != std::string::npos);
  CHECK(diag.problems()[1].row == 6);
  CHECK(diag.problems()[1].value == "3");
  qaframe::Diagnostics clean;
  CHECK(qaframe::encode_grades(GradeScale::met_not_met(), {"met", "Not met"}, clean) ==
        std::vector<int>{1, 0});
  CHECK(clean.ok());
}
