#pragma once
/// @file escalations.hpp
/// When audits were escalated (an Inadequate case reported to the Service Manager and Assistant
/// Director): from an escalations file (audit_id, escalated; optional escalated_to) or from a
/// date column `escalated` of the audits themselves, validated against the audits.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe {

/// Column names of an escalations file (and of the audits' own column).
struct EscalationColumns {
  static constexpr std::string_view kAuditId = "audit_id";          ///< the audit escalated
  static constexpr std::string_view kEscalated = "escalated";       ///< the date escalated
  static constexpr std::string_view kEscalatedTo = "escalated_to";  ///< optional: to whom
};

/// One audit's escalation.
struct EscalationRecord {
  std::string audit_id;         ///< the audit
  std::uint32_t audit_row = 0;  ///< its row in the AuditSet
  DayNumber escalated = 0;      ///< the date it was escalated
  std::string escalated_to;     ///< to whom ("" when not recorded)
  std::int64_t line = 0;        ///< file line (0 for a DataFrame row or the audits' column)
  friend bool operator==(const EscalationRecord&, const EscalationRecord&) = default;
};

/// The validated escalations, in input order, one per audit at most.
struct EscalationLog {
  std::string source;                     ///< file path, "DataFrame", or the audits' column
  std::vector<EscalationRecord> records;  ///< one per escalated audit
  friend bool operator==(const EscalationLog&, const EscalationLog&) = default;
};

/// Parses an escalations file and checks it against `audits`. Problems, all collected with
/// file, line, column, value and reason: an empty, unknown or repeated audit_id, an empty
/// escalated date (leave out audits that were not escalated), a date that is not one, and an
/// escalation dated before its audit. Never a partial result.
absl::StatusOr<EscalationLog> parse_escalations_csv(std::string_view text,
                                                    const std::string& source,
                                                    const AuditSet& audits,
                                                    Diagnostics* diag = nullptr,
                                                    const CsvOptions& csv = {});
/// Reads an escalations file (see parse_escalations_csv).
absl::StatusOr<EscalationLog> read_escalations_csv(const std::string& path, const AuditSet& audits,
                                                   Diagnostics* diag = nullptr,
                                                   const CsvOptions& csv = {});
/// Validates escalations given as named text columns (a DataFrame's) by the same rules.
absl::StatusOr<EscalationLog> escalations_from_columns(
    const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& columns,
    const AuditSet& audits, const std::string& source = "DataFrame", Diagnostics* diag = nullptr);

/// The escalations recorded in a column of the audits (default `escalated`): an empty cell is an
/// audit not escalated; a cell that is not a date, or a date before the audit's, is a problem
/// naming `source`, the 0-based row, the column, the value, and the audit id in the reason.
/// NotFound when the audits have no such column.
absl::StatusOr<EscalationLog> escalations_from_audits(
    const AuditSet& audits, std::string_view column = EscalationColumns::kEscalated,
    const std::string& source = "audits", Diagnostics* diag = nullptr);

}  // namespace qaframe
