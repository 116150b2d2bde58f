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

/// How a team funnel's limits are made.
struct TeamFunnelOptions {
  /// Over-dispersion between teams (Spiegelhalter 2005, §4): none (exact binomial limits, the
  /// default), multiplicative (φ) or additive (τ², DerSimonian-Laird); normal limits when the
  /// estimate widens them.
  stats::Overdispersion overdispersion = stats::Overdispersion::none;
  double winsor = 0.1;                         ///< share of z-scores winsorised at each end
  std::vector<double> levels = {0.95, 0.998};  ///< inner and outer limit levels
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
  /// The over-dispersion estimated from the teams (method none without the option); its
  /// `inflated` says whether the limits were widened, its `note` what was estimated from what.
  stats::DispersionEstimate dispersion;
  /// How the limits were made: "exact binomial" or "normal, widened for over-dispersion (phi =
  /// 2.31)" / "(tau2 = 0.0123)".
  std::string limits;
};

/// The funnel of `grades` (final_grade by default) by `by`: each group's graded audits Good or
/// better (at the scale's good threshold) against the pooled share of all groups, with exact
/// binomial limits at 95% and 99.8% (Spiegelhalter 2005, appendix: interpolated quantiles, for
/// drawing). A unit is flagged above (below) a level when the exact binomial tail of its count,
/// P(R >= x) (P(R <= x)) with R ~ Bin(n, p0), is at most (1 − level)/2: outside the integer
/// limits, so that 1 of 1 against 62% (P = 0.62) is not "above" as the interpolated limit would
/// say; with widened limits, when its share lies outside them. FailedPrecondition
/// when no audit is graded; NotFound for an unknown column.
absl::StatusOr<TeamFunnel> team_funnel(const AuditSet& audits, std::string_view by,
                                       std::string_view grades = "final_grade");

/// The same with the options' over-dispersion and levels: the estimate (stats::
/// estimate_overdispersion against the pooled share, teams with no graded audit left out and
/// counted) is always reported; when it widens the limits they are the normal ones of
/// stats::funnel_limits(benchmark, n, levels, estimate), on the units and on the grid alike.
/// InvalidArgument for levels other than two in (0, 1), inner below outer, or a winsor outside
/// [0, 0.5).
absl::StatusOr<TeamFunnel> team_funnel(const AuditSet& audits, std::string_view by,
                                       std::string_view grades, const TeamFunnelOptions& options);

}  // namespace qaframe
