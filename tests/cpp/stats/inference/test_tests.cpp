// Tests for comparing groups and periods: chi-square, Cochran-Armitage, Mann-Whitney, Spearman,
// Kendall and Holm, against published examples, hand derivations and brute force.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "qaframe/stats/inference/contingency.hpp"
#include "qaframe/stats/inference/correlation.hpp"
#include "qaframe/stats/inference/rank_tests.hpp"
#include "qaframe/stats/multiple_testing.hpp"

namespace qs = qaframe::stats;

namespace {
// A figure published to d decimals is matched to half a unit in its last place; doctest's
// Approx tolerance is epsilon·(1 + |value|).
doctest::Approx published(double value, int decimals) {
  return doctest::Approx(value).epsilon(0.5 * std::pow(10.0, -decimals) / (1.0 + std::fabs(value)));
}
}  // namespace

TEST_CASE("inference: chi-square reproduces Agresti's party identification example") {
  // Agresti (2007), "An Introduction to Categorical Data Analysis", 2nd ed., Table 2.5:
  // gender × party identification, X² = 30.07 on df = 2, P < 0.001.
  Eigen::MatrixXd t(2, 3);
  t << 762, 327, 468, 484, 239, 477;
  auto r = qs::chi2_independence(t);
  REQUIRE(r.ok());
  CHECK(r->statistic == published(30.07, 2));
  CHECK(r->df == 2.0);
  CHECK(r->pvalue < 0.001);
  CHECK(r->pvalue > 0.0);
  // Cramér's V = √(X²/N) for a table with two rows; N = 2757.
  CHECK(r->effect == doctest::Approx(std::sqrt(r->statistic / 2757.0)));
  CHECK(r->expected.sum() == doctest::Approx(2757.0));
}

TEST_CASE("inference: chi-square by hand, Yates, and dropped all-zero lines") {
  // [[10, 20], [30, 40]]: E = [[12, 18], [28, 42]], every |O − E| = 2, so
  // X² = 4(1/12 + 1/18 + 1/28 + 1/42) = 0.793651; Yates: 1.5²(…) = 0.446429;
  // V = √(0.793651/100) = 0.0890871.
  Eigen::MatrixXd t(2, 2);
  t << 10, 20, 30, 40;
  auto r = qs::chi2_independence(t);
  REQUIRE(r.ok());
  CHECK(r->statistic == doctest::Approx(0.793651).epsilon(1e-6));
  CHECK(r->effect == doctest::Approx(0.0890871).epsilon(1e-6));
  // df = 1: p = 2(1 − Φ(√X²)).
  CHECK(r->pvalue == doctest::Approx(std::erfc(std::sqrt(r->statistic) / std::sqrt(2.0))));
  auto y = qs::chi2_independence(t, true);
  REQUIRE(y.ok());
  CHECK(y->corrected);
  CHECK(y->statistic == doctest::Approx(0.446429).epsilon(1e-6));
  CHECK(y->effect == r->effect);  // V stays uncorrected

  Eigen::MatrixXd z(3, 4);
  z << 10, 0, 20, 0,  //
      0, 0, 0, 0,     //
      30, 0, 40, 0;
  auto d = qs::chi2_independence(z);
  REQUIRE(d.ok());
  CHECK(d->statistic == doctest::Approx(r->statistic));
  CHECK(d->df == 1.0);
  CHECK(d->dropped_rows == std::vector<Eigen::Index>{1});
  CHECK(d->dropped_columns == std::vector<Eigen::Index>{1, 3});

  Eigen::MatrixXd one(2, 2);
  one << 5, 0, 7, 0;
  auto o = qs::chi2_independence(one);
  REQUIRE(o.ok());
  CHECK(std::isnan(o->statistic));
  CHECK(o->note.find("1 column(s)") != std::string::npos);

  Eigen::MatrixXd neg(2, 2);
  neg << 5, -1, 7, 2;
  auto bad = qs::chi2_independence(neg);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "table[0, 1] = -1 is not a finite count >= 0");
}

