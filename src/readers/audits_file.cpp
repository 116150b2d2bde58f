#include "qaframe/readers/audits_file.hpp"

#include "absl/strings/str_cat.h"
#include "model/machine.hpp"
#include "qaframe/io/file.hpp"
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
  // Read once, then look at the bytes: a stream (standard input, a FIFO, a pipe) cannot be
  // opened twice, so sniffing its head first would lose it.
  FileReadOptions file = options.file;
  if (has_workbook_suffix(path)) file.stream_is_text = false;  // a workbook holds NUL bytes
  absl::StatusOr<AuditSet> audits;
  {
    auto bytes = read_file(path, file);
    if (!bytes.ok()) return bytes.status();
    const std::string shown = display_path(path, file);
    if (audit_file_format(std::string_view(*bytes).substr(0, 8), path) ==
        AuditFileFormat::kWorkbook) {
      // The profile's sheet and header row, unless the workbook options say otherwise.
      XlsxOptions workbook = xlsx;
      if (workbook.sheet.empty()) workbook.sheet = options.sheet;
      if (workbook.header_row == 0 && options.header_row > 0)
        workbook.header_row = options.header_row;
      return parse_audits_xlsx(*bytes, shown, options, workbook, diag);
    }
    if (!xlsx.sheet.empty() || xlsx.header_row != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "'", shown, "' is read as CSV, which has no ",
          xlsx.sheet.empty() ? "header row option (header_row is for workbooks)"
                             : absl::StrCat("sheets (sheet '", xlsx.sheet, "' was asked for)")));
    }
    audits = parse_audits_csv(*bytes, shown, options, diag);
  }
  detail::release_free_memory();  // the builder's scratch is gone
  return audits;
}

}  // namespace qaframe
