#include "qaframe/readers/audits_file.hpp"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "qaframe/readers/audits_xlsx.hpp"

namespace qaframe {

namespace {

bool has_workbook_suffix(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return false;
  std::string suffix(path.substr(dot + 1));
  for (char& c : suffix) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view s : {"xlsx", "xlsm", "xltx", "xltm", "xlsb", "xls", "ods"}) {
    if (suffix == s) return true;
  }
  return false;
}

}  // namespace

AuditFileFormat audit_file_format(std::string_view head, std::string_view path) {
  return looks_like_workbook(head) || has_workbook_suffix(path) ? AuditFileFormat::kWorkbook
                                                                : AuditFileFormat::kCsv;
}

absl::StatusOr<AuditSet> read_audits_file(const std::string& path, const ReadOptions& options,
                                          const XlsxOptions& xlsx, Diagnostics* diag) {
  char head[8] = {};
  std::size_t got = 0;
  {
    std::ifstream file(path, std::ios::binary);
    // A file that cannot be opened is the CSV reader's to report, as it always was.
    if (!file) return read_audits_csv(path, options, diag);
    file.read(head, sizeof head);
    got = static_cast<std::size_t>(file.gcount());
  }
  if (audit_file_format(std::string_view(head, got), path) == AuditFileFormat::kWorkbook) {
    return read_audits_xlsx(path, options, xlsx, diag);
  }
  if (!xlsx.sheet.empty() || xlsx.header_row != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "'", path, "' is read as CSV, which has no ",
        xlsx.sheet.empty() ? "header row option (header_row is for workbooks)"
                           : absl::StrCat("sheets (sheet '", xlsx.sheet, "' was asked for)")));
  }
  return read_audits_csv(path, options, diag);
}

}  // namespace qaframe
