#include "qaframe/analysis/triangulation.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "analysis/kloe_wording.hpp"
#include "analysis/triangulation_evidence.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/inference/funnel.hpp"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

std::string_view direction_name(Direction direction) {
  switch (direction) {
    case Direction::kBetter:
      return "better";
    case Direction::kInLine:
      return "in line";
    case Direction::kWorse:
      return "worse";
    case Direction::kMixed:
      return "mixed";
    case Direction::kInsufficient:
      return "insufficient";
    case Direction::kNoEvidence:
      break;
  }
  return "no evidence";
}

std::string_view cell_status_name(CellStatus status) {
  switch (status) {
    case CellStatus::kCorroboratedConcern:
      return "corroborated concern";
    case CellStatus::kDivergent:
      return "divergent";
    case CellStatus::kUnconfirmedConcern:
      return "unconfirmed concern";
    case CellStatus::kSingleSource:
      return "single source";
    case CellStatus::kCorroboratedStrength:
      return "corroborated strength";
    case CellStatus::kUnconfirmedStrength:
      return "unconfirmed strength";
    case CellStatus::kInLine:
      return "in line";
    case CellStatus::kInsufficient:
      return "insufficient";
    case CellStatus::kNoEvidence:
      break;
  }
  return "no evidence";
}

bool raises_kloe(CellStatus status) {
  return status == CellStatus::kCorroboratedConcern || status == CellStatus::kDivergent ||
         status == CellStatus::kUnconfirmedConcern;
}

UnitCounts count_good_by_unit(std::span<const Grade> grades, const GradeScale& scale,
                              const Categorical& units, const std::vector<std::uint32_t>* rows) {
  UnitCounts out{std::vector<std::int64_t>(units.levels().size(), 0),
                 std::vector<std::int64_t>(units.levels().size(), 0)};
  const Grade good = scale.good_from();
  const auto levels = static_cast<Grade>(scale.size());
  const CategoryCodes& codes = units.codes();
  auto add = [&](std::size_t i) {
    const Grade g = grades[i];
    if (g >= levels) return;  // N/A, or not recorded
    ++out.n[codes[i]];
    if (g >= good) ++out.count[codes[i]];
  };
  if (rows != nullptr) {
    for (std::uint32_t i : *rows) add(i);
  } else {
    for (std::size_t i = 0; i < grades.size(); ++i) add(i);
  }
  return out;
}

absl::StatusOr<AuditItem> resolve_audit_item(const AuditSet& audits, std::string_view item) {
  const std::string key = absl::AsciiStrToLower(sv(trim(item)));
  // The overall grade is the final one: moderated where a moderator re-graded the audit.
  const bool overall = key == "overall" || key == "grade" || key == "overall grade" ||
                       key == "final_grade" || key == "final";
  auto column = audits.grade_column(overall ? std::string_view("final_grade") : trim(item));
  if (!column.ok()) return column.status();
  return AuditItem{column->name, column->scale, column->grades};
}

std::string_view survey_counting_name(SurveyCounting counting) {
  switch (counting) {
    case SurveyCounting::kClusterRobust:
      return "cluster-robust";
    case SurveyCounting::kAnswers:
      return "answers";
    case SurveyCounting::kRespondents:
      break;
  }
  return "respondents";
}

absl::StatusOr<SurveyCounting> parse_survey_counting(std::string_view name) {
  if (name == "respondents") return SurveyCounting::kRespondents;
  if (name == "cluster-robust" || name == "cluster_robust" || name == "cluster")
    return SurveyCounting::kClusterRobust;
  if (name == "answers") return SurveyCounting::kAnswers;
  return absl::InvalidArgumentError(
      absl::StrCat("survey counting must be 'respondents', 'cluster-robust' or 'answers', got '",
                   sv(name), "'"));
}

std::string_view survey_tie_name(SurveyTie tie) {
  switch (tie) {
    case SurveyTie::kNotPositive:
      return "not positive";
    case SurveyTie::kPositive:
      return "positive";
    case SurveyTie::kHalf:
      break;
  }
  return "half";
}

absl::StatusOr<SurveyTie> parse_survey_tie(std::string_view name) {
  if (name == "half") return SurveyTie::kHalf;
  if (name == "not positive" || name == "not_positive" || name == "negative")
    return SurveyTie::kNotPositive;
  if (name == "positive") return SurveyTie::kPositive;
  return absl::InvalidArgumentError(absl::StrCat(
      "survey tie must be 'half', 'not positive' or 'positive', got '", sv(name), "'"));
}

