#pragma once
/// @file xlsx.hpp
/// Tables of a document as an Excel workbook (.xlsx, written with libxlsxwriter): one sheet per
/// table, a "Notes" sheet with the rules applied. Counts, shares and other single numbers are
/// number cells (shares with a percentage format), so a spreadsheet can add them up; text from
/// the data is always a text cell, never a formula, whatever it begins with (=, +, -, @).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/doc/document.hpp"

namespace qaframe::doc {

/// The bytes of an .xlsx workbook: for each table a sheet named from its id (at most 31
/// characters, unique), holding its caption, its column headings and its rows (the total rows
/// in bold); then a sheet "Notes" with `notes`, one a row, and the meaning of each statistical
/// symbol used. Empty `tables` gives the notes sheet only. Internal on a libxlsxwriter failure
/// (the temporary file it needs cannot be written).
absl::StatusOr<std::string> to_xlsx(const std::vector<Table>& tables,
                                    const std::vector<std::string>& notes);

}  // namespace qaframe::doc
