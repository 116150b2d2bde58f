#pragma once
/// @file impact.hpp
/// Change in grade between an audit and the same child's next audit: for children audited more
/// than once, each audit paired with the child's next one; improved, unchanged and worsened on
/// the scale's levels, and the exact sign test of improved against worsened, overall and for
/// audits that raised actions. A description of change, never a claim that an action caused it.
/// Child identifiers are used to pair audits and appear in no result.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/readers/cycle/actions.hpp"
#include "qaframe/stats/inference/sign_test.hpp"

namespace qaframe {

/// The changes of one set of pairs.
struct GradeChange {
  std::string label;           ///< "All pairs", "After audits that raised actions", ...
  std::int64_t pairs = 0;      ///< pairs with both grades on the scale
  std::int64_t improved = 0;   ///< next grade higher
  std::int64_t unchanged = 0;  ///< same grade
  std::int64_t worsened = 0;   ///< next grade lower
  stats::SignTest test;        ///< exact two-sided sign test of improved against worsened
  std::string statement;       ///< the finding in one sentence, with its n, not causal
  friend bool operator==(const GradeChange&, const GradeChange&) = default;
};

/// Evidence of impact from re-audits.
struct ImpactSummary {
  std::int64_t children = 0;            ///< distinct children audited
  std::int64_t children_reaudited = 0;  ///< audited more than once
  std::int64_t pairs_total = 0;         ///< consecutive pairs of a child's audits
  std::int64_t pairs_not_graded = 0;    ///< pairs left out: N/A (or unrecorded) at either audit
  std::int64_t same_day_pairs = 0;      ///< pairs of audits on the same day (ordered by row)
  bool has_actions = false;             ///< whether actions were given
  GradeChange overall;                  ///< every graded pair
  GradeChange with_actions;             ///< pairs whose first audit raised actions
  GradeChange without_actions;          ///< pairs whose first audit raised none
  std::vector<std::string> levels;      ///< the scale's levels, worst to best
  /// Pairs by first grade (rows) and next grade (columns), levels in scale order.
  std::vector<std::vector<std::int64_t>> transitions;
  std::vector<std::string> notes;  ///< caveats, in sentences
  friend bool operator==(const ImpactSummary&, const ImpactSummary&) = default;
};

/// The grade changes of `audits` (final grades, moderated where moderated). Each child's audits
/// are ordered by date (then by row), and each is paired with the next. With `actions` (read
/// against the same audits), the pairs are also split by whether the first audit raised an
/// action (not cancelled; "no action needed" records do not count). The sign test is that of
/// stats::sign_test (Dixon and Mood 1946), as scipy.stats.binomtest(improved, improved +
/// worsened, 0.5).
absl::StatusOr<ImpactSummary> evidence_of_impact(const AuditSet& audits,
                                                 const ActionLog* actions = nullptr);

}  // namespace qaframe
