#pragma once
// What a file given to the workbook reader is, when it is not an .xlsx workbook (internal): an
// Excel 97-2003 .xls or a password-protected workbook (both OLE compound files), an HTML page or
// an Excel 2003 XML spreadsheet (what web systems' "export to Excel" gives), a CSV or other text
// file, or bytes of no known kind. Zip archives (.xlsx, but also .ods, .docx) are opened and told
// apart by their entries.
#include <optional>
#include <string>
#include <string_view>

namespace qaframe::detail {

/// Why `bytes` cannot be an .xlsx workbook, naming what they are and what to do; nullopt when
/// they begin as a zip archive does.
std::optional<std::string> not_a_zip(std::string_view bytes);

}  // namespace qaframe::detail
