#pragma once
/// @file audit_set_builder.hpp
/// AuditSetBuilder: the one place where audit records are validated (required values, dates,
/// grades, duplicate ids, encodings), for files and DataFrames alike; every problem collected.

#include <cstdint>
#include <optional>
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

/// Why one value of a record cannot be kept, as AuditSetBuilder::check_value finds it.
struct FieldProblem {
  std::string column;  ///< the column the problem names
  std::string reason;  ///< why the value cannot be kept
  std::string note;    ///< a note said once with such problems (a scale's spellings), or empty
};

/// What one sound value of a record gives, as AuditSetBuilder::check_value finds it.
struct FieldValue {
  DayNumber date = 0;            ///< a date column's day
  Grade grade = kNotApplicable;  ///< a grade column's grade (kNotRecorded for an empty optional)
};

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
  /// `utf8_checked`: the caller has found every field to be valid UTF-8 without a NUL byte (a
  /// CSV reader checks a record's bytes at once), so that the fields are not checked again.
  std::string_view add_row(std::span<const std::string_view> fields, std::int64_t line,
                           std::int64_t row, bool utf8_checked = false);
  /// Reserves room for `n` rows (and `id_bytes` bytes of audit_id text, when known).
  void reserve(std::size_t n, std::size_t id_bytes = 0);

  // Value by value: for callers that validate each distinct value once (the DataFrame path,
  // model/encoded_columns.hpp) and then add the rows by codes. The rules are add_row's own:
  // add_row checks each field with check_value.

  /// Number of fields the header gave (named or not); 0 before a header that was accepted.
  std::size_t field_count() const;
  /// The kind of header field `i`, nullopt for a column without a name.
  std::optional<ColumnKind> field_kind(std::size_t i) const;
  /// The slot of header field `i` among the columns of its kind (a grade or categorical slot).
  std::size_t field_slot(std::size_t i) const;
  /// Number of grade slots (grade, then moderated_grade and domains), as add_checked_row takes.
  std::size_t grade_slots() const;
  /// Number of categorical slots, as add_checked_row takes.
  std::size_t categorical_slots() const;
  /// Checks `value` (already trimmed) of header field `i` as add_row does: true when it can be
  /// kept (`out` then has its date or grade), false otherwise with the problem in `why`.
  bool check_value(std::size_t i, std::string_view value, FieldValue& out, FieldProblem& why) const;
  /// Records the problem `why` of `value` in field `i` of row `row` (line 0), as add_row does.
  void report(std::int64_t row, std::string_view value, const FieldProblem& why);
  /// The code of `value` (trimmed) in categorical slot `slot`, a level added when new.
  std::uint32_t categorical_code(std::size_t slot, std::string_view value);
  /// Starts loading what categorical_code(slot, value) will read, for a caller that knows its
  /// values a few rows ahead (see CategoricalBuilder::prefetch).
  void prefetch_categorical_code(std::size_t slot, std::string_view value) const;
  /// Reserves room in categorical slot `slot` for `levels` levels of `bytes` bytes of text.
  void reserve_levels(std::size_t slot, std::size_t levels, std::size_t bytes);
  /// Adds row `row` (line 0), every field of which check_value found sound: its audit_id,
  /// date, a grade per grade slot and a code per categorical slot (from categorical_code).
  /// Returns false (with the problem recorded) when the set cannot hold the identifier.
  bool add_checked_row(std::string_view id, DayNumber date, std::span<const Grade> grades,
                       std::span<const std::uint32_t> codes, std::int64_t row);
  /// Enters the audit_id of row `row`, rejected for other problems, in the check for repeats.
  void add_rejected_id(std::string_view id, std::int64_t row);
  /// The set, or InvalidArgument listing the problems; never a partial set.
  absl::StatusOr<AuditSet> finish();

 private:
  // check_value for a value already known to be valid UTF-8 without a NUL byte.
  bool check_utf8_value(std::size_t i, std::string_view value, FieldValue& out,
                        FieldProblem& why) const;
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
