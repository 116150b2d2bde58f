// Intervals for proportions and their differences, against the worked examples of Newcombe
// (1998) and against properties that define each interval.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include "qaframe/stats/proportion.hpp"

namespace qs = qaframe::stats;

namespace {
// A figure published to 4 decimals is matched to half a unit in its last place. doctest's
// Approx tolerance is epsilon·(1 + |value|), hence the division.
doctest::Approx dp4(double published) {
  return doctest::Approx(published).epsilon(0.5e-4 / (1.0 + std::fabs(published)));
}

qs::ProportionInterval ci(double x, double n, qs::ProportionMethod m, double level = 0.95) {
  auto r = qs::proportion_ci(x, n, level, m);
  REQUIRE(r.ok());
  return *r;
}
}  // namespace

TEST_CASE("inference: Wilson and Wilson-cc reproduce Newcombe (1998) Table I") {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
  // methods 3 (score) and 4 (score with continuity correction), 95%.
  struct Row {
    double x, n, wl, wh, cl, ch;
  };
  const std::vector<Row> rows = {{81, 263, 0.2553, 0.3662, 0.2535, 0.3682},
                                 {15, 148, 0.0624, 0.1605, 0.0598, 0.1644},
                                 {0, 20, 0.0, 0.1611, 0.0, 0.2005},
                                 {1, 29, 0.0061, 0.1718, 0.0018, 0.1963}};
  for (const auto& r : rows) {
    CAPTURE(r.x);
    CAPTURE(r.n);
    const auto w = ci(r.x, r.n, qs::ProportionMethod::wilson);
    CHECK(w.low == dp4(r.wl));
    CHECK(w.high == dp4(r.wh));
    CHECK(w.estimate == doctest::Approx(r.x / r.n));
    const auto c = ci(r.x, r.n, qs::ProportionMethod::wilson_cc);
    CHECK(c.low == dp4(r.cl));
    CHECK(c.high == dp4(r.ch));
  }
  // The limits at the boundary are exactly 0, not a rounding residue.
  CHECK(ci(0, 20, qs::ProportionMethod::wilson).low == 0.0);
  CHECK(ci(20, 20, qs::ProportionMethod::wilson).high == 1.0);
  CHECK(ci(20, 20, qs::ProportionMethod::wilson_cc).high == 1.0);
}

TEST_CASE("inference: Clopper-Pearson and Wald reproduce Newcombe (1998) Table I") {
  // Same table, method 5 (Clopper-Pearson) and method 1 (simple asymptotic, 95%).
  auto e = ci(81, 263, qs::ProportionMethod::exact);
  CHECK(e.low == dp4(0.2527));
  CHECK(e.high == dp4(0.3676));
  e = ci(15, 148, qs::ProportionMethod::exact);
  CHECK(e.low == dp4(0.0578));
  CHECK(e.high == dp4(0.1617));
  e = ci(0, 20, qs::ProportionMethod::exact);
  CHECK(e.low == 0.0);
  CHECK(e.high == dp4(0.1684));
  e = ci(1, 29, qs::ProportionMethod::exact);
  CHECK(e.low == dp4(0.0009));
  CHECK(e.high == dp4(0.1776));
  auto w = ci(81, 263, qs::ProportionMethod::normal);
  CHECK(w.low == dp4(0.2522));
  CHECK(w.high == dp4(0.3638));
  w = ci(15, 148, qs::ProportionMethod::normal);
  CHECK(w.low == dp4(0.0527));
  CHECK(w.high == dp4(0.1500));
  // Wald collapses to a point at x = 0 and is clipped at 0 for 1/29 (Newcombe reports -0.0320).
  w = ci(0, 20, qs::ProportionMethod::normal);
  CHECK(w.low == 0.0);
  CHECK(w.high == 0.0);
  CHECK(ci(1, 29, qs::ProportionMethod::normal).low == 0.0);
}

TEST_CASE("inference: exact limits have closed forms at the boundaries") {
  // Beta(1, n) and Beta(n, 1) quantiles: U = 1 − (α/2)^(1/n) at x = 0, L = (α/2)^(1/n) at x = n.
  for (double n : {1.0, 5.0, 20.0, 1000.0}) {
    CAPTURE(n);
    CHECK(ci(0, n, qs::ProportionMethod::exact).high ==
          doctest::Approx(1.0 - std::pow(0.025, 1.0 / n)).epsilon(1e-12));
    CHECK(ci(n, n, qs::ProportionMethod::exact).low ==
          doctest::Approx(std::pow(0.025, 1.0 / n)).epsilon(1e-12));
    CHECK(ci(n, n, qs::ProportionMethod::exact).high == 1.0);
  }
}

