// Over-dispersed funnel limits (Spiegelhalter 2005, §4): the winsorised φ and the
// DerSimonian-Laird τ² on a small set computed by hand, and the limits and flags they give.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "qaframe/stats/inference/funnel.hpp"

namespace qs = qaframe::stats;

TEST_CASE("funnel: over-dispersion on a hand-computed set") {
  // Five units of 100 around p₀ = 0.2: s = √(0.2·0.8/100) = 0.04 for each, and the counts
  // 10, 16, 20, 24, 40 give z = −2.5, −1, 0, 1, 5. Type-7 quantiles of five values:
  // 10% at h = 0.4, −2.5 + 0.4·1.5 = −1.9; 90% at h = 3.6, 1 + 0.6·4 = 3.4. Winsorised:
  // −1.9, −1, 0, 1, 3.4 (two units pulled in), φ = (3.61 + 1 + 0 + 1 + 11.56)/5 = 3.434.
  // w = 1/s² = 625 each: Σw − Σw²/Σw = 3125 − 625 = 2500, τ² = (5·3.434 − 4)/2500 = 0.005268.
  const std::vector<double> count = {10, 16, 20, 24, 40}, n = {100, 100, 100, 100, 100};
  auto m = qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::multiplicative);
  REQUIRE(m.ok());
  CHECK(m->z_low == doctest::Approx(-1.9).epsilon(1e-12));
  CHECK(m->z_high == doctest::Approx(3.4).epsilon(1e-12));
  CHECK(m->winsorised == 2);
  CHECK(m->units == 5);
  CHECK(m->phi == doctest::Approx(3.434).epsilon(1e-12));
  CHECK(m->tau2 == doctest::Approx(0.005268).epsilon(1e-12));
  CHECK(m->inflated);
  CHECK(m->note.find("widened by sqrt(phi)") != std::string::npos);

  const std::vector<double> levels = {0.95, 0.998};
  const std::vector<double> at = {100, 400};
  auto lm = qs::funnel_limits(0.2, at, levels, *m);
  REQUIRE(lm.ok());
  REQUIRE(lm->dispersion.has_value());
  CHECK(lm->method == qs::FunnelMethod::normal);
  // 95%: z = 1.959964; multiplicative half-width z·√3.434·0.04 at n = 100, half that at 400.
  const double z95 = 1.959963984540054, z998 = 3.090232306167813;
  CHECK(lm->high(0, 0) == doctest::Approx(0.2 + z95 * std::sqrt(3.434) * 0.04).epsilon(1e-12));
  CHECK(lm->low(1, 1) == doctest::Approx(0.2 - z998 * std::sqrt(3.434) * 0.02).epsilon(1e-12));

  auto a = qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::additive);
  REQUIRE(a.ok());
  auto la = qs::funnel_limits(0.2, at, levels, *a);
  REQUIRE(la.ok());
  CHECK(la->high(0, 0) == doctest::Approx(0.2 + z95 * std::sqrt(0.0016 + 0.005268)).epsilon(1e-12));
  CHECK(la->low(1, 0) == doctest::Approx(0.2 - z95 * std::sqrt(0.0004 + 0.005268)).epsilon(1e-12));
  // Additive limits do not narrow to the benchmark as n grows: τ² stays.
  CHECK(la->high(1, 0) - 0.2 > z95 * std::sqrt(0.005268) - 1e-12);

  // The unit with 40 of 100 is far above the binomial 99.8% limit (0.2 + 3.09·0.04 = 0.324)
  // but within the multiplicative one (0.2 + 3.09·√3.434·0.04 = 0.429).
  auto plain = qs::funnel_flags(count, n, 0.2, 0.998, qs::FunnelMethod::normal);
  REQUIRE(plain.ok());
  CHECK((*plain)[4] == qs::FunnelFlag::above);
  auto wide = qs::funnel_flags(count, n, 0.2, 0.998, qs::FunnelMethod::normal,
                               qs::Overdispersion::multiplicative);
  REQUIRE(wide.ok());
  CHECK((*wide)[4] == qs::FunnelFlag::within);
}

