// Exact small-sample tests: Fisher's exact test (with mid-p and the conditional odds ratio), the
// exact Mann-Whitney and Kendall p-values, against published examples and full enumeration.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <vector>

#include <Eigen/Core>

#include "qaframe/stats/inference/correlation.hpp"
#include "qaframe/stats/inference/exact.hpp"
#include "qaframe/stats/inference/rank_tests.hpp"

namespace qs = qaframe::stats;

namespace {
Eigen::MatrixXd table2(double a, double b, double c, double d) {
  Eigen::MatrixXd t(2, 2);
  t << a, b, c, d;
  return t;
}

qs::FisherExactResult fisher(const Eigen::MatrixXd& t,
                             qs::Alternative alt = qs::Alternative::two_sided, bool mid_p = false) {
  auto r = qs::fisher_exact(t, alt, mid_p);
  REQUIRE(r.ok());
  return *r;
}
}  // namespace

TEST_CASE("exact: Fisher's tea-tasting table") {
  // Fisher (1935), "The Design of Experiments", §2: 4 cups with milk first, 4 with tea first;
  // the lady names 3 of the 4 milk-first cups correctly. With the margins fixed, X = a has
  // P(X = x) = C(4, x) C(4, 4 − x)/C(8, 4) = 1, 16, 36, 16, 1 (/70) for x = 0..4.
  const Eigen::MatrixXd tea = table2(3, 1, 1, 3);
  // Two-sided: the tables no more likely than the observed 16/70 are x = 0, 1, 3, 4: 34/70,
  // the published 0.4857 (R's fisher.test, scipy's fisher_exact).
  const auto two = fisher(tea);
  CHECK(two.pvalue == doctest::Approx(34.0 / 70.0).epsilon(1e-14));
  CHECK(two.point_probability == doctest::Approx(16.0 / 70.0).epsilon(1e-14));
  CHECK(two.statistic == 9.0);  // sample odds ratio 3·3/(1·1)
  // One-sided "greater": P(X ≥ 3) = 17/70 = 0.2429 (R's ?fisher.test example, TeaTasting).
  CHECK(fisher(tea, qs::Alternative::greater).pvalue ==
        doctest::Approx(17.0 / 70.0).epsilon(1e-14));
  CHECK(fisher(tea, qs::Alternative::less).pvalue == doctest::Approx(69.0 / 70.0).epsilon(1e-14));
  // The conditional MLE solves E_ψ[X] = 3, i.e. Σ x·wₓψˣ = 3 Σ wₓψˣ with w = 1, 16, 36, 16, 1:
  // R's fisher.test reports 6.408309, found by uniroot to its default tolerance
  // ε^¼ ≈ 1.2e-4; the root itself satisfies the equation to rounding.
  const double psi = two.conditional_odds_ratio;
  CHECK(std::fabs(psi - 6.408309) < 1.22e-4);
  const double w[] = {1, 16, 36, 16, 1};
  double s0 = 0.0, s1 = 0.0;
  for (int x = 0; x < 5; ++x) {
    s0 += w[x] * std::pow(psi, x);
    s1 += x * w[x] * std::pow(psi, x);
  }
  CHECK(s1 / s0 == doctest::Approx(3.0).epsilon(1e-14));
  // Mid-p (Lancaster 1961): half the observed table's probability off, by hand:
  // two-sided 34/70 − 8/70 = 26/70; greater 17/70 − 8/70 = 9/70; less 69/70 − 8/70 = 61/70.
  CHECK(fisher(tea, qs::Alternative::two_sided, true).pvalue ==
        doctest::Approx(26.0 / 70.0).epsilon(1e-14));
  CHECK(fisher(tea, qs::Alternative::greater, true).pvalue ==
        doctest::Approx(9.0 / 70.0).epsilon(1e-14));
  CHECK(fisher(tea, qs::Alternative::less, true).pvalue ==
        doctest::Approx(61.0 / 70.0).epsilon(1e-14));
  CHECK(fisher(tea, qs::Alternative::two_sided, true).mid_p);
}

