// Small-n honesty in comparisons, trends and funnels: Fisher's exact test where an expected count
// is below 5 (named in each row), the trend's min_n per period, and the team funnel's
// over-dispersion option. Values against scipy are in tests/python/test_honest_numbers.py.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/comparison.hpp"
#include "qaframe/analysis/team_funnel.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/stats/inference/contingency.hpp"
#include "qaframe/stats/inference/exact.hpp"

namespace {

// Audits of group `team` in month `month` (1-12 of 2018): `good` Good and `bad` Inadequate.
void add(std::string& csv, int& id, const std::string& team, int month, int good, int bad) {
  for (int i = 0; i < good + bad; ++i, ++id)
    absl::StrAppend(&csv, "A", id, ",C", id, ",", team, ",15/", month < 10 ? "0" : "", month,
                    "/2018,", i < good ? "Good" : "Inadequate", "\n");
}

qaframe::AuditSet set(std::string csv) {
  auto s = qaframe::parse_audits_csv("audit_id,child_id,team,audit_date,grade\n" + csv, "a.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

}  // namespace

TEST_CASE("comparison: Fisher's exact test where the smallest expected count is below 5") {
  std::string csv;
  int id = 1;
  add(csv, id, "A", 1, 1, 7);  // 1 of 8 Good
  add(csv, id, "B", 1, 6, 2);  // 6 of 8 Good
  const auto audits = set(csv);
  auto c = qaframe::compare_groups(audits, "team", "A", "B");
  REQUIRE(c.ok());
  const auto& r = c->rows.front();
  // Expected counts: 7 good of 16 -> 3.5 per group: below 5, so Fisher.
  CHECK(r.expected_min == doctest::Approx(3.5));
  CHECK(r.test == "Fisher's exact test");
  Eigen::Matrix2d t;
  t << 6, 2, 1, 7;
  const auto f = qaframe::stats::fisher_exact(t);
  REQUIRE(f.ok());
  CHECK(r.pvalue == f->pvalue);
  CHECK(r.exact_pvalue == f->pvalue);
  CHECK(r.z_pvalue < r.exact_pvalue);  // the z-test is too keen at this n
  CHECK(r.verdict == "improved");      // Fisher p = 0.041 (scipy), below 0.05
  CHECK(c->test_rule.find("below 5") != std::string::npos);
  // Forced either way, and mid-p.
  qaframe::CompareOptions z;
  z.exact = qaframe::ExactRule::kNever;
  auto cz = qaframe::compare_groups(audits, "team", "A", "B", z);
  REQUIRE(cz.ok());
  CHECK(cz->rows.front().test == "two-proportion z-test");
  CHECK(cz->rows.front().pvalue == r.z_pvalue);
  qaframe::CompareOptions mid;
  mid.mid_p = true;
  auto cm = qaframe::compare_groups(audits, "team", "A", "B", mid);
  REQUIRE(cm.ok());
  CHECK(cm->rows.front().test == "Fisher's exact test (mid-p)");
  CHECK(cm->rows.front().pvalue ==
        doctest::Approx(f->pvalue - 0.5 * f->point_probability).epsilon(1e-12));
  CHECK(qaframe::parse_exact_rule("always").value() == qaframe::ExactRule::kAlways);
  CHECK_FALSE(qaframe::parse_exact_rule("sometimes").ok());
}

TEST_CASE("comparison: large groups keep the z-test") {
  std::string csv;
  int id = 1;
  add(csv, id, "A", 1, 20, 20);
  add(csv, id, "B", 1, 30, 10);
  auto c = qaframe::compare_groups(set(csv), "team", "A", "B");
  REQUIRE(c.ok());
  CHECK(c->rows.front().expected_min == doctest::Approx(15.0));
  CHECK(c->rows.front().test == "two-proportion z-test");
  CHECK(c->rows.front().pvalue == c->rows.front().z_pvalue);
}

TEST_CASE("trend: periods below min_n are shown, marked and left out of the test") {
  std::string csv;
  int id = 1;
  add(csv, id, "T", 1, 2, 3);  // January: 5 graded, qualifies
  add(csv, id, "T", 2, 1, 1);  // February: 2, left out
  add(csv, id, "T", 3, 4, 2);  // March: 6
  add(csv, id, "T", 4, 6, 1);  // April: 7
  const auto audits = set(csv);
  auto t = qaframe::trend(audits, qaframe::PeriodKind::kMonth);
  REQUIRE(t.ok());
  REQUIRE(t->rows.size() == 4);
  CHECK(t->periods_total == 4);
  CHECK(t->periods_used == 3);
  CHECK(t->n_used == 18);
  CHECK(t->rows[0].qualifies);
  CHECK_FALSE(t->rows[1].qualifies);
  CHECK(t->rows[1].note == "fewer than 5 graded audits: shown, not tested");
  CHECK(t->rows[1].share == 0.5);  // still shown, with its interval
  CHECK(t->note.find("1 of 4 period(s) have fewer than 5") != std::string::npos);
  // The test is the Cochran-Armitage test on the qualifying periods at their calendar scores.
  const double good[] = {2, 4, 6}, total[] = {5, 6, 7}, scores[] = {0, 2, 3};
  auto ca = qaframe::stats::cochran_armitage(good, total, scores);
  REQUIRE(ca.ok());
  CHECK(t->statistic == doctest::Approx(ca->statistic).epsilon(1e-12));
  CHECK(t->pvalue == doctest::Approx(ca->pvalue).epsilon(1e-12));
  // With every period below min_n there is nothing to test.
  qaframe::CompareOptions o;
  o.min_n = 8;
  auto none = qaframe::trend(audits, qaframe::PeriodKind::kMonth, o);
  REQUIRE(none.ok());
  CHECK(none->periods_used == 0);
  CHECK(none->verdict == "too few to say");
  CHECK(std::isnan(none->pvalue));
}

TEST_CASE("team funnel: over-dispersion is estimated, reported and widens the limits") {
  std::string csv;
  int id = 1;
  // Teams far apart: 2/20, 18/20, 10/20, 5/20, 15/20.
  add(csv, id, "A", 1, 2, 18);
  add(csv, id, "B", 1, 18, 2);
  add(csv, id, "C", 1, 10, 10);
  add(csv, id, "D", 1, 5, 15);
  add(csv, id, "E", 1, 15, 5);
  const auto audits = set(csv);
  auto plain = qaframe::team_funnel(audits, "team");
  REQUIRE(plain.ok());
  CHECK(plain->limits == "exact binomial");
  CHECK(plain->dispersion.method == qaframe::stats::Overdispersion::none);
  CHECK(plain->dispersion.phi > 1.0);  // estimated and reported even when not used
  CHECK(plain->units[0].outer == qaframe::stats::FunnelFlag::below);
  qaframe::TeamFunnelOptions o;
  o.overdispersion = qaframe::stats::Overdispersion::multiplicative;
  auto wide = qaframe::team_funnel(audits, "team", "final_grade", o);
  REQUIRE(wide.ok());
  CHECK(wide->dispersion.inflated);
  CHECK(wide->limits.find("phi = ") != std::string::npos);
  // Normal limits p0 ± z sqrt(phi p0 (1 - p0) / n) at n = 20, p0 = 0.5.
  const double phi = wide->dispersion.phi;
  const double half = 1.959963984540054 * std::sqrt(phi * 0.25 / 20.0);
  CHECK(wide->benchmark == 0.5);
  std::size_t at20 = 0;
  while (wide->grid[at20] != 20.0) ++at20;
  CHECK(wide->low_inner[at20] == doctest::Approx(std::max(0.0, 0.5 - half)).epsilon(1e-12));
  CHECK(wide->high_inner[at20] == doctest::Approx(std::min(1.0, 0.5 + half)).epsilon(1e-12));
  // Team A's 10% is below the binomial 99.8% limit but within the widened one.
  CHECK(wide->units[0].outer == qaframe::stats::FunnelFlag::within);
  o.levels = {0.99};
  CHECK_FALSE(qaframe::team_funnel(audits, "team", "final_grade", o).ok());
}
