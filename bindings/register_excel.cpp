// Bindings of the Excel output: grade tables and the report's tables as .xlsx workbooks.
// Conversion only: the layout and the rules live in render/xlsx and report/table_xlsx.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "qaframe/report/report.hpp"
#include "qaframe/report/table_xlsx.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {

void register_excel(py::module_& m) {
  m.def(
      "write_tables_xlsx",
      [](const std::vector<GradeTable>& tables, const std::string& path, const std::string& source,
         const std::string& grades) {
        absl::Status s;
        {
          py::gil_scoped_release release;
          s = write_tables_xlsx(tables, {source, grades}, path);
        }
        if (!s.ok()) throw_status(s);
      },
      py::arg("tables"), py::arg("path"), py::arg("source") = "", py::arg("grades") = "final",
      "Writes grade tables to an .xlsx workbook atomically: a sheet each and a notes sheet.");
  m.def(
      "write_report_xlsx",
      [](const AuditSet& audits, const std::string& path,
         std::optional<std::vector<std::string>> by, std::optional<std::string> threshold,
         const std::string& source, const std::string& grades) {
        ReportOptions o;
        if (by) o.by = *by;
        o.threshold = std::move(threshold);
        o.source = source;
        o.grades = grades;
        absl::Status s;
        {
          py::gil_scoped_release release;
          s = write_report_xlsx(audits, o, path);
        }
        if (!s.ok()) throw_status(s);
      },
      py::arg("audits"), py::arg("path"), py::arg("by") = py::none(),
      py::arg("threshold") = py::none(), py::arg("source") = "", py::arg("grades") = "final_grade",
      "Writes every table of the report to an .xlsx workbook atomically.");
}

}  // namespace qaframe::bindings