TEST_CASE("exact: Fisher's test equals a sum over every table with the margins") {
  // Enumerate the hypergeometric support by exact binomial coefficients and sum the tables at
  // most as likely as the observed (with scipy's relative tolerance 1e-14).
  const auto choose = [](double n, double k) {
    double c = 1.0;
    for (double i = 1.0; i <= k; ++i) c = c * (n - k + i) / i;
    return c;
  };
  for (double a = 0; a <= 6; ++a)
    for (double b = 0; b <= 5; ++b)
      for (double c = 0; c <= 7; ++c)
        for (double d : {0.0, 1.0, 4.0, 9.0}) {
          const double n1 = a + b, n2 = c + d, m = a + c;
          if (n1 == 0 || n2 == 0 || m == 0 || b + d == 0) continue;
          std::vector<double> prob;
          const double lo = std::max(0.0, m - n2), hi = std::min(m, n1);
          double total = 0.0;
          for (double x = lo; x <= hi; ++x) {
            prob.push_back(choose(n1, x) * choose(n2, m - x));
            total += prob.back();
          }
          for (auto& p : prob) p /= total;
          const double pa = prob[static_cast<std::size_t>(a - lo)];
          double two = 0.0, less = 0.0, greater = 0.0;
          for (double x = lo; x <= hi; ++x) {
            const double p = prob[static_cast<std::size_t>(x - lo)];
            if (p <= pa * (1 + 1e-14)) two += p;
            if (x <= a) less += p;
            if (x >= a) greater += p;
          }
          CAPTURE(a);
          CAPTURE(b);
          CAPTURE(c);
          CAPTURE(d);
          const Eigen::MatrixXd t = table2(a, b, c, d);
          CHECK(fisher(t).pvalue == doctest::Approx(std::min(1.0, two)).epsilon(1e-12));
          CHECK(fisher(t, qs::Alternative::less).pvalue == doctest::Approx(less).epsilon(1e-12));
          CHECK(fisher(t, qs::Alternative::greater).pvalue ==
                doctest::Approx(greater).epsilon(1e-12));
          CHECK(fisher(t, qs::Alternative::greater, true).pvalue ==
                doctest::Approx(greater - pa / 2).epsilon(1e-12));
          // The conditional MLE makes the noncentral mean equal the observed count.
          const double psi = fisher(t).conditional_odds_ratio;
          if (a == lo) {
            CHECK(psi == 0.0);
          } else if (a == hi) {
            CHECK(std::isinf(psi));
          } else {
            double s0 = 0.0, s1 = 0.0;
            for (double x = lo; x <= hi; ++x) {
              const double w = prob[static_cast<std::size_t>(x - lo)] * std::pow(psi, x);
              s0 += w;
              s1 += w * x;
            }
            CHECK(s1 / s0 == doctest::Approx(a).epsilon(1e-10));
          }
        }
}

TEST_CASE("exact: Fisher's test on degenerate and invalid tables") {
  // An empty row leaves one possible table: p = 1, the odds ratio undefined (scipy: nan, 1.0).
  const auto empty = fisher(table2(0, 0, 3, 4));
  CHECK(empty.pvalue == 1.0);
  CHECK(std::isnan(empty.statistic));
  CHECK(std::isnan(empty.conditional_odds_ratio));
  CHECK(empty.note.find("empty") != std::string::npos);
  // b·c = 0 with a, d > 0: the sample odds ratio is infinite, the conditional one too.
  const auto inf = fisher(table2(5, 0, 0, 5));
  CHECK(std::isinf(inf.statistic));
  CHECK(std::isinf(inf.conditional_odds_ratio));
  CHECK(inf.pvalue == doctest::Approx(2.0 / 252.0).epsilon(1e-13));  // 2/C(10, 5)
  auto bad = qs::fisher_exact(table2(1, -2, 3, 4));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "table[0, 1] = -2 is not a whole count >= 0");
  CHECK_FALSE(qs::fisher_exact(table2(1, 2.5, 3, 4)).ok());
  CHECK_FALSE(qs::fisher_exact(Eigen::MatrixXd::Ones(2, 3)).ok());
  auto huge = qs::fisher_exact(table2(1e9, 1e9, 1, 1));
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.status().message().find("more than the exact test handles") != std::string::npos);
}

