// Bootstrap intervals from resampled counts: reproducibility, the multinomial draw, the
// jackknife acceleration against its closed form, and degenerate input.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "qaframe/stats/agreement/bootstrap.hpp"

namespace qs = qaframe::stats;

namespace {

qs::CountMatrix example_table() {
  qs::CountMatrix t(4, 4);
  t << 20, 6, 1, 0,  //
      4, 35, 9, 1,   //
      1, 8, 40, 6,   //
      0, 1, 5, 15;
  return t;
}

qs::BootstrapOptions options(std::uint64_t seed, qs::IntervalMethod method,
                             std::int64_t n_resamples = 2000) {
  qs::BootstrapOptions o;
  o.seed = seed;
  o.method = method;
  o.n_resamples = n_resamples;
  return o;
}

}  // namespace

TEST_CASE("bootstrap: the multinomial draw keeps the total, empty cells and the cell means") {
  const std::vector<std::int64_t> counts = {5, 0, 12, 3, 0, 80};
  std::mt19937_64 engine(7);
  Eigen::VectorXd y(6);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(6);
  const int draws = 20000;
  bool every_draw_valid = true;
  for (int b = 0; b < draws; ++b) {
    qs::detail::draw_multinomial(counts, 100, engine, y);
    every_draw_valid = every_draw_valid && y.sum() == 100.0 && y(1) == 0.0 && y(4) == 0.0 &&
                       (y.array() >= 0.0).all();
    sum += y;
  }
  CHECK(every_draw_valid);
  // E[y_c] = n_c; the Monte-Carlo standard error of the mean is √(n p (1−p) / draws) < 0.03.
  for (int c = 0; c < 6; ++c) {
    CHECK(std::fabs(sum(c) / draws - static_cast<double>(counts[c])) < 0.12);
  }
}

TEST_CASE("bootstrap: the same seed gives the same resamples, another seed others") {
  const auto t = example_table();
  const Eigen::MatrixXd w = qs::agreement_weights(qs::Weighting::kQuadratic, 4);
  auto a = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w,
                                   options(42, qs::IntervalMethod::kBca));
  auto b = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w,
                                   options(42, qs::IntervalMethod::kBca));
  auto c = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w,
                                   options(43, qs::IntervalMethod::kBca));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(a->seed == 42);
  CHECK(a->n_resamples == 2000);
  CHECK(a->n_valid == 2000);
  CHECK(a->distribution == b->distribution);
  CHECK(a->low == b->low);
  CHECK(a->high == b->high);
  CHECK(a->distribution != c->distribution);
  // The point estimate is the kappa of the table.
  auto k = qs::cohen_kappa(t, w);
  REQUIRE(k.ok());
  CHECK(a->statistic == doctest::Approx(k->statistic).epsilon(1e-12));
  CHECK(a->low < a->statistic);
  CHECK(a->statistic < a->high);
  // The bootstrap standard error estimates the delta-method one (Fleiss, Cohen and Everitt).
  CHECK(a->standard_error == doctest::Approx(k->se).epsilon(0.1));
}

TEST_CASE("bootstrap: percentile interval is the type-7 quantiles of the distribution") {
  auto r = qs::bootstrap_agreement(example_table(), qs::AgreementStatistic::kPercentAgreement,
                                   Eigen::MatrixXd(), options(1, qs::IntervalMethod::kPercentile));
  REQUIRE(r.ok());
  std::vector<double> s = r->distribution;
  std::sort(s.begin(), s.end());
  // (B − 1) · 0.025 = 49.975 and (B − 1) · 0.975 = 1949.025.
  CHECK(r->low == doctest::Approx(s[49] + 0.975 * (s[50] - s[49])).epsilon(1e-14));
  CHECK(r->high == doctest::Approx(s[1949] + 0.025 * (s[1950] - s[1949])).epsilon(1e-14));
}