TEST_CASE("funnel: no inflation when the units vary no more than the binomial") {
  // z = −0.5, 0, 0.5 (units of 100 at p₀ = 0.2: counts 18, 20, 22): φ < 1, and 3φ < 2, so τ² = 0.
  const std::vector<double> count = {18, 20, 22}, n = {100, 100, 100};
  auto m = qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::multiplicative);
  REQUIRE(m.ok());
  CHECK(m->phi < 1.0);
  CHECK(m->tau2 == 0.0);
  CHECK_FALSE(m->inflated);
  CHECK(m->note.find("phi <= 1: limits not widened") != std::string::npos);
  const std::vector<double> levels = {0.95};
  auto lm = qs::funnel_limits(0.2, n, levels, *m);
  auto plain = qs::funnel_limits(0.2, n, levels, qs::FunnelMethod::normal);
  REQUIRE(lm.ok());
  REQUIRE(plain.ok());
  CHECK(lm->high(0, 0) == plain->high(0, 0));
}

TEST_CASE("funnel: zero numerators are kept, zero denominators left out and counted") {
  // Units: 0 of 50 (z = −0.2/√(0.16/50) = −3.535534), 10 of 50 (z = 0), 15 of 50 (1.767767),
  // and one of size 0. Two zero-size units must not change the estimate.
  const std::vector<double> count = {0, 10, 15, 0, 0}, n = {50, 50, 50, 0, 0};
  auto m = qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::additive, 0.0);
  REQUIRE(m.ok());
  CHECK(m->units == 3);
  CHECK(m->zero_denominators == 2);
  CHECK(m->zero_numerators == 1);
  CHECK(m->winsorised == 0);
  // winsor = 0 keeps every z: φ = (12.5 + 0 + 3.125)/3.
  CHECK(m->phi == doctest::Approx((12.5 + 3.125) / 3.0).epsilon(1e-12));
  CHECK(m->note.find("2 unit(s) with denominator 0 left out") != std::string::npos);
  CHECK(m->note.find("numerator 0 kept") != std::string::npos);
  const std::vector<double> levels = {0.95};
  auto lm = qs::funnel_limits(0.2, n, levels, *m);
  REQUIRE(lm.ok());
  CHECK(std::isnan(lm->low(3, 0)));
  auto flags = qs::funnel_flags(count, n, 0.2, 0.95, qs::FunnelMethod::normal,
                                qs::Overdispersion::additive, 0.0);
  REQUIRE(flags.ok());
  CHECK((*flags)[3] == qs::FunnelFlag::no_data);
}

TEST_CASE("funnel: over-dispersion degenerate input and errors") {
  const std::vector<double> one_count = {3}, one_n = {10};
  auto one = qs::estimate_overdispersion(one_count, one_n, 0.2, qs::Overdispersion::additive);
  REQUIRE(one.ok());
  CHECK_FALSE(one->inflated);
  CHECK(std::isnan(one->phi));
  CHECK(one->note.find("needs at least two") != std::string::npos);
  const std::vector<double> count = {1, 2}, n = {10, 10};
  auto flat = qs::estimate_overdispersion(count, n, 0.0, qs::Overdispersion::additive);
  REQUIRE(flat.ok());
  CHECK(flat->note.find("no binomial variance") != std::string::npos);
  CHECK_FALSE(qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::additive, 0.5).ok());
  const std::vector<double> too_many = {11, 2};
  auto bad = qs::estimate_overdispersion(too_many, n, 0.2, qs::Overdispersion::additive);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "count[0] = 11 is not a count in [0, n[0] = 10]");
  auto exact = qs::funnel_flags(count, n, 0.2, 0.95, qs::FunnelMethod::exact,
                                qs::Overdispersion::multiplicative);
  REQUIRE_FALSE(exact.ok());
  CHECK(exact.status().message().find("use method 'normal'") != std::string::npos);
  auto est = qs::estimate_overdispersion(count, n, 0.2, qs::Overdispersion::additive);
  REQUIRE(est.ok());
  const std::vector<double> levels = {0.95};
  auto other = qs::funnel_limits(0.3, n, levels, *est);
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().message().find("estimated against benchmark 0.2") != std::string::npos);
  CHECK(qs::parse_overdispersion("additive").value() == qs::Overdispersion::additive);
  CHECK_FALSE(qs::parse_overdispersion("random").ok());
}
