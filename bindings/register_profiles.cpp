// Bindings of export profiles (readers/profile/): reading a profile, arguments over it, the
// starter profile and the did-you-mean hints. Conversion only: every rule is in the C++ core.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qaframe/readers/profile/column_guess.hpp"
#include "qaframe/readers/profile/export_profile.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

void register_profiles(py::module_& m) {
  py::class_<ExportProfile>(m, "ExportProfile",
                            "How one system's exports map onto qaframe (a TOML export profile).")
      .def(py::init<>())
      .def_readonly("source", &ExportProfile::source, "The file it was read from.")
      .def_property_readonly(
          "encoding",
          [](const ExportProfile& p) -> std::optional<std::string> {
            return p.input.encoding ? std::optional<std::string>(encoding_name(*p.input.encoding))
                                    : std::nullopt;
          },
          "[input] encoding, or None.")
      .def_property_readonly(
          "delimiter", [](const ExportProfile& p) { return p.input.delimiter; },
          "[input] delimiter ('\\0' for auto), or None.")
      .def_property_readonly(
          "header_row", [](const ExportProfile& p) { return p.input.header_row; },
          "[input] header_row (-1 for auto), or None.")
      .def_property_readonly(
          "footer_rows", [](const ExportProfile& p) { return p.input.footer_rows; },
          "[input] footer_rows, or None.")
      .def_property_readonly(
          "sheet", [](const ExportProfile& p) { return p.input.sheet; }, "[input] sheet.")
      .def_property_readonly(
          "columns", [](const ExportProfile& p) { return p.audits.columns; },
          "[audits.columns]: (canonical column, export header) pairs.")
      .def_property_readonly(
          "programmes", [](const ExportProfile& p) { return p.audits.programmes; },
          "[audits.programmes]: (programme value, spellings) pairs.")
      .def_property_readonly(
          "grades", [](const ExportProfile& p) { return p.audits.grades; },
          "[audits.grades]: (spelling, level) pairs.")
      .def_property_readonly(
          "not_applicable", [](const ExportProfile& p) { return p.audits.not_applicable; },
          "[audits] not_applicable.")
      .def_readonly("identifiers", &ExportProfile::identifiers, "[audits] identifiers.")
      .def_readonly("domain_labels", &ExportProfile::domain_labels,
                    "[audits.domains]: (domain, display label) pairs.")
      .def_property_readonly(
          "evidence_columns",
          [](const ExportProfile& p) {
            return std::vector<std::pair<std::string, Pairs>>{
                {"survey", p.survey.columns},
                {"performance", p.performance.columns},
                {"indicators", p.indicators.columns},
                {"evidence_map", p.evidence_map.columns},
                {"improvement_log", p.improvement_log.columns}};
          },
          "[<file>.columns] of the evidence files: (file, column pairs).")
      .def("__eq__", [](const ExportProfile& a, const ExportProfile& b) { return a == b; });

  m.def(
      "read_export_profile",
      [](const std::string& path) { return value_or_throw(read_export_profile(path)); },
      py::arg("path"), "An export profile read from a TOML file.");
  m.def(
      "parse_export_profile",
      [](const std::string& text, const std::string& source) {
        return value_or_throw(parse_export_profile(text, source));
      },
      py::arg("text"), py::arg("source") = "profile", "An export profile from TOML text.");
  m.def(
      "profile_with_overrides",
      [](const ExportProfile& profile, const Pairs& columns, std::optional<std::string> encoding,
         std::optional<std::string> delimiter, std::optional<std::string> header_row,
         std::optional<std::string> sheet) {
        ProfileOverrides o{columns, std::move(encoding), std::move(delimiter),
                           std::move(header_row), std::move(sheet)};
        return value_or_throw(with_overrides(profile, o));
      },
      py::arg("profile"), py::arg("columns"), py::arg("encoding"), py::arg("delimiter"),
      py::arg("header_row"), py::arg("sheet"),
      "The profile with the arguments given over it (set ones win).");
  m.def(
      "starter_profile",
      [](const std::string& path, const std::string& sheet) {
        ReadOptions o;
        o.sheet = sheet;
        return value_or_throw(starter_profile(path, o));
      },
      py::arg("path"), py::arg("sheet") = "", "A starter profile (TOML) for an export.");
  m.def(
      "missing_column_hints",
      [](const std::vector<std::string>& header) {
        const std::vector<std::string_view> views(header.begin(), header.end());
        return missing_column_hints(views);
      },
      py::arg("header"),
      "For each required column missing from a header: the header that looks like it.");
}

}  // namespace qaframe::bindings
