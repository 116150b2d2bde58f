#pragma once
/// @file csv.hpp
/// A strict RFC 4180 CSV reader over text in memory, and CSV field quoting for writing.
///
/// Accepted: UTF-8 with or without a byte-order mark, LF or CRLF line ends, quoted fields
/// containing delimiters, quotes ("") and line breaks. Refused with the line it starts on: an
/// unterminated quote, text after a closing quote, a quote inside an unquoted field, a field over
/// the size limit. Encoding is checked before reading, over the whole text, by
/// find_invalid_utf8_or_nul (parse_audits_csv does so), not by the reader. The reader never copies
/// a field it need not: unquoted fields are views of the text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace qaframe {

/// Options of the CSV reader.
struct CsvOptions {
  char delimiter = ',';                    ///< field separator
  std::size_t max_field_bytes = 1u << 16;  ///< longest field accepted (64 KiB)
  std::int64_t first_line = 1;             ///< line number of the text's first line
};

/// Reads records one at a time from CSV text that outlives the reader.
class CsvReader {
 public:
  /// A reader over `text` (a leading UTF-8 byte-order mark is skipped).
  CsvReader(std::string_view text, CsvOptions options = {});

  /// Reads the next record into `fields` (views valid until the next call). Returns false at the
  /// end of the text. On malformed input returns false and sets `status` to an InvalidArgument
  /// error; `error_line()` then gives the line where the bad record starts.
  bool next(std::vector<std::string_view>& fields, absl::Status& status);
  /// 1-based physical line on which the last record read (or the failing one) starts.
  std::int64_t record_line() const { return record_line_; }
  /// 1-based physical line where the error was found.
  std::int64_t error_line() const { return error_line_; }

 private:
  std::string_view text_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::int64_t line_;
  std::int64_t record_line_ = 0;
  std::int64_t error_line_ = 0;
  std::string scratch_;
  struct Span {
    std::size_t offset;
    std::size_t size;
    bool in_scratch;
  };
  std::vector<Span> spans_;
};

/// First invalid byte offset of `text` as UTF-8 (or NUL), or npos when it is valid and NUL-free.
std::size_t find_invalid_utf8_or_nul(std::string_view text);

/// Appends `field` to `out`, quoted when it contains the delimiter, a quote, CR or LF, or begins
/// or ends with a space (so that reading it back keeps the spaces).
void append_csv_field(std::string& out, std::string_view field, char delimiter = ',');

}  // namespace qaframe
