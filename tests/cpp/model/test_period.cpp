// Periods: financial years, quarters, months and named periods; grouping and trend.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/period.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::Period;
using qaframe::PeriodKind;
using qaframe::to_day_number;

namespace {
qaframe::DayNumber day(int y, int m, int d) { return to_day_number(absl::CivilDay(y, m, d)); }
}  // namespace

TEST_CASE("period: financial years run April to March") {
  CHECK(qaframe::period_of(PeriodKind::kFinancialYear, day(2018, 3, 31)).name == "2017-18");
  CHECK(qaframe::period_of(PeriodKind::kFinancialYear, day(2018, 4, 1)).name == "2018-19");
  CHECK(qaframe::period_of(PeriodKind::kFinancialYear, day(1999, 6, 1)).name == "1999-00");
  const Period fy = qaframe::period_of(PeriodKind::kFinancialYear, day(2017, 10, 9));
  CHECK(fy.first == day(2017, 4, 1));
  CHECK(fy.last == day(2018, 3, 31));
  // Quarters of the financial year: Q1 April-June ... Q4 January-March.
  CHECK(qaframe::period_of(PeriodKind::kQuarter, day(2017, 4, 1)).name == "2017-18 Q1");
  CHECK(qaframe::period_of(PeriodKind::kQuarter, day(2017, 10, 9)).name == "2017-18 Q3");
  const Period q4 = qaframe::period_of(PeriodKind::kQuarter, day(2018, 2, 28));
  CHECK(q4.name == "2017-18 Q4");
  CHECK(q4.first == day(2018, 1, 1));
  CHECK(q4.last == day(2018, 3, 31));
  const Period feb = qaframe::period_of(PeriodKind::kMonth, day(2016, 2, 10));
  CHECK(feb.name == "Feb 2016");
  CHECK(feb.last == day(2016, 2, 29));  // a leap year
}

TEST_CASE("period: labels parse back, and bad labels are refused with the forms accepted") {
  for (PeriodKind kind : {PeriodKind::kFinancialYear, PeriodKind::kQuarter, PeriodKind::kMonth}) {
    const Period p = qaframe::period_of(kind, day(2017, 12, 25));
    auto back = qaframe::parse_period(p.name);
    REQUIRE(back.ok());
    CHECK(*back == p);
  }
  CHECK(qaframe::parse_period("2011-12")->first == day(2011, 4, 1));  // a year, not December
  CHECK(qaframe::parse_period("2017-10")->name == "Oct 2017");
  CHECK(qaframe::parse_period("october 2017")->name == "Oct 2017");
  CHECK(qaframe::parse_period(" 2017-18 q2 ")->name == "2017-18 Q2");
  for (const char* bad : {"2017-19", "2017-18 Q5", "2017", "Octember 2017", "", "2017-13"}) {
    auto p = qaframe::parse_period(bad);
    CHECK_FALSE(p.ok());
  }
  CHECK(std::string(qaframe::parse_period("2017-19").status().message())
            .find("write a financial year as 2017-18, a quarter of it as 2017-18 Q3") !=
        std::string::npos);
  auto named = qaframe::parse_named_period("PRW October=09/10/2017..2017-10-13");
  REQUIRE(named.ok());
  CHECK(named->name == "PRW October");
  CHECK(named->first == day(2017, 10, 9));
  CHECK(named->last == day(2017, 10, 13));
  CHECK_FALSE(qaframe::parse_named_period("PRW=2017-10-13..2017-10-09").ok());
  CHECK_FALSE(qaframe::parse_named_period("PRW=2017-10-13").ok());
  CHECK_FALSE(qaframe::parse_named_period("=2017-10-09..2017-10-13").ok());
  CHECK_FALSE(qaframe::parse_named_period("PRW=2017-10-32..2017-11-01").ok());
}

TEST_CASE("period: columns have levels in date order; named periods must not overlap") {
  const std::vector<qaframe::DayNumber> dates = {day(2018, 3, 1), day(2017, 10, 2), day(2018, 3, 9),
                                                 day(2017, 4, 1)};
  const auto months = qaframe::period_column(dates, PeriodKind::kMonth);
  CHECK(months.levels() == std::vector<std::string>{"Apr 2017", "Oct 2017", "Mar 2018"});
  CHECK(months.value(0) == "Mar 2018");
  const auto years = qaframe::period_column(dates, PeriodKind::kFinancialYear);
  CHECK(years.levels() == std::vector<std::string>{"2017-18"});

  const std::vector<Period> weeks = {{"PRW Oct", day(2017, 10, 1), day(2017, 10, 7)},
                                     {"PRW Mar", day(2018, 3, 1), day(2018, 3, 7)}};
  auto named = qaframe::named_period_column(dates, weeks);
  REQUIRE(named.ok());
  CHECK(named->value(0) == "PRW Mar");
  CHECK(named->value(1) == "PRW Oct");
  CHECK(named->value(2) == "");  // outside every period
  const std::vector<Period> overlapping = {{"A", day(2017, 10, 1), day(2017, 10, 7)},
                                           {"B", day(2017, 10, 7), day(2017, 10, 9)}};
  auto bad = qaframe::named_period_column(dates, overlapping);
  CHECK_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()).find("overlap") != std::string::npos);
}

