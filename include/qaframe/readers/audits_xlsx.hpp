#pragma once
/// @file audits_xlsx.hpp
/// Audits read from a sheet of an Excel workbook. The rows go through the same AuditSetBuilder as
/// CSV records, so every rule of the CSV reader applies; problems name their cells
/// ("audits.xlsx[Audits]!C14: column 'grade': value 'Goodish': unknown grade ...") and error
/// cells (#N/A ...) are problems of their own. Rows above the header (titles, often merged across
/// the columns) are skipped.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace qaframe {

/// The index (into the sheet's rows) of the header: the row numbered `header_row` when it is
/// given (1-based), else the first row whose cells, as canonical column names, include every
/// `required` name, else the first row. NotFound when the sheet is empty or has no row
/// `header_row` holding a value.
absl::StatusOr<std::size_t> find_header_row(const SheetTable& sheet,
                                            std::span<const std::string_view> required,
                                            std::int64_t header_row = 0);

/// Audits from a sheet already read (see parse_audits_xlsx); `header_row` as in XlsxOptions.
absl::StatusOr<AuditSet> audits_from_sheet(const SheetTable& sheet, const ReadOptions& options = {},
                                           std::int64_t header_row = 0,
                                           Diagnostics* diag = nullptr);

/// Parses audits from a workbook in memory: the sheet `xlsx.sheet` (or the first visible one),
/// its header found as find_header_row() says. `source` names the file in problems, which go to
/// `diag` (if given) and into the returned status; the result is every audit or an error.
absl::StatusOr<AuditSet> parse_audits_xlsx(std::string_view bytes, const std::string& source,
                                           const ReadOptions& options = {},
                                           const XlsxOptions& xlsx = {},
                                           Diagnostics* diag = nullptr);
/// Reads audits from a workbook file (see parse_audits_xlsx).
absl::StatusOr<AuditSet> read_audits_xlsx(const std::string& path, const ReadOptions& options = {},
                                          const XlsxOptions& xlsx = {},
                                          Diagnostics* diag = nullptr);

}  // namespace qaframe