TEST_CASE("inference: Clopper-Pearson and Jeffreys limits are the defining beta quantiles") {
  // Clopper-Pearson: P(X ≥ x | L) = α/2 and P(X ≤ x | U) = α/2, i.e. I_L(x, n−x+1) = α/2 and
  // I_U(x+1, n−x) = 1 − α/2. Jeffreys: I_L(x+½, n−x+½) = α/2, I_U(x+½, n−x+½) = 1 − α/2.
  for (double level : {0.8, 0.95, 0.998}) {
    const double a2 = (1.0 - level) / 2.0;
    for (double n : {7.0, 40.0, 311.0}) {
      for (double x : {1.0, 3.0, std::floor(n / 2), n - 1}) {
        CAPTURE(level);
        CAPTURE(n);
        CAPTURE(x);
        const auto e = ci(x, n, qs::ProportionMethod::exact, level);
        CHECK(boost::math::ibeta(x, n - x + 1, e.low) == doctest::Approx(a2).epsilon(1e-10));
        CHECK(boost::math::ibeta(x + 1, n - x, e.high) == doctest::Approx(1.0 - a2).epsilon(1e-10));
        const auto j = ci(x, n, qs::ProportionMethod::jeffreys, level);
        CHECK(boost::math::ibeta(x + 0.5, n - x + 0.5, j.low) ==
              doctest::Approx(a2).epsilon(1e-10));
        CHECK(boost::math::ibeta(x + 0.5, n - x + 0.5, j.high) ==
              doctest::Approx(1.0 - a2).epsilon(1e-10));
        // Jeffreys is inside Clopper-Pearson (Brown, Cai and DasGupta 2001).
        CHECK(j.low > e.low);
        CHECK(j.high < e.high);
      }
    }
  }
  // The boundary rule chosen for Jeffreys: L = 0 at x = 0, U = 1 at x = n.
  CHECK(ci(0, 12, qs::ProportionMethod::jeffreys).low == 0.0);
  CHECK(ci(12, 12, qs::ProportionMethod::jeffreys).high == 1.0);
}

TEST_CASE("inference: Agresti-Coull by hand") {
  // 0/20 at 95%: ñ = 20 + 1.959964² = 23.8415, p̃ = 1.920729/23.8415 = 0.080563,
  // half-width 1.959964·√(0.080563·0.919437/23.8415) = 0.109247: (0, 0.1898) after clipping.
  const auto a = ci(0, 20, qs::ProportionMethod::agresti_coull);
  CHECK(a.low == 0.0);
  CHECK(a.high == dp4(0.1898));
}

TEST_CASE("inference: Newcombe difference (method 10) reproduces Newcombe (1998) Table II") {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Table II, method 10.
  struct Row {
    double x1, n1, x2, n2, low, high;
  };
  const std::vector<Row> rows = {{56, 70, 48, 80, 0.0524, 0.3339},
                                 {9, 10, 3, 10, 0.1705, 0.8090},
                                 {6, 7, 2, 7, 0.0582, 0.8062},
                                 {5, 56, 0, 29, -0.0381, 0.1926}};
  for (const auto& r : rows) {
    CAPTURE(r.x1);
    auto d = qs::newcombe_difference(r.x1, r.n1, r.x2, r.n2);
    REQUIRE(d.ok());
    CHECK(d->low == dp4(r.low));
    CHECK(d->high == dp4(r.high));
    CHECK(d->estimate == doctest::Approx(r.x1 / r.n1 - r.x2 / r.n2));
  }
}

