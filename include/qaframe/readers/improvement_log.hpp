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
  /// The log as CSV (dates ISO; cells a spreadsheet would run as formulas prefixed by ', which
  /// reading removes); reading it back gives an equal log.
  std::string to_csv() const;
  friend bool operator==(const ImprovementLog&, const ImprovementLog&) = default;
};

/// The columns of a log, in the order written.
inline constexpr std::string_view kLogColumns[] = {"kloe_id",   "raised",   "theme",   "unit",
                                                   "evidence",  "question", "owner",   "status",
                                                   "review_by", "closed",   "outcome", "updated"};

/// Parses a log (the columns above; `updated` optional). Problems collected: a missing or
/// repeated kloe_id, a bad date or status, a closed KLOE without a closing date (or a date on
/// one not closed), two KLOEs not closed for the same unit and theme.
absl::StatusOr<ImprovementLog> parse_log_csv(std::string_view text, const std::string& source,
                                             Diagnostics* diag = nullptr);
/// Reads a log from a file (see parse_log_csv).
absl::StatusOr<ImprovementLog> read_log_csv(const std::string& path, Diagnostics* diag = nullptr);
/// Writes log.to_csv() to a file.
absl::Status write_log_csv(const ImprovementLog& log, const std::string& path);

}  // namespace qaframe
