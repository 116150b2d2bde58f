// Bindings of the agreement statistics (confusion matrix, kappa, Fleiss, Krippendorff, Gwet) and
// the count-based bootstrap on qaframe._core.stats. Conversion only: every rule lives in
// include/qaframe/stats.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "qaframe/stats/agreement/bootstrap.hpp"
#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/agreement/gwet.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/agreement/krippendorff.hpp"
#include "registry.hpp"

namespace py = pybind11;
namespace qs = qaframe::stats;

namespace qaframe::bindings {
namespace {

using Codes = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using RowMajorCounts = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMajorDoubles = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename T>
T value_or_raise(absl::StatusOr<T> result) {
  if (!result.ok()) throw py::value_error(std::string(result.status().message()));
  return *std::move(result);
}

std::span<const std::int64_t> codes_of(const Codes& a, const char* name) {
  if (a.ndim() != 1) {
    throw py::value_error(std::string(name) + " must be one-dimensional, got " +
                          std::to_string(a.ndim()) + " dimensions");
  }
  return {a.data(), static_cast<std::size_t>(a.size())};
}

qs::CountMatrix counts_of(const Codes& a, const char* name) {
  if (a.ndim() != 2) {
    throw py::value_error(std::string(name) + " must be two-dimensional, got " +
                          std::to_string(a.ndim()) + " dimensions");
  }
  return Eigen::Map<const RowMajorCounts>(a.data(), a.shape(0), a.shape(1));
}

Eigen::MatrixXd matrix_of(const Doubles& a, const char* name) {
  if (a.ndim() != 2) {
    throw py::value_error(std::string(name) + " must be a two-dimensional matrix, got " +
                          std::to_string(a.ndim()) + " dimensions");
  }
  return Eigen::Map<const RowMajorDoubles>(a.data(), a.shape(0), a.shape(1));
}

py::array_t<std::int64_t> to_numpy(const qs::CountMatrix& m) {
  py::array_t<std::int64_t> out({m.rows(), m.cols()});
  auto v = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) v(i, j) = m(i, j);
  }
  return out;
}

py::array_t<double> to_numpy(const Eigen::MatrixXd& m) {
  py::array_t<double> out({m.rows(), m.cols()});
  auto v = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) v(i, j) = m(i, j);
  }
  return out;
}

qs::BootstrapOptions bootstrap_options(std::int64_t n_resamples, double level,
                                       const std::string& method, std::uint64_t seed) {
  qs::BootstrapOptions o;
  o.n_resamples = n_resamples;
  o.level = level;
  o.method = value_or_raise(qs::parse_interval_method(method));
  o.seed = seed;
  return o;
}

}  // namespace