TEST_CASE("exact: the Mann-Whitney null distribution equals full enumeration") {
  // Every way of choosing which n₁ of the n₁ + n₂ ranks belong to x: U₁ = R₁ − n₁(n₁ + 1)/2.
  for (std::size_t n1 = 1; n1 <= 6; ++n1)
    for (std::size_t n2 = 1; n2 <= 7; ++n2) {
      const std::size_t n = n1 + n2;
      std::map<std::size_t, double> counts;
      double ways = 0.0;
      for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        if (static_cast<std::size_t>(std::popcount(mask)) != n1) continue;
        std::size_t r1 = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (mask & (1u << i)) r1 += i + 1;
        counts[r1 - n1 * (n1 + 1) / 2] += 1.0;
        ways += 1.0;
      }
      auto pmf = qs::mann_whitney_null_pmf(n1, n2);
      REQUIRE(pmf.ok());
      REQUIRE(pmf->size() == static_cast<Eigen::Index>(n1 * n2 + 1));
      CAPTURE(n1);
      CAPTURE(n2);
      for (std::size_t k = 0; k <= n1 * n2; ++k)
        CHECK((*pmf)[static_cast<Eigen::Index>(k)] ==
              doctest::Approx(counts[k] / ways).epsilon(1e-14));
    }
  CHECK_FALSE(qs::mann_whitney_null_pmf(0, 3).ok());
  CHECK_FALSE(qs::mann_whitney_null_pmf(2000, 2000).ok());
}

TEST_CASE("exact: Mann-Whitney exact p-values by hand") {
  // x = 1, 2, 3 against y = 4, 5: U₁ = 0 and U₂ = 6 = n₁n₂. Of the C(5, 3) = 10 arrangements
  // one has U = 6, so two-sided p = 2·(1/10), "less" (x smaller, U₂ = 6) p = 1/10, "greater"
  // P(U ≥ 0) = 1. No ties and n ≤ 8: auto chooses exact.
  const std::vector<double> x = {1, 2, 3}, y = {4, 5};
  auto a = qs::mann_whitney(x, y);
  REQUIRE(a.ok());
  CHECK(a->method == qs::PValueMethod::exact);
  CHECK(a->statistic == 0.0);
  CHECK(a->pvalue == doctest::Approx(0.2).epsilon(1e-14));
  auto less = qs::mann_whitney(x, y, true, qs::Alternative::less);
  REQUIRE(less.ok());
  CHECK(less->pvalue == doctest::Approx(0.1).epsilon(1e-14));
  auto greater = qs::mann_whitney(x, y, true, qs::Alternative::greater);
  REQUIRE(greater.ok());
  CHECK(greater->pvalue == 1.0);
  // x = 1, 4, 6 against y = 2, 3, 5, 7: R₁ = 11, U₁ = 5, U₂ = 7; P(U ≥ 7) for (3, 4) from the
  // 35 arrangements with U = 7..12: 4 + 4 + 3 + 2 + 1 + 1 = 15, so p = 2·15/35 = 6/7.
  auto mid = qs::mann_whitney(std::vector<double>{1, 4, 6}, std::vector<double>{2, 3, 5, 7});
  REQUIRE(mid.ok());
  CHECK(mid->statistic == 5.0);
  CHECK(mid->pvalue == doctest::Approx(30.0 / 35.0).epsilon(1e-14));
  // Ties: auto falls back to the tie-corrected normal approximation; exact is refused.
  auto tied = qs::mann_whitney(std::vector<double>{1, 2, 2}, std::vector<double>{2, 3});
  REQUIRE(tied.ok());
  CHECK(tied->method == qs::PValueMethod::asymptotic);
  auto refused = qs::mann_whitney(std::vector<double>{1, 2, 2}, std::vector<double>{2, 3}, true,
                                  qs::Alternative::two_sided, qs::PValueMethod::exact);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("assumes no ties") != std::string::npos);
  // Both samples larger than 8: auto is asymptotic, exact still available on request.
  std::vector<double> big_x(9), big_y(10);
  std::iota(big_x.begin(), big_x.end(), 0.0);
  std::iota(big_y.begin(), big_y.end(), 4.5);
  auto big = qs::mann_whitney(big_x, big_y);
  REQUIRE(big.ok());
  CHECK(big->method == qs::PValueMethod::asymptotic);
  auto big_exact =
      qs::mann_whitney(big_x, big_y, true, qs::Alternative::two_sided, qs::PValueMethod::exact);
  REQUIRE(big_exact.ok());
  CHECK(big_exact->method == qs::PValueMethod::exact);
  CHECK(big_exact->pvalue > 0.0);
  CHECK(big_exact->pvalue < 1.0);
}