TEST_CASE("inference: Cochran-Armitage reproduces Agresti's malformation example") {
  // Agresti (2007), §2.5.3 (and Agresti 2002, "Categorical Data Analysis", Table 3.7): infant
  // malformation by maternal alcohol consumption, scores 0, 0.5, 1.5, 4, 7: M² = 6.57, P = 0.01.
  // M² = (N − 1)r² is the permutation form; the binomial form differs by N/(N − 1) ≈ 1.00003.
  const std::vector<double> present = {48, 38, 5, 1, 1};
  const std::vector<double> absent = {17066, 14464, 788, 126, 37};
  const std::vector<double> scores = {0, 0.5, 1.5, 4, 7};
  std::vector<double> totals(5);
  for (int i = 0; i < 5; ++i) totals[i] = present[i] + absent[i];
  auto perm = qs::cochran_armitage(present, totals, scores, qs::TrendVariance::permutation);
  REQUIRE(perm.ok());
  CHECK(perm->statistic * perm->statistic == published(6.57, 2));
  CHECK(perm->statistic > 0.0);  // malformation rises with consumption
  CHECK(perm->pvalue == published(0.01, 2));
  auto bin = qs::cochran_armitage(present, totals, scores);
  REQUIRE(bin.ok());
  const double big_n = 32574.0;
  CHECK(bin->statistic * bin->statistic ==
        doctest::Approx(perm->statistic * perm->statistic * big_n / (big_n - 1)));
  Eigen::MatrixXd table(5, 2);
  for (int i = 0; i < 5; ++i) table.row(i) << present[i], absent[i];
  auto tab = qs::cochran_armitage(table, scores);
  REQUIRE(tab.ok());
  CHECK(tab->statistic == bin->statistic);
}

TEST_CASE("inference: Cochran-Armitage by hand and degenerate input") {
  // 1/10, 3/10, 5/10 at scores 0, 1, 2: p̄ = 0.3, T = 0·(1 − 3) + 1·(3 − 3) + 2·(5 − 3) = 4,
  // Σnᵢsᵢ² − (Σnᵢsᵢ)²/N = 50 − 30²/30 = 20, Var = 0.21·20 = 4.2, z = 4/√4.2 = 1.951800;
  // slope T/Σnᵢ(sᵢ − s̄)² = 4/20 = 0.2 per score.
  const std::vector<double> r = {1, 3, 5}, n = {10, 10, 10};
  auto t = qs::cochran_armitage(r, n);
  REQUIRE(t.ok());
  CHECK(t->statistic == doctest::Approx(1.951800).epsilon(1e-6));
  CHECK(t->effect == doctest::Approx(0.2));
  auto g = qs::cochran_armitage(r, n, {}, qs::TrendVariance::binomial, qs::Alternative::greater);
  REQUIRE(g.ok());
  CHECK(g->pvalue == doctest::Approx(t->pvalue / 2));

  const std::vector<double> none = {0, 0, 0};
  auto z = qs::cochran_armitage(none, n);
  REQUIRE(z.ok());
  CHECK(std::isnan(z->statistic));
  CHECK(z->note.find("all successes or all failures") != std::string::npos);
  const std::vector<double> one_group = {0, 4, 0};
  auto o = qs::cochran_armitage(std::vector<double>{0, 2, 0}, one_group);
  REQUIRE(o.ok());
  CHECK(std::isnan(o->statistic));
  CHECK(o->note.find("one score") != std::string::npos);
  auto bad = qs::cochran_armitage(std::vector<double>{11, 0, 0}, n);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "successes[0] = 11 exceeds totals[0] = 10");
  CHECK_FALSE(qs::cochran_armitage(r, std::vector<double>{10, 10}).ok());
  CHECK_FALSE(qs::cochran_armitage(r, n, std::vector<double>{1, 2}).ok());
  CHECK_FALSE(qs::cochran_armitage(Eigen::MatrixXd::Ones(3, 3)).ok());
}