void register_stats_agreement(py::module_& m) {
  m.def(
      "_binomial_draws",
      [](std::int64_t n, double p, std::int64_t size, std::uint64_t seed) {
        std::mt19937_64 engine(seed);
        py::array_t<std::int64_t> out(size);
        auto v = out.mutable_unchecked<1>();
        for (std::int64_t i = 0; i < size; ++i) v(i) = qs::draw_binomial(engine, n, p);
        return out;
      },
      py::arg("n"), py::arg("p"), py::arg("size"), py::arg("seed"),
      "Draws of the bootstrap's binomial sampler (for tests of its distribution).");
  py::class_<qs::AgreementShare>(m, "AgreementShare", "A share of rating pairs.")
      .def_readonly("statistic", &qs::AgreementShare::statistic)
      .def_readonly("n", &qs::AgreementShare::n)
      .def_readonly("note", &qs::AgreementShare::note);

  py::class_<qs::KappaResult>(m, "KappaResult", "Cohen's kappa with standard errors.")
      .def_readonly("statistic", &qs::KappaResult::statistic)
      .def_readonly("se", &qs::KappaResult::se)
      .def_readonly("se_null", &qs::KappaResult::se_null)
      .def_readonly("zstatistic", &qs::KappaResult::zstatistic)
      .def_readonly("pvalue", &qs::KappaResult::pvalue)
      .def_readonly("low", &qs::KappaResult::low)
      .def_readonly("high", &qs::KappaResult::high)
      .def_readonly("level", &qs::KappaResult::level)
      .def_readonly("observed_agreement", &qs::KappaResult::observed_agreement)
      .def_readonly("expected_agreement", &qs::KappaResult::expected_agreement)
      .def_readonly("n", &qs::KappaResult::n)
      .def_readonly("note", &qs::KappaResult::note);

  py::class_<qs::FleissKappaResult>(m, "FleissKappaResult", "Fleiss' kappa for many raters.")
      .def_readonly("statistic", &qs::FleissKappaResult::statistic)
      .def_readonly("se_null", &qs::FleissKappaResult::se_null)
      .def_readonly("zstatistic", &qs::FleissKappaResult::zstatistic)
      .def_readonly("pvalue", &qs::FleissKappaResult::pvalue)
      .def_readonly("observed_agreement", &qs::FleissKappaResult::observed_agreement)
      .def_readonly("expected_agreement", &qs::FleissKappaResult::expected_agreement)
      .def_readonly("n_subjects", &qs::FleissKappaResult::n_subjects)
      .def_readonly("n_raters", &qs::FleissKappaResult::n_raters)
      .def_readonly("note", &qs::FleissKappaResult::note);

  py::class_<qs::GwetResult>(m, "GwetResult", "Gwet's AC1 / AC2 with standard error.")
      .def_readonly("statistic", &qs::GwetResult::statistic)
      .def_readonly("se", &qs::GwetResult::se)
      .def_readonly("zstatistic", &qs::GwetResult::zstatistic)
      .def_readonly("pvalue", &qs::GwetResult::pvalue)
      .def_readonly("low", &qs::GwetResult::low)
      .def_readonly("high", &qs::GwetResult::high)
      .def_readonly("level", &qs::GwetResult::level)
      .def_readonly("observed_agreement", &qs::GwetResult::observed_agreement)
      .def_readonly("expected_agreement", &qs::GwetResult::expected_agreement)
      .def_readonly("n", &qs::GwetResult::n)
      .def_readonly("note", &qs::GwetResult::note);

  py::class_<qs::KrippendorffResult>(m, "KrippendorffResult", "Krippendorff's alpha.")
      .def_readonly("statistic", &qs::KrippendorffResult::statistic)
      .def_readonly("observed_disagreement", &qs::KrippendorffResult::observed_disagreement)
      .def_readonly("expected_disagreement", &qs::KrippendorffResult::expected_disagreement)
      .def_readonly("n_pairable", &qs::KrippendorffResult::n_pairable)
      .def_readonly("n_units", &qs::KrippendorffResult::n_units)
      .def_readonly("values", &qs::KrippendorffResult::values)
      .def_property_readonly(
          "coincidences", [](const qs::KrippendorffResult& r) { return to_numpy(r.coincidences); })
      .def_readonly("note", &qs::KrippendorffResult::note);

  py::class_<qs::BootstrapResult>(m, "BootstrapResult", "A bootstrap interval.")
      .def_readonly("statistic", &qs::BootstrapResult::statistic)
      .def_readonly("low", &qs::BootstrapResult::low)
      .def_readonly("high", &qs::BootstrapResult::high)
      .def_readonly("level", &qs::BootstrapResult::level)
      .def_property_readonly("method",
                             [](const qs::BootstrapResult& r) {
                               return std::string(qs::interval_method_name(r.method));
                             })
      .def_readonly("n_resamples", &qs::BootstrapResult::n_resamples)
      .def_readonly("seed", &qs::BootstrapResult::seed)
      .def_readonly("n_valid", &qs::BootstrapResult::n_valid)
      .def_readonly("bias_correction", &qs::BootstrapResult::bias_correction)
      .def_readonly("acceleration", &qs::BootstrapResult::acceleration)
      .def_readonly("standard_error", &qs::BootstrapResult::standard_error)
      .def_property_readonly("distribution",
                             [](const qs::BootstrapResult& r) {
                               return py::array_t<double>(
                                   static_cast<py::ssize_t>(r.distribution.size()),
                                   r.distribution.data());
                             })
      .def_readonly("note", &qs::BootstrapResult::note);

  m.def(
      "confusion_matrix",
      [](const Codes& a, const Codes& b, std::int64_t k) {
        auto sa = codes_of(a, "a");
        auto sb = codes_of(b, "b");
        absl::StatusOr<qs::CountMatrix> t;
        {
          py::gil_scoped_release release;
          t = qs::confusion_matrix(sa, sb, k);
        }
        return to_numpy(value_or_raise(std::move(t)));
      },
      py::arg("a"), py::arg("b"), py::arg("k"),
      "k x k counts of pairs (rows a, columns b) in scale order; pairs with a -1 left out.");

  m.def(
      "category_counts",
      [](const Codes& codes, std::int64_t k) {
        auto s = codes_of(codes, "codes");
        qs::CountVector c = value_or_raise(qs::category_counts(s, k));
        return py::array_t<std::int64_t>(c.size(), c.data());
      },
      py::arg("codes"), py::arg("k"), "Counts per category in scale order; -1 left out.");

  m.def(
      "agreement_weights",
      [](const std::string& kind, std::int64_t k) {
        return to_numpy(qs::agreement_weights(value_or_raise(qs::parse_weighting(kind)), k));
      },
      py::arg("kind"), py::arg("k"), "Agreement weights none / linear / quadratic (w_ii = 1).");

  m.def(
      "percent_agreement",
      [](const Codes& table) {
        return value_or_raise(qs::percent_agreement(counts_of(table, "table")));
      },
      py::arg("table"), "Share of pairs on the diagonal of a confusion matrix.");

  m.def(
      "within_one_agreement",
      [](const Codes& table) {
        return value_or_raise(qs::within_one_agreement(counts_of(table, "table")));
      },
      py::arg("table"), "Share of pairs at most one level apart.");

  m.def(
      "cohen_kappa",
      [](const Codes& table, const Doubles& weights, double level) {
        return value_or_raise(
            qs::cohen_kappa(counts_of(table, "table"), matrix_of(weights, "weights"), level));
      },
      py::arg("table"), py::arg("weights"), py::arg("level") = 0.95,
      "Weighted kappa of a confusion matrix with Fleiss-Cohen-Everitt standard errors.");

  m.def(
      "fleiss_kappa",
      [](const Codes& counts) {
        return value_or_raise(qs::fleiss_kappa(counts_of(counts, "counts")));
      },
      py::arg("counts"), "Fleiss' kappa of subjects x categories counts.");

  m.def(
      "gwet_ac",
      [](const Codes& table, const Doubles& weights, double level) {
        return value_or_raise(
            qs::gwet_ac(counts_of(table, "table"), matrix_of(weights, "weights"), level));
      },
      py::arg("table"), py::arg("weights"), py::arg("level") = 0.95,
      "Gwet's AC1 (identity weights) or AC2 of a confusion matrix.");

  m.def(
      "krippendorff_alpha",
      [](const Doubles& data, const std::string& level) {
        if (data.ndim() != 2) {
          throw py::value_error("data must be two-dimensional (raters x units), got " +
                                std::to_string(data.ndim()) + " dimensions");
        }
        const qs::MeasurementLevel lv = value_or_raise(qs::parse_measurement_level(level));
        Eigen::Map<const RowMajorDoubles> view(data.data(), data.shape(0), data.shape(1));
        absl::StatusOr<qs::KrippendorffResult> r;
        {
          py::gil_scoped_release release;
          r = qs::krippendorff_alpha(view, lv);
        }
        return value_or_raise(std::move(r));
      },
      py::arg("data"), py::arg("level"), "Krippendorff's alpha of raters x units, NaN missing.");

  m.def(
      "bootstrap_agreement",
      [](const Codes& table, const std::string& statistic, const Doubles& weights,
         std::int64_t n_resamples, double level, const std::string& method, std::uint64_t seed) {
        const qs::CountMatrix t = counts_of(table, "table");
        const Eigen::MatrixXd w = matrix_of(weights, "weights");
        const qs::AgreementStatistic which =
            value_or_raise(qs::parse_agreement_statistic(statistic));
        const qs::BootstrapOptions o = bootstrap_options(n_resamples, level, method, seed);
        absl::StatusOr<qs::BootstrapResult> r;
        {
          py::gil_scoped_release release;
          r = qs::bootstrap_agreement(t, which, w, o);
        }
        return value_or_raise(std::move(r));
      },
      py::arg("table"), py::arg("statistic"), py::arg("weights"), py::arg("n_resamples"),
      py::arg("level"), py::arg("method"), py::arg("seed"),
      "Bootstrap interval of an agreement coefficient, resampling confusion-matrix cells.");

  m.def(
      "bootstrap_share",
      [](const Codes& counts, const Codes& categories, std::int64_t n_resamples, double level,
         const std::string& method, std::uint64_t seed) {
        auto c = codes_of(counts, "counts");
        const qs::CountVector cv =
            Eigen::Map<const qs::CountVector>(c.data(), static_cast<Eigen::Index>(c.size()));
        const std::vector<std::int64_t> cats(codes_of(categories, "categories").begin(),
                                             codes_of(categories, "categories").end());
        const qs::BootstrapOptions o = bootstrap_options(n_resamples, level, method, seed);
        absl::StatusOr<qs::BootstrapResult> r;
        {
          py::gil_scoped_release release;
          r = qs::bootstrap_share(cv, cats, o);
        }
        return value_or_raise(std::move(r));
      },
      py::arg("counts"), py::arg("categories"), py::arg("n_resamples"), py::arg("level"),
      py::arg("method"), py::arg("seed"),
      "Bootstrap interval of the share of the given categories, resampling category counts.");
}

}  // namespace qaframe::bindings