TEST_CASE("exact: Kendall's exact distribution equals enumeration of permutations") {
  // For x = 1..n the pairs (i, j) are concordant where y keeps its order: C = n₀ − inversions.
  for (std::size_t n = 2; n <= 7; ++n) {
    std::vector<int> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    std::map<std::int64_t, double> counts;
    double total = 0.0;
    do {
      std::int64_t inv = 0;
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) inv += perm[i] > perm[j];
      counts[inv] += 1.0;
      total += 1.0;
    } while (std::next_permutation(perm.begin(), perm.end()));
    const auto n0 = static_cast<std::int64_t>(n * (n - 1) / 2);
    for (std::int64_t k = 0; 4 * k <= static_cast<std::int64_t>(n * (n - 1)); ++k) {
      const auto [cdf, at] = qs::detail::kendall_exact_lower_tail(n, static_cast<std::size_t>(k));
      double expected = 0.0;
      for (std::int64_t i = 0; i <= k; ++i) expected += counts[i];
      CAPTURE(n);
      CAPTURE(k);
      CHECK(cdf == doctest::Approx(expected / total).epsilon(1e-14));
      CHECK(at == doctest::Approx(counts[k] / total).epsilon(1e-14));
      CHECK(counts[k] == counts[n0 - k]);  // the symmetry the lower tail relies on
    }
  }
}

TEST_CASE("exact: Kendall exact p-values by hand") {
  // x = 1..5, y = 2, 1, 4, 3, 5: 2 discordant of 10 pairs, C = 8. Inversions of 5 items are
  // distributed 1, 4, 9, 15, 20, 22, ... (/120): P(C ≥ 8) = P(C ≤ 2) = 14/120.
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 1, 4, 3, 5};
  auto k = qs::kendall_tau(x, y);
  REQUIRE(k.ok());
  CHECK(k->method == qs::PValueMethod::exact);
  CHECK(k->statistic == doctest::Approx(0.6));
  CHECK(k->pvalue == doctest::Approx(28.0 / 120.0).epsilon(1e-14));
  auto g = qs::kendall_tau(x, y, qs::Alternative::greater);
  REQUIRE(g.ok());
  CHECK(g->pvalue == doctest::Approx(14.0 / 120.0).epsilon(1e-14));
  // "less" looks the other way: P(C ≤ 8) = 1 − P(C ≥ 9) = 1 − 5/120.
  auto l = qs::kendall_tau(x, y, qs::Alternative::less);
  REQUIRE(l.ok());
  CHECK(l->pvalue == doctest::Approx(115.0 / 120.0).epsilon(1e-14));
  // Two pairs: C is 0 or 1 with probability ½ each, two-sided p = 1.
  auto two = qs::kendall_tau(std::vector<double>{1, 2}, std::vector<double>{1, 2});
  REQUIRE(two.ok());
  CHECK(two->pvalue == 1.0);
  // A perfectly ordered large sample: auto stays exact (min(n_d, n₀ − n_d) = 0), p = 2/n!.
  std::vector<double> big(40);
  std::iota(big.begin(), big.end(), 0.0);
  auto ordered = qs::kendall_tau(big, big);
  REQUIRE(ordered.ok());
  CHECK(ordered->method == qs::PValueMethod::exact);
  CHECK(ordered->pvalue == doctest::Approx(2.0 / std::tgamma(41.0)).epsilon(1e-12));
  // Ties: auto is asymptotic; exact is refused, as scipy does.
  auto tied = qs::kendall_tau(std::vector<double>{1, 1, 2, 3}, std::vector<double>{1, 2, 2, 3});
  REQUIRE(tied.ok());
  CHECK(tied->method == qs::PValueMethod::asymptotic);
  auto refused = qs::kendall_tau(std::vector<double>{1, 1, 2, 3}, std::vector<double>{1, 2, 2, 3},
                                 qs::Alternative::two_sided, qs::PValueMethod::exact);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("assumes no ties") != std::string::npos);
  CHECK(qs::parse_pvalue_method("auto").value() == qs::PValueMethod::automatic);
  CHECK_FALSE(qs::parse_pvalue_method("permutation").ok());
}
