#pragma once
// The triangulation part of `qaframe report` (internal): reads the evidence files named on the
// command line, triangulates, merges the improvement log and renders the section.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/audit_set.hpp"
#include "qaframe/data_problem.hpp"

namespace qaframe::detail {

/// The files and settings given to `qaframe report`.
struct TriangulationArgs {
  std::optional<std::string> survey;        ///< --survey
  std::optional<std::string> performance;   ///< --performance (values)
  std::optional<std::string> indicators;    ///< --indicators (definitions)
  std::optional<std::string> evidence_map;  ///< --evidence-map
  std::optional<std::string> log;           ///< --log: the log to merge into (may not exist yet)
  std::optional<std::string> write_log;     ///< --write-log: where to write the merged log
  std::optional<std::string> as_of;         ///< --as-of: date of the run (default: last audit)
  std::optional<std::string> period;        ///< --indicator-period
  std::string by = "team";                  ///< units
  /// True when any triangulation file was named.
  bool any() const { return survey || performance || indicators || evidence_map || log; }
};

/// The Markdown section of the triangulation and the updated log, or in JSON the members
/// "as_of", "triangulation" and "improvement_log" to add to the report's object. Bad input is
/// an InvalidArgument status with every problem in `diag`; a usage mistake (a missing partner
/// file) is FailedPrecondition.
absl::StatusOr<std::string> triangulation_section(const AuditSet& audits,
                                                  const TriangulationArgs& args, bool json,
                                                  Diagnostics& diag);

}  // namespace qaframe::detail