TEST_CASE("inference: Mann-Whitney by hand") {
  // x = 1,2,3; y = 4,5: R₁ = 6, U₁ = 0, σ² = 3·2/12·6 = 3, two-sided U = 6,
  // z = (6 − 3 − ½)/√3 = 1.443376, p = 2(1 − Φ(z)) = 0.148915. (Without ties and with n ≤ 8
  // the default would be the exact p-value: see test_exact.cpp.)
  auto a = qs::mann_whitney(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5}, true,
                            qs::Alternative::two_sided, qs::PValueMethod::asymptotic);
  REQUIRE(a.ok());
  CHECK(a->statistic == 0.0);
  CHECK(a->effect == 0.0);
  CHECK(a->pvalue == doctest::Approx(0.148915).epsilon(1e-5));
  // x = 1,2,2; y = 2,3: ranks 1,3,3 | 3,5, R₁ = 7, U₁ = 1, effect 1/6; one tie group of 3:
  // σ² = 6/12·(6 − 24/20) = 2.4, z = (5 − 3 − ½)/√2.4 = 0.968246, p = 0.332922.
  auto b = qs::mann_whitney(std::vector<double>{1, 2, 2}, std::vector<double>{2, 3});
  REQUIRE(b.ok());
  CHECK(b->statistic == 1.0);
  CHECK(b->effect == doctest::Approx(1.0 / 6.0));
  CHECK(b->pvalue == doctest::Approx(0.332922).epsilon(1e-5));
  // Without continuity correction: z = 2/√2.4 = 1.290994, p = 0.196706.
  auto c = qs::mann_whitney(std::vector<double>{1, 2, 2}, std::vector<double>{2, 3}, false);
  REQUIRE(c.ok());
  CHECK(c->pvalue == doctest::Approx(0.196706).epsilon(1e-5));
  // "less": x tends to be smaller, so U₂ = 5 is the statistic: p = 1 − Φ(0.968246) = 0.166461.
  auto l = qs::mann_whitney(std::vector<double>{1, 2, 2}, std::vector<double>{2, 3}, true,
                            qs::Alternative::less);
  REQUIRE(l.ok());
  CHECK(l->pvalue == doctest::Approx(0.166461).epsilon(1e-5));

  auto tied = qs::mann_whitney(std::vector<double>{2, 2}, std::vector<double>{2, 2, 2});
  REQUIRE(tied.ok());
  CHECK(tied->effect == 0.5);
  CHECK(std::isnan(tied->pvalue));
  CHECK(tied->note.find("tied") != std::string::npos);
  CHECK_FALSE(qs::mann_whitney(std::vector<double>{}, std::vector<double>{1}).ok());
  auto nan = qs::mann_whitney(std::vector<double>{1, std::nan("")}, std::vector<double>{1});
  REQUIRE_FALSE(nan.ok());
  CHECK(nan.status().message().find("x[1] is NaN") != std::string::npos);
}

TEST_CASE("inference: Spearman and Kendall by hand") {
  // x = 1..5, y = 2,1,4,3,5: Σd² = 4, rho = 1 − 6·4/(5·24) = 0.8,
  // t = 0.8√(3/0.36) = 2.309401 on 3 df, two-sided p = 0.104088.
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 1, 4, 3, 5};
  auto s = qs::spearman(x, y);
  REQUIRE(s.ok());
  CHECK(s->statistic == doctest::Approx(0.8));
  CHECK(s->pvalue == doctest::Approx(0.104088).epsilon(1e-5));
  // Two discordant pairs of ten: tau = 0.6; Var S = 5·4·15/18 = 16.6667,
  // z = 6/√16.6667 = 1.469694, p = 0.141645 (the normal test; auto would be exact here).
  auto k = qs::kendall_tau(x, y, qs::Alternative::two_sided, qs::PValueMethod::asymptotic);
  REQUIRE(k.ok());
  CHECK(k->statistic == doctest::Approx(0.6));
  CHECK(k->pvalue == doctest::Approx(0.141645).epsilon(1e-5));
  // With ties: x = 1,1,2,3; y = 1,2,2,3: n_c = 4, n_d = 0, one x tie and one y tie:
  // tau-b = 4/√(5·5) = 0.8; Var = (156 − 18 − 18)/18 + 2·2/(2·12) = 6.833333,
  // z = 4/√6.833333 = 1.530184, p = 0.125971.
  auto kt = qs::kendall_tau(std::vector<double>{1, 1, 2, 3}, std::vector<double>{1, 2, 2, 3});
  REQUIRE(kt.ok());
  CHECK(kt->statistic == doctest::Approx(0.8));
  CHECK(kt->pvalue == doctest::Approx(0.125971).epsilon(1e-5));
  // Perfect monotone association: rho = 1, t infinite, p = 0.
  auto p = qs::spearman(x, std::vector<double>{10, 20, 30, 40, 50});
  REQUIRE(p.ok());
  CHECK(p->statistic == 1.0);
  CHECK(p->pvalue == 0.0);
}