// For a share p̂ = x/n the leave-one-out values are (x−1)/(n−1) and x/(n−1), so
// a = Σd³ / 6(Σd²)^{3/2} = (1 − 2p̂) / (6 √(n p̂ (1 − p̂))) (Efron and Tibshirani 1993, §14.3).
TEST_CASE("bootstrap: jackknife acceleration of a share equals its closed form") {
  qs::CountVector counts(4);
  counts << 10, 25, 45, 20;  // "good or better" = categories 2 and 3: 65 of 100
  const std::vector<std::int64_t> good = {2, 3};
  auto r = qs::bootstrap_share(counts, good, options(2024, qs::IntervalMethod::kBca));
  REQUIRE(r.ok());
  const double p = 0.65;
  CHECK(r->statistic == doctest::Approx(p));
  CHECK(r->acceleration ==
        doctest::Approx((1.0 - 2.0 * p) / (6.0 * std::sqrt(100.0 * p * (1.0 - p)))).epsilon(1e-12));
  // Normal-theory half-width 1.96 · √(p(1−p)/n) = 0.0935; the bootstrap agrees to Monte-Carlo
  // and discreteness error.
  CHECK(r->high - r->low ==
        doctest::Approx(2 * 1.959964 * std::sqrt(p * (1 - p) / 100)).epsilon(0.08));
  CHECK(r->note.empty());
}

TEST_CASE("bootstrap: BCa with all resamples equal collapses to the point, with a note") {
  qs::CountVector counts(3);
  counts << 0, 12, 0;
  const std::vector<std::int64_t> mid = {1};
  auto r = qs::bootstrap_share(counts, mid, options(5, qs::IntervalMethod::kBca));
  REQUIRE(r.ok());
  CHECK(r->statistic == 1.0);
  CHECK(r->acceleration == 0.0);
  CHECK(r->bias_correction == 0.0);
  CHECK(r->low == 1.0);
  CHECK(r->high == 1.0);
  CHECK(r->note.find("acceleration set to 0") != std::string::npos);
}

TEST_CASE("bootstrap: undefined statistic gives NaN and says why") {
  qs::CountMatrix t = qs::CountMatrix::Zero(3, 3);
  t(0, 0) = 25;
  auto r = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa,
                                   qs::agreement_weights(qs::Weighting::kNone, 3),
                                   options(3, qs::IntervalMethod::kBca));
  REQUIRE(r.ok());
  CHECK(std::isnan(r->statistic));
  CHECK(std::isnan(r->low));
  CHECK(r->note.find("p_e = 1") != std::string::npos);
  CHECK(r->distribution.empty());
}

TEST_CASE("bootstrap: resamples where kappa is undefined are left out and counted") {
  // 3 pairs: a resample that draws one cell three times has p_e = 1.
  qs::CountMatrix t = qs::CountMatrix::Zero(2, 2);
  t(0, 0) = 1;
  t(1, 1) = 1;
  t(0, 1) = 1;
  auto r = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa,
                                   qs::agreement_weights(qs::Weighting::kNone, 2),
                                   options(11, qs::IntervalMethod::kPercentile, 500));
  REQUIRE(r.ok());
  CHECK(r->n_valid < 500);
  CHECK(r->n_valid > 300);
  CHECK(static_cast<std::int64_t>(r->distribution.size()) == r->n_valid);
  CHECK(r->note.find("left out") != std::string::npos);
  CHECK(std::isfinite(r->low));
}

TEST_CASE("bootstrap: invalid arguments are errors") {
  const auto t = example_table();
  const Eigen::MatrixXd w = qs::agreement_weights(qs::Weighting::kNone, 4);
  auto o = options(1, qs::IntervalMethod::kBca, 1);
  CHECK_FALSE(qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w, o).ok());
  o = options(1, qs::IntervalMethod::kBca);
  o.level = 1.5;
  CHECK_FALSE(qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w, o).ok());
  CHECK_FALSE(qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa,
                                      Eigen::MatrixXd::Identity(3, 3),
                                      options(1, qs::IntervalMethod::kBca))
                  .ok());
  qs::CountVector counts(2);
  counts << 3, 4;
  const std::vector<std::int64_t> bad = {2};
  CHECK_FALSE(qs::bootstrap_share(counts, bad, options(1, qs::IntervalMethod::kBca)).ok());
  CHECK_FALSE(
      qs::bootstrap_share(counts, std::vector<std::int64_t>{}, options(1, qs::IntervalMethod::kBca))
          .ok());
  CHECK_FALSE(qs::parse_interval_method("basic").ok());
  CHECK_FALSE(qs::parse_agreement_statistic("icc").ok());
}

