#pragma once
// Helpers shared by the audit-cycle readers (actions, escalations, teams, caseload): a table
// from DataFrame columns with the CSV reader's header checks, typed fields that record their
// problems, and the audit_id index of an AuditSet (internal).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe::detail {

/// A table from named text columns of equal length (a DataFrame's), checked as read_csv_table
/// checks a header (empty or repeated names, missing required columns); each row's line is 0,
/// so that its problems name the 0-based row. nullopt when the header is unusable.
std::optional<CsvTable> table_from_columns(const std::vector<std::string>& names,
                                           const std::vector<std::vector<std::string>>& columns,
                                           const std::string& source,
                                           const std::vector<std::string_view>& required,
                                           Diagnostics& diag);

/// The date in a cell: nullopt when the cell is empty (a problem "<name> is empty; <why>" when
/// `required_why` is given) or not a date (a problem with parse_date's reason).
std::optional<DayNumber> date_field(const CsvTable& t, Diagnostics& d, std::size_t row, int column,
                                    std::string_view name,
                                    std::optional<std::string_view> required_why = std::nullopt);

/// The row of each audit id of `audits` (ids are unique in an AuditSet).
absl::flat_hash_map<std::string_view, std::uint32_t> audit_rows(const AuditSet& audits);

}  // namespace qaframe::detail
