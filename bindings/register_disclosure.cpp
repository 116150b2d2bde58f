// Bindings of disclosure control, publication rounding and staff pseudonyms on
// qaframe._core.disclosure. Conversion only: every rule lives in include/qaframe/report.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "qaframe/publish/disclosure.hpp"
#include "qaframe/publish/pseudonym.hpp"
#include "qaframe/publish/rounding.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {
namespace {

using Counts = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using Ids = py::array_t<std::size_t, py::array::c_style | py::array::forcecast>;

Margins margins_of(const std::tuple<bool, bool, bool>& m) {
  return Margins{std::get<0>(m), std::get<1>(m), std::get<2>(m)};
}

DisclosureRule make_rule(std::int64_t threshold, const std::string& zeros,
                         std::optional<std::int64_t> protection) {
  DisclosureRule rule;
  rule.threshold = threshold;
  rule.zeros = value_or_throw(parse_zero_cells(zeros));
  rule.protection = protection;
  return rule;
}

}  // namespace

void register_disclosure(py::module_& m) {
  py::enum_<Suppression>(m, "Suppression", "What a publication does with one value.")
      .value("published", Suppression::kPublished)
      .value("primary", Suppression::kPrimary)
      .value("secondary", Suppression::kSecondary)
      .value("not_published", Suppression::kNotPublished)
      .def_property_readonly("label", [](Suppression s) { return std::string(to_string(s)); });

  py::class_<DisclosureRule>(m, "DisclosureRule", "Threshold, zeros and protection width.")
      .def(py::init(&make_rule), py::arg("threshold") = 5, py::arg("zeros") = "published",
           py::arg("protection") = std::nullopt)
      .def_readonly("threshold", &DisclosureRule::threshold)
      .def_property_readonly(
          "zeros", [](const DisclosureRule& r) { return std::string(to_string(r.zeros)); })
      .def_readonly("protection", &DisclosureRule::protection)
      .def_property_readonly("required_width", &DisclosureRule::required_width)
      .def("describe", &DisclosureRule::describe)
      .def("__eq__", [](const DisclosureRule& a, const DisclosureRule& b) { return a == b; });

  py::class_<PublishedEntry>(m, "PublishedEntry", "One cell or total as published.")
      .def_readonly("value", &PublishedEntry::value)
      .def_readonly("status", &PublishedEntry::status)
      .def_readonly("low", &PublishedEntry::low)
      .def_readonly("high", &PublishedEntry::high)
      .def_property_readonly("suppressed", &PublishedEntry::suppressed)
      .def_property_readonly("text", &PublishedEntry::text);

  py::class_<SuppressedTable>(m, "SuppressedTable", "A table as it is to be published.")
      .def_readonly("rows", &SuppressedTable::rows)
      .def_readonly("columns", &SuppressedTable::columns)
      .def_readonly("cells", &SuppressedTable::cells)
      .def_readonly("row_totals", &SuppressedTable::row_totals)
      .def_readonly("column_totals", &SuppressedTable::column_totals)
      .def_readonly("grand_total", &SuppressedTable::grand_total)
      .def_property_readonly("primary_count", &SuppressedTable::primary_count)
      .def_property_readonly("secondary_count", &SuppressedTable::secondary_count)
      .def("__eq__", [](const SuppressedTable& a, const SuppressedTable& b) { return a == b; });

  m.def(
      "suppress",
      [](const Counts& counts, std::tuple<bool, bool, bool> margins, const DisclosureRule& rule) {
        if (counts.ndim() != 2)
          throw py::value_error("counts must be two-dimensional, got " +
                                std::to_string(counts.ndim()) + " dimension(s)");
        CountTable t;
        t.rows = static_cast<std::size_t>(counts.shape(0));
        t.columns = static_cast<std::size_t>(counts.shape(1));
        t.counts.assign(counts.data(), counts.data() + counts.size());
        t.margins = margins_of(margins);
        absl::StatusOr<SuppressedTable> out;
        {
          py::gil_scoped_release release;
          out = suppress_counts(t, rule);
        }
        return value_or_throw(std::move(out));
      },
      py::arg("counts"), py::arg("margins"), py::arg("rule"),
      "Primary and secondary suppression of one table (margins: rows, columns, grand).");
  m.def(
      "suppress_linked",
      [](const Counts& base,
         const std::vector<std::tuple<std::size_t, std::size_t, Ids, std::tuple<bool, bool, bool>>>&
             tables,
         const DisclosureRule& rule) {
        std::vector<LinkedTable> linked;
        for (const auto& [rows, columns, ids, margins] : tables)
          linked.push_back(LinkedTable{
              rows, columns, std::vector<std::size_t>(ids.data(), ids.data() + ids.size()),
              margins_of(margins)});
        const std::vector<std::int64_t> values(base.data(), base.data() + base.size());
        absl::StatusOr<std::vector<SuppressedTable>> out;
        {
          py::gil_scoped_release release;
          out = suppress_linked(values, linked, rule);
        }
        return value_or_throw(std::move(out));
      },
      py::arg("base"), py::arg("tables"), py::arg("rule"),
      "Suppression of tables published together over shared base counts.");

  m.def(
      "round_half_up",
      [](std::int64_t numerator, std::int64_t denominator, std::int64_t scale) {
        return value_or_throw(round_half_up(numerator, denominator, scale));
      },
      py::arg("numerator"), py::arg("denominator"), py::arg("scale") = 1);
  m.def("percent_half_up", py::vectorize([](std::int64_t count, std::int64_t n) {
          return value_or_throw(percent_half_up(count, n));
        }),
        py::arg("count"), py::arg("n"), "100 x count / n, whole number, halves up (exact).");
  m.def(
      "published_rate",
      [](std::int64_t count, std::int64_t n, std::int64_t per, int decimals, bool count_suppressed,
         bool n_suppressed) {
        return value_or_throw(
            published_rate(count, n, per, decimals, count_suppressed, n_suppressed));
      },
      py::arg("count"), py::arg("n"), py::arg("per"), py::arg("decimals") = 0,
      py::arg("count_suppressed") = false, py::arg("n_suppressed") = false);

  m.def(
      "siphash24",
      [](const std::string& key_hex, const py::bytes& message) {
        const PseudonymKey key = value_or_throw(PseudonymKey::from_hex(key_hex));
        return siphash24(key, std::string(message));
      },
      py::arg("key"), py::arg("message"));
  m.def("normalise_staff_name", &normalise_staff_name, py::arg("name"));
  m.def(
      "pseudonymise",
      [](const std::vector<std::string>& names, const std::string& key_hex,
         const std::string& prefix, int digits) {
        const PseudonymKey key = value_or_throw(PseudonymKey::from_hex(key_hex));
        return value_or_throw(pseudonymise(names, key, prefix, digits));
      },
      py::arg("names"), py::arg("key"), py::arg("prefix") = "Staff", py::arg("digits") = 4);
}

}  // namespace qaframe::bindings