TEST_CASE("bootstrap: the binomial sampler's means and variances match n p and n p (1 - p)") {
  // Inversion (n p < 10), BTRS (n p >= 10), p above one half (by symmetry), and the edges.
  const std::pair<std::int64_t, double> cases[] = {{1, 0.5},    {7, 0.1},       {30, 0.2},
                                                   {40, 0.3},   {100, 0.5},     {1000, 0.013},
                                                   {1000, 0.7}, {100000, 0.42}, {25, 0.97}};
  std::mt19937_64 engine(20180331);
  for (const auto& [n, p] : cases) {
    CAPTURE(n);
    CAPTURE(p);
    const int draws = 40000;
    double sum = 0.0;
    double sum2 = 0.0;
    bool in_range = true;
    for (int i = 0; i < draws; ++i) {
      const std::int64_t x = qs::draw_binomial(engine, n, p);
      in_range = in_range && x >= 0 && x <= n;
      sum += static_cast<double>(x);
      sum2 += static_cast<double>(x) * static_cast<double>(x);
    }
    CHECK(in_range);
    const double mean = sum / draws;
    const double var = sum2 / draws - mean * mean;
    const double nd = static_cast<double>(n);
    const double m = nd * p;
    const double v = nd * p * (1.0 - p);
    // Five Monte-Carlo standard errors: of the mean √(v / draws); of the variance about
    // v √(2 / draws) (nearly normal counts), with room for the kurtosis of small n.
    CHECK(std::fabs(mean - m) < 5.0 * std::sqrt(v / draws));
    CHECK(std::fabs(var - v) < 5.0 * v * std::sqrt(3.0 / draws) + 1e-12);
  }
  CHECK(qs::draw_binomial(engine, 0, 0.5) == 0);
  CHECK(qs::draw_binomial(engine, 10, 0.0) == 0);
  CHECK(qs::draw_binomial(engine, 10, 1.0) == 10);
}

TEST_CASE("bootstrap: log_factorial, without lgamma, agrees with lgamma") {
  for (int k : {0, 1, 5, 9, 10, 11, 50, 1000, 123456}) {
    CAPTURE(k);
    CHECK(qs::detail::log_factorial(k) == doctest::Approx(std::lgamma(k + 1.0)).epsilon(1e-11));
  }
}

TEST_CASE("bootstrap: draws are fixed by the seed, whatever the standard library") {
  // std::mt19937_64's outputs are specified by the C++ standard, and the sampler is the
  // library's own: these draws are the same with libstdc++, libc++ or MSVC's library.
  std::mt19937_64 engine;  // [rand.predef]: the 10000th output of the default engine
  engine.discard(9999);
  CHECK(engine() == 9981545732273789042ULL);
  std::mt19937_64 a(99), b(99);
  std::vector<std::int64_t> da, db;
  for (int i = 0; i < 1000; ++i) {
    da.push_back(qs::draw_binomial(a, 50 + i, 0.37));
    db.push_back(qs::draw_binomial(b, 50 + i, 0.37));
  }
  CHECK(da == db);
}

TEST_CASE("bootstrap: threads bootstrapping at once get the results of one thread (no race)") {
  // Run under ThreadSanitizer by scripts/test.sh: std::binomial_distribution, used before,
  // called lgamma, which writes glibc's global signgam.
  const auto t = example_table();
  const Eigen::MatrixXd w = qs::agreement_weights(qs::Weighting::kQuadratic, 4);
  auto once = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w,
                                      options(5, qs::IntervalMethod::kBca, 500));
  REQUIRE(once.ok());
  std::vector<qs::BootstrapResult> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto r = qs::bootstrap_agreement(t, qs::AgreementStatistic::kCohenKappa, w,
                                       options(5, qs::IntervalMethod::kBca, 500));
      if (r.ok()) results[static_cast<std::size_t>(i)] = *std::move(r);
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) {
    CHECK(r.distribution == once->distribution);
    CHECK(r.low == once->low);
    CHECK(r.high == once->high);
  }
}
