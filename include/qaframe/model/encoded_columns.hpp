#pragma once
/// @file encoded_columns.hpp
/// Audits from dictionary-encoded columns (a pandas categorical, or the codes and uniques of a
/// factorised column): each distinct text is passed once, each row as a code. The rows go through
/// the same AuditSetBuilder as a CSV file, so the rules and messages are the same; only the
/// per-cell conversion to text in the caller is saved.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// One input column: its name, its distinct texts, and a code per row indexing them (-1 for a
/// missing value, read as an empty field).
struct EncodedColumn {
  std::string name;                     ///< column name as in a header
  std::vector<std::string> categories;  ///< distinct texts
  std::span<const std::int32_t> codes;  ///< per row: index into categories, or -1
};

/// Builds audits from encoded columns, validating each row as a CSV record is validated (rows
/// are numbered from 0; there are no file lines), each distinct text once. InvalidArgument when the
/// columns differ in length or a code is out of range; otherwise the set or the problems, as for a
/// CSV file.
absl::StatusOr<AuditSet> audits_from_encoded(const std::vector<EncodedColumn>& columns,
                                             const GradeScale& scale,
                                             const std::string& source = "DataFrame",
                                             Diagnostics* diag = nullptr,
                                             const DomainScales& domain_scales = {});

namespace detail {

/// The same as audits_from_encoded, each row rebuilt as text and given to AuditSetBuilder::add_row:
/// the reference the level-at-a-time path is tested against (slower: a check per cell).
absl::StatusOr<AuditSet> audits_from_encoded_by_row(const std::vector<EncodedColumn>& columns,
                                                    const GradeScale& scale,
                                                    const std::string& source = "DataFrame",
                                                    Diagnostics* diag = nullptr,
                                                    const DomainScales& domain_scales = {});

}  // namespace detail

}  // namespace qaframe
