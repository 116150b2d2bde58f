#pragma once
// Conversion of absl::Status and collected data problems into Python exceptions.
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "qaframe/data_problem.hpp"

namespace qaframe::bindings {

/// Thrown inside the bindings for bad input; translated to qaframe.DataError with `.problems`.
struct DataErrorException {
  std::string message;
  std::vector<DataProblem> problems;
  std::size_t total = 0;
};

/// Throws the Python exception matching a non-OK status: DataError (with the problems in
/// `diag`) for invalid input, KeyError for a missing name, OSError for unreadable files.
[[noreturn]] void throw_status(const absl::Status& status, const Diagnostics* diag = nullptr);

/// Installs the DataError type and its translator on the module.
void register_errors(pybind11::module_& m);

}  // namespace qaframe::bindings
