#pragma once
/// @file caseload.hpp
/// The open caseload from which next month's audits are sampled: one row per child (child_id,
/// team, case_type, worker; any other columns kept as they are). Child identifiers are read
/// because choosing children is the point; no message ever prints one.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe {

/// Column names of a caseload file.
struct CaseloadColumns {
  static constexpr std::string_view kChildId = "child_id";    ///< pseudonymous child id
  static constexpr std::string_view kTeam = "team";           ///< team holding the case
  static constexpr std::string_view kCaseType = "case_type";  ///< e.g. Child in Need
  static constexpr std::string_view kWorker = "worker";       ///< allocated worker ("" if none)
};

/// One open case.
struct Case {
  std::string child_id;            ///< pseudonymous child id
  std::string team;                ///< team holding the case
  std::string case_type;           ///< type of case
  std::string worker;              ///< allocated worker ("" when unallocated)
  std::vector<std::string> extra;  ///< values of the other columns, in Caseload::extra_columns
  std::int64_t line = 0;           ///< file line (0 for a DataFrame row)
  friend bool operator==(const Case&, const Case&) = default;
};

/// A validated caseload.
struct Caseload {
  std::string source;                      ///< file path, or "DataFrame"
  std::vector<std::string> extra_columns;  ///< other columns, as named in the header
  std::vector<Case> cases;                 ///< in file order
  friend bool operator==(const Caseload&, const Caseload&) = default;
};

/// Parses a caseload. Problems, all collected with file, line, column and reason: an empty
/// child_id, team or case_type, and a child listed twice (the message gives the line of the
/// first listing, never the identifier). An empty worker is an unallocated case, not a problem.
/// Never a partial result.
absl::StatusOr<Caseload> parse_caseload_csv(std::string_view text, const std::string& source,
                                            Diagnostics* diag = nullptr,
                                            const CsvOptions& csv = {});
/// Reads a caseload file (see parse_caseload_csv).
absl::StatusOr<Caseload> read_caseload_csv(const std::string& path, Diagnostics* diag = nullptr,
                                           const CsvOptions& csv = {});
/// Validates a caseload given as named text columns (a DataFrame's) by the same rules.
absl::StatusOr<Caseload> caseload_from_columns(const std::vector<std::string>& names,
                                               const std::vector<std::vector<std::string>>& columns,
                                               const std::string& source = "DataFrame",
                                               Diagnostics* diag = nullptr);

}  // namespace qaframe