absl::StatusOr<Cell> Triangulation::cell(std::size_t u, std::size_t t) const {
  if (u >= units.size()) {
    return absl::OutOfRangeError(
        absl::StrCat("unit ", u, " is past the ", units.size(), " units of the triangulation"));
  }
  if (t >= themes.size()) {
    return absl::OutOfRangeError(
        absl::StrCat("theme ", t, " is past the ", themes.size(), " themes of the triangulation"));
  }
  if (cells.size() != units.size() * themes.size()) {
    return absl::FailedPreconditionError(absl::StrCat(cells.size(), " cells for ", units.size(),
                                                      " units by ", themes.size(), " themes"));
  }
  return cells[u * themes.size() + t];
}

absl::StatusOr<Signal> compare_with_benchmark(double count, std::int64_t n, double benchmark,
                                              Polarity polarity,
                                              const TriangulationOptions& options,
                                              const stats::DispersionEstimate* dispersion) {
  if (n < 0) return absl::InvalidArgumentError(absl::StrCat("n is ", n, ": it must be >= 0"));
  if (!(count >= 0 && count <= static_cast<double>(n))) {
    return absl::InvalidArgumentError(
        absl::StrCat("count is ", count, ": it must be a number from 0 to n = ", n));
  }
  if (!std::isnan(benchmark) && !(benchmark >= 0 && benchmark <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "benchmark is ", benchmark, ": it must be a share from 0 to 1 (or NaN for none)"));
  }
  if (!(options.level > 0 && options.level < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.level is ", options.level, ": it must lie strictly between 0 and 1"));
  }
  if (!(options.strong_level > 0 && options.strong_level < 1)) {
    return absl::InvalidArgumentError(absl::StrCat("options.strong_level is ", options.strong_level,
                                                   ": it must lie strictly between 0 and 1"));
  }
  return detail::benchmark_signal(count, n, benchmark, polarity, options, dispersion);
}