TEST_CASE("inference: two-proportion z-test by hand") {
  // 56/70 vs 48/80: pooled 104/150 = 0.693333, se = √(0.693333·0.306667·(1/70 + 1/80))
  // = 0.0754668, z = 0.2/0.0754668 = 2.65017; two-sided p = 2(1 − Φ(2.65017)) = 0.008045.
  auto t = qs::two_proportion_ztest(56, 70, 48, 80);
  REQUIRE(t.ok());
  CHECK(t->statistic == doctest::Approx(2.65017).epsilon(1e-5));
  CHECK(t->pvalue == doctest::Approx(0.008045).epsilon(1e-4));
  CHECK(t->effect == doctest::Approx(0.2));
  auto g = qs::two_proportion_ztest(56, 70, 48, 80, qs::Alternative::greater);
  REQUIRE(g.ok());
  CHECK(g->pvalue == doctest::Approx(t->pvalue / 2));
  auto l = qs::two_proportion_ztest(56, 70, 48, 80, qs::Alternative::less);
  REQUIRE(l.ok());
  CHECK(l->pvalue == doctest::Approx(1 - t->pvalue / 2));
  // Degenerate: both groups all successes.
  auto d = qs::two_proportion_ztest(5, 5, 9, 9);
  REQUIRE(d.ok());
  CHECK(std::isnan(d->statistic));
  CHECK(std::isnan(d->pvalue));
  CHECK(d->note.find("pooled proportion is 1") != std::string::npos);
}

TEST_CASE("inference: vectorised intervals equal the scalar ones") {
  const std::vector<double> x = {0, 1, 15, 81, 20, 3};
  const std::vector<double> n = {20, 29, 148, 263, 20, 0};
  for (auto m : {qs::ProportionMethod::wilson, qs::ProportionMethod::wilson_cc,
                 qs::ProportionMethod::exact, qs::ProportionMethod::jeffreys,
                 qs::ProportionMethod::agresti_coull, qs::ProportionMethod::normal}) {
    CAPTURE(qs::to_string(m));
    std::vector<double> x2 = x, n2 = n;
    x2.back() = 0;  // nobs = 0 needs count 0
    auto v = qs::proportion_ci(std::span<const double>(x2), std::span<const double>(n2), 0.9, m);
    REQUIRE(v.ok());
    for (std::size_t i = 0; i + 1 < x.size(); ++i) {
      const auto s = ci(x2[i], n2[i], m, 0.9);
      CHECK(v->low[static_cast<Eigen::Index>(i)] == s.low);
      CHECK(v->high[static_cast<Eigen::Index>(i)] == s.high);
    }
    CHECK(std::isnan(v->low[5]));
    CHECK(std::isnan(v->high[5]));
    Eigen::ArrayXd ex = Eigen::Map<const Eigen::ArrayXd>(x2.data(), 6);
    Eigen::ArrayXd en = Eigen::Map<const Eigen::ArrayXd>(n2.data(), 6);
    auto e = qs::proportion_ci(ex, en, 0.9, m);
    REQUIRE(e.ok());
    CHECK(e->low.head(5).isApprox(v->low.head(5)));
  }
}

TEST_CASE("inference: proportion arguments are checked") {
  auto bad = qs::proportion_ci(5, 4);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "count = 5 exceeds nobs = 4");
  CHECK_FALSE(qs::proportion_ci(-1, 4).ok());
  CHECK_FALSE(qs::proportion_ci(1, 4, 1.0).ok());
  CHECK_FALSE(qs::proportion_ci(1, 4, 0.0).ok());
  CHECK_FALSE(qs::proportion_ci(1, std::nan("")).ok());
  const std::vector<double> x = {1, 9}, n = {4, 8};
  auto v = qs::proportion_ci(std::span<const double>(x), std::span<const double>(n));
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message() == "count[1] = 9 exceeds nobs[1] = 8");
  const std::vector<double> n3 = {4, 8, 9};
  CHECK_FALSE(qs::proportion_ci(std::span<const double>(x), std::span<const double>(n3)).ok());
  CHECK_FALSE(qs::newcombe_difference(3, 2, 1, 2).ok());
  CHECK_FALSE(qs::parse_proportion_method("wilsonn").ok());
  CHECK(*qs::parse_proportion_method("clopper_pearson") == qs::ProportionMethod::exact);
  // nobs = 0 is valid data with no information.
  auto z = qs::proportion_ci(0, 0);
  REQUIRE(z.ok());
  CHECK(std::isnan(z->low));
  CHECK_FALSE(z->note.empty());
  auto zd = qs::newcombe_difference(0, 0, 1, 2);
  REQUIRE(zd.ok());
  CHECK(std::isnan(zd->low));
}
