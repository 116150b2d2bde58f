#pragma once
/// @file moderation.hpp
/// Moderation: how auditors' grades compare with the moderators' re-audit of the same cases.
/// The agreement coefficients, their intervals, and which way (and for whom) grades move.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/tally/moderation_tally.hpp"

namespace qaframe {

/// Settings of a moderation summary.
struct ModerationOptions {
  double level = 0.95;  ///< confidence level of every interval
  double alpha = 0.05;  ///< family-wise error rate of the auditor and team flags
  /// Bootstrap resamples for Krippendorff's alpha: 2 to stats::kMaxResamples (10^6).
  std::int64_t n_resamples = 2000;
  std::uint64_t seed = 20180331;  ///< bootstrap seed (reported with the result)
  /// Fewer pairs than this withholds the chance-corrected coefficients (kappa, AC2, alpha) as
  /// "too few pairs": their intervals are too wide to read (0 shows them always).
  std::int64_t min_pairs = 10;
};

/// One agreement coefficient between auditors and moderators, with its interval, always within
/// the coefficient's range: a normal-theory interval that crosses a bound is truncated at it
/// (and says so); a standard error of 0 (at most 1e-7) gives no interval and a note saying why.
struct AgreementEstimate {
  std::string statistic;   ///< "exact agreement", "within one level", ...
  double estimate = 0;     ///< the coefficient (NaN when undefined or withheld; see note)
  double low = 0;          ///< lower confidence limit (NaN when there is no interval)
  double high = 0;         ///< upper confidence limit (NaN when there is no interval)
  std::int64_t n = 0;      ///< pairs used (both grades on the scale)
  std::string interval;    ///< how the interval was made: "Wilson", "FCE 1969 SE", "BCa bootstrap"
  std::string note;        ///< why a value is NaN, withheld or truncated, or other caveats
  double range_low = 0;    ///< the coefficient's smallest possible value (−1 or 0)
  double range_high = 1;   ///< its largest (1)
  double se = 0;           ///< standard error behind the interval (NaN for Wilson)
  bool truncated = false;  ///< a limit was cut at the range (see note for the raw limit)
  bool withheld = false;   ///< fewer pairs than options.min_pairs: estimate and limits NaN
};

/// Grades that moderators changed, for one auditor or team (or all audits).
struct DirectionRow {
  std::string label;         ///< auditor, team, or "All"
  std::int64_t pairs = 0;    ///< moderated audits with both grades on the scale
  std::int64_t agreed = 0;   ///< moderator gave the same grade
  std::int64_t raised = 0;   ///< moderator graded higher (the auditor was harsher)
  std::int64_t lowered = 0;  ///< moderator graded lower (the auditor was more generous)
  double pvalue = 1;         ///< exact two-sided sign test of raised against lowered
  double adjusted = 1;       ///< Holm-adjusted across the rows of its table (overall: p itself)
  bool flagged = false;      ///< adjusted < alpha: one direction more often than chance allows
  double alpha = 0.05;       ///< the level the adjusted p-value is judged at
  /// Net raised − lowered.
  std::int64_t net() const { return raised - lowered; }
  /// "moderators raise grades" or "moderators lower grades" when the Holm-adjusted sign test
  /// is below alpha; otherwise "no clear direction", whatever the counts.
  std::string direction() const;
};

/// Audits moderated by programme.
struct CoverageRow {
  std::string programme;       ///< programme, or "All" when the set has no programme column
  std::int64_t audits = 0;     ///< audits in the programme
  std::int64_t moderated = 0;  ///< audits with a moderated grade recorded
};

/// What moderation found.
struct ModerationSummary {
  GradeScale scale = GradeScale::ofsted();  ///< the grading scale (default: Ofsted's, no audits)
  std::int64_t audits = 0;                  ///< audits in the set
  std::int64_t moderated = 0;               ///< audits with a moderated grade
  std::int64_t pairs = 0;                   ///< moderated audits with both grades on the scale
  std::vector<CoverageRow> coverage;        ///< by programme, in order of first appearance
  /// Original (rows) by moderated (columns) grades, scale order then N/A: (k+1) x (k+1).
  std::vector<std::vector<std::int64_t>> table;
  std::vector<AgreementEstimate> agreement;  ///< exact, within one, kappa, AC2, alpha
  DirectionRow overall;                      ///< all pairs
  std::vector<DirectionRow> by_auditor;      ///< per auditor, Holm across auditors
  std::vector<DirectionRow> by_team;         ///< per team, Holm across teams
  ModerationOptions options;                 ///< the settings used (level, alpha, seed)
  /// What was withheld and why ("too few pairs"), for the report; empty when nothing was.
  std::vector<std::string> notes;
};

/// The moderation summary of `audits` (which must have a moderated_grade column); by auditor and
/// by team where those columns exist. Agreement uses the pairs graded on the scale by both:
///  - exact agreement and agreement within one level, with Wilson intervals;
///  - Cohen's kappa with quadratic weights (Cohen 1968), interval from the FCE 1969 standard
///    error;
///  - Gwet's AC2 with quadratic weights (Gwet 2008), interval from its standard error;
///  - Krippendorff's alpha, ordinal metric (Krippendorff 2011), BCa bootstrap interval over the
///    pairs (Efron 1987), seeded.
/// Intervals lie within each coefficient's range: shares [0, 1] (Wilson, always inside), kappa
/// and AC2 [−1, 1] (the normal-theory limits truncated at the bounds, with a note giving the
/// raw limit), alpha [−1, 1] (bootstrap limits, clipped likewise). A standard error at most
/// 1e-7 (kappa, AC2; the bootstrap distribution's for alpha) gives no interval (NaN limits) and
/// a note saying what happened: all pairs agree, all disagree, or no variation in the
/// auditors' (moderators') grades. Below options.min_pairs pairs, kappa, AC2 and alpha are
/// withheld (NaN, withheld = true, note "too few pairs" with the count); the two shares stay.
/// Direction: the exact two-sided sign test (Dixon and Mood 1946) of raised against lowered
/// grades, p = min(1, 2·P(X ≤ min(r, l))), X ~ Bin(r + l, ½) (scipy.stats.binomtest), Holm-
/// adjusted (Holm 1979) across auditors, and separately across teams.
/// FailedPrecondition when the set has no moderated grades. InvalidArgument naming the option
/// when options.level or options.alpha is not in (0, 1), options.min_pairs is negative or
/// options.n_resamples is not from 2 to stats::kMaxResamples; InvalidArgument when a tally's
/// table is not (k+1) x (k+1) of counts >= 0. No exception leaves it (an allocation failure is
/// ResourceExhausted).
absl::StatusOr<ModerationSummary> moderation_summary(const AuditSet& audits,
                                                     const ModerationOptions& options = {});
/// The same summary from the counts of ModerationTally::of(audits), or of several parts merged:
/// every statistic is a function of these counts, so merged parts give the whole's summary.
absl::StatusOr<ModerationSummary> moderation_summary(const ModerationTally& tally,
                                                     const ModerationOptions& options = {});

/// Krippendorff's alpha for two raters from their k x k table of pair counts (rows one rater,
/// columns the other, levels in scale order), for the ordinal metric: the coincidence matrix is
/// o = T + Tᵀ (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", section C).
/// NaN when fewer than two pairs or no expected disagreement.
double ordinal_alpha_from_pairs(const std::vector<std::vector<std::int64_t>>& table);

}  // namespace qaframe
