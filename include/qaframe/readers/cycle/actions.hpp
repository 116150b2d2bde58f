#pragma once
/// @file actions.hpp
/// The actions arising from audits: one row per action, read and validated against the audits
/// they arise from. Columns: action_id, audit_id, description, owner, raised, due, completed
/// (required; due and completed may be empty), and optionally status, outcome (the measurable
/// outcome the action is to achieve) and evidence (what shows its effect once done).
///
/// "No action needed" is recorded as a row whose description is "No action needed" (or "No
/// actions needed", "No action required", "No actions required"; case, spaces and punctuation
/// ignored): it says the audit was reviewed and raised nothing, so it needs no owner or dates,
/// is not counted as an action, and completes the audit's cycle at the "actions" step.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/date.hpp"

namespace qaframe {

/// Column names of an actions file.
struct ActionColumns {
  static constexpr std::string_view kActionId = "action_id";       ///< unique action identifier
  static constexpr std::string_view kAuditId = "audit_id";         ///< the audit it arises from
  static constexpr std::string_view kDescription = "description";  ///< what is to be done
  static constexpr std::string_view kOwner = "owner";              ///< who is to do it
  static constexpr std::string_view kRaised = "raised";            ///< date raised
  static constexpr std::string_view kDue = "due";                  ///< date due (may be empty)
  static constexpr std::string_view kCompleted = "completed";      ///< date done (empty: open)
  static constexpr std::string_view kStatus = "status";            ///< optional: open, done ...
  static constexpr std::string_view kOutcome = "outcome";          ///< optional: measurable outcome
  static constexpr std::string_view kEvidence = "evidence";        ///< optional: evidence of impact
  /// The columns a file must have.
  static constexpr std::string_view kRequired[] = {kActionId, kAuditId, kDescription, kOwner,
                                                   kRaised,   kDue,     kCompleted};
};

/// Text folded for comparison: ASCII letters in lower case, every run of ASCII white space and
/// punctuation one space, no space at either end ("Update the  chronology." and "update the
/// chronology" are equal). Other bytes (UTF-8 letters) are kept as they are.
std::string normalise_action_text(std::string_view text);

/// True when a description records that the audit needed no action (see the file comment).
bool is_no_action_needed(std::string_view description);

/// One row of an actions file.
struct Action {
  std::string action_id;               ///< unique identifier
  std::string audit_id;                ///< the audit it arises from
  std::uint32_t audit_row = 0;         ///< that audit's row in the AuditSet
  std::string description;             ///< what is to be done
  std::string owner;                   ///< who is to do it
  DayNumber raised = 0;                ///< date raised
  std::optional<DayNumber> due;        ///< date due, when one was set
  std::optional<DayNumber> completed;  ///< date done, when done
  std::string status;                  ///< the status as written ("" without the column)
  bool cancelled = false;              ///< status cancelled or withdrawn: not counted
  std::string outcome;                 ///< the measurable outcome ("" when not stated)
  std::string evidence;                ///< evidence of impact ("" when none recorded)
  bool no_action_needed = false;       ///< a "no action needed" record, not an action
  std::int64_t line = 0;               ///< file line (0 for a DataFrame row)
  friend bool operator==(const Action&, const Action&) = default;
};

/// The validated actions of a set of audits, in file order ("no action needed" records
/// included, flagged).
struct ActionLog {
  std::string source;           ///< file path, or "DataFrame"
  std::vector<Action> actions;  ///< every row, in order
  friend bool operator==(const ActionLog&, const ActionLog&) = default;
};

/// Options for reading actions.
struct ActionReadOptions {
  /// An action without an owner is a problem (the default: councils' own audits find actions
  /// left undone for want of one). When false it is read, and counts against SMART
  /// completeness instead.
  bool require_owner = true;
  CsvOptions csv;  ///< CSV dialect and limits
};

/// Parses actions from CSV text and checks them against `audits`. Every problem is collected,
/// with file, line, column, value and reason: an empty or repeated action_id, an empty or
/// unknown audit_id, an empty description, a missing owner (see ActionReadOptions), an empty
/// raised date, a date that is not one, an action raised before its audit, due or completed
/// before raised, a status that is not open / in progress / done / completed / closed /
/// cancelled / withdrawn or that contradicts the completed date, and a "no action needed"
/// record on an audit that also has actions. Never a partial result.
absl::StatusOr<ActionLog> parse_actions_csv(std::string_view text, const std::string& source,
                                            const AuditSet& audits,
                                            const ActionReadOptions& options = {},
                                            Diagnostics* diag = nullptr);
/// Reads an actions file (see parse_actions_csv).
absl::StatusOr<ActionLog> read_actions_csv(const std::string& path, const AuditSet& audits,
                                           const ActionReadOptions& options = {},
                                           Diagnostics* diag = nullptr);
/// Validates actions given as named text columns (a DataFrame's) by the same rules; problems
/// name the 0-based row.
absl::StatusOr<ActionLog> actions_from_columns(const std::vector<std::string>& names,
                                               const std::vector<std::vector<std::string>>& columns,
                                               const AuditSet& audits,
                                               const std::string& source = "DataFrame",
                                               const ActionReadOptions& options = {},
                                               Diagnostics* diag = nullptr);

}  // namespace qaframe
