// Bindings of the mergeable tallies for distributed use: pickling of scales, counts, grade
// tables and profiles (each rebuilt from its parts, so a worker's tally unpickles equal),
// distinct children (ChildSet) and the moderation tally. Conversion only: merging and every
// statistic live in include/qaframe and src/.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "qaframe/analysis/moderation.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/tally/child_set.hpp"
#include "qaframe/tally/grade_counts.hpp"
#include "qaframe/tally/grade_profile.hpp"
#include "qaframe/tally/grade_table.hpp"
#include "qaframe/tally/moderation_tally.hpp"
#include "registry.hpp"
#include "status.hpp"

namespace py = pybind11;

namespace qaframe::bindings {
namespace {

using Aliases = std::vector<std::pair<std::string, std::string>>;
using ScaleState = std::tuple<std::string, std::vector<std::string>, Aliases,
                              std::vector<std::string>, std::size_t>;

// A scale's parts as custom() takes them: spellings are the labels, then aliases, then N/A.
ScaleState scale_state(const GradeScale& s) {
  Aliases aliases;
  std::vector<std::string> not_applicable;
  const auto& spellings = s.spellings();
  for (std::size_t i = s.size(); i < spellings.size(); ++i) {
    if (spellings[i].second == kNotApplicable) {
      not_applicable.push_back(spellings[i].first);
    } else {
      aliases.emplace_back(spellings[i].first, s.label(spellings[i].second));
    }
  }
  return {s.name(), s.labels(), aliases, not_applicable, s.good_from()};
}

GradeScale scale_from_state(const ScaleState& st) {
  return value_or_throw(GradeScale::custom(std::get<0>(st), std::get<1>(st), std::get<2>(st),
                                           std::get<3>(st), std::get<4>(st)));
}

using CountsState = std::pair<std::vector<std::int64_t>, std::int64_t>;
CountsState counts_state(const GradeCounts& c) { return {c.level_counts(), c.n_not_applicable()}; }
GradeCounts counts_from_state(const CountsState& st) { return GradeCounts(st.first, st.second); }

py::tuple table_state(const GradeTable& t) {
  std::vector<std::vector<std::string>> keys;
  std::vector<CountsState> counts;
  for (std::size_t i = 0; i < t.size(); ++i) {
    keys.push_back(t.key_unchecked(i));
    counts.push_back(counts_state(t.row_unchecked(i)));
  }
  return py::make_tuple(t.by_columns(), scale_state(t.scale()), keys, counts);
}

GradeTable table_from_state(const py::tuple& st) {
  GradeTable t(st[0].cast<std::vector<std::string>>(), scale_from_state(st[1].cast<ScaleState>()));
  const auto keys = st[2].cast<std::vector<std::vector<std::string>>>();
  const auto counts = st[3].cast<std::vector<CountsState>>();
  if (keys.size() != counts.size()) throw py::value_error("GradeTable state: keys and counts");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (auto s = t.add_key(keys[i], counts_from_state(counts[i])); !s.ok()) throw_status(s);
  }
  return t;
}

using DirectionState =
    std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
DirectionState direction_state(const DirectionCounts& d) {
  return {d.label, d.pairs, d.agreed, d.raised, d.lowered};
}
DirectionCounts direction_from_state(const DirectionState& s) {
  return {std::get<0>(s), std::get<1>(s), std::get<2>(s), std::get<3>(s), std::get<4>(s)};
}
std::vector<DirectionState> directions_state(const std::vector<DirectionCounts>& rows) {
  std::vector<DirectionState> out;
  for (const DirectionCounts& d : rows) out.push_back(direction_state(d));
  return out;
}
std::vector<DirectionCounts> directions_from_state(const std::vector<DirectionState>& rows) {
  std::vector<DirectionCounts> out;
  for (const DirectionState& d : rows) out.push_back(direction_from_state(d));
  return out;
}

py::tuple moderation_state(const ModerationTally& t) {
  std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> coverage;
  for (const CoverageCounts& c : t.coverage)
    coverage.emplace_back(c.programme, c.audits, c.moderated);
  return py::make_tuple(scale_state(t.scale), t.audits, t.moderated, t.pairs, coverage, t.table,
                        direction_state(t.overall), directions_state(t.by_auditor),
                        directions_state(t.by_team), t.has_auditor, t.has_team);
}

ModerationTally moderation_from_state(const py::tuple& st) {
  if (st.size() != 11) throw py::value_error("ModerationTally state: 11 items expected");
  ModerationTally t = ModerationTally::empty(scale_from_state(st[0].cast<ScaleState>()));
  t.audits = st[1].cast<std::int64_t>();
  t.moderated = st[2].cast<std::int64_t>();
  t.pairs = st[3].cast<std::int64_t>();
  for (const auto& [p, a, m] :
       st[4].cast<std::vector<std::tuple<std::string, std::int64_t, std::int64_t>>>())
    t.coverage.push_back({p, a, m});
  t.table = st[5].cast<std::vector<std::vector<std::int64_t>>>();
  if (t.table.size() != t.scale.size() + 1) throw py::value_error("ModerationTally state: table");
  t.overall = direction_from_state(st[6].cast<DirectionState>());
  t.by_auditor = directions_from_state(st[7].cast<std::vector<DirectionState>>());
  t.by_team = directions_from_state(st[8].cast<std::vector<DirectionState>>());
  t.has_auditor = st[9].cast<bool>();
  t.has_team = st[10].cast<bool>();
  return t;
}

py::bytes child_set_state(const ChildSet& s) {
  const auto& h = s.hashes();
  return py::bytes(reinterpret_cast<const char*>(h.data()), h.size() * sizeof(std::uint64_t));
}

ChildSet child_set_from_state(const py::bytes& b) {
  const std::string raw = b;
  if (raw.size() % sizeof(std::uint64_t) != 0) throw py::value_error("ChildSet state: length");
  std::vector<std::uint64_t> hashes(raw.size() / sizeof(std::uint64_t));
  if (!raw.empty()) std::memcpy(hashes.data(), raw.data(), raw.size());
  return ChildSet::from_hashes(std::move(hashes));
}

// Adds a `_state` method to a class registered elsewhere; python/qaframe/_pickling.py registers
// the reducer (copyreg) that pickles it as (rebuild, (kind, state)). The rebuild function must
// be a Python one: pickle cannot refer to a compiled module's functions by name.
template <typename T, typename State>
void add_state(State (*state)(const T&)) {
  py::object cls = py::type::of<T>();
  cls.attr("_state") = py::cpp_function([state](const T& self) { return state(self); },
                                        py::is_method(cls), py::name("_state"));
}

}  // namespace

