// The private compiled module qaframe._core. Each area registers itself from its own
// register_<area>.cpp; the public API is the pure-Python package python/qaframe.
#include <pybind11/pybind11.h>

#include "registry.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "qaframe's compiled core (private: use the qaframe package)";
  qaframe::bindings::register_core(m);
  qaframe::bindings::register_quality(m);
  qaframe::bindings::register_triangulation(m);
  qaframe::bindings::register_profiles(m);  // export profiles, before ingest (its defaults)
  qaframe::bindings::register_ingest(m);
  qaframe::bindings::register_tallies(m);  // adds pickling to the classes registered above
  qaframe::bindings::register_excel(m);
  pybind11::module_ disclosure =
      m.def_submodule("disclosure", "Disclosure control: suppression, rounding, pseudonyms");
  qaframe::bindings::register_disclosure(disclosure);
  qaframe::bindings::register_cycle(m);  // actions, escalation, programme, sampling
  pybind11::module_ stats = m.def_submodule("stats", "Statistics: intervals, agreement, tests");
  (void)stats;
  // stats areas: call each register_stats_<area>(stats) here
  qaframe::bindings::register_stats_agreement(stats);
  qaframe::bindings::register_stats_inference(stats);
  pybind11::module_ charts =
      m.def_submodule("charts", "Charts as SVG, the palette and its colour science");
  qaframe::bindings::register_charts(charts);
  qaframe::bindings::register_stats_survival(stats);
}
