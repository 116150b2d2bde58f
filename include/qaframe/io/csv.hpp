#pragma once
/// @file csv.hpp
/// A strict RFC 4180 CSV reader over text in memory, and CSV field quoting for writing.
///
/// Accepted: UTF-8 with or without a byte-order mark, LF or CRLF line ends, quoted fields
/// containing delimiters, quotes ("") and line breaks. Refused with the line it starts on: an
/// unterminated quote, text after a closing quote, a quote inside an unquoted field, a field over
/// the size limit (with the line and the field where it was found), a record with more fields or
/// more bytes than the limits (checked before anything is copied, so that memory stays bounded
/// whatever the input: a row of a hundred million commas is refused after 10,000 fields). The
/// reader frames records by their ASCII bytes alone; encoding is checked per value by
/// find_invalid_utf8_or_nul (the AuditSetBuilder does so, naming each bad value's column). The
/// reader never copies a field it need not: unquoted fields are views of the text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

/// The UTF-8 byte-order mark, skipped at the start of a text.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// The character encoding of a text file (an export profile's `[input] encoding`).
enum class TextEncoding {
  kAuto,         ///< a byte-order mark decides (UTF-8, UTF-16 LE/BE); UTF-8 without one
  kUtf8,         ///< UTF-8, with or without a byte-order mark
  kWindows1252,  ///< Windows-1252, what Excel's "CSV (Comma delimited)" writes
  kUtf16,        ///< UTF-16 with a byte-order mark giving the byte order
};

/// Options for reading CSV text.
struct CsvOptions {
  /// Field separator: ',', ';' or '\t'; '\0' (the default) to choose one of them from the header
  /// line, the first that is not blank (see detect_delimiter): a file whose header holds no ';'
  /// or tab is read with commas, as it always was.
  char delimiter = '\0';
  /// The encoding of the bytes (see text_encoding.hpp); the readers decode them to UTF-8 before
  /// they are parsed. kAuto (the default) reads a file with a UTF-16 byte-order mark as UTF-16
  /// and any other as UTF-8; Windows-1252 is never guessed (a file that is not UTF-8 is refused
  /// with advice to name it).
  TextEncoding encoding = TextEncoding::kAuto;
  std::size_t max_field_bytes = 1u << 16;  ///< longest field accepted (64 KiB)
  std::size_t max_fields = 10'000;         ///< most fields in one record
  /// Longest record accepted (1 MiB), line end excluded; the chunked reader holds at most a block
  /// and one record, so this bounds its memory too.
  std::size_t max_record_bytes = std::size_t{1} << 20;
  std::int64_t first_line = 1;  ///< line number of the text's first line
};

/// Reads records one at a time from CSV text that outlives the reader.
class CsvReader {
 public:
  /// A reader over UTF-8 `text` (a leading byte-order mark is skipped; options.encoding is the
  /// caller's business: see decode_text). A delimiter of '\0' is chosen here from the text.
  CsvReader(std::string_view text, CsvOptions options = {});

  /// The field separator in use (the one chosen, when options.delimiter was '\0').
  char delimiter() const { return options_.delimiter; }

  /// Reads the next record into `fields` (views valid until the next call). Returns false at the
  /// end of the text. On malformed input returns false and sets `status` to an InvalidArgument
  /// error; `error_line()` then gives the line where the bad record starts.
  bool next(std::vector<std::string_view>& fields, absl::Status& status);
  /// 1-based physical line on which the last record read (or the failing one) starts.
  std::int64_t record_line() const { return record_line_; }
  /// 1-based physical line where the error was found.
  std::int64_t error_line() const { return error_line_; }
  /// 1-based position in its record of the field where the error was found.
  std::int64_t error_field() const { return error_field_; }
  /// 1-based physical line on which the next record starts (after the last one read).
  std::int64_t line() const { return line_; }
  /// Byte offset in the text of the next record (after the last one read, its line end
  /// included); the text's size at its end.
  std::size_t position() const { return pos_; }
  /// Byte offset in the text where the last record read began: with position(), the record's
  /// bytes as written (quotes and separators included).
  std::size_t record_start() const { return record_start_; }

 private:
  std::string_view text_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::size_t record_start_ = 0;
  std::int64_t line_;
  std::int64_t record_line_ = 0;
  std::int64_t error_line_ = 0;
  std::int64_t error_field_ = 0;
  std::string scratch_;
  struct Span {
    std::size_t offset;
    std::size_t size;
    bool in_scratch;
  };
  std::vector<Span> spans_;
};

/// The separator of CSV `text`, chosen from its first line that is not blank: whichever of ',',
/// ';' and tab it holds most of outside quotes (',' on a tie with it or when it holds none, ';'
/// before tab). '\0' when the text holds no such line, or its quotes are not closed within it.
char detect_delimiter(std::string_view text);

/// The separator `name` gives: "auto" ('\0'), ",", ";", a tab, "\t" or "tab" (also "comma",
/// "semicolon"; ASCII case ignored); InvalidArgument naming the accepted ones otherwise.
absl::StatusOr<char> parse_delimiter_name(std::string_view name);

/// "commas", "semicolons" or "tabs", for the note of a chosen separator.
std::string_view delimiter_name(char delimiter);

/// The problem of a whole text that is not UTF-8 or holds a NUL byte, naming the first bad byte
/// and its line; nullopt when the text is clean. For a part of a file, `first_line` and
/// `first_byte` are where the part starts; `what` names the file in the advice ("save the file
/// as UTF-8 CSV").
std::optional<DataProblem> text_encoding_problem(std::string_view text, const std::string& source,
                                                 std::int64_t first_line = 1,
                                                 std::size_t first_byte = 0,
                                                 std::string_view what = "file");

/// Appends `field` to `out`, quoted when it contains a separator (',', ';' or tab, whichever
/// `delimiter` is: so that the separator read back is chosen right), a quote, CR or LF, begins or
/// ends with a space or tab (so that reading it back keeps them), or begins with a byte-order mark.
void append_csv_field(std::string& out, std::string_view field, char delimiter = ',');

/// A CSV cell safe to open in a spreadsheet: a leading =, +, -, @, tab or CR is prefixed by '
/// (so the cell is text, never a formula). Reading such a cell back is the caller's business.
std::string spreadsheet_safe(std::string_view text);

}  // namespace qaframe
