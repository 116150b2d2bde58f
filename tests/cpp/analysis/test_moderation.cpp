// Moderation: the hand-checked example in tests/data/moderation_example.csv (18 graded pairs;
// expected values from scikit-learn, statsmodels and scipy, see tests/python/test_moderation.py),
// moderation and domain columns in the audit file, and the join of a separate moderation file.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "qaframe/analysis/moderation.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/moderation_csv.hpp"
#include "qaframe/stats/agreement/krippendorff.hpp"

using qaframe::AuditSet;
using qaframe::Diagnostics;
using qaframe::kNotApplicable;
using qaframe::kNotRecorded;

namespace {

AuditSet example() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) +
                                    "/tests/data/moderation_example.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

const qaframe::AgreementEstimate& find(const qaframe::ModerationSummary& m, std::string_view name) {
  for (const auto& a : m.agreement) {
    if (a.statistic == name) return a;
  }
  FAIL("no agreement statistic " << name);
  return m.agreement.front();
}

}  // namespace

TEST_CASE("moderation: moderated_grade and moderator columns are read; final grades follow") {
  const AuditSet s = example();
  REQUIRE(s.size() == 21);
  CHECK(s.has_moderation());
  // M19: Good, not moderated; M20: N/A moderated N/A; M21: Good moderated N/A.
  auto moderated = s.grade_column("moderated_grade");
  REQUIRE(moderated.ok());
  CHECK(moderated->grades[18] == kNotRecorded);
  CHECK(moderated->grades[19] == kNotApplicable);
  CHECK(s.final_grades()[18] == 2);               // the auditor's grade stands
  CHECK(s.final_grades()[3] == 2);                // RI raised to Good by the moderator
  CHECK(s.grades()[3] == 1);                      // the auditor's grade is kept
  CHECK(s.final_grades()[20] == kNotApplicable);  // moderated to N/A
  // The empty moderated grade is written back empty, and reads back equal.
  const std::string csv = s.to_csv();
  CHECK(csv.find("M19,C19,Alpha,Practice Review Week,2018-01-19,X,Good,,\n") != std::string::npos);
  auto back = qaframe::parse_audits_csv(csv, "back.csv");
  REQUIRE(back.ok());
  CHECK(*back == s);
}

TEST_CASE("moderation: the summary of the hand-checked example") {
  auto m = qaframe::moderation_summary(example());
  REQUIRE(m.ok());
  CHECK(m->audits == 21);
  CHECK(m->moderated == 20);
  CHECK(m->pairs == 18);
  REQUIRE(m->coverage.size() == 2);
  CHECK(m->coverage[0].programme == "Practice Review Week");
  CHECK(m->coverage[0].audits == 7);
  CHECK(m->coverage[0].moderated == 6);
  CHECK(m->coverage[1].programme == "Core");
  CHECK(m->coverage[1].audits == 14);
  CHECK(m->coverage[1].moderated == 14);
  // Original (rows) by moderated (columns): I, RI, G, O, N/A.
  const std::vector<std::vector<std::int64_t>> table = {
      {1, 1, 0, 0, 0}, {1, 1, 1, 1, 0}, {0, 9, 2, 0, 1}, {0, 0, 1, 0, 0}, {0, 0, 0, 0, 1}};
  CHECK(m->table == table);

  const auto& exact = find(*m, "exact agreement");
  CHECK(exact.estimate == doctest::Approx(4.0 / 18));
  CHECK(exact.low == doctest::Approx(0.09000928108601691).epsilon(1e-12));
  CHECK(exact.high == doctest::Approx(0.45214584316212625).epsilon(1e-12));
  const auto& within = find(*m, "within one level");
  CHECK(within.estimate == doctest::Approx(17.0 / 18));
  CHECK(within.low == doctest::Approx(0.7424269921812741).epsilon(1e-12));
  CHECK(within.high == doctest::Approx(0.990124809021697).epsilon(1e-12));
  const auto& kappa = find(*m, "quadratic-weighted kappa");
  CHECK(kappa.estimate == doctest::Approx(0.23115577889447236).epsilon(1e-12));
  CHECK(kappa.low == doctest::Approx(-0.17972532310026312).epsilon(1e-10));
  CHECK(kappa.high == doctest::Approx(0.6420368808892079).epsilon(1e-10));
  const auto& ac2 = find(*m, "Gwet's AC2 (quadratic)");
  CHECK(ac2.estimate == doctest::Approx(0.7283219887540693).epsilon(1e-12));
  CHECK(ac2.low < ac2.estimate);
  CHECK(ac2.high > ac2.estimate);
  const auto& alpha = find(*m, "Krippendorff's alpha (ordinal)");
  CHECK(alpha.estimate == doctest::Approx(0.10524510050041003).epsilon(1e-12));
  CHECK(alpha.low < alpha.estimate);
  CHECK(alpha.high > alpha.estimate);
  CHECK(alpha.n == 18);

  // Direction: 3 raised, 11 lowered overall (sign test p = 0.057373046875).
  CHECK(m->overall.raised == 3);
  CHECK(m->overall.lowered == 11);
  CHECK(m->overall.net() == -8);
  CHECK(m->overall.pvalue == doctest::Approx(0.057373046875).epsilon(1e-12));
  // p = 0.057 is not below alpha = 0.05: no direction is stated (it was "moderators lower
  // grades" from the counts alone before the direction followed the test).
  CHECK_FALSE(m->overall.flagged);
  CHECK(m->overall.direction() == "no clear direction");
  REQUIRE(m->by_auditor.size() == 3);
  CHECK(m->by_auditor[0].label == "X");
  CHECK(m->by_auditor[0].pairs == 5);
  CHECK(m->by_auditor[0].agreed == 3);
  CHECK(m->by_auditor[0].pvalue == doctest::Approx(1.0));
  CHECK_FALSE(m->by_auditor[0].flagged);
  CHECK(m->by_auditor[1].label == "Y");
  CHECK(m->by_auditor[1].raised == 2);
  CHECK(m->by_auditor[1].lowered == 2);
  CHECK(m->by_auditor[1].direction() == "no clear direction");  // was "balanced"
  CHECK(m->by_auditor[2].label == "Z");
  CHECK(m->by_auditor[2].lowered == 8);
  CHECK(m->by_auditor[2].pvalue == doctest::Approx(0.0078125));
  CHECK(m->by_auditor[2].adjusted == doctest::Approx(0.0234375));  // Holm over 3 auditors
  CHECK(m->by_auditor[2].flagged);
  CHECK(m->by_auditor[2].direction() == "moderators lower grades");  // Holm p 0.023 < 0.05
  REQUIRE(m->by_team.size() == 3);
  CHECK(m->by_team[2].label == "Gamma");
  CHECK(m->by_team[2].flagged);
}

