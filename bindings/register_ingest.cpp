// Bindings of the ingest paths: reading a CSV file in chunks, building audits from
// dictionary-encoded (pandas categorical or factorised) columns, and reading an audit file of
// either kind (CSV or workbook) and a workbook's sheet names. Conversion only.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "qaframe/io/text_encoding.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/model/encoded_columns.hpp"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/readers/audits_file.hpp"
#include "qaframe/readers/profile/export_profile.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {

CsvOptions dialect(const CsvOptions& base, const std::string& encoding,
                   const std::string& delimiter) {
  auto csv = with_named_dialect(base, encoding, delimiter);
  if (!csv.ok()) throw py::value_error(std::string(csv.status().message()));
  return *csv;
}

namespace {

// A Python list of str as strings, read through the CPython API: a column's categories, up to
// one a row (1,400,000 texts for a million audits; from_frame's call for them took 272-312 ms,
// against 339 ms through pybind11's generic conversion).
// TypeError naming the column and position for an item that is not a str; ValueError naming the
// column and value for a str that UTF-8 cannot hold (a lone surrogate).
std::vector<std::string> texts_of(const py::handle& list, const std::string& column) {
  PyObject* seq = PySequence_Fast(list.ptr(), "categories must be lists of str");
  if (seq == nullptr) throw py::error_already_set();
  const py::object owner = py::reinterpret_steal<py::object>(seq);
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  PyObject** items = PySequence_Fast_ITEMS(seq);
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    if (!PyUnicode_Check(items[i])) {
      throw py::type_error("categories of column '" + column + "': item " + std::to_string(i) +
                           " is not a str");
    }
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(items[i], &size);
    if (text == nullptr) {
      PyErr_Clear();
      const py::object shown = py::reinterpret_steal<py::object>(PyObject_ASCII(items[i]));
      if (!shown) throw py::error_already_set();
      throw py::value_error("column '" + column + "': the value " +
                            py::str(shown).cast<std::string>() +
                            " is not text UTF-8 can hold (it has a lone surrogate)");
    }
    out.emplace_back(text, static_cast<std::size_t>(size));
  }
  return out;
}

// Appends the readers' notes to `notes`, a Python list (or does nothing for None).
void append_notes(const py::object& notes, const Diagnostics& diag) {
  if (notes.is_none()) return;
  py::list list = notes.cast<py::list>();
  for (const std::string& n : diag.remarks()) list.append(n);
}

}  // namespace

