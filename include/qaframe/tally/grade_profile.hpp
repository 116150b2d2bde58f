#pragma once
/// @file grade_profile.hpp
/// The grade profile of a set of audits: counts, shares and the number of distinct children.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/tally/grade_counts.hpp"

namespace qaframe {

/// Grade counts of a set of audits with their scale and the number of distinct children.
/// (Distinct children do not add across parts; the mergeable part is `counts`.)
struct GradeProfile {
  /// The grading scale (default: Ofsted's, so that a default profile is an empty one on it).
  GradeScale scale = GradeScale::ofsted();
  GradeCounts counts = GradeCounts(4);  ///< audits per level and N/A
  std::int64_t n_children = 0;          ///< distinct child identifiers

  /// Share below a level given by label, of all audits or (adjusted) of graded ones.
  absl::StatusOr<double> share_below(std::string_view level, bool adjusted = false) const;
  /// Share at or above a level given by label, of all audits or (adjusted) of graded ones.
  absl::StatusOr<double> share_at_least(std::string_view level, bool adjusted = false) const;
  /// Equal when scale, counts and children are equal.
  friend bool operator==(const GradeProfile&, const GradeProfile&) = default;
};

/// The profile of every audit in `audits`, on the final grades (moderated where recorded).
GradeProfile profile(const AuditSet& audits);
/// The profile of the grade column `grades` ("final_grade", "grade", "moderated_grade" or a
/// practice domain), on that column's scale; NotFound naming the grade columns otherwise.
absl::StatusOr<GradeProfile> profile(const AuditSet& audits, std::string_view grades);

}  // namespace qaframe
