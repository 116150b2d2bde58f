// Reading the survey, performance and evidence-map files: good input, and bad input of each file
// reported with file, line, column, value and reason, every problem collected.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/survey.hpp"

namespace {

std::vector<std::string> problems(const qaframe::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& p : d.problems()) out.push_back(p.to_string());
  return out;
}

const std::string kDefs =
    "indicator,description,polarity,target,benchmark,theme\n"
    "V,Visits,higher_is_better,90%,0.8,Voice\n"
    "R,Re-referrals,lower_is_better,,22%,Overall\n";

}  // namespace

TEST_CASE("survey: the agree scale, aliases, not-answers and the positive share's threshold") {
  const qaframe::GradeScale s = qaframe::agree_scale();
  CHECK(s.size() == 5);
  CHECK(s.label(s.good_from()) == "Agree");
  CHECK(*s.parse("neutral") == 2);
  CHECK(*s.parse("STRONGLY AGREE") == 4);
  CHECK(*s.parse("Don't know") == qaframe::kNotApplicable);
  auto r = qaframe::parse_survey_csv(
      "respondent_id,team,respondent,question,answer,date\n"
      "R1,A,child,Q1,Strongly agree,01/03/2018\n"
      "R1,A,child,Q2,Neither,\n"
      "R2,A,parent,Q1,Don't know,2018-03-02\n",
      "survey.csv");
  REQUIRE(r.ok());
  CHECK(r->size() == 3);
  CHECK(r->question().levels() == std::vector<std::string>{"Q1", "Q2"});
  CHECK(r->answers()[0] == 4);
  CHECK(r->answers()[2] == qaframe::kNotApplicable);
  CHECK(r->lines()[1] == 3);
  // A custom positive threshold: only Strongly agree.
  qaframe::SurveyOptions o;
  o.positive_from = "Strongly agree";
  r = qaframe::parse_survey_csv("respondent_id,team,respondent,question,answer\nR1,A,c,Q,Agree\n",
                                "s.csv", o);
  REQUIRE(r.ok());
  CHECK(r->positive_from() == 4);
}

TEST_CASE("survey: every bad field is reported; respondent ids never appear in messages") {
  qaframe::Diagnostics d;
  auto r = qaframe::parse_survey_csv(
      "respondent_id,team,respondent,question,answer,date\n"
      "R1,A,child,Q1,Agreed,01/03/2018\n"
      "R2,,child,Q1,Agree,31/02/2018\n"
      "SECRET-7,A,child,Q1,Agree,\n"
      "SECRET-7,A,child,Q1,Disagree,\n",
      "survey.csv", {}, &d);
  REQUIRE_FALSE(r.ok());
  const auto p = problems(d);
  REQUIRE(p.size() == 4);
  CHECK(p[0].rfind("survey.csv:2: column 'answer': value 'Agreed': ", 0) == 0);
  CHECK(p[1] == "survey.csv:3: column 'team': value '': team is empty; it is required");
  CHECK(p[2].rfind("survey.csv:3: column 'date': value '31/02/2018': ", 0) == 0);
  CHECK(p[3] ==
        "survey.csv:5: column 'question': value 'Q1': the same respondent answered this question "
        "twice (first on line 4)");
  for (const auto& s : p) CHECK(s.find("SECRET") == std::string::npos);
  // A missing column.
  qaframe::Diagnostics d2;
  r = qaframe::parse_survey_csv("respondent_id,team,question,answer\n", "s.csv", {}, &d2);
  REQUIRE_FALSE(r.ok());
  CHECK(problems(d2) ==
        std::vector<std::string>{"s.csv:1: missing required column respondent (the header has: "
                                 "respondent_id, team, question, answer)"});
}

