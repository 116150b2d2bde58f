#pragma once
// Reading of small CSV tables (survey, performance, evidence map, improvement log) into rows of
// text with their file lines, collecting problems as the audit reader does (internal).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaframe/io/csv.hpp"
#include "qaframe/io/csv_file.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe::detail {

/// A CSV table read as text: canonical column names, and the trimmed fields of each non-blank
/// record with its file line.
struct CsvTable {
  std::string source;                          ///< file path or name, for messages
  std::vector<std::string> columns;            ///< canonical names (see canonical_column_name)
  std::vector<std::string> display;            ///< names as written in the header
  std::vector<std::vector<std::string>> rows;  ///< trimmed fields, one vector per record
  std::vector<std::int64_t> lines;             ///< file line of each record
  /// Lines set aside as markers (see read_csv_table): file line and first field, trimmed.
  std::vector<std::pair<std::int64_t, std::string>> markers;
  std::int64_t end_line = 1;  ///< the line after the last record

  /// Index of a column by canonical name, or -1.
  int column(std::string_view name) const;
  /// The field of `row` in column `index` ("" when the column is absent, index < 0).
  const std::string& field(std::size_t row, int index) const;
  /// Records a problem at a cell.
  void problem(Diagnostics& diag, std::size_t row, std::string_view column, std::string_view value,
               std::string reason) const;
};

/// Reads `text` as a table that must have the `required` columns; other columns are kept.
/// Problems (encoding, CSV syntax, missing or repeated columns, wrong field counts) go to `diag`;
/// returns nullopt when the table cannot be read at all (header unusable). Rows with a wrong
/// number of fields are reported and left out, so the caller must still check `diag.ok()`.
/// A record after the header whose first field begins with `marker_prefix` (ASCII case ignored)
/// and whose other fields are empty is not a row but a marker (the improvement log's end line).
std::optional<CsvTable> read_csv_table(std::string_view text, const std::string& source,
                                       const std::vector<std::string_view>& required,
                                       Diagnostics& diag, const CsvOptions& options = {},
                                       std::string_view marker_prefix = {});

/// What receives the rows of a table read from a file: the table (its header), the row's trimmed
/// fields, its file line and its record number.
using RowSink = std::function<void(const CsvTable& table, std::vector<std::string>&& values,
                                   std::int64_t line, std::int64_t row)>;

/// Reads a table from a file block by block (see read_csv_table above), handing each row to
/// `sink` rather than keeping it: memory is bounded by a block and one row, whatever the file.
/// Each record's encoding is checked as it is read. A read error (the file changed, see
/// InputFile) goes to `io_error`, not to `diag`: it is not a problem of the data.
std::optional<CsvTable> read_csv_table(CsvFileReader& reader,
                                       const std::vector<std::string_view>& required,
                                       Diagnostics& diag, const RowSink& sink,
                                       absl::Status& io_error, std::string_view marker_prefix = {});

/// A share in [0, 1] from "0.75", "75%" or "75 %"; nullopt with `reason` set otherwise.
std::optional<double> parse_share(std::string_view text, std::string& reason);
/// A whole count >= 0; nullopt with `reason` set otherwise.
std::optional<std::int64_t> parse_count(std::string_view text, std::string& reason);

}  // namespace qaframe::detail
