// Agreement between raters: published worked examples and defined degenerate behaviour.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/agreement/gwet.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/agreement/krippendorff.hpp"

namespace qs = qaframe::stats;

namespace {

// A figure published to `decimals` places: agreement to (about) half a unit of the last place.
// doctest's tolerance is epsilon · (1 + |value|), so epsilon is scaled to make it absolute.
doctest::Approx published(double value, int decimals) {
  return doctest::Approx(value).epsilon(0.5 * std::pow(10.0, -decimals) / (1.0 + std::fabs(value)));
}

qs::CountMatrix table3(std::initializer_list<std::int64_t> cells) {
  // Row-major literal into the column-major table.
  qs::CountMatrix t(3, 3);
  auto it = cells.begin();
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) t(i, j) = *it++;
  }
  return t;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("agreement: confusion matrix in scale order with pairwise deletion") {
  const std::vector<int> a = {0, 1, 2, 2, -1, 3, 0};
  const std::vector<int> b = {0, 2, 2, 1, 3, -1, 0};
  auto t = qs::confusion_matrix(std::span<const int>(a), std::span<const int>(b), 5);
  REQUIRE(t.ok());
  CHECK(t->rows() == 5);  // the unused category 4 still has its row and column
  CHECK(t->sum() == 5);   // two pairs with a missing rating are left out
  CHECK((*t)(0, 0) == 2);
  CHECK((*t)(1, 2) == 1);
  CHECK((*t)(2, 1) == 1);
  CHECK((*t)(2, 2) == 1);
  auto pa = qs::percent_agreement(*t);
  REQUIRE(pa.ok());
  CHECK(pa->n == 5);
  CHECK(pa->statistic == doctest::Approx(3.0 / 5.0));
  auto w1 = qs::within_one_agreement(*t);
  REQUIRE(w1.ok());
  CHECK(w1->statistic == doctest::Approx(1.0));
}

TEST_CASE("agreement: invalid codes and lengths are errors that name the value") {
  const std::vector<int> a = {0, 5};
  const std::vector<int> b = {0, 1};
  auto t = qs::confusion_matrix(std::span<const int>(a), std::span<const int>(b), 4);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(t.status().message()).find("a[1] = 5") != std::string::npos);
  const std::vector<int> c = {0, -2};
  auto t2 = qs::confusion_matrix(std::span<const int>(b), std::span<const int>(c), 4);
  REQUIRE_FALSE(t2.ok());
  CHECK(std::string(t2.status().message()).find("b[1] = -2") != std::string::npos);
  const std::vector<int> shorter = {0};
  CHECK_FALSE(qs::confusion_matrix(std::span<const int>(a), std::span<const int>(shorter), 4).ok());
  CHECK_FALSE(qs::confusion_matrix(std::span<const int>(a), std::span<const int>(b), 0).ok());
  CHECK_FALSE(qs::confusion_matrix(std::span<const int>(a), std::span<const int>(b), 1 << 20).ok());
}

TEST_CASE("agreement: no complete pair gives NaN shares with a note") {
  const std::vector<int> a = {-1, 0};
  const std::vector<int> b = {1, -1};
  auto pa = qs::percent_agreement(std::span<const int>(a), std::span<const int>(b), 2);
  REQUIRE(pa.ok());
  CHECK(std::isnan(pa->statistic));
  CHECK(pa->n == 0);
  CHECK_FALSE(pa->note.empty());
}

