// Practice domains: reading domain:<name> columns on their own scales, tables and key messages,
// and the comparison of two periods on the hand-checked example in
// tests/data/comparison_example.csv (expected values from statsmodels and scipy).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/domains.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/tally/grade_table.hpp"

using qaframe::AuditSet;
using qaframe::Diagnostics;
using qaframe::GradeScale;

namespace {

AuditSet comparison_example() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) +
                                    "/tests/data/comparison_example.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

}  // namespace

TEST_CASE("domains: domain columns are grade columns on their own scales") {
  qaframe::ReadOptions options;
  options.domain_scales.emplace_back("voice_of_child", GradeScale::met_not_met());
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,Domain: Supervision,domain:voice of child\n"
      "A1,C1,T,2018-01-01,Good,RI,Met\n"
      "A2,C2,T,2018-01-02,Good,,not met\n",
      "domains.csv", options);
  REQUIRE(s.ok());
  CHECK(s->domain_columns() ==
        std::vector<std::string>{"domain:supervision", "domain:voice_of_child"});
  auto sup = s->grade_column("supervision");
  REQUIRE(sup.ok());
  CHECK(sup->name == "domain:supervision");
  CHECK(sup->grades[0] == 1);
  CHECK(sup->grades[1] == qaframe::kNotApplicable);  // an empty domain cell is not graded
  auto voice = s->grade_column("domain:voice_of_child");
  REQUIRE(voice.ok());
  CHECK(voice->scale->name() == "met_not_met");
  CHECK(voice->grades[0] == 1);
  CHECK(voice->grades[1] == 0);
  auto back = qaframe::parse_audits_csv(s->to_csv(), "back.csv", options);
  REQUIRE(back.ok());
  CHECK(*back == *s);
  // A table of a domain is on the domain's scale.
  auto t = qaframe::crosstab(*s, "team", "voice_of_child");
  REQUIRE(t.ok());
  CHECK(t->scale().name() == "met_not_met");
  CHECK(t->row_unchecked(0).level_counts() == std::vector<std::int64_t>{1, 1});
  auto missing = s->grade_column("planning");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(missing.status().message()).find("domain:supervision") != std::string::npos);
}

TEST_CASE("domains: bad domain input is collected with line, column and value") {
  Diagnostics d;
  qaframe::ReadOptions options;
  options.domain_scales.emplace_back("planing", GradeScale::met_not_met());  // misspelt
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,domain:planning,domain:\n"
      "A1,C1,T,2018-01-01,Good,Met,Good\n",
      "domains.csv", options, &d);
  CHECK_FALSE(s.ok());
  REQUIRE(d.problems().size() == 2);
  CHECK(d.problems()[0].reason.find("needs a name after 'domain:'") != std::string::npos);
  CHECK(d.problems()[1].value == "planing");
  CHECK(d.problems()[1].reason.find("the domains are: planning") != std::string::npos);

  Diagnostics d2;
  auto s2 = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,domain:planning\n"
      "A1,C1,T,2018-01-01,Good,Met\n"
      "A2,C2,T,2018-01-02,Good,Good\n",
      "domains.csv", {}, &d2);
  CHECK_FALSE(s2.ok());
  REQUIRE(d2.problems().size() == 1);
  CHECK(d2.problems()[0].line == 2);
  CHECK(d2.problems()[0].column == "domain:planning");
  CHECK(d2.problems()[0].value == "Met");
}

TEST_CASE("domains: key messages rank domains by share below Good, with Wilson intervals") {
  const auto messages = qaframe::key_messages(comparison_example());
  REQUIRE(messages.size() == 3);
  // planning 13/20 below Good, voice 7/13, supervision 10/20.
  CHECK(messages[0].domain == "planning");
  CHECK(messages[0].count == 13);
  CHECK(messages[0].n == 20);
  CHECK(messages[0].below == "below Good");
  CHECK(messages[0].low == doctest::Approx(0.43286).epsilon(1e-4));
  CHECK(messages[0].high == doctest::Approx(0.81880).epsilon(1e-4));
  CHECK(messages[1].domain == "voice_of_child");
  CHECK(messages[1].count == 7);
  CHECK(messages[1].n == 13);
  CHECK(messages[1].not_applicable == 7);
  CHECK(messages[2].domain == "supervision");
  CHECK(messages[2].count == 10);
  const auto profiles = qaframe::domain_profiles(comparison_example());
  REQUIRE(profiles.size() == 3);
  CHECK(profiles[0].domain == "supervision");
  CHECK(profiles[0].counts.level_counts() == std::vector<std::int64_t>{1, 9, 9, 1});
}