Signal detail::benchmark_signal(double count, std::int64_t n, double benchmark, Polarity polarity,
                                const TriangulationOptions& options,
                                const stats::DispersionEstimate* dispersion) {
  Signal s;
  constexpr double nan = stats::detail::kNaN;
  s.count = count;
  s.n = n;
  s.benchmark = benchmark;
  s.polarity = polarity;
  s.design_effect = nan;
  s.estimate = s.low = s.high = s.gap = s.tail_probability = nan;
  s.limit_low = s.limit_high = s.strong_low = s.strong_high = nan;
  if (n <= 0) {
    s.direction = Direction::kNoEvidence;
    return s;
  }
  // Wilson (1927) score interval of the share, for display: see stats/proportion.hpp.
  auto ci = stats::proportion_ci(count, static_cast<double>(n), options.level);
  if (ci.ok()) {
    s.estimate = ci->estimate;
    s.low = ci->low;
    s.high = ci->high;
  }
  if (n < options.min_n) {
    s.direction = Direction::kInsufficient;
    s.note = absl::StrCat("fewer than ", options.min_n, " cases");
    return s;
  }
  if (std::isnan(benchmark)) {
    s.direction = Direction::kInsufficient;
    s.note = "nothing to compare with (no target or benchmark)";
    return s;
  }
  // Spiegelhalter (2005), "Funnel plots for comparing institutional performance": the exact
  // binomial funnel around the benchmark p0 at the unit's n, at 95% (signal) and 99.8% (strong).
  // The limits reported are the interpolated ones of his appendix (smooth in n, for drawing);
  // the decision uses the exact tail probability of the unit's integer count, R ~ Bin(n, p0):
  // above when P(R >= x) <= (1 - level)/2, below when P(R <= x) <= (1 - level)/2. This equals
  // "outside the integer funnel limits"; the interpolated limits would also flag counts between
  // the integer and interpolated limit (5 of 5 against 60%: P = 0.078, yet above the
  // interpolated 95% limit of 0.936), condemning or praising small units on too little.
  const double sizes[] = {static_cast<double>(n)};
  const double levels[] = {options.level, options.strong_level};
  const double share = s.estimate;
  const double x = count, nn = static_cast<double>(n);
  // P(R >= x) and P(R <= x), R ~ Bin(n, p0); between whole counts, the mean of the two tails.
  const auto upper = [&](double c) { return 1.0 - stats::binomial_cdf(c - 1.0, nn, benchmark); };
  const auto lower = [&](double c) { return stats::binomial_cdf(c, nn, benchmark); };
  const double lo_x = std::floor(x), hi_x = std::ceil(x);
  // Spiegelhalter (2005) §4: with over-dispersion between units, the normal limits around p0
  // with the variance p0(1 - p0)/n times phi (multiplicative) or plus tau2 (additive), and the
  // decision by the normal tail under that variance. The estimate is made against the
  // strand's comparator (or the teams' pooled share); phi and tau2 describe the spread between
  // teams, so they widen each team's limits around its own comparator.
  const bool widen =
      dispersion != nullptr && dispersion->inflated && benchmark > 0.0 && benchmark < 1.0;
  absl::StatusOr<stats::FunnelLimits> limits;
  if (widen) {
    stats::DispersionEstimate d = *dispersion;
    d.benchmark = benchmark;
    limits = stats::funnel_limits(benchmark, sizes, levels, d);
  } else {
    limits = stats::funnel_limits(benchmark, sizes, levels, stats::FunnelMethod::exact);
  }
  if (!limits.ok()) {
    s.direction = Direction::kInsufficient;
    s.note = std::string(limits.status().message());
    return s;
  }
  s.limit_low = limits->low(0, 0);
  s.limit_high = limits->high(0, 0);
  s.strong_low = limits->low(0, 1);
  s.strong_high = limits->high(0, 1);
  s.overdispersed = widen;
  int side = 0;
  if (widen) {
    double var = benchmark * (1.0 - benchmark) / nn;
    if (dispersion->method == stats::Overdispersion::multiplicative) var *= dispersion->phi;
    if (dispersion->method == stats::Overdispersion::additive) var += dispersion->tau2;
    side = share > benchmark ? 1 : share < benchmark ? -1 : 0;
    s.tail_probability =
        side == 0 ? 1.0 : stats::normal_sf(std::fabs(share - benchmark) / std::sqrt(var));
  } else if (share > benchmark) {
    s.tail_probability = 0.5 * (upper(lo_x) + upper(hi_x));
    side = 1;
  } else if (share < benchmark) {
    s.tail_probability = 0.5 * (lower(lo_x) + lower(hi_x));
    side = -1;
  } else {
    s.tail_probability = 1.0;
  }
  if (!(s.tail_probability <= (1.0 - options.level) / 2.0)) side = 0;
  const int good = polarity == Polarity::kHigherIsBetter ? side : -side;
  s.direction = good > 0 ? Direction::kBetter : good < 0 ? Direction::kWorse : Direction::kInLine;
  s.strong = side != 0 && s.tail_probability <= (1.0 - options.strong_level) / 2.0;
  s.gap = polarity == Polarity::kHigherIsBetter ? share - benchmark : benchmark - share;
  return s;
}

CellStatus combine_strands(std::span<const Direction> strands) {
  // "In line" from one strand is an absence of evidence, not evidence of absence (its interval
  // is often wide): two strands significantly worse corroborate each other whatever a third in
  // line says; one strand worse against others in line is unconfirmed.
  int directed = 0, better = 0, worse = 0;
  bool insufficient = false;
  for (Direction d : strands) {
    switch (d) {
      case Direction::kBetter:
        ++better;
        ++directed;
        break;
      case Direction::kWorse:
        ++worse;
        ++directed;
        break;
      case Direction::kMixed:
        ++better;
        ++worse;
        ++directed;
        break;
      case Direction::kInLine:
        ++directed;
        break;
      case Direction::kInsufficient:
        insufficient = true;
        break;
      case Direction::kNoEvidence:
        break;
    }
  }
  if (directed == 0) return insufficient ? CellStatus::kInsufficient : CellStatus::kNoEvidence;
  if (directed == 1) return CellStatus::kSingleSource;
  if (better > 0 && worse > 0) return CellStatus::kDivergent;
  if (worse > 0)
    return worse >= 2 ? CellStatus::kCorroboratedConcern : CellStatus::kUnconfirmedConcern;
  if (better > 0)
    return better >= 2 ? CellStatus::kCorroboratedStrength : CellStatus::kUnconfirmedStrength;
  return CellStatus::kInLine;
}

