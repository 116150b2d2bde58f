// Kaplan-Meier, survival quantiles with the Brookmeyer-Crowley interval, the exact sign test and
// SHA-256: published worked examples, hand derivations and the edge cases of the audit cycle
// (ties, an action done the day it was raised, everything censored).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "qaframe/stats/sha256.hpp"
#include "qaframe/stats/inference/sign_test.hpp"
#include "qaframe/stats/inference/survival.hpp"

namespace qs = qaframe::stats;

namespace {
doctest::Approx published(double value, int decimals) {
  return doctest::Approx(value).epsilon(0.5 * std::pow(10.0, -decimals) / (1.0 + std::fabs(value)));
}

// The 6-MP arm of Freireich et al. (1963), the remission times in weeks of Gehan (1965), "A
// generalized Wilcoxon test for comparing arbitrarily singly-censored samples", status 0 for
// censored ("6+").
const std::vector<double> kTime = {6,  6,  6,  6,  7,  9,  10, 10, 11, 13, 16,
                                   17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
const std::vector<std::uint8_t> kStatus = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1,
                                           0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
}  // namespace

TEST_CASE("survival: Kaplan-Meier reproduces the 6-MP remission table") {
  // Kleinbaum and Klein (2012), "Survival Analysis: A Self-Learning Text", 3rd ed., ch. 2, and
  // R's survfit(Surv(time, cens) ~ treat, data = MASS::gehan): times 6, 7, 10, 13, 16, 22, 23;
  // at risk 21, 17, 15, 12, 11, 7, 6; survival 0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448;
  // Greenwood standard errors 0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346.
  auto km = qs::kaplan_meier(kTime, kStatus);
  REQUIRE(km.ok());
  const std::vector<double> times = {6, 7, 10, 13, 16, 22, 23};
  const std::vector<std::int64_t> at_risk = {21, 17, 15, 12, 11, 7, 6};
  const std::vector<std::int64_t> events = {3, 1, 1, 1, 1, 1, 1};
  const std::vector<double> survival = {0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
  const std::vector<double> se = {0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346};
  REQUIRE(km->table.size() == times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    CAPTURE(i);
    CHECK(km->table[i].time == times[i]);
    CHECK(km->table[i].at_risk == at_risk[i]);
    CHECK(km->table[i].events == events[i]);
    CHECK(km->table[i].survival == published(survival[i], 3));
    CHECK(km->table[i].std_error == published(se[i], 4));
  }
  // Exactly: S(6) = 18/21, S(7) = 18/21 · 16/17.
  CHECK(km->table[0].survival == doctest::Approx(18.0 / 21.0).epsilon(1e-15));
  CHECK(km->table[1].survival == doctest::Approx(18.0 / 21.0 * 16.0 / 17.0).epsilon(1e-15));
  // Censored after each event time: 6 (one at 6), 7 (9), 10 (10, 11), 13 (none), 16 (17, 19,
  // 20), 22 (none), 23 (25, 32, 32, 34, 35).
  CHECK(km->table[0].censored == 1);
  CHECK(km->table[1].censored == 1);
  CHECK(km->table[2].censored == 2);
  CHECK(km->table[4].censored == 3);
  CHECK(km->table[6].censored == 5);
  CHECK(km->n == 21);
  CHECK(km->events == 9);
  CHECK(km->censored == 12);
  CHECK(km->survival_at(5.9) == 1.0);
  CHECK(km->survival_at(12.0) == km->table[2].survival);
}

TEST_CASE("survival: the median of the 6-MP arm and its Brookmeyer-Crowley interval") {
  auto km = qs::kaplan_meier(kTime, kStatus);
  REQUIRE(km.ok());
  // R's survfit (log transform, the Brookmeyer-Crowley construction): median 23, 95% lower
  // limit 16, upper limit not reached (NA; here +inf).
  auto log = qs::survival_quantile(*km, 0.5, 0.95, qs::QuantileTransform::kLog);
  REQUIRE(log.ok());
  CHECK(log->estimate == 23.0);
  CHECK(log->low == 16.0);
  CHECK(std::isinf(log->high));
  CHECK(log->note == "the upper limit is beyond the last event time (infinite)");
  // The default log(−log) transform (statsmodels' cloglog): S(13) = 0.690 with SE 0.1068 gives
  // |log(−log 0.690) − log(log 2)| / (SE/(0.690·|log 0.690|)) = 1.499 ≤ 1.96, so 13 is inside;
  // at 10 the statistic is 1.980 > 1.96, so 10 is outside.
  auto cll = qs::survival_quantile(*km);
  REQUIRE(cll.ok());
  CHECK(cll->estimate == 23.0);
  CHECK(cll->low == 13.0);
  CHECK(std::isinf(cll->high));
  const double s13 = km->table[3].survival, se13 = km->table[3].std_error;
  const double stat = std::fabs(std::log(-std::log(s13)) - std::log(std::log(2.0))) /
                      (se13 / (s13 * std::fabs(std::log(s13))));
  CHECK(stat < 1.959963984540054);
  const double s10 = km->table[2].survival, se10 = km->table[2].std_error;
  CHECK(std::fabs(std::log(-std::log(s10)) - std::log(std::log(2.0))) /
            (se10 / (s10 * std::fabs(std::log(s10)))) >
        1.959963984540054);
  // The first quartile (p = 0.25): the first time with S < 0.75 is 13.
  auto q1 = qs::survival_quantile(*km, 0.25);
  REQUIRE(q1.ok());
  CHECK(q1->estimate == 13.0);
}

TEST_CASE("survival: tied completion times and an action done the day it was raised") {
  // Times in days: 0 (done the day raised), 3, 3 (a tie), 5 censored, 7, 9 censored.
  const std::vector<double> t = {0, 3, 3, 5, 7, 9};
  const std::vector<std::uint8_t> s = {1, 1, 1, 0, 1, 0};
  auto km = qs::kaplan_meier(t, s);
  REQUIRE(km.ok());
  REQUIRE(km->table.size() == 3);
  // S(0) = 5/6; S(3) = 5/6 · 3/5 = 1/2 (two events among five at risk); S(7) = 1/2 · 1/2.
  CHECK(km->table[0].time == 0.0);
  CHECK(km->table[0].at_risk == 6);
  CHECK(km->table[0].survival == doctest::Approx(5.0 / 6.0).epsilon(1e-15));
  CHECK(km->table[1].events == 2);
  CHECK(km->table[1].at_risk == 5);
  CHECK(km->table[1].survival == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(km->table[1].censored == 1);  // the 5
  CHECK(km->table[2].at_risk == 2);
  CHECK(km->table[2].survival == doctest::Approx(0.25).epsilon(1e-15));
  // Greenwood at 3: S² (1/(6·5) + 2/(5·3)).
  CHECK(km->table[1].std_error == doctest::Approx(0.5 * std::sqrt(1.0 / 30 + 2.0 / 15)));
  // S(3) = 1/2 exactly is not below 1/2 (whatever the rounding of 5/6 · 3/5): the median is
  // the next event time, 7.
  auto m = qs::survival_quantile(*km);
  REQUIRE(m.ok());
  CHECK(m->estimate == 7.0);
}

TEST_CASE("survival: all censored, no subjects, and survival falling to zero") {
  const std::vector<double> t = {4, 8, 15};
  const std::vector<std::uint8_t> none = {0, 0, 0};
  auto km = qs::kaplan_meier(t, none);
  REQUIRE(km.ok());
  CHECK(km->table.empty());
  CHECK(km->censored_before == 3);
  CHECK(km->survival_at(100) == 1.0);
  CHECK(km->note == "no events: every time is censored, so the survival function is 1 throughout");
  auto m = qs::survival_quantile(*km);
  REQUIRE(m.ok());
  CHECK(std::isnan(m->estimate));
  CHECK(std::isnan(m->low));
  CHECK(std::isnan(m->high));
  CHECK(m->note == "no events: the quantile and its interval cannot be estimated");

  auto empty = qs::kaplan_meier({}, {});
  REQUIRE(empty.ok());
  CHECK(empty->n == 0);
  CHECK(empty->note == "no subjects");

  // Everyone has the event: the last row's survival is 0 and its standard error NaN.
  const std::vector<std::uint8_t> all = {1, 1, 1};
  km = qs::kaplan_meier(t, all);
  REQUIRE(km.ok());
  CHECK(km->table.back().survival == 0.0);
  CHECK(std::isnan(km->table.back().std_error));
  m = qs::survival_quantile(*km);
  REQUIRE(m.ok());
  CHECK(m->estimate == 8.0);  // S(4) = 2/3, S(8) = 1/3 < 1/2

  // The survival never falls below 1 − p: no estimate, with a note.
  const std::vector<std::uint8_t> one = {1, 0, 0};
  km = qs::kaplan_meier(t, one);
  REQUIRE(km.ok());
  m = qs::survival_quantile(*km);
  REQUIRE(m.ok());
  CHECK(std::isnan(m->estimate));
  CHECK(m->note ==
        "the survival never falls below 0.5: the quantile is beyond the last event time");
}

TEST_CASE("survival: invalid input is an InvalidArgument with a reason") {
  const std::vector<double> t = {1, 2};
  const std::vector<std::uint8_t> s = {1};
  auto km = qs::kaplan_meier(t, s);
  REQUIRE(!km.ok());
  CHECK(km.status().message() == "time and status must have the same length, got 2 and 1");
  const std::vector<std::uint8_t> two = {1, 2};
  CHECK(qs::kaplan_meier(t, two).status().message() ==
        "status 1 is 2; write 1 for an event and 0 for censored");
  const std::vector<double> bad = {1, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<std::uint8_t> ok = {1, 1};
  CHECK(qs::kaplan_meier(bad, ok).status().message() ==
        "time 1 is not a finite number; every time must be one");
  auto good = qs::kaplan_meier(t, ok);
  REQUIRE(good.ok());
  CHECK(qs::survival_quantile(*good, 1.0).status().message() ==
        "p must lie strictly between 0 and 1, got 1");
  CHECK(qs::survival_quantile(*good, 0.5, 0.0).status().message() ==
        "level must lie strictly between 0 and 1, got 0");
  CHECK(qs::parse_quantile_transform("loglog").status().message() ==
        "unknown transform 'loglog'; accepted: cloglog, linear, log, logit, asinsqrt");
  CHECK(*qs::parse_quantile_transform("asinsqrt") == qs::QuantileTransform::kArcsinSqrt);
}

TEST_CASE("sign test: exact binomial tails") {
  // 9 up, 2 down: two-sided p = 2 · (C(11,0) + C(11,1) + C(11,2)) / 2¹¹ = 2 · 67/2048.
  auto r = qs::sign_test(9, 2, 4);
  REQUIRE(r.ok());
  CHECK(r->pvalue == doctest::Approx(134.0 / 2048.0).epsilon(1e-13));
  CHECK(r->statistic == doctest::Approx(9.0 / 11.0));
  CHECK(r->ties == 4);
  CHECK(r->n() == 11);
  // One-sided: P(X ≥ 9) = 67/2048; P(X ≤ 9) = 1 − (C(11,10) + C(11,11))/2048 = 2036/2048.
  CHECK(qs::sign_test(9, 2, 0, qs::Alternative::greater)->pvalue ==
        doctest::Approx(67.0 / 2048.0).epsilon(1e-13));
  CHECK(qs::sign_test(9, 2, 0, qs::Alternative::less)->pvalue ==
        doctest::Approx(2036.0 / 2048.0).epsilon(1e-13));
  // Balanced: p = 1; nothing changed: p = 1 with a note.
  CHECK(qs::sign_test(5, 5)->pvalue == 1.0);
  auto none = qs::sign_test(0, 0, 7);
  REQUIRE(none.ok());
  CHECK(none->pvalue == 1.0);
  CHECK(none->note == "no pair changed: nothing to test");
  CHECK(!qs::sign_test(-1, 2).ok());
}

TEST_CASE("sha256: the FIPS 180-4 examples") {
  // NIST, "SHA-256 examples" (csrc.nist.gov, FIPS 180-2 appendix B).
  CHECK(qs::to_hex(qs::sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(qs::to_hex(qs::sha256("")) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(qs::to_hex(qs::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(qs::to_hex(qs::sha256(std::string(1000000, 'a'))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(qs::leading_u64(qs::sha256("abc")) == 0xba7816bf8f01cfeaULL);
}
