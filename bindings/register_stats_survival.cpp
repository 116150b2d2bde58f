// Bindings of the survival statistics (Kaplan-Meier, survival quantiles) and the exact sign test
// on qaframe._core.stats. Conversion only: every rule lives in include/qaframe/stats.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "qaframe/stats/sha256.hpp"
#include "qaframe/stats/inference/sign_test.hpp"
#include "qaframe/stats/inference/survival.hpp"
#include "registry.hpp"
#include "survival_convert.hpp"

namespace py = pybind11;
namespace qs = qaframe::stats;

namespace qaframe::bindings {
namespace {

template <typename T>
T value_or_raise(absl::StatusOr<T> result) {
  if (!result.ok()) throw py::value_error(std::string(result.status().message()));
  return *std::move(result);
}

template <typename F>
py::array_t<double> column(const qs::KaplanMeier& km, F field) {
  py::array_t<double> out(static_cast<py::ssize_t>(km.table.size()));
  auto w = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < km.table.size(); ++i)
    w(static_cast<py::ssize_t>(i)) = static_cast<double>(field(km.table[i]));
  return out;
}

}  // namespace

void register_stats_survival(py::module_& m) {
  py::class_<qs::KaplanMeier>(m, "KaplanMeier", "A Kaplan-Meier estimate (rows at event times).")
      .def_readonly("n", &qs::KaplanMeier::n)
      .def_readonly("n_events", &qs::KaplanMeier::events)
      .def_readonly("n_censored", &qs::KaplanMeier::censored)
      .def_readonly("censored_before", &qs::KaplanMeier::censored_before)
      .def_readonly("note", &qs::KaplanMeier::note)
      .def_property_readonly("times",
                             [](const qs::KaplanMeier& k) {
                               return column(k, [](const qs::SurvivalRow& r) { return r.time; });
                             })
      .def_property_readonly("at_risk",
                             [](const qs::KaplanMeier& k) {
                               return column(k, [](const qs::SurvivalRow& r) { return r.at_risk; });
                             })
      .def_property_readonly("events",
                             [](const qs::KaplanMeier& k) {
                               return column(k, [](const qs::SurvivalRow& r) { return r.events; });
                             })
      .def_property_readonly("censored",
                             [](const qs::KaplanMeier& k) {
                               return column(k,
                                             [](const qs::SurvivalRow& r) { return r.censored; });
                             })
      .def_property_readonly("survival",
                             [](const qs::KaplanMeier& k) {
                               return column(k,
                                             [](const qs::SurvivalRow& r) { return r.survival; });
                             })
      .def_property_readonly("std_error",
                             [](const qs::KaplanMeier& k) {
                               return column(k,
                                             [](const qs::SurvivalRow& r) { return r.std_error; });
                             })
      .def("survival_at", &qs::KaplanMeier::survival_at, py::arg("t"));
  m.def(
      "kaplan_meier",
      [](py::array_t<double, py::array::c_style | py::array::forcecast> time,
         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> status) {
        std::span<const double> t(time.data(), static_cast<std::size_t>(time.size()));
        std::span<const std::uint8_t> s(status.data(), static_cast<std::size_t>(status.size()));
        return value_or_raise(qs::kaplan_meier(t, s));
      },
      py::arg("time"), py::arg("status"));
  m.def(
      "survival_quantile",
      [](const qs::KaplanMeier& km, double p, double level, const std::string& transform) {
        auto t = value_or_raise(qs::parse_quantile_transform(transform));
        return survival_quantile_dict(value_or_raise(qs::survival_quantile(km, p, level, t)));
      },
      py::arg("km"), py::arg("p") = 0.5, py::arg("level") = 0.95, py::arg("transform") = "cloglog");
  m.def(
      "sign_test",
      [](std::int64_t positive, std::int64_t negative, std::int64_t ties,
         const std::string& alternative) {
        auto alt = value_or_raise(qs::parse_alternative(alternative));
        return sign_test_dict(value_or_raise(qs::sign_test(positive, negative, ties, alt)));
      },
      py::arg("positive"), py::arg("negative"), py::arg("ties") = 0,
      py::arg("alternative") = "two-sided");
  m.def(
      "sha256_hex", [](const py::bytes& data) { return qs::to_hex(qs::sha256(std::string(data))); },
      py::arg("data"));
}

}  // namespace qaframe::bindings