namespace {

// The strand's summary direction from its signals (one for audits and surveys, one per
// indicator for performance).
Direction strand_direction(const std::vector<const Signal*>& signals) {
  bool better = false, worse = false, in_line = false, insufficient = false;
  for (const Signal* s : signals) {
    better |= s->direction == Direction::kBetter;
    worse |= s->direction == Direction::kWorse;
    in_line |= s->direction == Direction::kInLine;
    insufficient |= s->direction == Direction::kInsufficient;
  }
  if (better && worse) return Direction::kMixed;
  if (worse) return Direction::kWorse;
  if (better) return Direction::kBetter;
  if (in_line) return Direction::kInLine;
  return insufficient ? Direction::kInsufficient : Direction::kNoEvidence;
}

// One cell per unit and theme: its signals, each strand's direction, and the combined status.
void make_cells(Triangulation& out, const std::vector<std::vector<std::size_t>>& by_theme) {
  for (std::size_t u = 0; u < out.units.size(); ++u) {
    for (std::size_t t = 0; t < out.themes.size(); ++t) {
      Cell cell;
      cell.unit = out.units[u];
      cell.theme = out.themes[t];
      std::vector<const Signal*> per_strand[3];
      for (std::size_t i : by_theme[t]) {
        const Signal& s = out.signals[i];
        if (s.unit != cell.unit) continue;
        cell.signals.push_back(i);
        per_strand[static_cast<int>(s.strand)].push_back(&s);
        const bool directed = s.direction == Direction::kBetter ||
                              s.direction == Direction::kWorse || s.direction == Direction::kInLine;
        if (directed) cell.n += s.n;
        if (s.direction == Direction::kBetter || s.direction == Direction::kWorse) {
          cell.strong = cell.strong || s.strong;
          cell.gap = std::max(cell.gap, std::abs(s.gap));
        }
      }
      for (int k = 0; k < 3; ++k) cell.strands[k] = strand_direction(per_strand[k]);
      cell.status = combine_strands(cell.strands);
      out.cells.push_back(std::move(cell));
    }
  }
}

// The cells that raise a line of enquiry, ranked: by status, strong first, larger n, wider gap.
void make_kloes(Triangulation& out) {
  std::vector<std::tuple<int, int, std::int64_t, double, std::size_t>> order;
  for (std::size_t i = 0; i < out.cells.size(); ++i) {
    const Cell& c = out.cells[i];
    if (!raises_kloe(c.status)) continue;
    order.emplace_back(static_cast<int>(c.status), c.strong ? 0 : 1, -c.n, -c.gap, i);
  }
  std::sort(order.begin(), order.end());
  for (const auto& key : order) {
    const Cell& c = out.cells[std::get<4>(key)];
    LineOfEnquiry k;
    k.rank = out.kloes.size() + 1;
    k.unit = c.unit;
    k.theme = c.theme;
    k.status = c.status;
    k.strong = c.strong;
    k.n = c.n;
    k.gap = c.gap;
    k.evidence = detail::kloe_evidence(c, out.signals, out.options.level);
    k.question = detail::question_for(c, out.signals);
    out.kloes.push_back(std::move(k));
  }
}

}  // namespace

absl::StatusOr<Triangulation> triangulate(const AuditSet& audits, const SurveyResponses* survey,
                                          const Performance* performance, const EvidenceMap& map,
                                          const Benchmarking* neighbours,
                                          const TriangulationOptions& options, Diagnostics* diag) {
  if (options.min_n < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("min_n must be at least 1, got ", options.min_n));
  if (!(options.level > 0.0 && options.level < options.strong_level && options.strong_level < 1.0))
    return absl::InvalidArgumentError("levels must satisfy 0 < level < strong_level < 1");
  if (!(options.winsor >= 0.0 && options.winsor < 0.5))
    return absl::InvalidArgumentError(
        absl::StrCat("winsor must lie in [0, 0.5), got ", options.winsor));
  if (options.indicator_benchmark == IndicatorBenchmark::kNeighbours && neighbours == nullptr)
    return absl::InvalidArgumentError(
        "the neighbours' mean as the indicators' benchmark needs a statistical-neighbours file");
  DiagnosticsScope scope(diag);
  Triangulation out;
  std::vector<std::vector<std::size_t>> by_theme;
  if (auto s = detail::gather_evidence(audits, survey, performance, map, neighbours, options,
                                       scope.get(), out, by_theme);
      !s.ok())
    return s;
  make_cells(out, by_theme);
  make_kloes(out);
  return out;
}

absl::StatusOr<Triangulation> triangulate(const AuditSet& audits, const SurveyResponses* survey,
                                          const Performance* performance, const EvidenceMap& map,
                                          const TriangulationOptions& options, Diagnostics* diag) {
  return triangulate(audits, survey, performance, map, nullptr, options, diag);
}

}  // namespace qaframe