TEST_CASE("period: tables split by period, and Practice Review Weeks are found in the data") {
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,programme,audit_date,grade\n"
      "A1,C1,T,Core,2018-04-02,Good\n"
      "A2,C2,T,Practice Review Week,2017-10-09,Inadequate\n"
      "A3,C3,T,Practice Review Week,2017-10-13,Good\n"
      "A4,C4,T,Practice Review Week,2018-03-12,Good\n",
      "periods.csv");
  REQUIRE(s.ok());
  auto t = qaframe::crosstab(*s, "financial_year");
  REQUIRE(t.ok());
  CHECK(t->rows() == std::vector<std::string>{"2017-18", "2018-19"});
  CHECK(t->row_unchecked(0).level_counts() == std::vector<std::int64_t>{1, 0, 2, 0});
  auto q = qaframe::crosstab(*s, "quarter");
  REQUIRE(q.ok());
  CHECK(q->rows() == std::vector<std::string>{"2017-18 Q3", "2017-18 Q4", "2018-19 Q1"});
  auto weeks = qaframe::practice_review_weeks(*s);
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].name == "Practice Review Week October 2017");
  CHECK(weeks[0].first == day(2017, 10, 9));
  CHECK(weeks[0].last == day(2017, 10, 13));
  CHECK(weeks[1].name == "Practice Review Week March 2018");
  auto unknown = qaframe::crosstab(*s, "fortnight");
  CHECK(unknown.status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("trend: Cochran-Armitage across months, empty months keeping their place") {
  // Oct: 0/2 good, Nov: none, Dec: 1/2, Jan: 2/2.
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\n"
      "A1,C1,T,2017-10-02,Inadequate\n"
      "A2,C2,T,2017-10-03,Requires Improvement\n"
      "A3,C3,T,2017-12-04,Good\n"
      "A4,C4,T,2017-12-05,N/A\n"
      "A5,C5,T,2017-12-06,Requires Improvement\n"
      "A6,C6,T,2018-01-08,Good\n"
      "A7,C7,T,2018-01-09,Outstanding\n",
      "trend.csv");
  REQUIRE(s.ok());
  // Every month here has fewer than the default 5 graded audits: nothing is tested by default.
  auto by_default = qaframe::trend(*s, PeriodKind::kMonth);
  REQUIRE(by_default.ok());
  CHECK(by_default->periods_used == 0);
  CHECK(by_default->verdict == "too few to say");
  // With min_n = 1 per period, the three months with audits are tested (November, empty, is
  // shown and keeps its place but is not in the test, which changes nothing: it has n = 0).
  qaframe::CompareOptions one;
  one.min_n = 1;
  auto t = qaframe::trend(*s, PeriodKind::kMonth, one);
  REQUIRE(t.ok());
  REQUIRE(t->rows.size() == 4);
  CHECK(t->periods_used == 3);
  CHECK_FALSE(t->rows[1].qualifies);
  CHECK(t->rows[1].period == "Nov 2017");
  CHECK(t->rows[1].n == 0);
  CHECK(std::isnan(t->rows[1].share));
  CHECK(t->rows[2].n == 2);
  CHECK(t->rows[2].good == 1);
  // Scores 0, 1, 2, 3: T = Σ s(r − n p̄) with p̄ = 1/2 → 0·(0−1) + 2·(1−1) + 3·(2−1) = 3;
  // Var = ¼ [Σ n s² − (Σ n s)²/N] = ¼ [26 − 100/6] = 7/3; z = 3/√(7/3).
  CHECK(t->statistic == doctest::Approx(3.0 / std::sqrt(7.0 / 3.0)));
  CHECK(t->pvalue == doctest::Approx(0.04953461343562674).epsilon(1e-9));  // 2·Φ(−z), scipy
  CHECK(t->verdict == "improving");
  CHECK(t->rows[3].low == doctest::Approx(0.34238).epsilon(1e-4));  // Wilson 2/2
}
