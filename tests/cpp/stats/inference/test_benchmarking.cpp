// LAIT-style benchmarking: ranks with ties, quartile bands by polarity, change from the previous
// period and the comparators' mean, on a hand-made set of neighbours.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "qaframe/stats/inference/benchmarking.hpp"

namespace qs = qaframe::stats;

namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("benchmarking: rank, band, change and mean by hand") {
  // The unit 62 among neighbours 70, 55, 62, 80, 48, 62, 91, x, 66, c (two suppressed).
  // Values ranked, the unit's included: 48 55 62 62 62 66 70 80 91, nine values.
  const std::vector<double> neighbours = {70, 55, 62, 80, 48, 62, 91, kMissing, 66, kMissing};
  // Higher is better: 66, 70, 80 and 91 are better, so rank 5, shared with the two other 62s.
  auto hi = qs::benchmark_rank(62, neighbours, qs::Better::higher, 58);
  REQUIRE(hi.ok());
  CHECK(hi->rank == 5.0);
  CHECK(hi->ranked == 9);
  CHECK(hi->comparators_used == 8);
  CHECK(hi->comparators_missing == 2);
  // Mean of the eight neighbours with values: 534/8.
  CHECK(hi->comparators_mean == doctest::Approx(534.0 / 8.0));
  // The same nine values band by default: type-7 quartiles at h = 8·p = 2, 4, 6 are
  // q1 = 62, median = 62, q3 = 70. 62 ≤ q1: the lowest values, so band D when higher is better
  // (LAIT puts a value on a cut point in the band of lower values).
  CHECK(hi->q1 == 62.0);
  CHECK(hi->median == 62.0);
  CHECK(hi->q3 == 70.0);
  CHECK(hi->banded == 9);
  CHECK(hi->band == "D");
  CHECK(hi->change == 4.0);
  CHECK(hi->direction == "improved");
  CHECK(hi->note.find("2 of 10 comparator(s) have no value") != std::string::npos);
  // Lower is better: 48 and 55 are better, rank 3; 62 ≤ q1 is band A.
  auto lo = qs::benchmark_rank(62, neighbours, qs::Better::lower, 58);
  REQUIRE(lo.ok());
  CHECK(lo->rank == 3.0);
  CHECK(lo->band == "A");
  CHECK(lo->direction == "worsened");
  // 85 joins the banding values: 48 55 62 62 66 70 80 85 91, q3 = 80 < 85, so band A when
  // higher is better (only 91 is better: rank 2) and D when lower is better (rank 8).
  auto top = qs::benchmark_rank(85, neighbours, qs::Better::higher);
  REQUIRE(top.ok());
  CHECK(top->rank == 2.0);
  CHECK(top->band == "A");
  CHECK(std::isnan(top->change));
  CHECK(top->direction.empty());
  auto bottom = qs::benchmark_rank(85, neighbours, qs::Better::lower);
  REQUIRE(bottom.ok());
  CHECK(bottom->rank == 8.0);
  CHECK(bottom->band == "D");
}

TEST_CASE("benchmarking: a national population for the bands, missing values, errors") {
  // Bands against 1..100 (q1 = 25.75, median = 50.5, q3 = 75.25), rank among the neighbours.
  std::vector<double> england(100);
  for (int i = 0; i < 100; ++i) england[static_cast<std::size_t>(i)] = i + 1.0;
  england[7] = kMissing;
  const std::vector<double> neighbours = {10, 20, 30};
  auto r = qs::benchmark_rank(60, neighbours, qs::Better::higher, 60, england);
  REQUIRE(r.ok());
  CHECK(r->rank == 1.0);
  CHECK(r->banded == 99);
  CHECK(r->population_missing == 1);
  CHECK(r->band == "B");  // 50.5 < 60 <= 75.25 and higher is better
  CHECK(r->direction == "no change");
  auto none = qs::benchmark_rank(kMissing, neighbours, qs::Better::lower);
  REQUIRE(none.ok());
  CHECK(std::isnan(none->rank));
  CHECK(none->band.empty());
  CHECK(none->comparators_mean == 20.0);
  CHECK(none->note.find("the unit has no value") == 0);
  const std::vector<double> with_inf = {1, std::numeric_limits<double>::infinity()};
  auto bad = qs::benchmark_rank(1, with_inf, qs::Better::lower);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "comparators[1] = inf is not a finite value or missing");
  CHECK(qs::parse_better("low").value() == qs::Better::lower);
  CHECK_FALSE(qs::parse_better("up").ok());
}

TEST_CASE("quantile: linear interpolation between order statistics by hand") {
  // 1, 2, 3, 4: h = 3q. q = 0.25: h = 0.75, 1 + 0.75 = 1.75; q = 0.9: h = 2.7, 3.7; the ends
  // are the extremes. (numpy.percentile and R's quantile() give the same.)
  const std::vector<double> v = {1, 2, 3, 4};
  CHECK(qs::quantile_sorted(v, 0.25) == doctest::Approx(1.75));
  CHECK(qs::quantile_sorted(v, 0.9) == doctest::Approx(3.7));
  CHECK(qs::quantile_sorted(v, 0.0) == 1.0);
  CHECK(qs::quantile_sorted(v, 1.0) == 4.0);
  const std::vector<double> one = {5};
  CHECK(qs::quantile_sorted(one, 0.3) == 5.0);
  CHECK(std::isnan(qs::quantile_sorted(std::vector<double>{}, 0.5)));
  CHECK(std::isnan(qs::quantile_sorted(v, 1.5)));
}
