// Bindings of the inference statistics (proportions, tests, exact tests, rank correlations,
// Holm, funnel limits, benchmarking) on qaframe._core.stats. Conversion only: every rule lives in
// include/qaframe/stats.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/inference/benchmarking.hpp"
#include "qaframe/stats/inference/contingency.hpp"
#include "qaframe/stats/inference/correlation.hpp"
#include "qaframe/stats/inference/exact.hpp"
#include "qaframe/stats/inference/funnel.hpp"
#include "qaframe/stats/inference/rank_tests.hpp"
#include "qaframe/stats/multiple_testing.hpp"
#include "qaframe/stats/proportion.hpp"
#include "qaframe/stats/pvalue_method.hpp"
#include "registry.hpp"

namespace py = pybind11;
namespace qs = qaframe::stats;

namespace qaframe::bindings {
namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

template <typename T>
T value_or_raise(absl::StatusOr<T> result) {
  if (!result.ok()) throw py::value_error(std::string(result.status().message()));
  return *std::move(result);
}

std::span<const double> span_of(const Array& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}

// Hands an Eigen array to NumPy without copying: the array's base owns it.
py::array_t<double> to_numpy(Eigen::ArrayXd&& values) {
  auto* owned = new Eigen::ArrayXd(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<Eigen::ArrayXd*>(p); });
  return py::array_t<double>({owned->size()}, {static_cast<py::ssize_t>(sizeof(double))},
                             owned->data(), free_when_done);
}

// A row-major copy of a column-major Eigen matrix, as a 2-D NumPy array.
py::array_t<double> to_numpy(const Eigen::MatrixXd& m) {
  py::array_t<double> out({m.rows(), m.cols()});
  auto w = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) w(i, j) = m(i, j);
  return out;
}

Eigen::MatrixXd to_matrix(const Array& table) {
  if (table.ndim() != 2)
    throw py::value_error("table must be two-dimensional, got " + std::to_string(table.ndim()) +
                          " dimension(s)");
  Eigen::MatrixXd m(table.shape(0), table.shape(1));
  auto r = table.unchecked<2>();
  for (py::ssize_t i = 0; i < table.shape(0); ++i)
    for (py::ssize_t j = 0; j < table.shape(1); ++j) m(i, j) = r(i, j);
  return m;
}

qs::Alternative alternative_of(const std::string& name) {
  return value_or_raise(qs::parse_alternative(name));
}

qs::PValueMethod pvalue_method_of(const std::string& name) {
  return value_or_raise(qs::parse_pvalue_method(name));
}

}  // namespace

