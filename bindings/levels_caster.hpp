#pragma once
// Conversion of a categorical column's levels (qaframe::Levels, texts in one arena) to a Python
// list of str, so that any binding may return `column.levels()` directly.
#include <pybind11/pybind11.h>

#include "qaframe/model/categorical.hpp"

namespace pybind11::detail {

template <>
struct type_caster<qaframe::Levels> {
  PYBIND11_TYPE_CASTER(qaframe::Levels, const_name("list[str]"));
  // Levels only go out to Python.
  bool load(handle, bool) { return false; }
  static handle cast(const qaframe::Levels& levels, return_value_policy, handle) {
    list out(levels.size());
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const std::string_view text = levels[i];
      out[i] = str(text.data(), text.size());
    }
    return out.release();
  }
};

}  // namespace pybind11::detail
