#pragma once
// Conversion of survival quantiles and sign tests into Python dicts, shared by the stats and the
// audit-cycle bindings.
#include <pybind11/pybind11.h>

#include <string>

#include "qaframe/stats/inference/sign_test.hpp"
#include "qaframe/stats/inference/survival.hpp"

namespace qaframe::bindings {

/// A survival quantile as a dict: p, estimate, low, high, level, transform, note.
inline pybind11::dict survival_quantile_dict(const stats::SurvivalQuantile& q) {
  pybind11::dict d;
  d["p"] = q.p;
  d["estimate"] = q.estimate;
  d["low"] = q.low;
  d["high"] = q.high;
  d["level"] = q.level;
  d["transform"] = std::string(stats::to_string(q.transform));
  d["note"] = q.note;
  return d;
}

/// A sign test as a dict: positive, negative, ties, statistic, pvalue, alternative, note.
inline pybind11::dict sign_test_dict(const stats::SignTest& t) {
  pybind11::dict d;
  d["positive"] = t.positive;
  d["negative"] = t.negative;
  d["ties"] = t.ties;
  d["statistic"] = t.statistic;
  d["pvalue"] = t.pvalue;
  d["alternative"] = std::string(stats::to_string(t.alternative));
  d["note"] = t.note;
  return d;
}

}  // namespace qaframe::bindings
