#pragma once
// One registration function per area; module.cpp calls each on its submodule.
#include <pybind11/pybind11.h>

#include "levels_caster.hpp"  // every area may return a column's levels

namespace qaframe::bindings {
void register_core(pybind11::module_& m);
void register_quality(pybind11::module_& m);
void register_triangulation(pybind11::module_& m);
void register_ingest(pybind11::module_& m);      // chunked reading, encoded columns
void register_disclosure(pybind11::module_& m);  // suppression, rounding, pseudonyms
// stats areas: add a declaration here and a call in module.cpp
void register_stats_agreement(pybind11::module_& m);
void register_stats_inference(pybind11::module_& m);
void register_charts(pybind11::module_& m);  // qaframe._core.charts: palette and SVG charts
void register_ingest(pybind11::module_& m);  // chunked reading, encoded columns
void register_cycle(pybind11::module_& m);   // the audit cycle: actions to case sampling
void register_profiles(pybind11::module_& m);  // export profiles, init-profile, did-you-mean
// stats areas: add a declaration here and a call in module.cpp
void register_stats_agreement(pybind11::module_& m);
void register_stats_inference(pybind11::module_& m);
void register_stats_survival(pybind11::module_& m);  // Kaplan-Meier, sign test
void register_tallies(pybind11::module_& m);  // pickling, ChildSet, ModerationTally (after core)
void register_excel(pybind11::module_& m);    // .xlsx workbooks of tables and reports
}  // namespace qaframe::bindings
