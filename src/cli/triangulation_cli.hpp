#pragma once
// The triangulation part of `qaframe report` (internal): reads the evidence files named on the
// command line, triangulates and merges the improvement log; report/ renders the section.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/analysis/benchmarking.hpp"
#include "qaframe/analysis/log_merge.hpp"
#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/readers/improvement_log.hpp"
#include "qaframe/readers/profile/export_profile.hpp"

namespace qaframe::detail {

/// The files and settings given to `qaframe report`.
struct TriangulationArgs {
  std::optional<std::string> survey;        ///< --survey
  std::optional<std::string> performance;   ///< --performance (values)
  std::optional<std::string> indicators;    ///< --indicators (definitions)
  std::optional<std::string> evidence_map;  ///< --evidence-map
  std::optional<std::string> log;           ///< --log: the log to merge into; it must exist
  std::optional<std::string> new_log;       ///< --new-log: start a log here (it must not exist)
  std::optional<std::string> write_log;     ///< --write-log: where to write the merged log
  bool force = false;                       ///< --force: --write-log may replace another file
  bool allow_identifiers = false;           ///< --allow-identifiers: units by child_id allowed
  std::optional<std::string> as_of;         ///< --as-of: date of the run (default: last audit)
  std::optional<std::string> period;        ///< --indicator-period
  std::string by = "team";                  ///< units
  std::optional<std::string>
      survey_counting;                    ///< --survey-counting respondents|cluster-robust|answers
  std::optional<std::string> survey_tie;  ///< --survey-tie half|not-positive|positive
  std::optional<std::string> overdispersion;  ///< --overdispersion none|multiplicative|additive
  std::optional<std::string> neighbours;      ///< --neighbours FILE (statistical neighbours)
  bool neighbours_benchmark = false;  ///< --neighbours-benchmark: their mean as the benchmark
  /// True when any triangulation file was named.
  bool any() const {
    return survey || performance || indicators || evidence_map || log || new_log || neighbours;
  }
};

/// What a triangulation run gives: the triangulation, the run's date, and the merged log when a
/// log was named.
struct TriangulationRun {
  Triangulation triangulation;               ///< the evidence, cells and KLOEs
  DayNumber as_of = 0;                       ///< --as-of, or the last audit date
  std::optional<ImprovementLog> log;         ///< the merged log (--log or --write-log)
  std::optional<LogMergeSummary> merge;      ///< what the merge did
  std::optional<Benchmarking> benchmarking;  ///< against the statistical neighbours (--neighbours)
};

/// Reads every evidence file named (all of them, so that every problem is listed at once),
/// triangulates, merges the log and writes it where asked. Bad input is an InvalidArgument
/// status with every problem in `diag`, and so is anything that would lose a log: a --log that
/// does not exist (a misspelt name must not start an empty log), a --new-log that does, a
/// --write-log over another existing file without --force. A usage mistake (a missing partner
/// file) is FailedPrecondition. The log is written atomically, its old version kept as .bak.
/// The evidence files' headers are renamed as `profile`'s [<file>.columns] say, when given.
absl::StatusOr<TriangulationRun> run_triangulation(const AuditSet& audits,
                                                   const TriangulationArgs& args, Diagnostics& diag,
                                                   const ExportProfile* profile = nullptr);

}  // namespace qaframe::detail