TEST_CASE("comparison: two periods of the hand-checked example, with verdicts") {
  const AuditSet s = comparison_example();
  auto c = qaframe::compare_groups(s, "month", "Oct 2017", "Mar 2018");
  REQUIRE(c.ok());
  REQUIRE(c->rows.size() == 4);
  const auto& overall = c->rows[0];
  CHECK(overall.item == "overall");
  CHECK(overall.good == "Good or better");
  CHECK(overall.n_a == 10);
  CHECK(overall.good_a == 4);
  CHECK(overall.good_b == 6);
  CHECK(overall.difference == doctest::Approx(0.2));
  CHECK(overall.low == doctest::Approx(-0.20634065166819532).epsilon(1e-10));
  CHECK(overall.high == doctest::Approx(0.5278425217543001).epsilon(1e-10));
  CHECK(overall.pvalue == doctest::Approx(0.37109336952269756).epsilon(1e-10));
  CHECK(overall.adjusted == overall.pvalue);
  CHECK(overall.superiority == doctest::Approx(0.62));
  CHECK(overall.mw_pvalue == doctest::Approx(0.32672921293671553).epsilon(1e-10));
  CHECK(overall.verdict == "no clear change");
  const auto& sup = c->rows[1];
  CHECK(sup.item == "supervision");
  CHECK(sup.good_a == 1);
  CHECK(sup.good_b == 9);
  CHECK(sup.low == doctest::Approx(0.3698669071100334).epsilon(1e-10));
  CHECK(sup.high == doctest::Approx(0.9161405732343858).epsilon(1e-10));
  CHECK(sup.pvalue == doctest::Approx(0.0003466193511346662).epsilon(1e-10));
  CHECK(sup.adjusted == doctest::Approx(0.00069324).epsilon(1e-5));  // Holm over 2 domains
  CHECK(sup.superiority == doctest::Approx(0.91));
  CHECK(sup.mw_pvalue == doctest::Approx(0.000720112253523947).epsilon(1e-10));
  CHECK(sup.verdict == "improved");
  CHECK(overall.test == "two-proportion z-test");  // smallest expected count 5: not below 5
  CHECK(sup.test == "two-proportion z-test");
  // Planning (3 of 10 against 4 of 10): smallest expected count 3.5 < 5, so Fisher's exact test
  // (scipy.stats.fisher_exact: 1.0) replaces the z-test's 0.639 as the row's p-value.
  const auto& planning = c->rows[2];
  CHECK(planning.expected_min == doctest::Approx(3.5));
  CHECK(planning.test == "Fisher's exact test");
  CHECK(planning.z_pvalue == doctest::Approx(0.6392074309046057).epsilon(1e-10));
  CHECK(planning.pvalue == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(planning.adjusted == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(planning.verdict == "no clear change");
  const auto& voice = c->rows[3];
  CHECK(voice.n_b == 3);
  CHECK(voice.verdict == "too few to say");
  CHECK(voice.test == "Fisher's exact test");
  CHECK(voice.z_pvalue == doctest::Approx(0.4164478902261448).epsilon(1e-10));
  CHECK(voice.pvalue == doctest::Approx(0.5594405594405595).epsilon(1e-10));  // scipy
  CHECK(voice.adjusted == voice.pvalue);  // not in the Holm family

  // The same comparison by named periods; and a worsening read the other way round.
  auto by_period =
      qaframe::compare_periods(s, *qaframe::parse_named_period("October=2017-10-01..2017-10-31"),
                               *qaframe::parse_named_period("March=2018-03-01..2018-03-31"));
  REQUIRE(by_period.ok());
  CHECK(by_period->rows[1].verdict == "improved");
  CHECK(by_period->label_b == "March");
  auto reversed = qaframe::compare_groups(s, "month", "Mar 2018", "Oct 2017");
  REQUIRE(reversed.ok());
  CHECK(reversed->rows[1].verdict == "worsened");
  CHECK(reversed->rows[1].difference == doctest::Approx(-0.8));

  auto unknown = qaframe::compare_groups(s, "month", "Oct 2017", "Apr 2018");
  CHECK(unknown.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(unknown.status().message()).find("Oct 2017, Mar 2018") != std::string::npos);
}