void register_tallies(py::module_& m) {
  m.def("_scale_from_state", &scale_from_state, py::arg("state"));
  m.def("_counts_from_state", &counts_from_state, py::arg("state"));
  m.def("_table_from_state", &table_from_state, py::arg("state"));
  m.def(
      "_profile_from_state",
      [](const py::tuple& st) {
        return GradeProfile{scale_from_state(st[0].cast<ScaleState>()),
                            counts_from_state(st[1].cast<CountsState>()),
                            st[2].cast<std::int64_t>()};
      },
      py::arg("state"));
  // Problems travel inside a DataError raised on a worker.
  using ProblemState =
      std::tuple<std::string, std::int64_t, std::int64_t, std::string, std::string, std::string>;
  m.def(
      "_problem_from_state",
      [](const ProblemState& st) {
        return DataProblem{std::get<0>(st), std::get<1>(st), std::get<2>(st),
                           std::get<3>(st), std::get<4>(st), std::get<5>(st)};
      },
      py::arg("state"));
  add_state<DataProblem, ProblemState>([](const DataProblem& p) {
    return ProblemState{p.source, p.line, p.row, p.column, p.value, p.reason};
  });
  add_state<GradeScale, ScaleState>(&scale_state);
  add_state<GradeCounts, CountsState>(&counts_state);
  add_state<GradeTable, py::tuple>(&table_state);
  add_state<GradeProfile, py::tuple>([](const GradeProfile& p) {
    return py::make_tuple(scale_state(p.scale), counts_state(p.counts), p.n_children);
  });
  m.def(
      "make_profile",
      [](const GradeScale& scale, const GradeCounts& counts, std::int64_t n_children) {
        if (counts.levels() != scale.size()) throw py::value_error("counts are not on the scale");
        return GradeProfile{scale, counts, n_children};
      },
      py::arg("scale"), py::arg("counts"), py::arg("n_children"),
      "A profile from merged counts and the number of distinct children.");

  py::class_<ChildSet>(m, "ChildSet",
                       "Distinct children as a mergeable set of 64-bit hashes of their ids.")
      .def(py::init<>())
      .def_static("of", &ChildSet::of, py::arg("audits"))
      .def_static("hash", &ChildSet::hash, py::arg("id"))
      .def("insert", &ChildSet::insert, py::arg("id"))
      .def("merge", &ChildSet::merge, py::arg("other"))
      .def("__len__", &ChildSet::size)
      .def_property_readonly("nbytes",
                             [](const ChildSet& s) { return s.size() * sizeof(std::uint64_t); })
      .def("__eq__", [](const ChildSet& a, const ChildSet& b) { return a == b; })
      .def(py::pickle(&child_set_state, &child_set_from_state));

  py::class_<ModerationTally>(m, "ModerationTally",
                              "The mergeable counts behind a moderation summary.")
      .def_static(
          "of", [](const AuditSet& a) { return value_or_throw(ModerationTally::of(a)); },
          py::arg("audits"))
      .def_readonly("audits", &ModerationTally::audits)
      .def_readonly("moderated", &ModerationTally::moderated)
      .def_readonly("pairs", &ModerationTally::pairs)
      .def_readonly("table", &ModerationTally::table)
      .def("copy", [](const ModerationTally& t) { return t; })
      .def("merge",
           [](ModerationTally& a, const ModerationTally& b) {
             if (auto s = a.merge(b); !s.ok()) throw py::value_error(std::string(s.message()));
           })
      .def(
          "summary",
          [](const ModerationTally& t, double level, double alpha, std::int64_t n_resamples,
             std::uint64_t seed) {
            py::gil_scoped_release release;
            return value_or_throw(moderation_summary(t, {level, alpha, n_resamples, seed}));
          },
          py::arg("level") = 0.95, py::arg("alpha") = 0.05, py::arg("n_resamples") = 2000,
          py::arg("seed") = 20180331)
      .def("__eq__", [](const ModerationTally& a, const ModerationTally& b) { return a == b; })
      .def(py::pickle(&moderation_state, &moderation_from_state));
}

}  // namespace qaframe::bindings
