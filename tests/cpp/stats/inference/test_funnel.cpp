// Funnel-plot limits (Spiegelhalter 2005) and unit flags: against values computed once with
// scipy's binomial distribution, and against the properties that define the limits.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "qaframe/stats/inference/funnel.hpp"

namespace qs = qaframe::stats;

TEST_CASE("inference: exact funnel limits equal a direct scipy computation") {
  // Computed once with scipy 1.10.1 (python3-scipy, Debian 12):
  //   r = binom.ppf(p, n, p0); F = binom.cdf(r, n, p0); Fb = binom.cdf(r - 1, n, p0)
  //   limit = (r - (F - p)/(F - Fb))/n
  // at p = 0.001, 0.025, 0.975, 0.999 (two-sided levels 0.998 and 0.95).
  struct Row {
    double n, p0, lo998, lo95, hi95, hi998;
  };
  const std::vector<Row> rows = {
      {50, 0.2, 0.03477614320750776, 0.08440482201226907, 0.3070938833520582, 0.3791440976750372},
      {200, 0.65, 0.5413041841357117, 0.5806842376639058, 0.7129827091264977, 0.7493208985187287},
      {12, 0.9, 0.5100922800252312, 0.6641736031509587, 0.9926235288302664, 0.9997049411532107}};
  const std::vector<double> levels = {0.95, 0.998};
  for (const auto& r : rows) {
    CAPTURE(r.n);
    const std::vector<double> n = {r.n};
    auto f = qs::funnel_limits(r.p0, n, levels);
    REQUIRE(f.ok());
    CHECK(f->low(0, 0) == doctest::Approx(r.lo95).epsilon(1e-12));
    CHECK(f->high(0, 0) == doctest::Approx(r.hi95).epsilon(1e-12));
    CHECK(f->low(0, 1) == doctest::Approx(r.lo998).epsilon(1e-12));
    CHECK(f->high(0, 1) == doctest::Approx(r.hi998).epsilon(1e-12));
  }
}

TEST_CASE("inference: exact funnel limits satisfy their definition") {
  // With limit = (r_p − α)/n and 0 ≤ α < 1: r_p = ⌈n·limit⌉, P(R ≤ r_p) ≥ p > P(R ≤ r_p − 1),
  // and α is the share of the step at r_p above p.
  const std::vector<double> sizes = {1, 3, 10, 37, 150, 1000, 25000};
  const std::vector<double> levels = {0.8, 0.95, 0.998};
  for (double p0 : {0.03, 0.25, 0.5, 0.77, 0.99}) {
    auto f = qs::funnel_limits(p0, sizes, levels);
    REQUIRE(f.ok());
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      for (std::size_t j = 0; j < levels.size(); ++j) {
        const double n = sizes[i];
        for (const bool upper : {false, true}) {
          const double p = upper ? (1 + levels[j]) / 2 : (1 - levels[j]) / 2;
          const double limit =
              upper ? f->high(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))
                    : f->low(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
          CAPTURE(p0);
          CAPTURE(n);
          CAPTURE(p);
          if (limit == 0.0) {  // clipped: r_p = 0 and the interpolation went below 0
            CHECK(qs::binomial_cdf(0, n, p0) >= p);
            continue;
          }
          const double rp = std::ceil(n * limit - 1e-9);
          const double f_at = qs::binomial_cdf(rp, n, p0);
          const double f_below = qs::binomial_cdf(rp - 1, n, p0);
          CHECK(f_at >= p);
          CHECK(f_below < p);
          CHECK(rp - n * limit == doctest::Approx((f_at - p) / (f_at - f_below)).epsilon(1e-9));
        }
        // The 99.8% funnel contains the 95% one, which contains the benchmark.
        if (j > 0) {
          CHECK(f->low(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) <=
                f->low(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j - 1)));
          CHECK(f->high(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) >=
                f->high(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j - 1)));
        }
      }
    }
  }
}

