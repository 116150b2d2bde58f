#pragma once
/// @file audits_file.hpp
/// One entry point for an audit export of either kind: a workbook (.xlsx; also an .xls, .ods or
/// password-protected file, each refused by name) or CSV, chosen by the file's first bytes, and
/// by its name when they do not say.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/io/xlsx.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace qaframe {

/// The reader an audit file needs.
enum class AuditFileFormat {
  kCsv,       ///< text: read_audits_csv
  kWorkbook,  ///< a zip or compound file, or a workbook's name: read_audits_xlsx
};

/// The format of a file from its first bytes (`head`, at least 8 when the file has them), and
/// from its name when the bytes are not a zip archive or a compound file: .xlsx, .xlsm, .xltx,
/// .xltm, .xlsb, .xls and .ods (any case) are workbooks, so that a CSV file under such a name is
/// refused by name rather than read.
AuditFileFormat audit_file_format(std::string_view head, std::string_view path);

/// Reads audits from a CSV file or a workbook (see audit_file_format), exactly as
/// read_audits_csv or read_audits_xlsx would. `xlsx.sheet` and `xlsx.header_row` are for
/// workbooks: given for a CSV file they are a FailedPrecondition error.
absl::StatusOr<AuditSet> read_audits_file(const std::string& path, const ReadOptions& options = {},
                                          const XlsxOptions& xlsx = {},
                                          Diagnostics* diag = nullptr);

}  // namespace qaframe