TEST_CASE("inference: correlation edge cases") {
  auto c = qs::spearman(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3});
  REQUIRE(c.ok());
  CHECK(std::isnan(c->statistic));
  CHECK(c->note.find("constant") != std::string::npos);
  auto kc = qs::kendall_tau(std::vector<double>{1, 2, 3}, std::vector<double>{4, 4, 4});
  REQUIRE(kc.ok());
  CHECK(std::isnan(kc->statistic));
  auto one = qs::kendall_tau(std::vector<double>{1}, std::vector<double>{2});
  REQUIRE(one.ok());
  CHECK(std::isnan(one->statistic));
  CHECK(one->note == "fewer than two pairs");
  auto two = qs::spearman(std::vector<double>{1, 2}, std::vector<double>{2, 1});
  REQUIRE(two.ok());
  CHECK(two->statistic == -1.0);
  CHECK(std::isnan(two->pvalue));
  // Two pairs: S = ±1 with probability ½ each, so Var S = 1 and z = 1.
  auto k2 = qs::kendall_tau(std::vector<double>{1, 2}, std::vector<double>{1, 2},
                            qs::Alternative::two_sided, qs::PValueMethod::asymptotic);
  REQUIRE(k2.ok());
  CHECK(k2->statistic == 1.0);
  CHECK(k2->pvalue == doctest::Approx(std::erfc(1.0 / std::sqrt(2.0))));
  CHECK_FALSE(qs::kendall_tau(std::vector<double>{1, 2}, std::vector<double>{1}).ok());
  CHECK_FALSE(qs::spearman(std::vector<double>{1, 2}, std::vector<double>{1, std::nan("")}).ok());
}

TEST_CASE("inference: Kendall's tau-b equals a brute-force pair count") {
  // Graded samples (few levels: the contingency-table path) and fine-grained ones with
  // occasional ties (more than 256 levels: the sort and Fenwick-tree path).
  std::mt19937_64 rng(20240601);
  for (int rep = 0; rep < 60; ++rep) {
    const bool graded = rep < 30;
    const int n = graded ? 2 + rep * 13 : 300 + (rep - 30) * 20;
    const int levels = graded ? 2 + rep % 6 : 3000;
    std::uniform_int_distribution<int> g(0, levels - 1);
    std::vector<double> x(n), y(n);
    for (int i = 0; i < n; ++i) {
      x[i] = g(rng);
      y[i] = (rep % 3 == 0) ? x[i] + g(rng) : g(rng);
    }
    std::int64_t nc = 0, nd = 0, tx = 0, ty = 0;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        const double dx = x[i] - x[j], dy = y[i] - y[j];
        if (dx == 0) ++tx;
        if (dy == 0) ++ty;
        if (dx * dy > 0) ++nc;
        if (dx * dy < 0) ++nd;
      }
    const std::int64_t n0 = static_cast<std::int64_t>(n) * (n - 1) / 2;
    auto k = qs::kendall_tau(x, y);
    REQUIRE(k.ok());
    CAPTURE(rep);
    if (tx == n0 || ty == n0) {
      CHECK(std::isnan(k->statistic));
      continue;
    }
    const double expected = static_cast<double>(nc - nd) /
                            std::sqrt(static_cast<double>(n0 - tx) * static_cast<double>(n0 - ty));
    CHECK(k->statistic == doctest::Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("inference: Holm by hand") {
  // Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, 3·0.01, 2·0.03, 1·0.04 = 0.02, 0.03, 0.06, 0.04;
  // running maximum 0.02, 0.03, 0.06, 0.06, returned in the input order.
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  auto h = qs::holm(p);
  REQUIRE(h.ok());
  REQUIRE(h->size() == 4);
  CHECK((*h)[0] == doctest::Approx(0.03));
  CHECK((*h)[1] == doctest::Approx(0.06));
  CHECK((*h)[2] == doctest::Approx(0.06));
  CHECK((*h)[3] == doctest::Approx(0.02));
  auto capped = qs::holm(std::vector<double>{0.5, 0.6});
  REQUIRE(capped.ok());
  CHECK((*capped)[0] == 1.0);
  CHECK((*capped)[1] == 1.0);
  auto empty = qs::holm(std::vector<double>{});
  REQUIRE(empty.ok());
  CHECK(empty->size() == 0);
  auto bad = qs::holm(std::vector<double>{0.1, 1.5});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "pvalues[1] = 1.5 is not a probability in [0, 1]");
}
