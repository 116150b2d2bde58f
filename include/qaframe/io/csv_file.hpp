#pragma once
/// @file csv_file.hpp
/// CSV records read from a file a block at a time, so that memory is bounded by a block and one
/// record (at most CsvOptions::max_record_bytes), not by the file: the chunked audit reader and
/// the improvement log read through it. Blocks are cut after the last record end outside quotes
/// (LF, CRLF or a lone CR, as CsvReader takes them), and each is framed by a CsvReader that numbers
/// lines as in the file, so that records, line numbers and every framing error are those of a
/// whole read of the same bytes; a record past the limit (a stray quote makes the rest of the file
/// one record) is refused as a whole read refuses it, having seen the same bytes. The file's bytes
/// are decoded as CsvOptions::encoding says (see text_encoding.hpp), a block at a time, and a
/// separator of '\0' is chosen once, from the header line.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"

namespace qaframe {

/// Reads CSV records from a file, block by block (see the file comment). Not shareable between
/// threads (its caller locks, as AuditChunkReader does); movable.
class CsvFileReader {
 public:
  /// Bytes read from the file at a time, by default.
  static constexpr std::size_t kDefaultBlockBytes = std::size_t{1} << 20;
  /// Opens `path` (see InputFile::open for the errors).
  static absl::StatusOr<CsvFileReader> open(const std::string& path, const CsvOptions& csv = {},
                                            const FileReadOptions& file = {},
                                            std::size_t block_bytes = kDefaultBlockBytes);
  CsvFileReader(CsvFileReader&&) noexcept;
  CsvFileReader& operator=(CsvFileReader&&) noexcept;
  ~CsvFileReader();

  /// Reads the next record into `fields` (views valid until the next call), as CsvReader::next:
  /// false at the end of the file, or with `status` set: InvalidArgument for a framing error (its
  /// line in error_line()), Unavailable when the file could not be read on (changed, a read
  /// error: see InputFile). Nothing is read after an error.
  bool next(std::vector<std::string_view>& fields, absl::Status& status);
  /// 1-based file line on which the last record read (or the failing one) starts.
  std::int64_t record_line() const;
  /// 1-based file line where a framing error was found.
  std::int64_t error_line() const;
  /// 1-based position in its record of the field where a framing error was found.
  std::int64_t error_field() const;
  /// 1-based file line on which the next record starts.
  std::int64_t line() const;
  /// The field separator in use: the one chosen from the header line when options().delimiter is
  /// '\0' ('\0' until the first record is read).
  char delimiter() const;
  /// The encoding decided from the file's first bytes (kAuto until the first record is read).
  TextEncoding encoding() const;
  /// The options the reader was opened with.
  const CsvOptions& options() const;
  /// The file's name in messages (see display_path).
  const std::string& name() const;
  /// The size of a regular file when it was opened (0 for a stream): a reader may reserve for it.
  std::uint64_t file_size() const;

 private:
  struct State;
  explicit CsvFileReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace qaframe
