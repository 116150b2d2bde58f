// Moderation at the small n councils live with: hand-built tiny moderation sets where every
// interval must lie within its coefficient's range, every degenerate case must say what
// happened (all pairs agree, all disagree, no variation in one rater's grades), too few pairs
// withhold kappa, AC2 and alpha, and no direction is stated without a test behind it.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/analysis/moderation.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace {

const char* const kGrades[] = {"Inadequate", "Requires Improvement", "Good", "Outstanding"};

// An audit set of (auditor's grade, moderator's grade) pairs, grades as 0..3, one auditor.
qaframe::AuditSet pairs(const std::vector<std::pair<int, int>>& p) {
  std::string csv = "audit_id,child_id,team,audit_date,auditor,grade,moderated_grade\n";
  int id = 1;
  for (const auto& [a, b] : p) {
    absl::StrAppend(&csv, "A", id, ",C", id, ",T,01/03/2018,X,", kGrades[a], ",", kGrades[b], "\n");
    ++id;
  }
  auto s = qaframe::parse_audits_csv(csv, "tiny.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

qaframe::ModerationSummary summary(const std::vector<std::pair<int, int>>& p,
                                   std::int64_t min_pairs = 0) {
  qaframe::ModerationOptions o;
  o.min_pairs = min_pairs;
  o.n_resamples = 500;
  auto m = qaframe::moderation_summary(pairs(p), o);
  REQUIRE(m.ok());
  return *std::move(m);
}

const qaframe::AgreementEstimate& find(const qaframe::ModerationSummary& m, std::string_view name) {
  for (const auto& a : m.agreement)
    if (a.statistic == name) return a;
  FAIL("no agreement statistic " << name);
  return m.agreement.front();
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// The rule every estimate must keep: limits within the range, or none with a stated reason.
void check_bounded(const qaframe::ModerationSummary& m) {
  for (const auto& a : m.agreement) {
    CAPTURE(a.statistic);
    CAPTURE(a.note);
    if (std::isnan(a.low) || std::isnan(a.high)) {
      CHECK(std::isnan(a.low));
      CHECK(std::isnan(a.high));
      CHECK_FALSE(a.note.empty());  // never silently missing
      continue;
    }
    CHECK(a.low >= a.range_low);
    CHECK(a.high <= a.range_high);
    CHECK(a.low <= a.estimate + 1e-12);
    CHECK(a.high >= a.estimate - 1e-12);
    if (!std::isnan(a.se)) CHECK(a.se > 1e-7);
  }
}

}  // namespace

TEST_CASE("moderation, tiny sets: a normal-theory limit beyond 1 is truncated and says so") {
  // Four pairs, three agreeing on Good and one Good moderated to Outstanding: AC2 is high and
  // its raw upper limit crosses 1 (the "0.89 to 1.04").
  const auto m = summary({{2, 2}, {2, 2}, {2, 2}, {2, 3}});
  check_bounded(m);
  const auto& ac2 = find(m, "Gwet's AC2 (quadratic)");
  CHECK(ac2.truncated);
  CHECK(ac2.high == 1.0);
  CHECK(has(ac2.note, "upper limit"));
  CHECK(has(ac2.note, "truncated at 1"));
  CHECK(ac2.range_low == -1.0);
}

TEST_CASE("moderation, tiny sets: no variation in one rater's grades gives no interval") {
  // The auditor graded every case Good; the moderators did not. Kappa is 0 by construction
  // with a standard error of 0 (the old report printed "0.00, -0.00 to 0.00" without a word).
  const auto m = summary({{2, 2}, {2, 1}, {2, 3}, {2, 2}, {2, 1}});
  check_bounded(m);
  const auto& kappa = find(m, "quadratic-weighted kappa");
  CHECK(kappa.estimate == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(std::isnan(kappa.low));
  CHECK(std::isnan(kappa.high));
  CHECK(has(kappa.note, "no interval: the standard error is 0 because"));
  CHECK(has(kappa.note, "no variation in the auditors' grades (all Good)"));
  CHECK_FALSE(has(kappa.note, "perfect agreement"));
}

TEST_CASE("moderation, tiny sets: two pairs that both disagree never read as perfect agreement") {
  const auto m = summary({{2, 1}, {2, 1}});
  check_bounded(m);
  const auto& kappa = find(m, "quadratic-weighted kappa");
  CHECK(std::isnan(kappa.low));
  CHECK(has(kappa.note, "all 2 pairs disagree"));
  CHECK(has(kappa.note, "no variation in the auditors' grades (all Good)"));
  CHECK(has(kappa.note, "no variation in the moderators' grades (all Requires Improvement)"));
  CHECK_FALSE(has(kappa.note, "perfect agreement"));
  // The shares are plain: 0 of 2 exact, 2 of 2 within one level, with Wilson intervals.
  CHECK(find(m, "exact agreement").estimate == 0.0);
  CHECK(find(m, "within one level").estimate == 1.0);
}

TEST_CASE("moderation, tiny sets: all pairs agree over several grades") {
  const auto m = summary({{1, 1}, {2, 2}, {3, 3}, {2, 2}});
  check_bounded(m);
  for (const char* name : {"quadratic-weighted kappa", "Gwet's AC2 (quadratic)"}) {
    const auto& a = find(m, name);
    CAPTURE(name);
    CHECK(a.estimate == doctest::Approx(1.0));
    CHECK(std::isnan(a.low));
    CHECK(has(a.note, "because all 4 pairs agree"));
  }
}

TEST_CASE("moderation, tiny sets: all pairs agree on one grade") {
  const auto m = summary({{2, 2}, {2, 2}, {2, 2}});
  check_bounded(m);
  const auto& kappa = find(m, "quadratic-weighted kappa");
  CHECK(std::isnan(kappa.estimate));  // chance agreement 1: 0/0
  CHECK(has(kappa.note, "p_e = 1"));
  CHECK(has(kappa.note, "all 3 pairs agree"));
  const auto& alpha = find(m, "Krippendorff's alpha (ordinal)");
  CHECK(std::isnan(alpha.estimate));
  CHECK(has(alpha.note, "no variation"));
}

TEST_CASE("moderation, tiny sets: every table of two to four pairs keeps every interval in range") {
  // All multisets of pairs over three grades (RI, Good, Outstanding): 9 possible pairs.
  std::vector<std::pair<int, int>> cells;
  for (int a = 1; a <= 3; ++a)
    for (int b = 1; b <= 3; ++b) cells.emplace_back(a, b);
  std::size_t tables = 0;
  for (int n = 2; n <= 4; ++n) {
    std::vector<int> pick(static_cast<std::size_t>(n), 0);
    while (true) {
      std::vector<std::pair<int, int>> p;
      for (int i : pick) p.push_back(cells[static_cast<std::size_t>(i)]);
      check_bounded(summary(p));
      ++tables;
      // Next non-decreasing index vector (a multiset of cells).
      int k = n - 1;
      while (k >= 0 && pick[static_cast<std::size_t>(k)] == 8) --k;
      if (k < 0) break;
      const int v = pick[static_cast<std::size_t>(k)] + 1;
      for (int j = k; j < n; ++j) pick[static_cast<std::size_t>(j)] = v;
    }
  }
  CHECK(tables == 45 + 165 + 495);
}

TEST_CASE("moderation: fewer pairs than min_pairs withholds kappa, AC2 and alpha") {
  const std::vector<std::pair<int, int>> p = {{2, 2}, {2, 2}, {1, 2}, {2, 3}};
  const auto m = summary(p, 10);  // the default minimum
  REQUIRE(m.agreement.size() == 5);
  for (std::size_t i = 2; i < 5; ++i) {
    const auto& a = m.agreement[i];
    CAPTURE(a.statistic);
    CHECK(a.withheld);
    CHECK(std::isnan(a.estimate));
    CHECK(std::isnan(a.low));
    CHECK(a.n == 4);
    CHECK(has(a.note, "too few pairs: 4 moderated pair(s), fewer than the 10 needed"));
  }
  CHECK_FALSE(m.agreement[0].withheld);  // exact agreement: 2 of 4 with its Wilson interval
  CHECK(m.agreement[0].estimate == 0.5);
  REQUIRE(m.notes.size() == 1);
  CHECK(has(m.notes[0], "Too few pairs: 4 moderated audit(s)"));
  // At the minimum they are shown.
  const auto shown = summary({{2, 2}, {2, 2}, {1, 2}, {2, 3}}, 4);
  CHECK_FALSE(shown.agreement[2].withheld);
  CHECK(shown.notes.empty());
  qaframe::ModerationOptions bad;
  bad.min_pairs = -1;
  CHECK_FALSE(qaframe::moderation_summary(pairs(p), bad).ok());
}

TEST_CASE("moderation: a direction is stated only when the Holm-adjusted test shows one") {
  // One raised of four (p = 1): not "moderators raise grades".
  const auto one = summary({{1, 2}, {2, 2}, {2, 2}, {3, 3}});
  CHECK(one.overall.raised == 1);
  CHECK(one.overall.pvalue == 1.0);
  CHECK(one.overall.direction() == "no clear direction");
  CHECK_FALSE(one.overall.flagged);
  // Eight of eight lowered: p = 2/256 < 0.05.
  std::vector<std::pair<int, int>> lowered(8, {2, 1});
  const auto eight = summary(lowered);
  CHECK(eight.overall.pvalue == doctest::Approx(2.0 / 256.0).epsilon(1e-12));
  CHECK(eight.overall.direction() == "moderators lower grades");
  CHECK(eight.overall.flagged);
  REQUIRE(eight.by_auditor.size() == 1);
  CHECK(eight.by_auditor[0].direction() == "moderators lower grades");
}
