#pragma once
/// @file audits_csv.hpp
/// Audits read from CSV text or a CSV file: framing by io/csv.hpp, validation by the
/// AuditSetBuilder; all the records or every problem, never a part.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// Options for reading audits.
struct ReadOptions {
  GradeScale scale = GradeScale::ofsted();  ///< scale of the grade and moderated_grade columns
  DomainScales domain_scales;               ///< scales of practice domains (default Ofsted)
  CsvOptions csv;                           ///< CSV dialect, encoding and limits
  DateOptions dates;                        ///< two-digit years (refused by default)
  /// Spellings read as not applicable in every grade column besides the scales' own (an export
  /// profile's `not_applicable = ["-"]`: a dash alone is refused otherwise).
  std::vector<std::string> not_applicable;
  FileReadOptions file;  ///< streams: size limit, timeout; "-" as stdin
  /// Columns that identify people, besides audit_id and child_id (an export profile may declare
  /// more: NHS numbers, names): never grouped by or listed in messages unless allowed.
  std::vector<std::string> identifier_columns;
};

/// Parses audits from CSV text; `source` names it in messages. Problems go to `diag` (if given)
/// and into the returned status; the result is all the records or an error, never a part.
absl::StatusOr<AuditSet> parse_audits_csv(std::string_view text, const std::string& source,
                                          const ReadOptions& options = {},
                                          Diagnostics* diag = nullptr);
/// Reads audits from a CSV file (see parse_audits_csv), read into memory by read_file: a file
/// changed while it is read is an error, never a crash; streams within options.file's limits.
absl::StatusOr<AuditSet> read_audits_csv(const std::string& path, const ReadOptions& options = {},
                                         Diagnostics* diag = nullptr);
}  // namespace qaframe
