#pragma once
/// @file table_xlsx.hpp
/// Grade tables and the report's tables as Excel workbooks (.xlsx; render/xlsx.hpp lays out the
/// sheets): counts as number cells, labels as text cells (never formulas), and a "Notes" sheet
/// with the rules the numbers follow. Files are written whole or not at all.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/report/report.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe {

/// What the notes sheet of a workbook of grade tables says about the data.
struct XlsxNotes {
  std::string source;            ///< the data's name (a file name; never a child's identifier)
  std::string grades = "final";  ///< the grade column counted ("final", "original", a domain)
};

/// The notes of a workbook of grade tables: the source, the grade column, the order of rows and
/// columns, what a count is, that text is never a formula, and the library's version.
std::vector<std::string> grade_table_notes(const XlsxNotes& notes);

/// Grade tables as the bytes of a workbook: one sheet per table (rows, levels worst to best,
/// N/A, Total; the total row last), then the notes.
absl::StatusOr<std::string> render_xlsx(const std::vector<GradeTable>& tables,
                                        const XlsxNotes& notes);

/// render_xlsx written to `path` atomically (a temporary file in the same folder, then renamed
/// over `path`): a reader never sees half a workbook.
absl::Status write_tables_xlsx(const std::vector<GradeTable>& tables, const XlsxNotes& notes,
                               const std::string& path);

/// Every table of the report on `audits` (build_report) as the bytes of a workbook, one sheet
/// each in the report's order; the notes sheet has the report's notes and what it left out.
absl::StatusOr<std::string> render_report_xlsx(const AuditSet& audits, const ReportOptions& options,
                                               const ReportInputs& inputs = {});

/// render_report_xlsx written to `path` atomically, as write_tables_xlsx.
absl::Status write_report_xlsx(const AuditSet& audits, const ReportOptions& options,
                               const std::string& path, const ReportInputs& inputs = {});

}  // namespace qaframe