void register_ingest(py::module_& m) {
  py::class_<AuditChunkReader>(m, "AuditChunkReader",
                               "Reads a CSV file of audits in chunks of at most `rows` records.")
      .def(py::init([](const std::string& path, std::size_t rows, const GradeScale& scale,
                       std::size_t max_problems, const DomainScales& domain_scales,
                       const std::vector<std::string>& identifiers, std::size_t block_bytes,
                       const ExportProfile& profile, py::object notes) {
             ReadOptions o;
             o.scale = scale;
             o.domain_scales = domain_scales;
             o.identifier_columns = identifiers;
             apply_profile(profile, o);
             Diagnostics diag(max_problems);
             absl::StatusOr<AuditChunkReader> r =
                 AuditChunkReader::open(path, rows, o, &diag, block_bytes);
             append_notes(notes, diag);
             if (!r.ok() && absl::IsNotFound(r.status())) {
               PyErr_SetString(PyExc_FileNotFoundError, std::string(r.status().message()).c_str());
               throw py::error_already_set();
             }
             if (!r.ok()) throw_status(r.status(), &diag);
             return std::move(*r);
           }),
           py::arg("path"), py::arg("rows"), py::arg("scale"),
           py::arg("max_problems") = Diagnostics::kDefaultLimit,
           py::arg("domain_scales") = DomainScales{},
           py::arg("identifiers") = std::vector<std::string>{},
           py::arg("block_bytes") = AuditChunkReader::kDefaultBlockBytes,
           py::arg("profile") = ExportProfile{}, py::arg("notes") = py::none())
      .def(
          "next",
          [](AuditChunkReader& reader, std::size_t max_problems) -> std::optional<AuditSet> {
            Diagnostics diag(max_problems);
            absl::StatusOr<std::optional<AuditSet>> r;
            {
              py::gil_scoped_release release;
              r = reader.next(&diag);
            }
            if (!r.ok()) throw_status(r.status(), &diag);
            return *std::move(r);
          },
          py::arg("max_problems") = Diagnostics::kDefaultLimit,
          "The next chunk, or None after the last; DataError for a chunk with problems.")
      .def_property_readonly("rows_read", &AuditChunkReader::rows_read, "Records read so far.");

  m.def(
      "audits_from_encoded",
      [](const std::vector<std::string>& names, const py::list& categories,
         const std::vector<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>>&
             codes,
         const GradeScale& scale, const std::string& source, std::size_t max_problems,
         const DomainScales& domain_scales) {
        if (names.size() != categories.size() || names.size() != codes.size()) {
          throw py::value_error("names, categories and codes must have one entry per column");
        }
        std::vector<EncodedColumn> columns(names.size());
        for (std::size_t c = 0; c < names.size(); ++c) {
          if (codes[c].ndim() != 1) throw py::value_error("codes must be one-dimensional");
          columns[c] = {names[c], texts_of(categories[c], names[c]),
                        std::span<const std::int32_t>(codes[c].data(),
                                                      static_cast<std::size_t>(codes[c].size()))};
        }
        Diagnostics diag(max_problems);
        absl::StatusOr<AuditSet> r;
        {
          py::gil_scoped_release release;
          r = audits_from_encoded(columns, scale, source, &diag, domain_scales);
        }
        if (!r.ok()) throw_status(r.status(), &diag);
        return *std::move(r);
      },
      py::arg("names"), py::arg("categories"), py::arg("codes"), py::arg("scale"),
      py::arg("source") = "DataFrame", py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("domain_scales") = DomainScales{},
      "Audits from encoded columns: distinct texts and int32 codes per row (-1 missing).");

  m.def(
      "read_audits_file",
      [](const std::string& path, const GradeScale& scale, std::size_t max_problems,
         const DomainScales& domain_scales, const std::string& sheet, std::int64_t header_row,
         std::size_t threads, const std::vector<std::string>& identifiers,
         const ExportProfile& profile, py::object notes) {
        ReadOptions o;
        o.scale = scale;
        o.domain_scales = domain_scales;
        o.identifier_columns = identifiers;
        apply_profile(profile, o);
        o.threads = threads;
        XlsxOptions x;
        x.sheet = sheet;
        x.header_row = header_row;
        x.threads = threads;
        Diagnostics diag(max_problems);
        absl::StatusOr<AuditSet> r;
        {
          py::gil_scoped_release release;
          r = read_audits_file(path, o, x, &diag);
        }
        append_notes(notes, diag);
        if (!r.ok() && absl::IsNotFound(r.status())) {
          PyErr_SetString(PyExc_FileNotFoundError, std::string(r.status().message()).c_str());
          throw py::error_already_set();
        }
        return value_or_throw(std::move(r), &diag);
      },
      py::arg("path"), py::arg("scale"), py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("domain_scales") = DomainScales{}, py::arg("sheet") = "", py::arg("header_row") = 0,
      py::arg("threads") = 0, py::arg("identifiers") = std::vector<std::string>{},
      py::arg("profile") = ExportProfile{}, py::arg("notes") = py::none(),
      "Audits from a CSV file or a workbook, chosen by the file's content (then its name), "
      "read as an export profile says; what a reader chose for itself is appended to notes.");
  m.def(
      "xlsx_sheet_names",
      [](const std::string& path) {
        Diagnostics diag;
        absl::StatusOr<std::vector<std::string>> r;
        {
          py::gil_scoped_release release;
          r = read_xlsx_sheet_names(path, {}, &diag);
        }
        if (!r.ok() && absl::IsNotFound(r.status())) {
          PyErr_SetString(PyExc_FileNotFoundError, std::string(r.status().message()).c_str());
          throw py::error_already_set();
        }
        return value_or_throw(std::move(r), &diag);
      },
      py::arg("path"), "The sheet names of a workbook, in the workbook's order.");
}

}  // namespace qaframe::bindings
