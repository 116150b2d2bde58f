#pragma once
/// @file xlsx.hpp
/// Excel workbooks (.xlsx, .xlsm): the names of their sheets, and one sheet read as rows of cell
/// texts with their spreadsheet row numbers, for the same validators as CSV records.
///
/// Read: shared strings (rich-text runs joined), inline strings, numbers (the shortest text that
/// reads back as the same number; integers without ".0"), booleans (TRUE, FALSE), error cells
/// (#N/A ...: their text, flagged), formulas (their cached values), and numbers formatted as dates
/// or times (ISO text, in the 1900 date system with its leap-year quirk, or the 1904 system).
/// Sheets are found through the workbook's relationships, never by assumed file names.
///
/// Refused, each with a problem naming the file (and the part or cell): a zip archive that is
/// damaged or inflates past the limits of XlsxOptions (zip bombs), XML that is not well-formed
/// or declares a document type (entities are never expanded), missing parts, and files that are
/// not workbooks, each named for what it is: an Excel 97-2003 .xls, a password-protected
/// workbook, an OpenDocument .ods, a CSV or other text file.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/data_problem.hpp"

namespace qaframe {

/// Options of the workbook reader: which sheet, and what reading it may cost.
struct XlsxOptions {
  /// The sheet to read, by name (matched without regard to ASCII case); empty for the first
  /// visible worksheet.
  std::string sheet;
  /// For tables read from the sheet (audits): the 1-based row number of the header; 0 to take the
  /// first row that holds every required column (rows above it, such as titles, are skipped).
  std::int64_t header_row = 0;
  /// Most bytes one part of the archive may inflate to (a full sheet of Excel's 1,048,576 rows
  /// of an audit export is about 400 MiB of XML).
  std::uint64_t max_entry_bytes = std::uint64_t{512} << 20;
  /// Most bytes all the parts read may inflate to, together.
  std::uint64_t max_total_bytes = std::uint64_t{1} << 30;
  /// Most bytes a part may inflate to per compressed byte, checked while inflating once a part
  /// passes 1 MiB: sheets compress 10 to 30 times, a styles part of one format repeated some 300
  /// times, a zip bomb about 1,000 times (deflate's most).
  std::uint64_t max_compression_ratio = 500;
  /// Most cells (every row up to its last value) a sheet may hold.
  std::uint64_t max_cells = std::uint64_t{1} << 26;
  /// Threads to parse a large sheet with (its XML cut into parts at rows; the table and every
  /// problem are the same as on one thread): 0 for the machine's cores (at most 8), 1 for one.
  std::size_t threads = 0;
  /// Fewest bytes of sheet XML per thread (a sheet under twice this is parsed on one thread);
  /// sheets over 256 MiB of XML always stream through one parser instead of being held whole.
  std::uint64_t bytes_per_thread = std::uint64_t{8} << 20;
};

/// What a cell held in the workbook.
enum class CellType : std::uint8_t {
  kEmpty,     ///< no value ("")
  kText,      ///< a string (shared, inline, or a formula's text result)
  kNumber,    ///< a number, as its shortest round-trip text ("3", "0.1", "1e+21")
  kBoolean,   ///< "TRUE" or "FALSE"
  kDate,      ///< a number formatted as a date: "YYYY-MM-DD"
  kDateTime,  ///< a number formatted as a date and time: "YYYY-MM-DD HH:MM:SS"
  kTime,      ///< a number formatted as a time of day or a duration: "HH:MM:SS"
  kError,     ///< an error value such as "#N/A" or "#DIV/0!", kept as its text
};

/// The name of a cell type: "empty", "text", "number", "boolean", "date", "datetime", "time",
/// "error".
std::string_view cell_type_name(CellType type);

/// A rectangle of cells, as in a merged range: rows 1-based, columns 0-based, both inclusive.
struct CellRange {
  std::int64_t first_row = 1;     ///< top row number
  std::int64_t first_column = 0;  ///< left column (0 is A)
  std::int64_t last_row = 1;      ///< bottom row number
  std::int64_t last_column = 0;   ///< right column
  /// "A1:C1" (or "A1" for one cell).
  std::string to_string() const;
  friend bool operator==(const CellRange&, const CellRange&) = default;
};

/// One worksheet as text: the rows that hold at least one value, each with its spreadsheet row
/// number, and each row's cells from column A up to its last value. Empty and missing cells are
/// "", rows with no value (blank or missing in the sheet) are left out, and so trailing empty
/// rows and columns are dropped. In a merged range only the top-left cell carries the value.
class SheetTable {
 public:
  /// An empty table.
  SheetTable() = default;

