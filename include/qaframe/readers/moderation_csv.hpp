#pragma once
/// @file moderation_csv.hpp
/// A separate moderation file (the moderators' re-audit grades) joined to a set of audits on
/// audit_id, every id checked.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"

namespace qaframe {

/// Joins a moderation file (columns audit_id, moderated_grade, and optionally moderator) to
/// `audits`: every audit_id must be one of the audits and appear once; grades are read on the
/// audits' scale. Problems name `source`, line, column and value, all collected; the result is
/// the joined set or the problems, never a partial join. `csv` gives the encoding and separator.
absl::StatusOr<AuditSet> join_moderation_csv(const AuditSet& audits, std::string_view text,
                                             const std::string& source, Diagnostics* diag = nullptr,
                                             const CsvOptions& csv = {});
/// Reads a moderation file and joins it (see join_moderation_csv).
absl::StatusOr<AuditSet> read_moderation_csv(const AuditSet& audits, const std::string& path,
                                             Diagnostics* diag = nullptr,
                                             const CsvOptions& csv = {});

}  // namespace qaframe
