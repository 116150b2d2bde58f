// Bindings of the core model: grading scales, audit sets, grade tables, profiles, the report and
// the command line. Conversion only: every rule lives in include/qaframe and src/.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <sstream>
#include <type_traits>

#include "qaframe/cli/cli.hpp"
#include "qaframe/model/audit_set_builder.hpp"
#include "qaframe/qaframe.hpp"
#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/render/render.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {
namespace {

py::handle data_error_type;  // owned by the module; never released (safe at interpreter exit)

// A read-only NumPy view of memory owned by `owner` (kept alive as the array's base).
template <typename T>
py::array_t<T> view(std::span<const T> data, py::handle owner) {
  py::array_t<T> a({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                   data.data(), owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

GradeScale custom_scale(std::string name, std::vector<std::string> levels,
                        std::vector<std::pair<std::string, std::string>> aliases,
                        std::optional<std::vector<std::string>> not_applicable,
                        std::optional<std::size_t> good_from) {
  auto s = GradeScale::custom(
      std::move(name), std::move(levels), std::move(aliases),
      not_applicable ? *not_applicable : GradeScale::default_not_applicable(), good_from);
  if (!s.ok()) throw py::value_error(std::string(s.status().message()));
  return *std::move(s);
}

py::array_t<std::int64_t> table_counts(const GradeTable& t) {
  const auto rows = static_cast<py::ssize_t>(t.size());
  const auto cols = static_cast<py::ssize_t>(t.scale().size() + 1);
  py::array_t<std::int64_t> out({rows, cols});
  auto m = out.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i) {
    const GradeCounts& c = t.row_unchecked(static_cast<std::size_t>(i));
    for (py::ssize_t j = 0; j + 1 < cols; ++j) m(i, j) = c[static_cast<Grade>(j)];
    m(i, cols - 1) = c.n_not_applicable();
  }
  return out;
}

std::vector<std::int64_t> counts_with_na(const GradeCounts& c) {
  std::vector<std::int64_t> v = c.level_counts();
  v.push_back(c.n_not_applicable());
  return v;
}

}  // namespace

[[noreturn]] void throw_status(const absl::Status& status, const Diagnostics* diag) {
  // A message may quote what was given: control and bidi characters shown as escapes.
  const std::string message = neutralise_controls(std::string(status.message()));
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: {
      DataErrorException e{message, {}, 0};
      if (diag != nullptr) {
        e.problems = diag->problems();
        e.total = diag->total();
        e.notes = diag->notes();
      }
      throw e;
    }
    case absl::StatusCode::kNotFound:
      throw py::key_error(message);
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      throw py::value_error(message);
    case absl::StatusCode::kUnavailable:
      PyErr_SetString(PyExc_OSError, message.c_str());
      throw py::error_already_set();
    default:
      throw std::runtime_error(message);
  }
}

void register_errors(py::module_& m) {
  py::class_<DataProblem>(m, "DataProblem", "One problem in input data: where, what and why.")
      .def_readonly("source", &DataProblem::source, "File path, or 'DataFrame'.")
      .def_readonly("line", &DataProblem::line, "1-based file line of the record (0 if none).")
      .def_readonly("row", &DataProblem::row, "0-based data row (-1 for the header or file).")
      .def_readonly("column", &DataProblem::column, "Column name ('' when not one column).")
      .def_readonly("value", &DataProblem::value, "The offending value (shortened if long).")
      .def_readonly("reason", &DataProblem::reason, "Why it is a problem.")
      .def_readonly("cell", &DataProblem::cell,
                    "Workbook cell ('C14', or a row's range 'A3:F3'); '' for text files.")
      .def_readonly("exported_column", &DataProblem::exported_column,
                    "The column's header in the export when a profile renamed it, else ''.")
      .def("__str__", &DataProblem::to_string)
      .def("__repr__", [](const DataProblem& p) { return "<DataProblem " + p.to_string() + ">"; })
      .def("__eq__", [](const DataProblem& a, const DataProblem& b) { return a == b; });
  // Defined in Python-facing terms: a ValueError subclass with .problems and .total.
  data_error_type = py::exception<DataErrorException>(m, "DataError", PyExc_ValueError).inc_ref();
  data_error_type.attr("__doc__") =
      "Bad input data. `problems` lists each problem (source, line or row, column, value, "
      "reason); `total` counts all problems found, including those past the listing limit.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const DataErrorException& e) {
      py::object exc = data_error_type(e.message);
      exc.attr("problems") = py::cast(e.problems);
      exc.attr("total") = py::int_(e.total);
      exc.attr("notes") = py::cast(e.notes);
      PyErr_SetObject(data_error_type.ptr(), exc.ptr());
    }
  });
}

