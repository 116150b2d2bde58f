#pragma once
/// @file audit_chunks.hpp
/// Reading a CSV file of audits in chunks of a bounded number of rows, for files larger than
/// memory: each chunk is a validated AuditSet, and the tallies of the chunks (GradeCounts,
/// GradeTable) merge into the tallies of the whole file.
///
/// The file is read in blocks cut at record boundaries (a line end outside quotes), so memory is
/// bounded by a block, one record (at most CsvOptions::max_record_bytes: a longer one is refused
/// as a whole read refuses it, even after a stray quote) and a chunk, not by the file. A file
/// that changes while it is read is an error (see InputFile), never a crash.
///
/// Threads: a reader may be shared; next() and rows_read() lock a mutex inside it, so callers
/// from several threads take whole chunks in turn (each chunk once, in file order). Every rule of
/// read_audits_csv applies to each chunk, and problems are reported with their true file lines and
/// record numbers. Repeated audit_ids are found within a chunk as in a whole read, and across
/// chunks through a set of 64-bit hashes of the identifiers seen before (8 bytes an audit rather
/// than the identifiers).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace qaframe {

/// Reads a CSV file of audits chunk by chunk.
class AuditChunkReader {
 public:
  /// Opens `path` and reads its header. NotFound if the file does not exist, Unavailable with the
  /// reason if it cannot be read; InvalidArgument (with the problems in `diag` when given) for an
  /// empty file or a bad header. The file is read `block_bytes` at a time.
  static absl::StatusOr<AuditChunkReader> open(const std::string& path, std::size_t rows,
                                               const ReadOptions& options = {},
                                               Diagnostics* diag = nullptr,
                                               std::size_t block_bytes = kDefaultBlockBytes);
  /// Bytes read from the file at a time, by default.
  static constexpr std::size_t kDefaultBlockBytes = std::size_t{16} << 20;
  AuditChunkReader(AuditChunkReader&&) noexcept;
  AuditChunkReader& operator=(AuditChunkReader&&) noexcept;
  ~AuditChunkReader();

  /// The next chunk of up to `rows` records, or nullopt after the last. A chunk with problems is
  /// an InvalidArgument error listing them (in `diag` when given), as read_audits_csv reports
  /// them; reading may go on with the next chunk, except after a CSV framing error, which ends
  /// the file. Unavailable when the file cannot be read on (changed, or a read error).
  absl::StatusOr<std::optional<AuditSet>> next(Diagnostics* diag = nullptr);
  /// Records (data rows) read so far.
  std::int64_t rows_read() const;

 private:
  struct State;
  explicit AuditChunkReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace qaframe