void register_stats_inference(py::module_& m) {
  py::class_<qs::ProportionInterval>(m, "ProportionInterval")
      .def_readonly("estimate", &qs::ProportionInterval::estimate)
      .def_readonly("low", &qs::ProportionInterval::low)
      .def_readonly("high", &qs::ProportionInterval::high)
      .def_readonly("note", &qs::ProportionInterval::note);
  py::class_<qs::DifferenceInterval>(m, "DifferenceInterval")
      .def_readonly("estimate", &qs::DifferenceInterval::estimate)
      .def_readonly("low", &qs::DifferenceInterval::low)
      .def_readonly("high", &qs::DifferenceInterval::high)
      .def_readonly("note", &qs::DifferenceInterval::note);
  py::class_<qs::TwoProportionTest>(m, "TwoProportionTest")
      .def_readonly("statistic", &qs::TwoProportionTest::statistic)
      .def_readonly("pvalue", &qs::TwoProportionTest::pvalue)
      .def_readonly("effect", &qs::TwoProportionTest::effect)
      .def_readonly("effect_name", &qs::TwoProportionTest::effect_name)
      .def_readonly("note", &qs::TwoProportionTest::note);
  py::class_<qs::ChiSquareResult>(m, "ChiSquareResult")
      .def_readonly("statistic", &qs::ChiSquareResult::statistic)
      .def_readonly("pvalue", &qs::ChiSquareResult::pvalue)
      .def_readonly("df", &qs::ChiSquareResult::df)
      .def_readonly("effect", &qs::ChiSquareResult::effect)
      .def_readonly("effect_name", &qs::ChiSquareResult::effect_name)
      .def_property_readonly("expected",
                             [](const qs::ChiSquareResult& r) { return to_numpy(r.expected); })
      .def_readonly("dropped_rows", &qs::ChiSquareResult::dropped_rows)
      .def_readonly("dropped_columns", &qs::ChiSquareResult::dropped_columns)
      .def_readonly("corrected", &qs::ChiSquareResult::corrected)
      .def_readonly("note", &qs::ChiSquareResult::note);
  py::class_<qs::TrendResult>(m, "TrendResult")
      .def_readonly("statistic", &qs::TrendResult::statistic)
      .def_readonly("pvalue", &qs::TrendResult::pvalue)
      .def_readonly("effect", &qs::TrendResult::effect)
      .def_readonly("effect_name", &qs::TrendResult::effect_name)
      .def_readonly("note", &qs::TrendResult::note);
  py::class_<qs::MannWhitneyResult>(m, "MannWhitneyResult")
      .def_readonly("statistic", &qs::MannWhitneyResult::statistic)
      .def_readonly("pvalue", &qs::MannWhitneyResult::pvalue)
      .def_readonly("effect", &qs::MannWhitneyResult::effect)
      .def_readonly("effect_name", &qs::MannWhitneyResult::effect_name)
      .def_readonly("note", &qs::MannWhitneyResult::note)
      .def_property_readonly("method", [](const qs::MannWhitneyResult& r) {
        return std::string(qs::to_string(r.method));
      });
  py::class_<qs::CorrelationResult>(m, "CorrelationResult")
      .def_readonly("statistic", &qs::CorrelationResult::statistic)
      .def_readonly("pvalue", &qs::CorrelationResult::pvalue)
      .def_readonly("n", &qs::CorrelationResult::n)
      .def_readonly("note", &qs::CorrelationResult::note)
      .def_property_readonly("method", [](const qs::CorrelationResult& r) {
        return std::string(qs::to_string(r.method));
      });
  py::class_<qs::FisherExactResult>(m, "FisherExactResult")
      .def_readonly("statistic", &qs::FisherExactResult::statistic)
      .def_readonly("pvalue", &qs::FisherExactResult::pvalue)
      .def_readonly("conditional_odds_ratio", &qs::FisherExactResult::conditional_odds_ratio)
      .def_readonly("point_probability", &qs::FisherExactResult::point_probability)
      .def_readonly("mid_p", &qs::FisherExactResult::mid_p)
      .def_readonly("note", &qs::FisherExactResult::note);
  py::class_<qs::DispersionEstimate>(m, "DispersionEstimate")
      .def_property_readonly(
          "method",
          [](const qs::DispersionEstimate& d) { return std::string(qs::to_string(d.method)); })
      .def_readonly("benchmark", &qs::DispersionEstimate::benchmark)
      .def_readonly("winsor", &qs::DispersionEstimate::winsor)
      .def_readonly("phi", &qs::DispersionEstimate::phi)
      .def_readonly("tau2", &qs::DispersionEstimate::tau2)
      .def_readonly("z_low", &qs::DispersionEstimate::z_low)
      .def_readonly("z_high", &qs::DispersionEstimate::z_high)
      .def_readonly("units", &qs::DispersionEstimate::units)
      .def_readonly("winsorised", &qs::DispersionEstimate::winsorised)
      .def_readonly("zero_denominators", &qs::DispersionEstimate::zero_denominators)
      .def_readonly("zero_numerators", &qs::DispersionEstimate::zero_numerators)
      .def_readonly("inflated", &qs::DispersionEstimate::inflated)
      .def_readonly("note", &qs::DispersionEstimate::note);
  py::class_<qs::BenchmarkResult>(m, "BenchmarkResult")
      .def_readonly("value", &qs::BenchmarkResult::value)
      .def_readonly("rank", &qs::BenchmarkResult::rank)
      .def_readonly("ranked", &qs::BenchmarkResult::ranked)
      .def_readonly("band", &qs::BenchmarkResult::band)
      .def_readonly("q1", &qs::BenchmarkResult::q1)
      .def_readonly("median", &qs::BenchmarkResult::median)
      .def_readonly("q3", &qs::BenchmarkResult::q3)
      .def_readonly("banded", &qs::BenchmarkResult::banded)
      .def_readonly("previous", &qs::BenchmarkResult::previous)
      .def_readonly("change", &qs::BenchmarkResult::change)
      .def_readonly("direction", &qs::BenchmarkResult::direction)
      .def_readonly("comparators_mean", &qs::BenchmarkResult::comparators_mean)
      .def_readonly("comparators_used", &qs::BenchmarkResult::comparators_used)
      .def_readonly("comparators_missing", &qs::BenchmarkResult::comparators_missing)
      .def_readonly("population_missing", &qs::BenchmarkResult::population_missing)
      .def_property_readonly(
          "polarity",
          [](const qs::BenchmarkResult& r) { return std::string(qs::to_string(r.better)); })
      .def_readonly("note", &qs::BenchmarkResult::note);
  py::class_<qs::FunnelLimits>(m, "FunnelLimits")
      .def_readonly("benchmark", &qs::FunnelLimits::benchmark)
      .def_property_readonly(
          "n", [](const qs::FunnelLimits& f) { return to_numpy(Eigen::ArrayXd(f.n)); })
      .def_readonly("levels", &qs::FunnelLimits::levels)
      .def_property_readonly("low", [](const qs::FunnelLimits& f) { return to_numpy(f.low); })
      .def_property_readonly("high", [](const qs::FunnelLimits& f) { return to_numpy(f.high); })
      .def_readonly("dispersion", &qs::FunnelLimits::dispersion);

  m.def(
      "proportion_ci",
      [](const Array& count, const Array& nobs, double level, const std::string& method) {
        const auto parsed = value_or_raise(qs::parse_proportion_method(method));
        absl::StatusOr<qs::ProportionIntervals> result;
        {
          py::gil_scoped_release release;
          result = qs::proportion_ci(span_of(count), span_of(nobs), level, parsed);
        }
        auto ci = value_or_raise(std::move(result));
        return py::make_tuple(to_numpy(std::move(ci.low)), to_numpy(std::move(ci.high)));
      },
      py::arg("count"), py::arg("nobs"), py::arg("level") = 0.95, py::arg("method") = "wilson",
      "Confidence limits (low, high) for count/nobs, element by element (1-D float arrays).");
  m.def(
      "proportion_interval",
      [](double count, double nobs, double level, const std::string& method) {
        const auto parsed = value_or_raise(qs::parse_proportion_method(method));
        return value_or_raise(qs::proportion_ci(count, nobs, level, parsed));
      },
      py::arg("count"), py::arg("nobs"), py::arg("level") = 0.95, py::arg("method") = "wilson",
      "Confidence interval for one proportion count/nobs.");
  m.def(
      "newcombe_difference",
      [](double count1, double nobs1, double count2, double nobs2, double level) {
        return value_or_raise(qs::newcombe_difference(count1, nobs1, count2, nobs2, level));
      },
      py::arg("count1"), py::arg("nobs1"), py::arg("count2"), py::arg("nobs2"),
      py::arg("level") = 0.95, "Newcombe's hybrid score interval (method 10) for p1 - p2.");
  m.def(
      "two_proportion_ztest",
      [](double count1, double nobs1, double count2, double nobs2, const std::string& alt) {
        return value_or_raise(
            qs::two_proportion_ztest(count1, nobs1, count2, nobs2, alternative_of(alt)));
      },
      py::arg("count1"), py::arg("nobs1"), py::arg("count2"), py::arg("nobs2"),
      py::arg("alternative") = "two-sided", "Pooled two-proportion z-test.");
  m.def(
      "chi2_independence",
      [](const Array& table, bool correction) {
        return value_or_raise(qs::chi2_independence(to_matrix(table), correction));
      },
      py::arg("table"), py::arg("correction") = false,
      "Pearson's chi-square test of independence with Cramér's V.");
  m.def(
      "cochran_armitage",
      [](const Array& successes, const Array& totals, std::optional<Array> scores,
         const std::string& variance, const std::string& alt) {
        const auto v = value_or_raise(qs::parse_trend_variance(variance));
        const auto s = scores ? span_of(*scores) : std::span<const double>();
        return value_or_raise(
            qs::cochran_armitage(span_of(successes), span_of(totals), s, v, alternative_of(alt)));
      },
      py::arg("successes"), py::arg("totals"), py::arg("scores") = py::none(),
      py::arg("variance") = "binomial", py::arg("alternative") = "two-sided",
      "Cochran-Armitage test for a linear trend in proportions.");
  m.def(
      "cochran_armitage_table",
      [](const Array& table, std::optional<Array> scores, const std::string& variance,
         const std::string& alt) {
        const auto v = value_or_raise(qs::parse_trend_variance(variance));
        const auto s = scores ? span_of(*scores) : std::span<const double>();
        return value_or_raise(qs::cochran_armitage(to_matrix(table), s, v, alternative_of(alt)));
      },
      py::arg("table"), py::arg("scores") = py::none(), py::arg("variance") = "binomial",
      py::arg("alternative") = "two-sided",
      "Cochran-Armitage trend test on a k x 2 table (successes, failures) of ordered groups.");
  m.def(
      "mann_whitney",
      [](const Array& x, const Array& y, bool continuity, const std::string& alt,
         const std::string& method) {
        const auto a = alternative_of(alt);
        const auto pm = pvalue_method_of(method);
        absl::StatusOr<qs::MannWhitneyResult> result;
        {
          py::gil_scoped_release release;
          result = qs::mann_whitney(span_of(x), span_of(y), continuity, a, pm);
        }
        return value_or_raise(std::move(result));
      },
      py::arg("x"), py::arg("y"), py::arg("continuity") = true,
      py::arg("alternative") = "two-sided", py::arg("method") = "auto",
      "Mann-Whitney U test (exact or normal approximation).");
  m.def(
      "spearman",
      [](const Array& x, const Array& y, const std::string& alt) {
        const auto a = alternative_of(alt);
        absl::StatusOr<qs::CorrelationResult> result;
        {
          py::gil_scoped_release release;
          result = qs::spearman(span_of(x), span_of(y), a);
        }
        return value_or_raise(std::move(result));
      },
      py::arg("x"), py::arg("y"), py::arg("alternative") = "two-sided",
      "Spearman's rank correlation with its t-test.");
  m.def(
      "kendall_tau",
      [](const Array& x, const Array& y, const std::string& alt, const std::string& method) {
        const auto a = alternative_of(alt);
        const auto pm = pvalue_method_of(method);
        absl::StatusOr<qs::CorrelationResult> result;
        {
          py::gil_scoped_release release;
          result = qs::kendall_tau(span_of(x), span_of(y), a, pm);
        }
        return value_or_raise(std::move(result));
      },
      py::arg("x"), py::arg("y"), py::arg("alternative") = "two-sided", py::arg("method") = "auto",
      "Kendall's tau-b with its exact or normal test, O(n log n).");
  m.def(
      "fisher_exact",
      [](const Array& table, const std::string& alt, bool mid_p) {
        return value_or_raise(qs::fisher_exact(to_matrix(table), alternative_of(alt), mid_p));
      },
      py::arg("table"), py::arg("alternative") = "two-sided", py::arg("mid_p") = false,
      "Fisher's exact test of a 2 x 2 table, optionally Lancaster's mid-p.");
  m.def(
      "mann_whitney_null_pmf",
      [](std::size_t n1, std::size_t n2) {
        return to_numpy(value_or_raise(qs::mann_whitney_null_pmf(n1, n2)));
      },
      py::arg("n1"), py::arg("n2"), "Exact null distribution P(U = k), k = 0..n1*n2, no ties.");
  m.def(
      "holm", [](const Array& p) { return to_numpy(value_or_raise(qs::holm(span_of(p)))); },
      py::arg("pvalues"), "Holm-adjusted p-values, in the order given.");
  m.def(
      "funnel_limits",
      [](double benchmark, const Array& n, const Array& levels, const std::string& method) {
        const auto parsed = value_or_raise(qs::parse_funnel_method(method));
        absl::StatusOr<qs::FunnelLimits> result;
        {
          py::gil_scoped_release release;
          result = qs::funnel_limits(benchmark, span_of(n), span_of(levels), parsed);
        }
        return value_or_raise(std::move(result));
      },
      py::arg("benchmark"), py::arg("n"), py::arg("levels"), py::arg("method") = "exact",
      "Funnel-plot limits (Spiegelhalter 2005) for each size at each two-sided level.");
  m.def(
      "funnel_flags",
      [](const Array& count, const Array& n, std::optional<double> benchmark, double level,
         const std::string& method, const std::string& overdispersion, double winsor) {
        const auto parsed = value_or_raise(qs::parse_funnel_method(method));
        const auto od = value_or_raise(qs::parse_overdispersion(overdispersion));
        const auto flags = value_or_raise(
            qs::funnel_flags(span_of(count), span_of(n), benchmark, level, parsed, od, winsor));
        py::array_t<int> out(static_cast<py::ssize_t>(flags.size()));
        auto w = out.mutable_unchecked<1>();
        for (std::size_t i = 0; i < flags.size(); ++i)
          w(static_cast<py::ssize_t>(i)) = static_cast<int>(flags[i]);
        return out;
      },
      py::arg("count"), py::arg("n"), py::arg("benchmark") = py::none(), py::arg("level") = 0.998,
      py::arg("method") = "exact", py::arg("overdispersion") = "none", py::arg("winsor") = 0.1,
      "Flag codes per unit: -1 below, 0 within, 1 above, 2 no data.");
  m.def(
      "estimate_overdispersion",
      [](const Array& count, const Array& n, std::optional<double> benchmark,
         const std::string& method, double winsor) {
        const auto od = value_or_raise(qs::parse_overdispersion(method));
        return value_or_raise(
            qs::estimate_overdispersion(span_of(count), span_of(n), benchmark, od, winsor));
      },
      py::arg("count"), py::arg("n"), py::arg("benchmark") = py::none(),
      py::arg("method") = "multiplicative", py::arg("winsor") = 0.1,
      "Over-dispersion (winsorised phi, DerSimonian-Laird tau2) of count/n around benchmark.");
  m.def(
      "funnel_limits_dispersed",
      [](double benchmark, const Array& n, const Array& levels,
         const qs::DispersionEstimate& dispersion) {
        return value_or_raise(
            qs::funnel_limits(benchmark, span_of(n), span_of(levels), dispersion));
      },
      py::arg("benchmark"), py::arg("n"), py::arg("levels"), py::arg("dispersion"),
      "Normal funnel limits widened for an over-dispersion estimate.");
  m.def(
      "benchmark_rank",
      [](double value, const Array& comparators, const std::string& better, double previous,
         std::optional<Array> population) {
        const auto b = value_or_raise(qs::parse_better(better));
        const auto pop = population ? span_of(*population) : std::span<const double>();
        return value_or_raise(qs::benchmark_rank(value, span_of(comparators), b, previous, pop));
      },
      py::arg("value"), py::arg("comparators"), py::arg("better"),
      py::arg("previous") = std::numeric_limits<double>::quiet_NaN(),
      py::arg("population") = py::none(),
      "Rank, quartile band, change and comparators' mean of one value (LAIT's conventions).");
}

}  // namespace qaframe::bindings