void register_core(py::module_& m) {
  register_errors(m);
  m.def("canonical_column_name", &canonical_column_name, py::arg("header"),
        "The canonical form of a header: 'Audit Date' -> 'audit_date'.");

  py::class_<GradeScale>(m, "GradeScale", "An ordered grading scale, worst level first.")
      .def_static("ofsted", &GradeScale::ofsted,
                  "Inadequate, Requires Improvement, Good, Outstanding.")
      .def_static("met_not_met", &GradeScale::met_not_met, "Not met, Met.")
      .def_static("custom", &custom_scale, py::arg("name"), py::arg("levels"),
                  py::arg("aliases") = std::vector<std::pair<std::string, std::string>>{},
                  py::arg("not_applicable") = py::none(), py::arg("good_from") = py::none(),
                  "A scale from labels worst to best; aliases as (spelling, level) pairs.")
      .def_property_readonly("name", &GradeScale::name, "The scale's name.")
      .def_property_readonly("labels", &GradeScale::labels, "Canonical labels, worst to best.")
      .def_property_readonly(
          "good_from", [](const GradeScale& s) { return s.label(s.good_from()); },
          "The first level counted as good.")
      .def_property_readonly("good_from_rule", &GradeScale::good_from_rule,
                             "Where good starts, and why when it was not given.")
      .def_property_readonly("accepted", &GradeScale::accepted_labels, "Every accepted spelling.")
      .def(
          "parse",
          [](const GradeScale& s, const std::string& text) -> std::optional<std::string> {
            Diagnostics diag;
            std::vector<int> code = encode_grades(s, {text}, diag, "GradeScale.parse", "");
            if (!diag.ok()) throw_status(diag.to_status(), &diag);
            Grade g = code[0] < 0 ? kNotApplicable : static_cast<Grade>(code[0]);
            if (g == kNotApplicable) return std::nullopt;
            return s.label(g);
          },
          py::arg("text"), "The canonical label of `text`, None for not applicable.")
      .def(
          "encode",
          [](const GradeScale& s, const std::vector<std::string>& labels,
             const std::string& source) {
            Diagnostics diag;
            std::vector<int> codes = encode_grades(s, labels, diag, source);
            if (!diag.ok()) throw_status(diag.to_status(), &diag);
            return py::array_t<int>(static_cast<py::ssize_t>(codes.size()), codes.data());
          },
          py::arg("labels"), py::arg("source") = "labels",
          "Level indices (worst = 0) of labels, -1 for not applicable.")
      .def("__len__", &GradeScale::size)
      .def("__eq__", [](const GradeScale& a, const GradeScale& b) { return a == b; })
      .def("__repr__", [](const GradeScale& s) {
        std::string out = "GradeScale('" + s.name() + "': ";
        for (std::size_t i = 0; i < s.size(); ++i) out += (i ? " < " : "") + s.labels()[i];
        return out + "; " + s.good_from_rule() + ")";
      });

  py::class_<GradeCounts>(m, "GradeCounts", "Mergeable counts of audits per level and N/A.")
      .def_property_readonly("levels", &GradeCounts::level_counts, "Counts per level, worst first.")
      .def_property_readonly("counts", &counts_with_na, "Counts per level, then N/A.")
      .def_property_readonly("n", &GradeCounts::n, "All audits.")
      .def_property_readonly("n_graded", &GradeCounts::n_graded, "Graded audits.")
      .def_property_readonly("n_not_applicable", &GradeCounts::n_not_applicable, "N/A audits.")
      .def("share_below", &GradeCounts::share_below, py::arg("level"), py::arg("adjusted") = false)
      .def("share_at_least", &GradeCounts::share_at_least, py::arg("level"),
           py::arg("adjusted") = false)
      .def("merge",
           [](GradeCounts& a, const GradeCounts& b) {
             if (auto s = a.merge(b); !s.ok()) throw py::value_error(std::string(s.message()));
           })
      .def("__eq__", [](const GradeCounts& a, const GradeCounts& b) { return a == b; });

  py::class_<GradeProfile>(m, "GradeProfile", "Grade counts, shares and distinct children.")
      .def_readonly("scale", &GradeProfile::scale)
      .def_readonly("counts", &GradeProfile::counts)
      .def_readonly("n_children", &GradeProfile::n_children)
      .def(
          "share_below",
          [](const GradeProfile& p, const std::string& level, bool adjusted) {
            return value_or_throw(p.share_below(level, adjusted));
          },
          py::arg("level"), py::arg("adjusted") = false)
      .def(
          "share_at_least",
          [](const GradeProfile& p, const std::string& level, bool adjusted) {
            return value_or_throw(p.share_at_least(level, adjusted));
          },
          py::arg("level"), py::arg("adjusted") = false);

  py::class_<GradeTable>(m, "GradeTable", "Grade counts by category; mergeable by label.")
      .def(py::init<std::string, GradeScale>(), py::arg("by"), py::arg("scale"))
      .def_property_readonly("by", &GradeTable::by)
      .def_property_readonly("by_columns", &GradeTable::by_columns, "The columns of the rows.")
      .def_property_readonly(
          "keys",
          [](const GradeTable& t) {
            std::vector<std::vector<std::string>> keys;
            for (std::size_t i = 0; i < t.size(); ++i) keys.push_back(t.key_unchecked(i));
            return keys;
          },
          "The values of each row, one per column of by_columns.")
      .def_property_readonly("scale", &GradeTable::scale)
      .def_property_readonly("rows", &GradeTable::rows)
      .def_property_readonly("counts", &table_counts, "rows x (levels + N/A) counts")
      .def(
          "copy", [](const GradeTable& t) { return t; }, "An independent copy.")
      .def("total", &GradeTable::total)
      .def("merge",
           [](GradeTable& a, const GradeTable& b) {
             if (auto s = a.merge(b); !s.ok()) throw py::value_error(std::string(s.message()));
           })
      .def("to_markdown", &render_markdown)
      .def("to_json", &render_json)
      .def("to_csv", &render_csv)
      .def("__len__", &GradeTable::size)
      .def("__eq__", [](const GradeTable& a, const GradeTable& b) { return a == b; });

  py::class_<doc::Metadata>(m, "ReportMetadata", "Title, organisation, period, date, author.")
      .def(py::init([](std::string title, std::string organisation, std::string period,
                       std::string produced, std::string author, std::string source) {
             doc::Metadata md;
             md.title = std::move(title);
             md.organisation = std::move(organisation);
             md.period = std::move(period);
             md.produced = std::move(produced);
             md.author = std::move(author);
             md.source = std::move(source);
             return md;
           }),
           py::arg("title") = "", py::arg("organisation") = "", py::arg("period") = "",
           py::arg("produced") = "", py::arg("author") = "", py::arg("source") = "");
  py::class_<PublishOptions>(m, "PublishOptions", "Publication mode: what a report leaves out.")
      .def(py::init([](bool enabled, std::int64_t threshold, const std::string& zeros,
                       std::int64_t min_pairs, bool pseudonymise_staff, std::string key) {
             PublishOptions p;
             p.enabled = enabled;
             p.rule.threshold = threshold;
             auto z = parse_zero_cells(zeros);
             if (!z.ok()) throw py::value_error(std::string(z.status().message()));
             p.rule.zeros = *z;
             p.min_pairs = min_pairs;
             p.pseudonymise_staff = pseudonymise_staff;
             p.pseudonym_key = std::move(key);
             return p;
           }),
           py::arg("enabled") = false, py::arg("threshold") = 5, py::arg("zeros") = "published",
           py::arg("min_pairs") = 10, py::arg("pseudonymise_staff") = false,
           py::arg("pseudonym_key") = "");

  py::class_<AuditSet>(m, "AuditSet", "A validated columnar set of audits.")
      .def(py::init<GradeScale>(), py::arg("scale") = GradeScale::ofsted())
      .def("__len__", &AuditSet::size)
      .def_property_readonly("scale", [](const AuditSet& a) { return a.scale(); })
      .def_property_readonly("column_names", &AuditSet::column_names)
      .def(
          "column_kind",
          [](const AuditSet& a, const std::string& name) -> std::string {
            const ColumnInfo* c = a.find_column(name);
            if (c == nullptr) throw py::key_error(name);
            return std::string(column_kind_name(c->kind));
          },
          py::arg("name"))
      .def("audit_ids",
           [](const AuditSet& a) {
             py::list out(a.size());
             for (std::size_t i = 0; i < a.size(); ++i) {
               std::string_view id = a.audit_id_unchecked(i);
               out[i] = py::str(id.data(), id.size());
             }
             return out;
           })
      .def(
          "levels",
          [](const AuditSet& a, const std::string& name) {
            return value_or_throw(a.categorical(name))->levels();
          },
          py::arg("column"))
      .def(
          "codes",
          [](py::object self, const std::string& name) {
            const auto& a = self.cast<const AuditSet&>();
            return value_or_throw(a.categorical(name))->codes().visit([&](auto stored) {
              if constexpr (std::is_same_v<decltype(stored), PackedCodes24>) {
                // NumPy has no type of three bytes: a uint32 copy.
                const std::vector<std::uint32_t> wide(stored.begin(), stored.end());
                return py::array(
                    py::array_t<std::uint32_t>(static_cast<py::ssize_t>(wide.size()), wide.data()));
              } else {
                return py::array(view(stored, self));
              }
            });
          },
          py::arg("column"),
          "Codes into levels(column): uint8, uint16 or uint32 by the number of levels, read-only "
          "views (a uint32 copy for columns stored three bytes a code).")
      .def(
          "dates", [](py::object self) { return view(self.cast<const AuditSet&>().dates(), self); },
          "Read-only int32 day numbers since 1970-01-01.")
      .def(
          "grades",
          [](py::object self) { return view(self.cast<const AuditSet&>().grades(), self); },
          "Read-only uint8 level indices; 255 for N/A.")
      .def(
          "grade_codes",
          [](py::object self, const std::string& name) {
            const auto& a = self.cast<const AuditSet&>();
            return view(value_or_throw(a.grade_column(name)).grades, self);
          },
          py::arg("column"),
          "Read-only uint8 level indices of a grade column; 255 for N/A, 254 not recorded.")
      .def(
          "grade_scale",
          [](const AuditSet& a, const std::string& name) {
            return *value_or_throw(a.grade_column(name)).scale;
          },
          py::arg("column"), "The scale of a grade column.")
      .def_property_readonly("domain_columns", &AuditSet::domain_columns)
      .def_property_readonly("has_moderation", &AuditSet::has_moderation)
      .def("count_children", &AuditSet::count_children)
      .def("memory_bytes", &AuditSet::memory_bytes)
      .def(
          "filter",
          [](const AuditSet& a,
             const std::vector<std::pair<std::string, std::vector<std::string>>>& equals,
             std::optional<DayNumber> date_from, std::optional<DayNumber> date_to) {
            AuditFilter f{equals, date_from, date_to};
            auto r = a.filter(f);
            if (!r.ok()) throw py::value_error(std::string(r.status().message()));
            return *std::move(r);
          },
          py::arg("equals"), py::arg("date_from") = py::none(), py::arg("date_to") = py::none())
      .def(
          "with_domain_labels",
          [](const AuditSet& a, DomainLabels labels) {
            return value_or_throw(a.with_domain_labels(std::move(labels)));
          },
          py::arg("labels"), "A copy with display labels for its practice domains.")
      .def_property_readonly("domain_labels", [](const AuditSet& a) { return a.domain_labels(); })
      .def("domain_label", &AuditSet::domain_label, py::arg("domain"))
      .def_static(
          "concat",
          [](const std::vector<const AuditSet*>& parts, const std::vector<std::string>& sources,
             std::size_t max_problems) {
            Diagnostics diag(max_problems);
            auto r = AuditSet::concat(parts, sources, &diag);
            if (!r.ok()) throw_status(r.status(), &diag);
            return *std::move(r);
          },
          py::arg("parts"), py::arg("sources") = std::vector<std::string>{},
          py::arg("max_problems") = Diagnostics::kDefaultLimit,
          "The parts' audits one after another (AuditSet::concat).")
      .def_property_readonly("identifier_columns",
                             [](const AuditSet& a) { return a.identifier_columns(); })
      .def_property_readonly("notes", &AuditSet::notes,
                             "What reading did: title rows skipped, columns renamed ...")
      .def("is_identifier", &AuditSet::is_identifier, py::arg("column"))
      .def(
          "declare_identifiers",
          [](const AuditSet& a, const std::vector<std::string>& columns) {
            AuditSet out = a;
            out.declare_identifiers(columns);
            return out;
          },
          py::arg("columns"), "A copy with more identifier columns.")
      .def(
          "crosstab",
          [](const AuditSet& a, const std::string& by, const std::string& grades,
             bool allow_identifiers) {
            py::gil_scoped_release release;
            return value_or_throw(crosstab(a, by, grades, allow_identifiers));
          },
          py::arg("by"), py::arg("grades") = "final_grade", py::arg("allow_identifiers") = false)
      .def(
          "crosstab",
          [](const AuditSet& a, const std::vector<std::string>& by, const std::string& grades,
             bool allow_identifiers) {
            py::gil_scoped_release release;
            return value_or_throw(crosstab(a, by, grades, allow_identifiers));
          },
          py::arg("by"), py::arg("grades") = "final_grade", py::arg("allow_identifiers") = false,
          "The grade table by several columns (rows: their combinations).")
      .def(
          "profile",
          [](const AuditSet& a, const std::string& grades) {
            return value_or_throw(profile(a, grades));
          },
          py::arg("grades") = "final_grade")
      .def("to_csv", &AuditSet::to_csv)
      .def(
          "write_csv",
          [](const AuditSet& a, const std::string& path) {
            absl::Status s;
            {
              py::gil_scoped_release release;
              s = a.write_csv(path);
            }
            if (!s.ok()) throw_status(s);
          },
          py::arg("path"))
      .def(
          "report",
          [](const AuditSet& a, const std::string& format,
             std::optional<std::vector<std::string>> by, std::optional<std::string> threshold,
             const std::string& source, const std::string& grades,
             std::optional<std::pair<Period, Period>> compare, const doc::Metadata& meta,
             const PublishOptions& publish, std::optional<std::string> team, bool allow_identifiers,
             std::optional<std::string> text, const std::string& text_source) {
            ReportOptions o;
            o.grades = grades;
            o.allow_identifiers = allow_identifiers;
            o.compare = std::move(compare);
            auto f = parse_report_format(format);
            if (!f.ok()) throw py::value_error(std::string(f.status().message()));
            o.format = *f;
            if (by) o.by = *by;
            o.threshold = threshold;
            o.source = source;
            o.meta = meta;
            o.publish = publish;
            ReportInputs inputs;
            std::optional<AuthorText> author;
            if (text) {
              author = value_or_throw(parse_author_text(*text, text_source));
              inputs.text = &*author;
            }
            if (!team) {
              auto r = render_report(a, o, inputs);
              if (!r.ok()) throw_status(r.status());
              return *std::move(r);
            }
            auto d = build_team_pack(a, *team, o, inputs);
            if (!d.ok()) throw_status(d.status());
            return o.format == ReportFormat::kJson   ? doc::to_json(*d)
                   : o.format == ReportFormat::kHtml ? doc::to_html(*d)
                                                     : doc::to_markdown(*d);
          },
          py::arg("format") = "markdown", py::arg("by") = py::none(),
          py::arg("threshold") = py::none(), py::arg("source") = "",
          py::arg("grades") = "final_grade", py::arg("compare") = py::none(),
          py::arg("meta") = doc::Metadata{}, py::arg("publish") = PublishOptions{},
          py::arg("team") = py::none(), py::arg("allow_identifiers") = false,
          py::arg("text") = py::none(), py::arg("text_source") = "")
      .def("report_teams", &report_teams)
      .def("__eq__", [](const AuditSet& a, const AuditSet& b) { return a == b; });

  m.def(
      "read_audits",
      [](const std::string& path, const GradeScale& scale, std::size_t max_problems,
         const DomainScales& domain_scales, const std::vector<std::string>& identifiers) {
        ReadOptions o;
        o.scale = scale;
        o.domain_scales = domain_scales;
        o.identifier_columns = identifiers;
        Diagnostics diag(max_problems);
        absl::StatusOr<AuditSet> r;
        {
          py::gil_scoped_release release;
          r = read_audits_csv(path, o, &diag);
        }
        if (!r.ok() && absl::IsNotFound(r.status())) {
          PyErr_SetString(PyExc_FileNotFoundError, std::string(r.status().message()).c_str());
          throw py::error_already_set();
        }
        return value_or_throw(std::move(r), &diag);
      },
      py::arg("path"), py::arg("scale"), py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("domain_scales") = DomainScales{},
      py::arg("identifiers") = std::vector<std::string>{});
  m.def(
      "parse_audits",
      [](const std::string& text, const std::string& source, const GradeScale& scale,
         std::size_t max_problems, const DomainScales& domain_scales) {
        ReadOptions o;
        o.scale = scale;
        o.domain_scales = domain_scales;
        Diagnostics diag(max_problems);
        return value_or_throw(parse_audits_csv(text, source, o, &diag), &diag);
      },
      py::arg("text"), py::arg("source"), py::arg("scale"),
      py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("domain_scales") = DomainScales{});
  m.def(
      "audits_from_columns",
      [](const std::vector<std::string>& names,
         const std::vector<std::vector<std::string>>& columns, const GradeScale& scale,
         const std::string& source, std::size_t max_problems, const DomainScales& domain_scales) {
        Diagnostics diag(max_problems);
        return value_or_throw(
            audits_from_columns(names, columns, scale, source, &diag, domain_scales), &diag);
      },
      py::arg("names"), py::arg("columns"), py::arg("scale"), py::arg("source") = "DataFrame",
      py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("domain_scales") = DomainScales{});
  m.def(
      "parse_date",
      [](const std::string& text) {
        auto d = parse_date(text);
        if (!d.ok()) throw py::value_error("'" + text + "': " + std::string(d.status().message()));
        return *d;
      },
      py::arg("text"),
      "Day number (days since 1970-01-01) of an ISO YYYY-MM-DD or UK DD/MM/YYYY date.");
  m.def("format_date", &format_date, py::arg("day"), "ISO text of a day number.");
  m.def("neutralise_controls", &neutralise_controls, py::arg("text"),
        "Control and bidi characters of `text` as visible escapes (\\u001B, \\u202E).");
  m.def(
      "write_file_atomically",
      [](const std::string& path, const std::string& text, bool keep_backup) {
        AtomicWriteOptions o;
        o.keep_backup = keep_backup;
        absl::Status s;
        {
          py::gil_scoped_release release;
          s = write_file_atomically(path, text, o);
        }
        if (!s.ok()) throw_status(s);
      },
      py::arg("path"), py::arg("text"), py::arg("keep_backup") = false,
      "Writes `text` (UTF-8) to `path` atomically and durably; OSError naming the reason.");
  m.def("rounded_percent", &rounded_percent, py::arg("part"), py::arg("whole"));
  m.def(
      "run_cli",
      [](const std::vector<std::string>& args) {
        std::ostringstream out, err;
        int code;
        {
          py::gil_scoped_release release;
          code = run_cli(args, out, err);
        }
        // stdout as bytes: `crosstab --format xlsx` writes a workbook, not text.
        return py::make_tuple(code, py::bytes(out.str()), err.str());
      },
      py::arg("args"), "Runs the command line; returns (exit code, stdout bytes, stderr text).");
  m.attr("__version__") = kVersion;
}

}  // namespace qaframe::bindings
