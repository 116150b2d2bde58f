// Bindings of triangulation: the survey, performance and evidence-map files, triangulate(), and
// the Performance Improvement Log. Conversion only: every rule lives in include/qaframe and src/.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/readers/neighbours.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/survey.hpp"
#include "qaframe/report/triangulation_report.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {
namespace {

template <typename T>
T checked(absl::StatusOr<T> result, const Diagnostics& diag) {
  if (!result.ok()) {
    if (absl::IsNotFound(result.status())) {
      PyErr_SetString(PyExc_FileNotFoundError, std::string(result.status().message()).c_str());
      throw py::error_already_set();
    }
    throw_status(result.status(), &diag);
  }
  return *std::move(result);
}

py::object optional_date(const std::optional<DayNumber>& d) {
  return d ? py::cast(*d) : py::none();
}

// The long table of evidence as columns (for a DataFrame).
py::dict signal_columns(const Triangulation& t) {
  std::vector<std::string> unit, theme, strand, item, measure, period, comparator, polarity,
      direction, note, counted;
  std::vector<std::int64_t> n, comparator_n, answers, respondents;
  std::vector<double> count, estimate, low, high, benchmark, limit_low, limit_high, strong_low,
      strong_high, tail, gap, design_effect;
  std::vector<bool> strong, overdispersed;
  for (const Signal& s : t.signals) {
    counted.push_back(s.counted);
    answers.push_back(s.answers);
    respondents.push_back(s.respondents);
    design_effect.push_back(s.design_effect);
    overdispersed.push_back(s.overdispersed);
    unit.push_back(s.unit);
    theme.push_back(s.theme);
    strand.emplace_back(strand_name(s.strand));
    item.push_back(s.item);
    measure.push_back(s.measure);
    period.push_back(s.period);
    count.push_back(s.count);
    n.push_back(s.n);
    estimate.push_back(s.estimate);
    low.push_back(s.low);
    high.push_back(s.high);
    benchmark.push_back(s.benchmark);
    comparator.push_back(s.comparator);
    comparator_n.push_back(s.comparator_n);
    limit_low.push_back(s.limit_low);
    limit_high.push_back(s.limit_high);
    strong_low.push_back(s.strong_low);
    strong_high.push_back(s.strong_high);
    tail.push_back(s.tail_probability);
    polarity.emplace_back(polarity_name(s.polarity));
    direction.emplace_back(direction_name(s.direction));
    strong.push_back(s.strong);
    gap.push_back(s.gap);
    note.push_back(s.note);
  }
  py::dict d;
  d["unit"] = unit;
  d["theme"] = theme;
  d["strand"] = strand;
  d["item"] = item;
  d["measure"] = measure;
  d["period"] = period;
  d["count"] = count;
  d["n"] = n;
  d["estimate"] = estimate;
  d["low"] = low;
  d["high"] = high;
  d["benchmark"] = benchmark;
  d["comparator"] = comparator;
  d["comparator_n"] = comparator_n;
  d["limit_low"] = limit_low;
  d["limit_high"] = limit_high;
  d["strong_low"] = strong_low;
  d["strong_high"] = strong_high;
  d["tail_probability"] = tail;
  d["polarity"] = polarity;
  d["direction"] = direction;
  d["strong"] = strong;
  d["gap"] = gap;
  d["note"] = note;
  d["answers"] = answers;
  d["respondents"] = respondents;
  d["counted"] = counted;
  d["design_effect"] = design_effect;
  d["overdispersed"] = overdispersed;
  return d;
}

py::list dispersion_rows(const Triangulation& t) {
  py::list rows;
  for (const DispersionRow& r : t.dispersion) {
    py::dict d;
    d["theme"] = r.theme;
    d["strand"] = std::string(strand_name(r.strand));
    d["item"] = r.item;
    d["estimate"] = r.estimate;
    rows.append(d);
  }
  return rows;
}

py::list benchmark_rows(const Benchmarking& b) {
  py::list rows;
  for (const BenchmarkRow& r : b.rows) {
    py::dict d;
    d["indicator"] = r.indicator;
    d["description"] = r.description;
    d["polarity"] = std::string(polarity_name(r.polarity));
    d["period"] = r.period;
    d["value"] = r.value;
    d["rank"] = r.rank;
    d["ranked"] = r.ranked;
    d["band"] = r.band;
    d["q1"] = r.q1;
    d["median"] = r.median;
    d["q3"] = r.q3;
    d["previous_period"] = r.previous_period;
    d["previous"] = r.previous;
    d["change"] = r.change;
    d["direction"] = r.direction;
    d["neighbours_mean"] = r.neighbours_mean;
    d["neighbours_used"] = r.neighbours_used;
    d["neighbours_missing"] = r.neighbours_missing;
    d["region"] = r.region;
    d["england"] = r.england;
    d["percent"] = r.percent;
    d["note"] = r.note;
    rows.append(d);
  }
  return rows;
}

py::list cell_rows(const Triangulation& t) {
  py::list rows;
  for (const Cell& c : t.cells) {
    py::dict r;
    r["unit"] = c.unit;
    r["theme"] = c.theme;
    r["status"] = std::string(cell_status_name(c.status));
    r["audit"] = std::string(direction_name(c.strands[0]));
    r["survey"] = std::string(direction_name(c.strands[1]));
    r["performance"] = std::string(direction_name(c.strands[2]));
    r["strong"] = c.strong;
    r["n"] = c.n;
    r["gap"] = c.gap;
    rows.append(r);
  }
  return rows;
}

py::list kloe_rows(const Triangulation& t) {
  py::list rows;
  for (const LineOfEnquiry& k : t.kloes) {
    py::dict r;
    r["rank"] = k.rank;
    r["unit"] = k.unit;
    r["theme"] = k.theme;
    r["status"] = std::string(cell_status_name(k.status));
    r["strong"] = k.strong;
    r["n"] = k.n;
    r["gap"] = k.gap;
    r["evidence"] = k.evidence;
    r["question"] = k.question;
    rows.append(r);
  }
  return rows;
}

py::list log_rows(const ImprovementLog& log) {
  py::list rows;
  for (const KloeEntry& e : log.entries) {
    py::dict r;
    r["kloe_id"] = e.kloe_id;
    r["raised"] = e.raised;
    r["theme"] = e.theme;
    r["unit"] = e.unit;
    r["evidence"] = e.evidence;
    r["question"] = e.question;
    r["owner"] = e.owner;
    r["status"] = std::string(kloe_status_name(e.status));
    r["review_by"] = optional_date(e.review_by);
    r["closed"] = optional_date(e.closed);
    r["outcome"] = e.outcome;
    r["updated"] = optional_date(e.updated);
    for (std::size_t i = 0; i < log.extra_columns.size() && i < e.extra.size(); ++i)
      r[py::str(log.extra_columns[i])] = e.extra[i];
    rows.append(r);
  }
  return rows;
}

}  // namespace