TEST_CASE("moderation: ordinal alpha from pairs equals Krippendorff's alpha on the ratings") {
  const std::vector<std::vector<std::int64_t>> t = {
      {1, 1, 0, 0}, {1, 1, 1, 1}, {0, 9, 2, 0}, {0, 0, 1, 0}};
  Eigen::MatrixXd data(2, 18);
  int u = 0;
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b)
      for (std::int64_t c = 0; c < t[a][b]; ++c, ++u) {
        data(0, u) = a;
        data(1, u) = b;
      }
  auto direct =
      qaframe::stats::krippendorff_alpha(data, qaframe::stats::MeasurementLevel::kOrdinal);
  REQUIRE(direct.ok());
  CHECK(qaframe::ordinal_alpha_from_pairs(t) == doctest::Approx(direct->statistic).epsilon(1e-12));
  CHECK(std::isnan(qaframe::ordinal_alpha_from_pairs({{1, 0}, {0, 0}})));
}

TEST_CASE("moderation: a set without moderation has no summary") {
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade\nA1,C1,T,2018-01-01,Good\n", "plain.csv");
  REQUIRE(s.ok());
  CHECK_FALSE(s->has_moderation());
  auto m = qaframe::moderation_summary(*s);
  CHECK(m.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(s->final_grades().size() == 1);
  CHECK(s->final_grades()[0] == 2);
}

TEST_CASE("moderation: a bad moderated grade names its line and column") {
  Diagnostics d;
  auto s = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,grade,moderated_grade\n"
      "A1,C1,T,2018-01-01,Good,Goodish\n"
      "A2,C2,T,2018-01-02,Good,\n",
      "mod.csv", {}, &d);
  CHECK_FALSE(s.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].line == 2);
  CHECK(d.problems()[0].column == "moderated_grade");
  CHECK(d.problems()[0].value == "Goodish");
}

TEST_CASE("moderation: a separate moderation file is joined on audit_id") {
  auto base = qaframe::parse_audits_csv(
      "audit_id,child_id,team,audit_date,auditor,grade\n"
      "A1,C1,T,2018-01-01,X,Good\n"
      "A2,C2,T,2018-01-02,X,Requires Improvement\n"
      "A3,C3,U,2018-01-03,Y,Good\n",
      "audits.csv");
  REQUIRE(base.ok());
  auto joined = qaframe::join_moderation_csv(*base,
                                             "Audit ID,Moderated Grade,Moderator\n"
                                             "A2,Good,M. One\n"
                                             "A3,RI,M. Two\n",
                                             "moderation.csv");
  REQUIRE(joined.ok());
  CHECK(joined->has_moderation());
  CHECK(joined->final_grades()[0] == 2);
  CHECK(joined->final_grades()[1] == 2);
  CHECK(joined->final_grades()[2] == 1);
  auto moderator = joined->categorical("moderator");
  REQUIRE(moderator.ok());
  CHECK((*moderator)->value(0) == "");
  CHECK((*moderator)->value(2) == "M. Two");

  // Every problem of the moderation file is collected, with line, column and value.
  Diagnostics d;
  auto bad = qaframe::join_moderation_csv(*base,
                                          "audit_id,moderated_grade,comment\n"
                                          "A9,Good\n",
                                          "moderation.csv", &d);
  CHECK_FALSE(bad.ok());
  REQUIRE(d.problems().size() == 1);
  CHECK(d.problems()[0].column == "comment");
  CHECK(d.problems()[0].line == 1);

  Diagnostics d2;
  auto bad2 = qaframe::join_moderation_csv(*base,
                                           "audit_id,moderated_grade\n"
                                           "A9,Good\n"
                                           "A1,Great\n"
                                           "A2,Good\n"
                                           "A2,Good\n",
                                           "moderation.csv", &d2);
  CHECK_FALSE(bad2.ok());
  REQUIRE(d2.problems().size() == 3);
  CHECK(d2.problems()[0].line == 2);
  CHECK(d2.problems()[0].value == "A9");
  CHECK(d2.problems()[0].reason.find("no audit has this audit_id") != std::string::npos);
  CHECK(d2.problems()[1].line == 3);
  CHECK(d2.problems()[1].column == "moderated_grade");
  CHECK(d2.problems()[2].line == 5);
  CHECK(d2.problems()[2].reason == "audit moderated twice; first on line 4");

  // A set that already has moderation columns is not joined again.
  auto twice =
      qaframe::join_moderation_csv(*joined, "audit_id,moderated_grade\nA1,Good\n", "again.csv");
  CHECK_FALSE(twice.ok());
}
