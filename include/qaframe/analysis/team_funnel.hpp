#pragma once
/// @file team_funnel.hpp
/// The share of graded audits Good or better in each team (or any grouping) against the whole
/// service, with funnel-plot control limits, so that teams of very different size are compared
/// fairly rather than ranked (Spiegelhalter 2005).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/stats/inference/funnel.hpp"
#include "qaframe/tally/grade_table.hpp"

namespace qaframe {

/// One unit of a funnel plot.
struct FunnelUnit {
  std::string unit;       ///< the group (team)
  std::int64_t good = 0;  ///< graded audits Good or better
  std::int64_t n = 0;     ///< graded audits
  double share = 0;       ///< good / n (NaN when n is 0)
  /// Where the share lies against the inner (95%) and outer (99.8%) limits at its n.
  stats::FunnelFlag inner = stats::FunnelFlag::no_data;
  stats::FunnelFlag outer = stats::FunnelFlag::no_data;  ///< against the outer limits
};

/// A funnel plot of the share Good or better by group.
struct TeamFunnel {
  std::string by;                 ///< the grouping column
  std::string good;               ///< what is counted: "Good or better"
  double benchmark = 0;           ///< the whole service's share (pooled over the groups)
  std::int64_t good_total = 0;    ///< its numerator
  std::int64_t n_total = 0;       ///< its denominator
  std::vector<double> levels;     ///< the two limit levels, inner then outer
  std::vector<FunnelUnit> units;  ///< in the grouping's order
  std::vector<double> grid;       ///< sizes at which the limits are drawn, 1 .. the largest n
  std::vector<double> low_inner, high_inner, low_outer, high_outer;  ///< limits on the grid
};

/// The funnel of `grades` (final_grade by default) by `by`: each group's graded audits Good or
/// better (at the scale's good threshold) against the pooled share of all groups, with exact
/// binomial limits at 95% and 99.8% (Spiegelhalter 2005, appendix: interpolated quantiles). A
/// unit is flagged above or below a limit when its share lies outside it. FailedPrecondition
/// when no audit is graded; NotFound for an unknown column.
absl::StatusOr<TeamFunnel> team_funnel(const AuditSet& audits, std::string_view by,
                                       std::string_view grades = "final_grade");

}  // namespace qaframe
