#pragma once
/// @file triangulation.hpp
/// Triangulation of audit, survey and performance evidence: for each unit (each team and the
/// whole service) and each theme of practice, each strand's share is placed against its
/// benchmark with funnel-plot limits, the strands are combined into one status per cell, and the
/// cells where strands agree on concern or disagree become key lines of enquiry (KLOEs).
///
/// The decision model (README, "Triangulation"):
/// - A strand's measure for a unit is a share with its n: audits Good or better of graded
///   audits (N/A and unrecorded left out) on the mapped items, pooled; survey answers positive
///   (top levels) of the respondents to the mapped questions, pooled: a respondent counts once,
///   positive when positive on a majority of the pooled questions they answered (a tie, exactly
///   half positive, counts half by default; see SurveyTie), n = respondents; or, as an option, the
///   share of answers with a ratio-estimator variance clustered by respondent and n the effective
///   sample size (see SurveyCounting); each indicator's numerator of its denominator for the
///   chosen period (the latest by default).
/// - Comparator: an audit or survey item's target if the evidence map declares one; otherwise,
///   for a team, the rest of the service without that team (comparing with a total that includes
///   the team biases towards "in line"); the whole service needs a target. An indicator is
///   compared with its benchmark (statistical neighbours or England), else its target.
/// - Direction: better or worse when the count lies outside the exact binomial funnel around the
///   comparator at the unit's n (95%; "strong" beyond 99.8%), polarity applied; in line within
///   it. Decided by the exact tail probability of the integer count (see
///   compare_with_benchmark), never the point estimate alone. Insufficient when n is below the
///   minimum (default 5), the comparator rests on fewer cases than that, or there is no
///   comparator. No evidence when the strand has no case at all. With options.overdispersion,
///   the limits are widened for over-dispersion between the teams (Spiegelhalter 2005, §4;
///   stats::estimate_overdispersion, one estimate per theme and strand, or per indicator) and
///   the decision is the normal tail under the widened variance; see TriangulationOptions.
/// - Cell: from the strands with a direction (better, in line, worse; "mixed" where one
///   strand's indicators disagree, counting as both): none -> insufficient or no evidence; one ->
///   single source; two or more -> divergent (better and worse), corroborated concern (two or
///   more worse, none better), unconfirmed concern (one worse, the rest in line), corroborated
///   strength (two or more better, none worse), unconfirmed strength (one better, the rest in
///   line), in line (all in line). A strand in line does not unconfirm two that agree: its
///   interval is often wide, and in line is an absence of evidence, not evidence of absence.
/// - KLOEs: every corroborated concern, divergent and unconfirmed concern cell, in that order;
///   within each, strong signals first, then larger n, then the wider gap.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/categorical.hpp"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/grade_scale.hpp"
#include "qaframe/readers/evidence_map.hpp"
#include "qaframe/readers/performance.hpp"
#include "qaframe/readers/survey.hpp"
#include "qaframe/stats/inference/funnel.hpp"

