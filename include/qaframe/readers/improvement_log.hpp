#pragma once
/// @file improvement_log.hpp
/// The Performance Improvement Log: key lines of enquiry kept as a CSV file, owned by the QA
/// Steering Group; read, validated and written here, merged with each month's triangulation by
/// merge_kloes (analysis/log_merge.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe {

/// Where a KLOE stands.
enum class KloeStatus : std::uint8_t { kOpen, kInReview, kClosed };

/// "open", "in review" or "closed".
std::string_view kloe_status_name(KloeStatus status);

/// One KLOE of the log.
struct KloeEntry {
  std::string kloe_id;   ///< KLOE-YYYYMM-NNN: month raised, then a number within the month
  DayNumber raised = 0;  ///< date raised
  std::string theme;     ///< theme of practice
  std::string unit;      ///< team or the whole service
  std::string evidence;  ///< the evidence sentence (updated while open)
  std::string question;  ///< the question for the QA Steering Group
  std::string owner;     ///< who answers it
  KloeStatus status = KloeStatus::kOpen;  ///< open, in review, closed
  std::optional<DayNumber> review_by;     ///< when it is next reviewed
  std::optional<DayNumber> closed;        ///< when it was closed
  std::string outcome;                    ///< what was found and done; dated notes of each run
  std::optional<DayNumber> updated;       ///< the last run that changed it
  std::vector<std::string> extra;         ///< values of the log's extra columns
  friend bool operator==(const KloeEntry&, const KloeEntry&) = default;
};

/// The log: its entries and any extra columns (kept, in order, after the known ones).
struct ImprovementLog {
  std::vector<std::string> extra_columns;  ///< columns the library does not know
  std::vector<KloeEntry> entries;          ///< in order, oldest first
  /// The file it was read from ("" for a log made in memory): writing over that file is an
  /// update, writing over any other existing file needs to be forced (see write_log_csv).
  std::string read_from;
  /// Remarks from reading it (rows added by hand since qaframe wrote it); not part of the log.
  std::vector<std::string> notes;
  /// The log as CSV (dates ISO; cells a spreadsheet would run as formulas prefixed by ', which
  /// reading removes), ending with the line "#end of log: N KLOEs"; reading it back gives an
  /// equal log.
  std::string to_csv() const;
  /// Equal entries and columns (where it was read from, and the notes, are not compared).
  friend bool operator==(const ImprovementLog& a, const ImprovementLog& b) {
    return a.extra_columns == b.extra_columns && a.entries == b.entries;
  }
};

/// The start of the log's last line, "#end of log: 303 KLOEs". A log cut off by a crash, a full
/// disk or a bad copy has none, or fewer KLOEs than it states, and is refused rather than read as
/// a shorter log. The line may stand anywhere after the header (sorting in a spreadsheet moves
/// it), with a spreadsheet's trailing commas; more KLOEs than it states is accepted with a note
/// (rows added by hand). A log made by hand is declared complete by a last line "#end of log".
inline constexpr std::string_view kEndOfLog = "#end of log";

/// The columns of a log, in the order written.
inline constexpr std::string_view kLogColumns[] = {"kloe_id",   "raised",   "theme",   "unit",
                                                   "evidence",  "question", "owner",   "status",
                                                   "review_by", "closed",   "outcome", "updated"};

/// Parses a log (the columns above; `updated` optional). Problems collected: a missing or
/// repeated kloe_id, a bad date or status, a closed KLOE without a closing date (or a date on
/// one not closed), two KLOEs not closed for the same unit and theme, no end-of-log line or fewer
/// KLOEs than it states (see kEndOfLog).
/// `csv` gives the encoding and the separator.
absl::StatusOr<ImprovementLog> parse_log_csv(std::string_view text, const std::string& source,
                                             Diagnostics* diag = nullptr,
                                             const CsvOptions& csv = {});
/// Reads a log from a file (see parse_log_csv); NotFound when it does not exist: a log is never
/// made up from a misspelt path (start a new one explicitly, with an empty ImprovementLog).
absl::StatusOr<ImprovementLog> read_log_csv(const std::string& path, Diagnostics* diag = nullptr,
                                            const CsvOptions& csv = {});

/// How a log is written.
struct LogWriteOptions {
  /// Replace an existing file that is not the one the log was read from (log.read_from).
  bool force = false;
};

/// Writes log.to_csv() to `path` atomically (io/atomic_file.hpp), keeping the file it replaces
/// as `<path>.bak`. AlreadyExists, writing nothing, when `path` exists and is not the file the
/// log was read from, unless options.force: a new log, or a log read from elsewhere, never
/// silently replaces another; Unavailable with the OS reason when the write fails (the old file
/// is then untouched).
absl::Status write_log_csv(const ImprovementLog& log, const std::string& path,
                           const LogWriteOptions& options = {});

}  // namespace qaframe