// SAS/STAT User's Guide, PROC FREQ, "Cohen's kappa" example (also statsmodels' test table):
// simple kappa 0.4842, ASE 0.1380, 95% 0.2137-0.7547, ASE under H0 0.1484, Z 3.2626,
// two-sided p 0.0011; weighted (Cicchetti-Allison = linear) 0.4701, ASE 0.1457, 95%
// 0.1845-0.7558, ASE under H0 0.1426, Z 3.2971, two-sided p 0.0010.
TEST_CASE("agreement: Cohen's kappa reproduces the SAS PROC FREQ example") {
  const qs::CountMatrix t = table3({0, 4, 1, 0, 8, 0, 0, 1, 5});
  SUBCASE("simple kappa") {
    auto r = qs::cohen_kappa(t, qs::agreement_weights(qs::Weighting::kNone, 3));
    REQUIRE(r.ok());
    CHECK(r->n == 19);
    CHECK(r->statistic == published(0.4842, 4));
    CHECK(r->se == published(0.1380, 4));
    CHECK(r->low == published(0.2137, 4));
    CHECK(r->high == published(0.7547, 4));
    CHECK(r->se_null == published(0.1484, 4));
    CHECK(r->zstatistic == published(3.2626, 4));
    CHECK(r->pvalue == published(0.0011, 4));
    CHECK(r->note.empty());
  }
  SUBCASE("weighted kappa, linear weights") {
    auto r = qs::cohen_kappa(t, qs::agreement_weights(qs::Weighting::kLinear, 3));
    REQUIRE(r.ok());
    CHECK(r->statistic == published(0.4701, 4));
    CHECK(r->se == published(0.1457, 4));
    CHECK(r->low == published(0.1845, 4));
    CHECK(r->high == published(0.7558, 4));
    CHECK(r->se_null == published(0.1426, 4));
    CHECK(r->zstatistic == published(3.2971, 4));
    CHECK(r->pvalue == published(0.0010, 4));
  }
}

TEST_CASE("agreement: agreement weights") {
  const Eigen::MatrixXd lin = qs::agreement_weights(qs::Weighting::kLinear, 4);
  CHECK(lin(0, 3) == 0.0);
  CHECK(lin(1, 2) == doctest::Approx(2.0 / 3.0));
  const Eigen::MatrixXd quad = qs::agreement_weights(qs::Weighting::kQuadratic, 4);
  CHECK(quad(0, 2) == doctest::Approx(1.0 - 4.0 / 9.0));
  CHECK(qs::agreement_weights(qs::Weighting::kLinear, 1)(0, 0) == 1.0);
  CHECK(qs::parse_weighting("quadratic").value() == qs::Weighting::kQuadratic);
  CHECK_FALSE(qs::parse_weighting("cubic").ok());
  // A disagreement matrix passed by mistake is refused with a hint.
  Eigen::MatrixXd wrong = 1.0 - lin.array();
  auto r = qs::cohen_kappa(qs::CountMatrix::Ones(4, 4), wrong);
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.status().message()).find("1 - v / max(v)") != std::string::npos);
  CHECK_FALSE(qs::cohen_kappa(qs::CountMatrix::Ones(4, 4), lin, 1.0).ok());
  CHECK_FALSE(qs::cohen_kappa(qs::CountMatrix::Ones(4, 4), lin, kNaN).ok());
}

TEST_CASE("agreement: degenerate kappa is NaN with a reason, never a crash") {
  const Eigen::MatrixXd w = qs::agreement_weights(qs::Weighting::kNone, 4);
  SUBCASE("perfect agreement on a single grade") {
    qs::CountMatrix t = qs::CountMatrix::Zero(4, 4);
    t(2, 2) = 30;
    auto r = qs::cohen_kappa(t, w);
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
    CHECK(std::isnan(r->se));
    CHECK(r->note.find("p_e = 1") != std::string::npos);
  }
  SUBCASE("fewer than two pairs") {
    qs::CountMatrix t = qs::CountMatrix::Zero(4, 4);
    t(0, 1) = 1;
    auto r = qs::cohen_kappa(t, w);
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
    CHECK(r->note.find("fewer than two") != std::string::npos);
  }
  SUBCASE("perfect agreement over several grades is kappa 1 with zero standard error") {
    qs::CountMatrix t = qs::CountMatrix::Zero(4, 4);
    t(0, 0) = 5;
    t(3, 3) = 7;
    auto r = qs::cohen_kappa(t, w);
    REQUIRE(r.ok());
    CHECK(r->statistic == doctest::Approx(1.0));
    CHECK(r->se == 0.0);
    CHECK(r->low == doctest::Approx(1.0));
    CHECK(r->se_null > 0.0);
    CHECK_FALSE(r->note.empty());
  }
}