void register_triangulation(py::module_& m) {
  m.def("agree_scale", &agree_scale, "The 5-point agree scale, positive from Agree.");

  py::class_<SurveyResponses>(m, "SurveyResponses", "Validated survey answers (no identifiers).")
      .def("__len__", &SurveyResponses::size)
      .def_property_readonly("source", &SurveyResponses::source)
      .def_property_readonly("scale", &SurveyResponses::scale)
      .def_property_readonly(
          "positive_from",
          [](const SurveyResponses& s) { return s.scale().label(s.positive_from()); })
      .def_property_readonly("questions",
                             [](const SurveyResponses& s) { return s.question().levels(); })
      .def_property_readonly("teams", [](const SurveyResponses& s) { return s.team().levels(); })
      .def_property_readonly("respondents",
                             [](const SurveyResponses& s) { return s.respondent().levels(); })
      .def_property_readonly("n_respondents", &SurveyResponses::n_respondents);
  auto survey_options = [](const GradeScale& scale, std::optional<std::string> positive_from) {
    SurveyOptions o;
    o.scale = scale;
    o.positive_from = std::move(positive_from);
    return o;
  };
  m.def(
      "read_survey",
      [survey_options](const std::string& path, const GradeScale& scale,
                       std::optional<std::string> positive_from, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_survey_csv(path, survey_options(scale, positive_from), &diag), diag);
      },
      py::arg("path"), py::arg("scale"), py::arg("positive_from") = py::none(),
      py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "parse_survey",
      [survey_options](const std::string& text, const std::string& source, const GradeScale& scale,
                       std::optional<std::string> positive_from, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(parse_survey_csv(text, source, survey_options(scale, positive_from), &diag),
                       diag);
      },
      py::arg("text"), py::arg("source"), py::arg("scale"), py::arg("positive_from") = py::none(),
      py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<Performance>(m, "Performance", "Validated indicator definitions and values.")
      .def_property_readonly("indicators",
                             [](const Performance& p) {
                               std::vector<std::string> out;
                               for (const auto& d : p.definitions) out.push_back(d.indicator);
                               return out;
                             })
      .def_property_readonly("n_values", [](const Performance& p) { return p.values.size(); });
  m.def(
      "read_performance",
      [](const std::string& values, const std::string& indicators, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_performance_csv(values, indicators, &diag), diag);
      },
      py::arg("values"), py::arg("indicators"),
      py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "parse_performance",
      [](const std::string& values, const std::string& values_source, const std::string& indicators,
         const std::string& indicators_source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(
            parse_performance_csv(values, values_source, indicators, indicators_source, &diag),
            diag);
      },
      py::arg("values"), py::arg("values_source"), py::arg("indicators"),
      py::arg("indicators_source"), py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<EvidenceMap>(m, "EvidenceMap", "Themes mapped to their evidence in each strand.")
      .def_property_readonly("themes", &EvidenceMap::themes)
      .def_property_readonly("items", [](const EvidenceMap& e) {
        py::list rows;
        for (const EvidenceItem& i : e.items)
          rows.append(py::make_tuple(i.theme, std::string(strand_name(i.source)), i.item,
                                     i.target ? py::cast(*i.target) : py::none()));
        return rows;
      });
  m.def(
      "read_evidence_map",
      [](const std::string& path, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_evidence_map_csv(path, &diag), diag);
      },
      py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "parse_evidence_map",
      [](const std::string& text, const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(parse_evidence_map_csv(text, source, &diag), diag);
      },
      py::arg("text"), py::arg("source"), py::arg("max_problems") = Diagnostics::kDefaultLimit);

  py::class_<Triangulation>(m, "Triangulation", "Matrix, evidence and lines of enquiry.")
      .def_property_readonly("units", [](const Triangulation& t) { return t.units; })
      .def_property_readonly("themes", [](const Triangulation& t) { return t.themes; })
      .def_property_readonly("by", [](const Triangulation& t) { return t.options.by; })
      .def_property_readonly("min_n", [](const Triangulation& t) { return t.options.min_n; })
      .def_property_readonly("notes", [](const Triangulation& t) { return t.notes; })
      .def_property_readonly("survey_rule", [](const Triangulation& t) { return t.survey_rule; })
      .def_property_readonly("survey_counting",
                             [](const Triangulation& t) {
                               return std::string(survey_counting_name(t.options.survey_counting));
                             })
      .def_property_readonly("overdispersion",
                             [](const Triangulation& t) {
                               return std::string(stats::to_string(t.options.overdispersion));
                             })
      .def("dispersion", &dispersion_rows)
      .def("cells", &cell_rows)
      .def("signals", &signal_columns)
      .def("kloes", &kloe_rows)
      .def("to_markdown", &render_triangulation_markdown)
      .def("to_json", &render_triangulation_json);
  py::class_<NeighbourTable>(m, "NeighbourTable", "Validated statistical-neighbours values.")
      .def_readonly("source", &NeighbourTable::source)
      .def_readonly("council", &NeighbourTable::council)
      .def_readonly("neighbours", &NeighbourTable::neighbours)
      .def_readonly("indicators", &NeighbourTable::indicators)
      .def_property_readonly("n_values", [](const NeighbourTable& t) { return t.values.size(); })
      .def("rows", [](const NeighbourTable& t) {
        py::list rows;
        for (const NeighbourValue& v : t.values)
          rows.append(py::make_tuple(v.indicator, v.period, v.area,
                                     std::string(area_role_name(v.role)), v.value, v.raw));
        return rows;
      });
  m.def(
      "read_neighbours",
      [](const std::string& path, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_neighbours_csv(path, &diag), diag);
      },
      py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "parse_neighbours",
      [](const std::string& text, const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(parse_neighbours_csv(text, source, &diag), diag);
      },
      py::arg("text"), py::arg("source"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  py::class_<Benchmarking>(m, "Benchmarking", "Indicators benchmarked against neighbours.")
      .def_readonly("source", &Benchmarking::source)
      .def_readonly("council", &Benchmarking::council)
      .def_readonly("neighbours", &Benchmarking::neighbours)
      .def_readonly("method", &Benchmarking::method)
      .def("rows", &benchmark_rows);
  m.def(
      "benchmark_neighbours",
      [](const NeighbourTable& table, const Performance* definitions,
         std::optional<std::string> period) {
        BenchmarkOptions o;
        o.period = std::move(period);
        Diagnostics diag;
        return checked(benchmark_neighbours(table, definitions, o), diag);
      },
      py::arg("table"), py::arg("definitions").none(true), py::arg("period") = py::none());

  m.def(
      "triangulate",
      [](const AuditSet& audits, const SurveyResponses* survey, const Performance* performance,
         const EvidenceMap& map, const std::string& by, std::int64_t min_n, double level,
         double strong_level, std::optional<std::string> period, const std::string& service,
         std::size_t max_problems, const std::string& survey_counting,
         const std::string& survey_tie, const std::string& overdispersion, double winsor,
         const Benchmarking* neighbours, bool neighbours_benchmark, bool allow_identifiers) {
        TriangulationOptions o;
        o.by = by;
        o.allow_identifiers = allow_identifiers;
        o.min_n = min_n;
        o.level = level;
        o.strong_level = strong_level;
        o.period = std::move(period);
        o.service = service;
        o.survey_counting = value_or_throw(parse_survey_counting(survey_counting));
        o.survey_tie = value_or_throw(parse_survey_tie(survey_tie));
        o.overdispersion = value_or_throw(stats::parse_overdispersion(overdispersion));
        o.winsor = winsor;
        o.indicator_benchmark = neighbours_benchmark ? IndicatorBenchmark::kNeighbours
                                                     : IndicatorBenchmark::kDefinition;
        Diagnostics diag(max_problems);
        absl::StatusOr<Triangulation> r;
        {
          py::gil_scoped_release release;
          r = triangulate(audits, survey, performance, map, neighbours, o, &diag);
        }
        return checked(std::move(r), diag);
      },
      py::arg("audits"), py::arg("survey").none(true), py::arg("performance").none(true),
      py::arg("evidence_map"), py::arg("by") = "team", py::arg("min_n") = 5,
      py::arg("level") = 0.95, py::arg("strong_level") = 0.998, py::arg("period") = py::none(),
      py::arg("service") = "All", py::arg("max_problems") = Diagnostics::kDefaultLimit,
      py::arg("survey_counting") = "respondents", py::arg("survey_tie") = "half",
      py::arg("overdispersion") = "none", py::arg("winsor") = 0.1,
      py::arg("neighbours").none(true) = py::none(), py::arg("neighbours_benchmark") = false,
      py::arg("allow_identifiers") = false);

  py::class_<ImprovementLog>(m, "ImprovementLog", "The Performance Improvement Log.")
      .def(py::init<>())
      .def_readonly("extra_columns", &ImprovementLog::extra_columns)
      .def_readonly("read_from", &ImprovementLog::read_from)
      .def_readonly("notes", &ImprovementLog::notes)
      .def("rows", &log_rows)
      .def("__len__", [](const ImprovementLog& l) { return l.entries.size(); })
      .def("to_csv", &ImprovementLog::to_csv)
      .def("copy", [](const ImprovementLog& l) { return l; })
      .def(
          "write_csv",
          [](const ImprovementLog& l, const std::string& path, bool force) {
            LogWriteOptions o;
            o.force = force;
            absl::Status s;
            {
              py::gil_scoped_release release;
              s = write_log_csv(l, path, o);
            }
            if (absl::IsAlreadyExists(s)) {
              PyErr_SetString(PyExc_FileExistsError, std::string(s.message()).c_str());
              throw py::error_already_set();
            }
            if (!s.ok()) throw_status(s);
          },
          py::arg("path"), py::arg("force") = false)
      .def(
          "merge",
          [](ImprovementLog& l, const Triangulation& t, DayNumber as_of, int review_days) {
            LogMergeSummary s = merge_kloes(l, t, as_of, review_days);
            py::dict d;
            d["added"] = s.added;
            d["updated"] = s.updated;
            d["marked_for_review"] = s.marked_for_review;
            return d;
          },
          py::arg("triangulation"), py::arg("as_of"), py::arg("review_days") = 28)
      .def("__eq__", [](const ImprovementLog& a, const ImprovementLog& b) { return a == b; });
  m.def(
      "read_log",
      [](const std::string& path, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(read_log_csv(path, &diag), diag);
      },
      py::arg("path"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
  m.def(
      "parse_log",
      [](const std::string& text, const std::string& source, std::size_t max_problems) {
        Diagnostics diag(max_problems);
        return checked(parse_log_csv(text, source, &diag), diag);
      },
      py::arg("text"), py::arg("source"), py::arg("max_problems") = Diagnostics::kDefaultLimit);
}

}  // namespace qaframe::bindings