namespace qaframe {

struct Benchmarking;  // analysis/benchmarking.hpp

/// Where one strand's share lies against its comparator.
enum class Direction : std::uint8_t {
  kBetter,        ///< outside the funnel limits on the good side
  kInLine,        ///< within the funnel limits
  kWorse,         ///< outside the funnel limits on the bad side
  kMixed,         ///< a strand's indicators disagree (one better, one worse)
  kInsufficient,  ///< cases exist but too few (or no comparator) to say
  kNoEvidence,    ///< no case at all
};

/// "better", "in line", "worse", "mixed", "insufficient" or "no evidence".
std::string_view direction_name(Direction direction);

/// The status of a cell (unit x theme), in order of priority for lines of enquiry.
enum class CellStatus : std::uint8_t {
  kCorroboratedConcern,   ///< two or more strands worse, none better
  kDivergent,             ///< at least one strand better and one worse
  kUnconfirmedConcern,    ///< one strand worse, the others in line
  kSingleSource,          ///< only one strand has a direction
  kCorroboratedStrength,  ///< two or more strands better, none worse
  kUnconfirmedStrength,   ///< one strand better, the others in line
  kInLine,                ///< two or more strands, all in line
  kInsufficient,          ///< evidence exists but too thin in every strand
  kNoEvidence,            ///< no evidence in any strand
};

/// "corroborated concern", "divergent", ... "no evidence".
std::string_view cell_status_name(CellStatus status);
/// True for the statuses that raise a line of enquiry: corroborated concern, divergent,
/// unconfirmed concern.
bool raises_kloe(CellStatus status);

/// How the survey answers to the questions pooled for one theme are counted.
enum class SurveyCounting : std::uint8_t {
  /// Each respondent once (the default): positive when positive on a majority of the pooled
  /// questions they answered on the scale; n = respondents. Answers of one person are not
  /// independent cases.
  kRespondents,
  /// Every answer, with the share's variance from the ratio estimator clustered by respondent
  /// (Cochran 1977, "Sampling Techniques", §6.11; Kish 1965 §6.4) and n the effective sample
  /// size M/deff (M answers, deff the design effect), rounded down, at most M.
  kClusterRobust,
  /// Every answer as an independent case: the rule before respondent keys, which overstates n
  /// when people answer several pooled questions. Kept only to reproduce earlier figures.
  kAnswers,
};

/// "respondents", "cluster-robust" or "answers".
std::string_view survey_counting_name(SurveyCounting counting);
/// Parses "respondents", "cluster-robust" (or "cluster") or "answers".
absl::StatusOr<SurveyCounting> parse_survey_counting(std::string_view name);

/// How a respondent positive on exactly half of a theme's pooled questions counts.
enum class SurveyTie : std::uint8_t {
  /// Half a positive respondent (the default): with two questions, one positive and one not
  /// is neither a positive nor a negative respondent. The count may then end in .5.
  kHalf,
  kNotPositive,  ///< not positive: a strict majority is needed (both of two questions)
  kPositive,     ///< positive: half is enough (either of two questions)
};

/// "half", "not positive" or "positive".
std::string_view survey_tie_name(SurveyTie tie);
/// Parses "half", "not positive" (also "not_positive", "negative") or "positive".
absl::StatusOr<SurveyTie> parse_survey_tie(std::string_view name);

/// Which benchmark a performance indicator is compared with.
enum class IndicatorBenchmark : std::uint8_t {
  kDefinition,  ///< the definition's benchmark, else its target (the default)
  kNeighbours,  ///< the statistical neighbours' mean (a Benchmarking), else the definition's
};

/// The decision rule's settings.
struct TriangulationOptions {
  std::string by = "team";            ///< audit column whose values are the units
  std::int64_t min_n = 5;             ///< fewer cases than this is insufficient
  double level = 0.95;                ///< funnel level of a signal (and of the Wilson interval)
  double strong_level = 0.998;        ///< funnel level of a strong signal
  std::optional<std::string> period;  ///< indicator period; default: each indicator's latest
  std::string service = "All";        ///< label of the whole service (as in performance files)
  /// How survey answers are counted (default: each respondent once).
  SurveyCounting survey_counting = SurveyCounting::kRespondents;
  /// With kRespondents: how a respondent positive on exactly half of the pooled questions
  /// counts (default: half).
  SurveyTie survey_tie = SurveyTie::kHalf;
  /// Over-dispersion allowed for in the funnel limits (default none: the exact binomial).
  stats::Overdispersion overdispersion = stats::Overdispersion::none;
  double winsor = 0.1;  ///< share of z-scores winsorised at each end for the estimate
  /// The performance indicators' comparator (neighbours' mean needs a Benchmarking).
  IndicatorBenchmark indicator_benchmark = IndicatorBenchmark::kDefinition;
  /// Units by an identifier column (child_id) are refused unless this is true.
  bool allow_identifiers = false;
};

/// Good-or-better (or positive) counts per unit.
struct UnitCounts {
  std::vector<std::int64_t> count;  ///< at or above the threshold, per unit level
  std::vector<std::int64_t> n;      ///< graded (not N/A, not unrecorded), per unit level
};

/// The audit (and survey) strand's tally, generic over the grade column: for each level of
/// `units`, how many of `grades` are at least `scale.good_from()` among those on the scale.
/// Grades outside the scale's levels (kNotApplicable, or a not-recorded marker) are left out.
/// `rows`, when given, restricts the tally to those rows.
UnitCounts count_good_by_unit(std::span<const Grade> grades, const GradeScale& scale,
                              const Categorical& units,
                              const std::vector<std::uint32_t>* rows = nullptr);

/// A grade column of an audit set resolved from an evidence-map item.
struct AuditItem {
  std::string name;                   ///< the column ("grade" or "domain:<name>")
  const GradeScale* scale = nullptr;  ///< its scale
  std::span<const Grade> grades;      ///< one grade per audit
};

/// Resolves an audit item of the evidence map: "overall" (or "grade") is the final grade,
/// moderated where moderated; any other name is a practice domain ("planning" or
/// "domain:planning"), on its own scale. NotFound when the audits have no such grade column.
absl::StatusOr<AuditItem> resolve_audit_item(const AuditSet& audits, std::string_view item);

/// One strand's evidence for one unit and theme (one indicator for performance).
struct Signal {
  std::string unit;                ///< team, or the service label
  std::string theme;               ///< theme of practice
  Strand strand = Strand::kAudit;  ///< which strand
  std::string item;                ///< items pooled ("; "-separated) or the indicator
  std::string measure;  ///< what the share is: "Good or better", "positive", the description
  std::string period;   ///< indicator period (empty for audits and surveys)
  /// Cases meeting the measure (of n): whole, except a survey count with half-counted ties (x.5)
  /// or a cluster-robust one (share × effective n).
  double count = 0;
  std::int64_t n = 0;        ///< cases used: audits, respondents, n_effective, or the denominator
  std::int64_t answers = 0;  ///< survey answers pooled (0 for other strands)
  std::int64_t respondents = 0;  ///< survey respondents behind them (0 for other strands)
  /// How n was counted: "audits", "respondents", "effective n (cluster-robust)", "answers",
  /// "denominator".
  std::string counted;
  double design_effect;  ///< cluster-robust survey counting: deff = Var_cluster / Var_srs; else NaN
  double estimate;       ///< count / n (NaN when n = 0)
  double low;            ///< Wilson interval at options.level
  double high;           ///< Wilson interval at options.level
  double benchmark;      ///< comparator share (NaN when none)
  std::string comparator;         ///< "target", "rest of service", or the benchmark's source
  std::int64_t comparator_n = 0;  ///< cases behind the comparator (0 when it is fixed)
  double limit_low;               ///< funnel limits at options.level around the benchmark at n
  double limit_high;              ///< funnel limits at options.level around the benchmark at n
  double strong_low;              ///< funnel limits at options.strong_level
  double strong_high;             ///< funnel limits at options.strong_level
  /// Exact binomial tail probability of the count on the side it lies: P(R >= x) above the
  /// benchmark, P(R <= x) below, R ~ Bin(n, benchmark). It decides the direction.
  double tail_probability;
  Polarity polarity = Polarity::kHigherIsBetter;  ///< which direction is good
  Direction direction = Direction::kNoEvidence;   ///< the position
  bool strong = false;                            ///< outside the strong limits
  /// The limits were widened for over-dispersion (normal limits and tail; see
  /// Triangulation::dispersion); false: exact binomial.
  bool overdispersed = false;
  double gap;        ///< estimate − benchmark, signed so that > 0 is better (NaN if none)
  std::string note;  ///< why insufficient, when it is
};

/// One cell of the matrix.
struct Cell {
  std::string unit;                             ///< team, or the service label
  std::string theme;                            ///< theme of practice
  CellStatus status = CellStatus::kNoEvidence;  ///< the combined status
  /// Each strand's direction (audit, survey, performance).
  Direction strands[3] = {Direction::kNoEvidence, Direction::kNoEvidence, Direction::kNoEvidence};
  bool strong = false;               ///< some better or worse signal lies beyond the strong limits
  std::int64_t n = 0;                ///< cases behind the strands with a direction
  double gap = 0.0;                  ///< widest |gap| of a better or worse signal
  std::vector<std::size_t> signals;  ///< indices into Triangulation::signals
};

/// A key line of enquiry for the QA Steering Group.
struct LineOfEnquiry {
  std::size_t rank = 0;                                  ///< 1 = first
  std::string unit;                                      ///< where
  std::string theme;                                     ///< what
  CellStatus status = CellStatus::kCorroboratedConcern;  ///< why
  bool strong = false;                                   ///< some signal beyond the strong limits
  std::int64_t n = 0;                                    ///< cases behind it
  double gap = 0.0;                                      ///< widest gap
  std::string evidence;  ///< every strand's figure, n, interval and comparator in one sentence
  std::string question;  ///< a question the Steering Group can answer
};

/// The over-dispersion estimated for one theme's strand (or one indicator) from its teams.
struct DispersionRow {
  std::string theme;                   ///< theme of practice
  Strand strand = Strand::kAudit;      ///< which strand
  std::string item;                    ///< items pooled, or the indicator
  stats::DispersionEstimate estimate;  ///< φ, τ², units, winsorising, note
};

/// The result: the matrix (units x themes), the evidence behind it and the lines of enquiry.
struct Triangulation {
  TriangulationOptions options;      ///< the settings used
  std::vector<std::string> units;    ///< units in order of first appearance, the service last
  std::vector<std::string> themes;   ///< themes in the evidence map's order
  std::vector<Cell> cells;           ///< unit-major: cells[u * themes.size() + t]
  std::vector<Signal> signals;       ///< the long table of evidence
  std::vector<LineOfEnquiry> kloes;  ///< in priority order
  std::vector<std::string> notes;    ///< evidence mapped but absent, and similar remarks
  /// With options.overdispersion: one estimate per theme and strand (per indicator for
  /// performance); empty otherwise.
  std::vector<DispersionRow> dispersion;
  /// The rule that counted the survey, in one sentence (for the report's method note).
  std::string survey_rule;
  /// The cell of unit `u` and theme `t` (a copy); OutOfRange naming the index past its range.
  absl::StatusOr<Cell> cell(std::size_t u, std::size_t t) const;
  /// cell() unchecked, a reference into `cells`. Precondition: `u` < units.size(), `t` <
  /// themes.size() and cells.size() == units.size() * themes.size().
  const Cell& cell_unchecked(std::size_t u, std::size_t t) const {
    return cells[u * themes.size() + t];
  }
};

/// The position of `count` of `n` against `benchmark` (see the decision model above), with the
/// funnel limits used. Insufficient when n < min_n or the benchmark is NaN. With `dispersion`
/// an estimate that inflates the variance (φ > 1 multiplicative, τ² > 0 additive), the limits
/// are the widened normal ones (stats::funnel_limits with the estimate) and the tail
/// probability the normal one, 1 − Φ(|p̂ − p₀| / s'), s' the widened standard error.
/// A count that is not whole (see Signal::count) takes the mean of the exact tails at the whole
/// counts either side of it.
/// InvalidArgument naming the argument when `n` is negative, `count` is not a number in [0, n],
/// `benchmark` is neither NaN nor in [0, 1], or options.level or options.strong_level is not in
/// (0, 1).
absl::StatusOr<Signal> compare_with_benchmark(
    double count, std::int64_t n, double benchmark, Polarity polarity,
    const TriangulationOptions& options, const stats::DispersionEstimate* dispersion = nullptr);

/// The status of a cell from its strands' directions.
CellStatus combine_strands(std::span<const Direction> strands);

/// Triangulates. `survey` and `performance` may be null (their strands then have no evidence).
/// Bad cross-references are problems naming the file, line and column: an evidence-map survey
/// question not asked in the survey, an indicator without a definition, a survey or performance
/// team that is not a unit of the audits (nor the service label), an indicator's theme missing
/// from the evidence map. An audit item whose column is absent is a note, not an error: domain
/// grades are optional in an audit export.
absl::StatusOr<Triangulation> triangulate(const AuditSet& audits, const SurveyResponses* survey,
                                          const Performance* performance, const EvidenceMap& map,
                                          const TriangulationOptions& options = {},
                                          Diagnostics* diag = nullptr);

/// Triangulates with the statistical neighbours' benchmarking (may be null): with
/// options.indicator_benchmark kNeighbours, an indicator with a neighbours' mean that is a
/// share (in [0, 1]) is compared with it ("statistical neighbours' mean (PERIOD)"); others keep
/// their definition's benchmark, with a note. InvalidArgument for kNeighbours without one.
absl::StatusOr<Triangulation> triangulate(const AuditSet& audits, const SurveyResponses* survey,
                                          const Performance* performance, const EvidenceMap& map,
                                          const Benchmarking* neighbours,
                                          const TriangulationOptions& options,
                                          Diagnostics* diag = nullptr);

}  // namespace qaframe
