#pragma once
// Conversion of absl::Status and collected data problems into Python exceptions.
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe::bindings {

/// Thrown inside the bindings for bad input; translated to qaframe.DataError with `.problems`.
struct DataErrorException {
  std::string message;
  std::vector<DataProblem> problems;
  std::size_t total = 0;
  std::vector<std::string> notes = {};  ///< said once after the problems (Diagnostics::notes)
};

/// Throws the Python exception matching a non-OK status: DataError (with the problems in
/// `diag`) for invalid input, KeyError for a missing name, OSError for unreadable files.
[[noreturn]] void throw_status(const absl::Status& status, const Diagnostics* diag = nullptr);

/// The value of `result`, or the matching Python exception (see throw_status).
template <typename T>
T value_or_throw(absl::StatusOr<T> result, const Diagnostics* diag = nullptr) {
  if (!result.ok()) throw_status(result.status(), diag);
  return *std::move(result);
}

/// `base` with the encoding and separator named (see with_named_dialect); ValueError for a name
/// that is neither (a usage mistake, not bad data).
CsvOptions dialect(const CsvOptions& base, const std::string& encoding,
                   const std::string& delimiter);

/// Installs the DataError type and its translator on the module.
void register_errors(pybind11::module_& m);

}  // namespace qaframe::bindings