// Fleiss (1971), Table 1: 30 patients, 6 psychiatric diagnoses each, 5 categories; kappa 0.430.
// R's irr::kappam.fleiss reports z = 17.652 for it, from the Fleiss-Nee-Landis null variance.
TEST_CASE("agreement: Fleiss' kappa reproduces Fleiss (1971)") {
  const int rows[30][5] = {
      {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
      {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
      {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
      {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
      {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
      {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6}};
  qs::CountMatrix counts(30, 5);
  for (int i = 0; i < 30; ++i) {
    for (int j = 0; j < 5; ++j) counts(i, j) = rows[i][j];
  }
  auto r = qs::fleiss_kappa(counts);
  REQUIRE(r.ok());
  CHECK(r->n_subjects == 30);
  CHECK(r->n_raters == 6);
  CHECK(r->statistic == published(0.430, 3));
  CHECK(r->zstatistic == published(17.652, 3));
  CHECK(r->pvalue < 1e-60);

  SUBCASE("unequal numbers of ratings are an error") {
    counts(3, 0) = 1;
    auto bad = qs::fleiss_kappa(counts);
    REQUIRE_FALSE(bad.ok());
    CHECK(std::string(bad.status().message()).find("row 3 has 7") != std::string::npos);
  }
  SUBCASE("all ratings in one category") {
    qs::CountMatrix one = qs::CountMatrix::Zero(4, 3);
    one.col(1).setConstant(5);
    auto d = qs::fleiss_kappa(one);
    REQUIRE(d.ok());
    CHECK(std::isnan(d->statistic));
    CHECK_FALSE(d->note.empty());
  }
  SUBCASE("one rating per subject") {
    qs::CountMatrix single = qs::CountMatrix::Zero(4, 3);
    single.col(0).setConstant(1);
    auto d = qs::fleiss_kappa(single);
    REQUIRE(d.ok());
    CHECK(std::isnan(d->statistic));
    CHECK(d->note.find("at least two ratings") != std::string::npos);
  }
}

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 observers,
// 12 units, missing values; alpha nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
TEST_CASE("agreement: Krippendorff's alpha reproduces Krippendorff (2011)") {
  const double m = kNaN;
  Eigen::MatrixXd data(4, 12);
  data << 1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m,  //
      1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3,      //
      m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m,      //
      1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m;
  auto alpha = [&](qs::MeasurementLevel level) {
    auto r = qs::krippendorff_alpha(data, level);
    REQUIRE(r.ok());
    return *r;
  };
  const auto nominal = alpha(qs::MeasurementLevel::kNominal);
  CHECK(nominal.statistic == published(0.743, 3));
  CHECK(nominal.n_pairable == 40);  // unit 12 has one value and is not pairable
  CHECK(nominal.n_units == 11);
  CHECK(alpha(qs::MeasurementLevel::kOrdinal).statistic == published(0.815, 3));
  CHECK(alpha(qs::MeasurementLevel::kInterval).statistic == published(0.849, 3));
  CHECK(alpha(qs::MeasurementLevel::kRatio).statistic == published(0.797, 3));
  // The coincidence matrix is symmetric and its total is the number of pairable values.
  CHECK(nominal.coincidences.isApprox(nominal.coincidences.transpose()));
  CHECK(nominal.coincidences.sum() == doctest::Approx(40.0));

  SUBCASE("a row-major view gives the same alpha") {
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = data;
    auto r = qs::krippendorff_alpha(rm, qs::MeasurementLevel::kOrdinal);
    REQUIRE(r.ok());
    CHECK(r->statistic == doctest::Approx(alpha(qs::MeasurementLevel::kOrdinal).statistic));
  }
}

TEST_CASE("agreement: Krippendorff's alpha degenerate and invalid input") {
  const double m = kNaN;
  SUBCASE("every value equal") {
    Eigen::MatrixXd d(2, 3);
    d << 2, 2, 2, 2, 2, m;
    auto r = qs::krippendorff_alpha(d, qs::MeasurementLevel::kNominal);
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
    CHECK(r->note.find("expected disagreement is 0") != std::string::npos);
  }
  SUBCASE("no unit with two values") {
    Eigen::MatrixXd d(2, 3);
    d << 1, m, 3, m, 2, m;
    auto r = qs::krippendorff_alpha(d, qs::MeasurementLevel::kInterval);
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
    CHECK(r->n_pairable == 0);
  }
  SUBCASE("negative values on a ratio scale and infinities are errors") {
    Eigen::MatrixXd d(2, 2);
    d << 1, -1, 1, 2;
    CHECK_FALSE(qs::krippendorff_alpha(d, qs::MeasurementLevel::kRatio).ok());
    CHECK(qs::krippendorff_alpha(d, qs::MeasurementLevel::kInterval).ok());
    d(0, 0) = std::numeric_limits<double>::infinity();
    CHECK_FALSE(qs::krippendorff_alpha(d, qs::MeasurementLevel::kInterval).ok());
  }
  CHECK_FALSE(qs::parse_measurement_level("cardinal").ok());
}

// Kappa's paradox (Feinstein and Cicchetti 1990; Gwet 2008): 118 of 125 pairs agree on the
// dominant grade, yet kappa is slightly negative. By hand: p_a = 118/125 = 0.944;
// π₁ = (123/125 + 120/125)/2 = 0.972; p_e(AC1) = 2 · 0.972 · 0.028 / (2 − 1) = 0.054432;
// AC1 = (0.944 − 0.054432)/(1 − 0.054432) = 0.9407763; p_e(κ) = 0.984·0.96 + 0.016·0.04 =
// 0.94528; κ = (0.944 − 0.94528)/(1 − 0.94528) = −0.0233918.
TEST_CASE("agreement: Gwet's AC1 against a hand computation of the kappa paradox") {
  qs::CountMatrix t(2, 2);
  t << 118, 5, 2, 0;
  const Eigen::MatrixXd w = qs::agreement_weights(qs::Weighting::kNone, 2);
  auto ac = qs::gwet_ac(t, w);
  REQUIRE(ac.ok());
  CHECK(ac->observed_agreement == doctest::Approx(0.944).epsilon(1e-12));
  CHECK(ac->expected_agreement == doctest::Approx(0.054432).epsilon(1e-12));
  CHECK(ac->statistic == doctest::Approx(0.9407763376).epsilon(1e-9));
  CHECK(ac->se > 0.0);
  CHECK(ac->low < ac->statistic);
  auto k = qs::cohen_kappa(t, w);
  REQUIRE(k.ok());
  CHECK(k->statistic == doctest::Approx(-0.0233918129).epsilon(1e-9));
}

TEST_CASE("agreement: Gwet's AC degenerate cases") {
  SUBCASE("perfect agreement on one grade gives AC1 = 1 (p_e = 0), not NaN") {
    qs::CountMatrix t = qs::CountMatrix::Zero(3, 3);
    t(1, 1) = 20;
    auto r = qs::gwet_ac(t, qs::agreement_weights(qs::Weighting::kNone, 3));
    REQUIRE(r.ok());
    CHECK(r->statistic == doctest::Approx(1.0));
    CHECK(r->se == 0.0);
    CHECK(std::isnan(r->pvalue));
    CHECK_FALSE(r->note.empty());
  }
  SUBCASE("a one-category scale") {
    qs::CountMatrix t = qs::CountMatrix::Constant(1, 1, 9);
    auto r = qs::gwet_ac(t, qs::agreement_weights(qs::Weighting::kNone, 1));
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
  }
  SUBCASE("all weights 1") {
    qs::CountMatrix t = qs::CountMatrix::Ones(3, 3);
    auto r = qs::gwet_ac(t, Eigen::MatrixXd::Ones(3, 3));
    REQUIRE(r.ok());
    CHECK(std::isnan(r->statistic));
    CHECK(r->note.find("p_e = 1") != std::string::npos);
  }
}
