#pragma once
/// @file audits_csv.hpp
/// Audits read from CSV text or a CSV file: framing by io/csv.hpp, validation by the
/// AuditSetBuilder; all the records or every problem, never a part.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/io/file.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/readers/profile/column_mapping.hpp"

namespace qaframe {

/// How a CSV text was read (ReadOptions::stats): for benchmarks, tests and the curious.
struct CsvReadStats {
  std::size_t blocks = 1;         ///< blocks of records read on their own threads (1: one thread)
  std::size_t blocks_reread = 0;  ///< blocks read again: their guessed start was inside a record
  /// True when the blocks were read but the text was then read again on one thread (a problem,
  /// or an id repeated across blocks), so that the problems are exactly one thread's.
  bool read_again = false;
};

/// Options for reading audits.
struct ReadOptions {
  GradeScale scale = GradeScale::ofsted();  ///< scale of the grade and moderated_grade columns
  DomainScales domain_scales;               ///< scales of practice domains (default Ofsted)
  CsvOptions csv;                           ///< CSV dialect, encoding and limits
  DateOptions dates;                        ///< two-digit years (refused by default)
  /// Spellings read as not applicable in every grade column besides the scales' own (an export
  /// profile's `not_applicable = ["-"]`: a dash alone is refused otherwise).
  std::vector<std::string> not_applicable;
  FileReadOptions file;  ///< streams: size limit, timeout; "-" as stdin
  /// Columns that identify people, besides audit_id and child_id (an export profile may declare
  /// more: NHS numbers, names): never grouped by or listed in messages unless allowed.
  std::vector<std::string> identifier_columns;
  /// The export's headers and values mapped onto qaframe's (an export profile's [audits]).
  ColumnMapping mapping;
  /// Display labels of practice domains (an export profile's [audits.domains]), given to the set
  /// read (AuditSet::with_domain_labels); a label of a domain the file lacks is noted, not used.
  DomainLabels domain_labels;
  /// Where the header is: 0 the first line that is not blank; N > 0 the record starting on line
  /// N (for a workbook, row N); kAutoHeaderRow the first record (of the first 1,000) holding
  /// every required column, after `mapping`'s renaming. Records above it (titles) are skipped
  /// and counted in a note.
  std::int64_t header_row = 0;
  /// Records (not blank) at the end that are not audits (a "Total" line, a run date): dropped
  /// and counted in a note. Never guessed: 0 unless a profile or the caller says.
  std::int64_t footer_rows = 0;
  /// The sheet of a workbook to read when XlsxOptions::sheet is empty (an export profile's
  /// `sheet`); for a CSV file it does not apply, and a note says so.
  std::string sheet;
  /// Threads to parse and validate a large CSV text with: 0 for the machine's cores (at most 8),
  /// 1 for one. The records are cut into blocks at record boundaries (quote-aware: a guessed cut
  /// is checked against the record the block before it ends on) and the blocks' sets joined in
  /// order; the set is the one a single thread gives. A text with any problem is read again on
  /// one thread, so that its problems, their order and their count are exactly one thread's.
  /// Mapped values (a profile's programme or grade spellings) and footer rows read on one thread.
  std::size_t threads = 0;
  /// Fewest bytes of records per thread (a text under twice this is read on one thread).
  std::size_t bytes_per_thread = std::size_t{4} << 20;
  /// When not null, set to how the CSV text was read (the caller keeps it alive).
  CsvReadStats* stats = nullptr;
};

/// ReadOptions::header_row for "auto".
inline constexpr std::int64_t kAutoHeaderRow = -1;

/// Parses audits from CSV text; `source` names it in messages. Problems go to `diag` (if given)
/// and into the returned status; the result is all the records or an error, never a part.
absl::StatusOr<AuditSet> parse_audits_csv(std::string_view text, const std::string& source,
                                          const ReadOptions& options = {},
                                          Diagnostics* diag = nullptr);
/// Reads audits from a CSV file (see parse_audits_csv), read into memory by read_file: a file
/// changed while it is read is an error, never a crash; streams within options.file's limits.
absl::StatusOr<AuditSet> read_audits_csv(const std::string& path, const ReadOptions& options = {},
                                         Diagnostics* diag = nullptr);
}  // namespace qaframe