TEST_CASE("performance: definitions and values, and their errors") {
  auto p = qaframe::parse_performance_csv(
      "indicator,team,period,numerator,denominator\nV,A,2018-03,8,10\nR,All,01/04/2018,3,20\n",
      "values.csv", kDefs, "defs.csv");
  REQUIRE(p.ok());
  REQUIRE(p->definitions.size() == 2);
  CHECK(p->definitions[0].target == 0.9);
  CHECK(p->definitions[0].benchmark == 0.8);
  CHECK(p->definitions[1].polarity == qaframe::Polarity::kLowerIsBetter);
  CHECK_FALSE(p->definitions[1].target.has_value());
  CHECK(p->values[1].period_start > p->values[0].period_start);
  CHECK(p->find("R")->description == "Re-referrals");

  qaframe::Diagnostics d;
  p = qaframe::parse_performance_csv(
      "indicator,team,period,numerator,denominator\n"
      "X,A,2018-03,1,2\n"
      "V,A,2018-03,11,10\n"
      "V,A,March,1,-3\n"
      "V,A,2018-03,1,10\n",
      "values.csv",
      "indicator,description,polarity,target,benchmark,theme\n"
      "V,Visits,higher_is_better,90%,0.8,Voice\n"
      "W,Waits,sideways,80,,Voice\n",
      "defs.csv", &d);
  REQUIRE_FALSE(p.ok());
  CHECK(problems(d) ==
        std::vector<std::string>{
            "defs.csv:3: column 'polarity': value 'sideways': polarity must be higher_is_better "
            "or lower_is_better",
            "defs.csv:3: column 'target': value '80': a share must lie between 0 and 1 (write 75% "
            "or 0.75, not 75)",
            "values.csv:2: column 'indicator': value 'X': no definition of this indicator in the "
            "indicator definitions",
            "values.csv:3: column 'numerator': value '11': the numerator is above its denominator "
            "(10)",
            "values.csv:4: column 'period': value 'March': not a period: write a month (2018-03, "
            "Mar 2018), a date (YYYY-MM-DD or DD/MM/YYYY), a financial year (2017-18, 2017/18, "
            "201718) or a quarter of one (2017-18 Q4)",
            "values.csv:4: column 'denominator': value '-3': a count cannot be negative",
        });
}

TEST_CASE("performance: a repeated value is an error") {
  qaframe::Diagnostics d;
  auto p = qaframe::parse_performance_csv(
      "indicator,team,period,numerator,denominator\nV,A,2018-03,1,2\nV,A,2018-03,1,3\n", "v.csv",
      kDefs, "d.csv", &d);
  REQUIRE_FALSE(p.ok());
  CHECK(problems(d) == std::vector<std::string>{
                           "v.csv:3: column 'period': value '2018-03': a second value for this "
                           "indicator, team and period (first on line 2)"});
}

TEST_CASE("evidence map: themes in order, targets, and errors") {
  auto m = qaframe::parse_evidence_map_csv(
      "Theme,Source,Item,Target\nPlanning,audit,planning,\nVoice,Survey,Q1,75%\nPlanning,"
      "performance,CP,\nVoice,survey,Q2,0.75\n",
      "map.csv");
  REQUIRE(m.ok());
  CHECK(m->themes() == std::vector<std::string>{"Planning", "Voice"});
  CHECK(m->items[1].source == qaframe::Strand::kSurvey);
  CHECK(m->items[1].target == 0.75);
  CHECK(m->items[1].line == 3);

  qaframe::Diagnostics d;
  m = qaframe::parse_evidence_map_csv(
      "theme,source,item,target\n"
      "Planning,audits,planning,\n"
      "Planning,gossip,x,\n"
      ",survey,Q1,\n"
      "Planning,audit,planning,\n"
      "Voice,survey,Q1,75%\n"
      "Voice,survey,Q2,80%\n",
      "map.csv", &d);
  REQUIRE_FALSE(m.ok());
  CHECK(problems(d) ==
        std::vector<std::string>{
            "map.csv:3: column 'source': value 'gossip': source must be audit, survey or "
            "performance",
            "map.csv:4: column 'theme': value '': theme is empty; it is required",
            "map.csv:5: column 'item': value 'planning': this theme, source and item are mapped "
            "twice (first on line 2)",
            "map.csv:7: column 'target': value '80%': a different target for this theme's survey "
            "items than on line 6 (the items are pooled, so they share one target)",
        });
}

TEST_CASE("evidence files: encoding and CSV syntax problems name the file and line") {
  qaframe::Diagnostics d;
  auto m = qaframe::parse_evidence_map_csv("theme,source,item\nA,audit,\"x\n", "map.csv", &d);
  REQUIRE_FALSE(m.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].source == "map.csv");
  CHECK(d.problems()[0].line == 2);
  qaframe::Diagnostics d2;
  m = qaframe::parse_evidence_map_csv(std::string("theme,source,item\nA,audit,\xff\n"), "map.csv",
                                      &d2);
  REQUIRE_FALSE(m.ok());
  CHECK(d2.problems()[0].line == 2);
  CHECK(d2.problems()[0].reason.find("not valid UTF-8") != std::string::npos);
  qaframe::Diagnostics d3;
  m = qaframe::parse_evidence_map_csv("theme,source,item\nA,audit,x,extra\n", "map.csv", &d3);
  REQUIRE_FALSE(m.ok());
  CHECK(problems(d3) == std::vector<std::string>{
                            "map.csv:2: expected 3 fields as in the header, found 4 (an unquoted "
                            "comma in a value?)"});
}
