#pragma once
/// @file audit_set_builder.hpp
/// AuditSetBuilder: the one place where audit records are validated (required values, dates,
/// grades, duplicate ids, encodings), for files and DataFrames alike; every problem collected.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// Validates rows and assembles an AuditSet, collecting every problem. Used by the CSV reader and
/// by the DataFrame path, so that both apply the same rules.
class AuditSetBuilder {
 public:
  /// A builder for rows from `source` (a path or "DataFrame"), collecting problems into `diag`.
  /// Domain columns are graded on `domain_scales` where declared, on the Ofsted scale otherwise.
  AuditSetBuilder(GradeScale scale, std::string source, Diagnostics& diag,
                  DomainScales domain_scales = {});
  ~AuditSetBuilder();
  AuditSetBuilder(const AuditSetBuilder&) = delete;
  AuditSetBuilder& operator=(const AuditSetBuilder&) = delete;

  /// Names, for messages, the export's own header of columns an export profile renamed: pairs of
  /// (column name as the builder sees it, header in the export). Problems in such a column then
  /// carry DataProblem::exported_column. Call before set_header.
  void set_exported_columns(std::vector<std::pair<std::string, std::string>> exported);
  /// Sets how dates are read (two-digit years; see DateOptions). Before the first row.
  void set_date_options(const DateOptions& options);
  /// Reads `spellings` as not applicable in every grade column (grade, moderated_grade and each
  /// domain's, declared or not), as GradeScale::with_not_applicable does. Before the header.
  void set_not_applicable(const std::vector<std::string>& spellings);
  /// Sets the header. Returns false (with problems recorded) when a required column is missing,
  /// a name is repeated, or a name is empty before a non-empty one.
  bool set_header(std::span<const std::string_view> names, std::int64_t line);
  /// Adds one record; `line` is its file line (0 for frames), `row` its 0-based record number.
  /// Returns the row's audit_id as it takes part in the checks for repeats: "" for a blank row,
  /// a row with the wrong number of fields, or an id that is empty or not UTF-8 (a view of
  /// `fields`; the chunked reader checks it against earlier chunks).
  std::string_view add_row(std::span<const std::string_view> fields, std::int64_t line,
                           std::int64_t row);
  /// Reserves room for `n` rows.
  void reserve(std::size_t n);
  /// The set, or InvalidArgument listing the problems; never a partial set.
  absl::StatusOr<AuditSet> finish();

 private:
  struct State;
  State* state_;
};

/// Builds audits from named text columns (all of equal length), as the DataFrame path does.
absl::StatusOr<AuditSet> audits_from_columns(const std::vector<std::string>& names,
                                             const std::vector<std::vector<std::string>>& columns,
                                             const GradeScale& scale,
                                             const std::string& source = "DataFrame",
                                             Diagnostics* diag = nullptr,
                                             const DomainScales& domain_scales = {});

}  // namespace qaframe
