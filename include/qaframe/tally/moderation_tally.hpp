#pragma once
/// @file moderation_tally.hpp
/// ModerationTally: the counts behind a moderation summary (coverage, the auditor x moderator
/// table, grades raised and lowered by auditor and team), mergeable, so that the summary of
/// several partitions computed from their merged tally equals the summary of all the audits.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/grade_scale.hpp"

namespace qaframe {

/// Moderated pairs of one group (an auditor, a team, or all) by what the moderator did.
struct DirectionCounts {
  std::string label;         ///< auditor, team, or "All"
  std::int64_t pairs = 0;    ///< moderated audits with both grades on the scale
  std::int64_t agreed = 0;   ///< same grade
  std::int64_t raised = 0;   ///< moderator graded higher
  std::int64_t lowered = 0;  ///< moderator graded lower
  friend bool operator==(const DirectionCounts&, const DirectionCounts&) = default;
};

/// Audits and moderated audits of one programme.
struct CoverageCounts {
  std::string programme;       ///< programme, or "All" when the set has no programme column
  std::int64_t audits = 0;     ///< audits in the programme
  std::int64_t moderated = 0;  ///< with a moderated grade recorded
  friend bool operator==(const CoverageCounts&, const CoverageCounts&) = default;
};

/// The sufficient counts of moderation_summary (analysis/moderation.hpp). Rows of coverage and
/// directions are in order of first appearance (directions: among the pairs), and tallies merge
/// by label, appending new labels, so parts merged in order equal the whole.
struct ModerationTally {
  GradeScale scale = GradeScale::ofsted();  ///< the grading scale (k levels)
  std::int64_t audits = 0;                  ///< audits
  std::int64_t moderated = 0;               ///< audits with a moderated grade
  std::int64_t pairs = 0;                   ///< moderated audits graded on the scale by both
  std::vector<CoverageCounts> coverage;     ///< by programme
  /// Original (rows) by moderated (columns) grades, levels then N/A: (k+1) x (k+1).
  std::vector<std::vector<std::int64_t>> table;
  DirectionCounts overall{"All"};           ///< all pairs
  std::vector<DirectionCounts> by_auditor;  ///< per auditor (when has_auditor)
  std::vector<DirectionCounts> by_team;     ///< per team (when has_team)
  bool has_auditor = false;                 ///< the audits had an auditor column
  bool has_team = false;                    ///< the audits had a team column

  /// An empty tally on `scale`.
  static ModerationTally empty(GradeScale scale);
  /// The tally of `audits`; FailedPrecondition when they have no moderated_grade column.
  static absl::StatusOr<ModerationTally> of(const AuditSet& audits);
  /// Adds another tally on the same scale (rows merged by label); InvalidArgument otherwise.
  absl::Status merge(const ModerationTally& other);
  friend bool operator==(const ModerationTally&, const ModerationTally&) = default;
};

}  // namespace qaframe