TEST_CASE("inference: normal funnel limits by hand, and the exact ones approach them") {
  // p₀ = 0.3, n = 100: se = √(0.21/100) = 0.0458258; z 1.959964 and 3.090232 give half-widths
  // 0.0898168 and 0.1416122.
  const std::vector<double> n = {100};
  auto f = qs::funnel_limits(0.3, n, qs::FunnelMethod::normal);
  REQUIRE(f.ok());
  CHECK(f->low(0, 0) == doctest::Approx(0.3 - 0.0898168).epsilon(1e-6));
  CHECK(f->high(0, 0) == doctest::Approx(0.3 + 0.0898168).epsilon(1e-6));
  CHECK(f->low(0, 1) == doctest::Approx(0.3 - 0.1416122).epsilon(1e-6));
  CHECK(f->high(0, 1) == doctest::Approx(0.3 + 0.1416122).epsilon(1e-6));
  // For a large unit the binomial is nearly normal: the limits agree to O(1/n).
  const std::vector<double> big = {1e6};
  auto e = qs::funnel_limits(0.3, big);
  auto m = qs::funnel_limits(0.3, big, qs::FunnelMethod::normal);
  REQUIRE(e.ok());
  REQUIRE(m.ok());
  CHECK(std::fabs(e->low(0, 1) - m->low(0, 1)) < 5e-6);
  CHECK(std::fabs(e->high(0, 1) - m->high(0, 1)) < 5e-6);
}

TEST_CASE("inference: funnel flags") {
  // Benchmark 0.5, level 99.8%: 40/50 is far above, 10/50 far below, 27/50 within, and a unit
  // with no audits has no flag.
  const std::vector<double> count = {40, 10, 27, 0};
  const std::vector<double> n = {50, 50, 50, 0};
  auto flags = qs::funnel_flags(count, n, 0.5);
  REQUIRE(flags.ok());
  CHECK(*flags == std::vector<qs::FunnelFlag>{qs::FunnelFlag::above, qs::FunnelFlag::below,
                                              qs::FunnelFlag::within, qs::FunnelFlag::no_data});
  CHECK(qs::to_string((*flags)[3]) == "no data");
  // Default benchmark: the pooled proportion 77/150.
  auto pooled = qs::funnel_flags(count, n);
  REQUIRE(pooled.ok());
  CHECK(*pooled == *flags);
  // A flag agrees with the limits it is read from.
  const std::vector<double> sizes = {50};
  auto lim = qs::funnel_limits(0.5, sizes, std::vector<double>{0.998});
  REQUIRE(lim.ok());
  for (double x = 0; x <= 50; ++x) {
    auto one = qs::funnel_flags(std::vector<double>{x}, sizes, 0.5);
    REQUIRE(one.ok());
    const double share = x / 50;
    const auto want = share > lim->high(0, 0)  ? qs::FunnelFlag::above
                      : share < lim->low(0, 0) ? qs::FunnelFlag::below
                                               : qs::FunnelFlag::within;
    CHECK((*one)[0] == want);
  }
}

TEST_CASE("inference: funnel degenerate input and argument errors") {
  const std::vector<double> n = {0, 10};
  auto z = qs::funnel_limits(0.0, n);
  REQUIRE(z.ok());
  CHECK(std::isnan(z->low(0, 0)));
  CHECK(z->low(1, 0) == 0.0);
  CHECK(z->high(1, 1) == 0.0);
  auto bad = qs::funnel_limits(1.2, n);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "benchmark must be a proportion in [0, 1], got 1.2");
  auto frac = qs::funnel_limits(0.5, std::vector<double>{2.5});
  REQUIRE_FALSE(frac.ok());
  CHECK(frac.status().message().find("n[0] = 2.5 is not a whole number") != std::string::npos);
  CHECK(qs::funnel_limits(0.5, std::vector<double>{2.5}, qs::FunnelMethod::normal).ok());
  CHECK_FALSE(qs::funnel_limits(0.5, n, std::vector<double>{1.0}).ok());
  auto over = qs::funnel_flags(std::vector<double>{11}, std::vector<double>{10});
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().message() == "count[0] = 11 is not a count in [0, n[0] = 10]");
  CHECK_FALSE(qs::funnel_flags(std::vector<double>{1, 2}, std::vector<double>{10}).ok());
  CHECK_FALSE(qs::parse_funnel_method("poisson").ok());
}