  /// The sheet's name as the workbook gives it.
  const std::string& sheet() const { return sheet_; }
  /// How problems name the sheet: "audits.xlsx[Audits]".
  const std::string& source() const { return source_; }
  /// Number of rows kept (rows holding at least one value).
  std::size_t size() const { return row_numbers_.size(); }
  /// True when no cell holds a value.
  bool empty() const { return row_numbers_.empty(); }
  /// Columns up to the last one holding a value in any row.
  std::size_t width() const { return width_; }
  /// The spreadsheet row number (1-based) of each row kept, increasing.
  std::span<const std::int64_t> row_numbers() const { return row_numbers_; }
  /// The spreadsheet row number of row `i`; 0 when `i` is not below size().
  std::int64_t row_number(std::size_t i) const { return i < size() ? row_numbers_[i] : 0; }
  /// Cells of row `i` up to its last value; 0 when `i` is not below size().
  std::size_t row_width(std::size_t i) const {
    if (i >= size()) return 0;
    return row_starts_[i + 1] == row_starts_[i] ? 0 : cells_[row_starts_[i + 1] - 1].column + 1u;
  }
  /// The text of the cell of row `i` in `column` (0 is A); "" past the row's last value and past
  /// the last row.
  std::string_view cell(std::size_t i, std::size_t column) const;
  /// What the cell held; kEmpty past the row's last value and past the last row.
  CellType type(std::size_t i, std::size_t column) const;
  /// Row `i` as views of its cells' texts, padded with "" to at least `width` cells: the fields
  /// the CSV validators take (`width` empty fields past the last row). The views stay valid
  /// while the table lives and is not moved from.
  void row_fields(std::size_t i, std::vector<std::string_view>& out, std::size_t width = 0) const;
  /// The merged ranges of the sheet, as the workbook lists them.
  const std::vector<CellRange>& merged() const { return merged_; }
  /// True when the workbook uses the 1904 date system (dates were converted with it).
  bool date1904() const { return date1904_; }

  /// Equal when the names, row numbers, and every cell's text and type are equal.
  friend bool operator==(const SheetTable& a, const SheetTable& b);

 private:
  friend class SheetTableBuilder;
  // A cell holding a value (empty cells are not stored, so that a row with one value far to the
  // right costs one cell, not thousands).
  struct Cell {
    std::uint64_t offset;
    std::uint32_t size;
    std::uint16_t column;
    CellType type;
  };
  // The cell of row `i` in `column`, or nullptr when it is empty.
  const Cell* find(std::size_t i, std::size_t column) const;
  std::string sheet_;
  std::string source_;
  std::string text_;                          // arena: every cell's text
  std::vector<Cell> cells_;                   // row by row, by column
  std::vector<std::uint64_t> row_starts_{0};  // index of each row's first cell, and the end
  std::vector<std::int64_t> row_numbers_;
  std::vector<CellRange> merged_;
  std::size_t width_ = 0;
  bool date1904_ = false;
};

/// The cell reference of a spreadsheet row number (1-based) and a column index (0-based, as in
/// SheetTable): cell_reference(14, 2) is "C14".
std::string cell_reference(std::int64_t row, std::int64_t column);
/// The letters of a column index (0-based): 0 is "A", 25 "Z", 26 "AA", 16383 "XFD".
std::string column_letters(std::int64_t column);
/// The row number and column index of a reference such as "C14" ("$C$14" too); nullopt when it
/// is not one within Excel's 1,048,576 rows and 16,384 columns.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_cell_reference(std::string_view ref);

/// True when the bytes begin as a zip archive or an OLE compound file does (.xlsx, .xlsm, .ods,
/// .xls, a password-protected workbook): a file for the workbook reader, not the CSV reader.
bool looks_like_workbook(std::string_view bytes);

/// The names of the sheets of a workbook, in the workbook's order (hidden sheets and chart
/// sheets included). `source` names it in problems; problems go to `diag` (if given) and into
/// the returned status.
absl::StatusOr<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes,
                                                          const std::string& source,
                                                          const XlsxOptions& options = {},
                                                          Diagnostics* diag = nullptr);
/// The names of the sheets of a workbook file (see xlsx_sheet_names).
absl::StatusOr<std::vector<std::string>> read_xlsx_sheet_names(const std::string& path,
                                                               const XlsxOptions& options = {},
                                                               Diagnostics* diag = nullptr);

/// Reads one sheet (options.sheet, or the first visible worksheet) of a workbook in memory.
/// Cell problems (a formula with no cached value, a number that is not one, a string that does
/// not exist) are all collected, each naming its cell ("audits.xlsx[Audits]!F2"); a problem with
/// the file itself names the file and its part. The result is the whole sheet or an error.
absl::StatusOr<SheetTable> parse_xlsx(std::string_view bytes, const std::string& source,
                                      const XlsxOptions& options = {}, Diagnostics* diag = nullptr);
/// Reads one sheet of a workbook file (see parse_xlsx); NotFound / Unavailable naming the path
/// when it cannot be read.
absl::StatusOr<SheetTable> read_xlsx(const std::string& path, const XlsxOptions& options = {},
                                     Diagnostics* diag = nullptr);

}  // namespace qaframe
