#pragma once
/// @file grade_table.hpp
/// GradeTable: grade counts by the categories of one column (a crosstab), mergeable.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/tally/grade_counts.hpp"

namespace qaframe {

/// Counts of audits by category (rows, in order of first appearance) and grade (columns: the
/// scale's levels worst to best, then N/A). Tables for the same column and scale merge by label,
/// so the tables of the parts of a set add up to the table of the whole. A table may be by
/// several columns: each row is then a combination of their values (its key), labelled with the
/// values joined by " / ".
class GradeTable {
 public:
  /// An empty table of `by` on `scale`.
  GradeTable(std::string by, GradeScale scale)
      : by_(by), by_columns_{std::move(by)}, scale_(std::move(scale)) {}
  /// An empty table by several columns (at least one) on `scale`.
  GradeTable(std::vector<std::string> by_columns, GradeScale scale);

  /// The column the rows come from (the columns joined by " / " for several).
  const std::string& by() const { return by_; }
  /// The columns the rows come from.
  const std::vector<std::string>& by_columns() const { return by_columns_; }
  /// The values of row `i`, one per column of by_columns() (a copy); OutOfRange past the last row.
  absl::StatusOr<std::vector<std::string>> key(std::size_t i) const;
  /// key() unchecked, a reference into the table. Precondition: `i` < size().
  const std::vector<std::string>& key_unchecked(std::size_t i) const { return keys_[i]; }
  /// The grading scale of the columns.
  const GradeScale& scale() const { return scale_; }
  /// Row labels (categories).
  const std::vector<std::string>& rows() const { return rows_; }
  /// Counts of row `i` (a copy); OutOfRange past the last row.
  absl::StatusOr<GradeCounts> row(std::size_t i) const;
  /// row() unchecked, a reference into the table. Precondition: `i` < size().
  const GradeCounts& row_unchecked(std::size_t i) const { return counts_[i]; }
  /// Number of rows.
  std::size_t size() const { return rows_.size(); }
  /// The counts over all rows.
  GradeCounts total() const;

  /// Adds `counts` to the row `label`, appending the row if new; InvalidArgument when the
  /// counts are not on the table's scale.
  absl::Status add(std::string_view label, const GradeCounts& counts);
  /// Adds `counts` to the row with values `key` (one per column), appending the row if new;
  /// InvalidArgument when the key has the wrong length or the counts the wrong scale.
  absl::Status add_key(const std::vector<std::string>& key, const GradeCounts& counts);
  /// Adds another table of the same column and scale, row by row (new rows appended);
  /// InvalidArgument naming the mismatch otherwise.
  absl::Status merge(const GradeTable& other);

  /// Equal when column, scale, rows in order and counts are equal.
  friend bool operator==(const GradeTable& a, const GradeTable& b) {
    return a.by_columns_ == b.by_columns_ && a.scale_ == b.scale_ && a.keys_ == b.keys_ &&
           a.counts_ == b.counts_;
  }

 private:
  std::string by_;
  std::vector<std::string> by_columns_;
  GradeScale scale_;
  std::vector<std::string> rows_;               // labels
  std::vector<std::vector<std::string>> keys_;  // values per column
  std::vector<GradeCounts> counts_;
  absl::flat_hash_map<std::string, std::size_t> index_;  // row of each key (values joined)
};

/// The row label of audits with no value in the column tabulated: "(missing)", never blank.
inline constexpr std::string_view kMissingLabel = "(missing)";

/// The grade table of `audits` by `by` (a categorical column, or a period of the audit date:
/// "financial_year", "quarter", "month"); rows in order of first appearance (periods in
/// date order), only categories that occur. `grades` names the grade column tabulated: the final
/// grade by default, "grade" for the auditors' grades before moderation, or a practice domain.
/// Audits with no grade recorded in that column are left out; audits with no value in the `by`
/// column are the row kMissingLabel. NotFound naming the columns if
/// `by` or `grades` is not one; FailedPrecondition for an identifier column such as child_id
/// (a table listing every child) unless `allow_identifiers`.
absl::StatusOr<GradeTable> crosstab(const AuditSet& audits, std::string_view by,
                                    std::string_view grades = "final_grade",
                                    bool allow_identifiers = false);
/// The grade table of `audits` by several columns (or periods): one row per combination of
/// their values that occurs, in order of first appearance (ordered by period where a column is
/// a period); as crosstab() by one column otherwise.
absl::StatusOr<GradeTable> crosstab(const AuditSet& audits, const std::vector<std::string>& by,
                                    std::string_view grades = "final_grade",
                                    bool allow_identifiers = false);
/// The same by the columns of a braced list: `crosstab(audits, {"team", "programme"})`, by one
/// column or several (the list would otherwise be ambiguous between the two overloads above).
inline absl::StatusOr<GradeTable> crosstab(const AuditSet& audits,
                                           std::initializer_list<std::string_view> by,
                                           std::string_view grades = "final_grade",
                                           bool allow_identifiers = false) {
  return crosstab(audits, std::vector<std::string>(by.begin(), by.end()), grades,
                  allow_identifiers);
}

}  // namespace qaframe
