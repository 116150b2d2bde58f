// Periods of performance data: months, dates, financial years (DfE's too) and their quarters,
// ordered by their first day; one kind per indicator; the report on the sample with financial
// years is the report with months, period labels apart.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "qaframe/cli/cli.hpp"
#include "qaframe/readers/performance.hpp"

using qaframe::IndicatorPeriodKind;
using qaframe::parse_performance_period;

namespace {

qaframe::DayNumber day(int y, int m, int d) {
  return qaframe::to_day_number(absl::CivilDay(y, m, d));
}

std::string why(std::string_view text) {
  auto p = parse_performance_period(text);
  return p.ok() ? std::string("(parsed)") : std::string(p.status().message());
}

const std::string kDefs =
    "indicator,description,polarity,target,benchmark,theme\n"
    "IND,Visits,higher_is_better,90%,,Practice\n"
    "OTHER,Plans,higher_is_better,90%,,Practice\n";

const std::string kSample = std::string(QAFRAME_SOURCE_DIR) + "/data/sample/";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("qaframe_periods_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("performance periods: every form, its kind and its first day") {
  struct Case {
    const char* text;
    IndicatorPeriodKind kind;
    qaframe::DayNumber start;
  };
  const std::vector<Case> cases = {
      {"2018-03", IndicatorPeriodKind::kMonth, day(2018, 3, 1)},
      {"Mar 2018", IndicatorPeriodKind::kMonth, day(2018, 3, 1)},
      {"march 2018", IndicatorPeriodKind::kMonth, day(2018, 3, 1)},
      {"Sept 2017", IndicatorPeriodKind::kMonth, day(2017, 9, 1)},
      {"Dec-2017", IndicatorPeriodKind::kMonth, day(2017, 12, 1)},
      {"2018-03-31", IndicatorPeriodKind::kDate, day(2018, 3, 31)},
      {"31/03/2018", IndicatorPeriodKind::kDate, day(2018, 3, 31)},
      {"2017-18", IndicatorPeriodKind::kFinancialYear, day(2017, 4, 1)},
      {"2017/18", IndicatorPeriodKind::kFinancialYear, day(2017, 4, 1)},
      {"201718", IndicatorPeriodKind::kFinancialYear, day(2017, 4, 1)},
      {"2017-2018", IndicatorPeriodKind::kFinancialYear, day(2017, 4, 1)},
      {"1999-00", IndicatorPeriodKind::kFinancialYear, day(1999, 4, 1)},
      {"199900", IndicatorPeriodKind::kFinancialYear, day(1999, 4, 1)},
      {"2017-18 Q1", IndicatorPeriodKind::kFinancialYearQuarter, day(2017, 4, 1)},
      {"2017-18 Q3", IndicatorPeriodKind::kFinancialYearQuarter, day(2017, 10, 1)},
      {"2017-18 Q4", IndicatorPeriodKind::kFinancialYearQuarter, day(2018, 1, 1)},
      {"2017/18q4", IndicatorPeriodKind::kFinancialYearQuarter, day(2018, 1, 1)},
      {"Q4 201718", IndicatorPeriodKind::kFinancialYearQuarter, day(2018, 1, 1)},
      // Both a month and a financial year: read as the financial year, as labels are.
      {"2010-11", IndicatorPeriodKind::kFinancialYear, day(2010, 4, 1)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto p = parse_performance_period(c.text);
    REQUIRE(p.ok());
    CHECK(p->kind == c.kind);
    CHECK(p->start == c.start);
    CHECK(p->also_financial_year == (std::string_view(c.text) == "2010-11"));
  }
}

TEST_CASE("performance periods: what is refused, and why") {
  const std::string forms =
      "write a month (2018-03, Mar 2018), a date (YYYY-MM-DD or DD/MM/YYYY), a financial year "
      "(2017-18, 2017/18, 201718) or a quarter of one (2017-18 Q4)";
  CHECK(why("") == "the period is empty; " + forms);
  CHECK(why("last year") == "not a period: " + forms);
  CHECK(why("2018") == "not a period: " + forms);
  CHECK(why("2017-19") ==
        "not a period: neither a month (there is no month 19) nor a financial year (2017-18 "
        "would be one)");
  CHECK(why("2017/19") ==
        "not a financial year: 2017 is followed by 18, not 19 (a financial year runs April to "
        "March)");
  CHECK(why("201719") ==
        "not a financial year: 2017 is followed by 18, not 19 (a financial year runs April to "
        "March)");
  CHECK(why("2017-2019") ==
        "not a financial year: 2017 is followed by 2018, not 2019 (a financial year runs April "
        "to March)");
  CHECK(why("2017-18 Q5") == "not a period: " + forms);
  CHECK(why("2018 Q1") == "not a period: a quarter is of a financial year (2017-18 Q4); " + forms);
  CHECK(why("Mar 18") == "not a period: " + forms);
  CHECK(why("Marc 2018") == "not a period: " + forms);
  CHECK(why("31/02/2018") == "not a period: " + forms);
}

TEST_CASE("performance periods: one kind per indicator, named with both lines") {
  const std::string values =
      "indicator,team,period,numerator,denominator\n"
      "IND,A,2017-18,1,2\n"
      "IND,A,2018-03,1,2\n"
      "OTHER,A,2018-03,1,2\n"
      "OTHER,A,2018-02-01,1,2\n";
  qaframe::Diagnostics d;
  auto p = qaframe::parse_performance_csv(values, "performance.csv", kDefs, "indicators.csv", &d);
  REQUIRE_FALSE(p.ok());
  std::vector<std::string> got;
  for (const auto& problem : d.problems()) got.push_back(problem.to_string());
  CHECK(got == std::vector<std::string>{
                   "performance.csv:3: column 'period': value '2018-03': periods of two kinds "
                   "for one indicator: this is a month, but '2017-18' on line 2 is a financial "
                   "year; write every period of an indicator the same way",
                   "performance.csv:5: column 'period': value '2018-02-01': periods of two "
                   "kinds for one indicator: this is a date, but '2018-03' on line 4 is a "
                   "month; write every period of an indicator the same way"});
}

TEST_CASE("performance periods: a financial year in three spellings is one period") {
  const std::string values =
      "indicator,team,period,numerator,denominator\n"
      "IND,A,2016-17,1,2\n"
      "IND,A,201718,1,2\n"
      "IND,A,2017/18,1,2\n";
  qaframe::Diagnostics d;
  auto p = qaframe::parse_performance_csv(values, "performance.csv", kDefs, "indicators.csv", &d);
  REQUIRE_FALSE(p.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].to_string() ==
        "performance.csv:4: column 'period': value '2017/18': a second value for this "
        "indicator, team and period (first on line 3)");
}

TEST_CASE("performance periods: ambiguous 2010-11 follows the indicator's other periods") {
  const std::string values =
      "indicator,team,period,numerator,denominator\n"
      "IND,A,2010-11,1,2\n"
      "IND,A,2010-12,1,2\n"  // a month (no financial year 2010-12): so 2010-11 is November
      "OTHER,A,2010-11,1,2\n"
      "OTHER,A,2011-12,1,2\n";  // both ambiguous: financial years
  auto p = qaframe::parse_performance_csv(values, "performance.csv", kDefs, "indicators.csv");
  REQUIRE(p.ok());
  REQUIRE(p->values.size() == 4);
  CHECK(p->values[0].period_kind == IndicatorPeriodKind::kMonth);
  CHECK(p->values[0].period_start == day(2010, 11, 1));
  CHECK(p->values[1].period_start == day(2010, 12, 1));
  CHECK(p->values[2].period_kind == IndicatorPeriodKind::kFinancialYear);
  CHECK(p->values[2].period_start == day(2010, 4, 1));
  CHECK(p->values[3].period_start == day(2011, 4, 1));
}

TEST_CASE("performance periods: the latest quarter and financial year are the latest") {
  const std::string values =
      "indicator,team,period,numerator,denominator\n"
      "IND,A,2017-18 Q4,3,4\n"
      "IND,A,2018-19 Q1,1,4\n"  // the latest: a later year, an earlier quarter number
      "IND,A,2017-18 Q3,2,4\n"
      "OTHER,A,2018/19,1,4\n"
      "OTHER,A,201920,2,4\n"  // the latest
      "OTHER,A,2017-18,3,4\n";
  auto p = qaframe::parse_performance_csv(values, "performance.csv", kDefs, "indicators.csv");
  REQUIRE(p.ok());
  auto latest = [&](std::string_view indicator) {
    const qaframe::IndicatorValue* best = nullptr;
    for (const auto& v : p->values)
      if (v.indicator == indicator && (best == nullptr || v.period_start > best->period_start))
        best = &v;
    return best->period;
  };
  CHECK(latest("IND") == "2018-19 Q1");
  CHECK(latest("OTHER") == "201920");
}

TEST_CASE("performance periods: the sample's report with financial years triangulates") {
  // The sample's first and last months become the financial years 2016-17 and 2017-18: the
  // report on them is the report on those two months, the period labels apart.
  const std::string original = read(kSample + "performance.csv");
  std::string months = "indicator,team,period,numerator,denominator\n";
  std::string years = months;
  std::istringstream lines(original);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (line.find(",2017-10,") != std::string::npos) {
      months += line + "\n";
      years += absl::StrReplaceAll(line, {{",2017-10,", ",2016-17,"}}) + "\n";
    } else if (line.find(",2018-03,") != std::string::npos) {
      months += line + "\n";
      years += absl::StrReplaceAll(line, {{",2018-03,", ",2017-18,"}}) + "\n";
    }
  }
  const std::string months_path = write_temp("months.csv", months);
  const std::string years_path = write_temp("years.csv", years);
  auto report = [&](const std::string& performance) {
    std::ostringstream out, err;
    const int code =
        qaframe::run_cli({"report", kSample + "audits.csv", "--evidence-map",
                          kSample + "evidence_map.csv", "--survey", kSample + "survey.csv",
                          "--performance", performance, "--indicators", kSample + "indicators.csv"},
                         out, err);
    CHECK(code == 0);
    CHECK(err.str().empty());
    return out.str();
  };
  const std::string by_month = report(months_path);
  const std::string by_year = report(years_path);
  CHECK(by_year.find("## Triangulation") != std::string::npos);
  // The latest period names each indicator's row: "(2018-03)" there, "(2017-18)" here.
  CHECK(by_year.find("(2017-18)") != std::string::npos);
  CHECK(by_year == absl::StrReplaceAll(by_month, {{"(2018-03)", "(2017-18)"}}));
  std::filesystem::remove(months_path);
  std::filesystem::remove(years_path);
}
