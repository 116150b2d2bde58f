#include "qaframe/analysis/moderation.hpp"

#include <algorithm>
#include <cmath>
#include <new>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "qaframe/model/text.hpp"
#include "qaframe/stats/agreement/bootstrap.hpp"
#include "qaframe/stats/agreement/gwet.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/multiple_testing.hpp"
#include "qaframe/stats/proportion.hpp"

namespace qaframe {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Exact two-sided sign test of r against l: min(1, 2 P(X <= min(r, l))), X ~ Bin(r + l, 1/2).
double sign_test(std::int64_t r, std::int64_t l) {
  const std::int64_t n = r + l;
  if (n == 0) return 1.0;
  const double tail =
      stats::binomial_cdf(static_cast<double>(std::min(r, l)), static_cast<double>(n), 0.5);
  return std::min(1.0, 2.0 * tail);
}

// Holm-adjusts the rows' p-values and sets their flags.
void adjust(std::vector<DirectionRow>& rows, double alpha) {
  std::vector<double> p;
  for (const DirectionRow& r : rows) p.push_back(r.pvalue);
  auto adjusted = stats::holm(p);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].adjusted = adjusted.ok() ? (*adjusted)[static_cast<Eigen::Index>(i)] : kNaN;
    rows[i].flagged = rows[i].adjusted < alpha;
    rows[i].alpha = alpha;
  }
}

// The agreement coefficients' ranges.
constexpr double kCoefficientLow = -1.0, kCoefficientHigh = 1.0;

// A normal-theory or bootstrap interval made honest: none when the standard error vanishes
// (with the reason), else truncated to [range_low, range_high] with the raw limit stated.
void bound_interval(AgreementEstimate& e, double raw_low, double raw_high,
                    const std::string& degenerate) {
  std::vector<std::string> notes;
  if (!e.note.empty()) notes.push_back(e.note);
  if (std::isnan(e.estimate)) {
    e.low = e.high = kNaN;
  } else if (!(e.se > stats::kZeroStandardError)) {
    e.low = e.high = kNaN;
    notes.push_back(
        absl::StrCat("no interval: the standard error is 0 because ",
                     degenerate.empty() ? "the pairs show no sampling variation" : degenerate));
  } else {
    e.low = std::max(raw_low, e.range_low);
    e.high = std::min(raw_high, e.range_high);
    std::vector<std::string> cut;
    if (raw_low < e.range_low)
      cut.push_back(
          absl::StrCat("lower limit ", absl::SixDigits(raw_low), " truncated at ", e.range_low));
    if (raw_high > e.range_high)
      cut.push_back(
          absl::StrCat("upper limit ", absl::SixDigits(raw_high), " truncated at ", e.range_high));
    if (!cut.empty()) {
      e.truncated = true;
      notes.push_back(absl::StrCat(absl::StrJoin(cut, ", "),
                                   ", the coefficient's bound (a normal-theory interval at few "
                                   "pairs can cross it)"));
    }
  }
  e.note = absl::StrJoin(notes, "; ");
}

// Direction rows from counts: the sign test of each row.
std::vector<DirectionRow> directions(const std::vector<DirectionCounts>& counts) {
  std::vector<DirectionRow> out;
  for (const DirectionCounts& c : counts) {
    DirectionRow r{c.label, c.pairs, c.agreed, c.raised, c.lowered};
    r.pvalue = sign_test(c.raised, c.lowered);
    out.push_back(std::move(r));
  }
  return out;
}

AgreementEstimate share_estimate(std::string name, std::int64_t hits, std::int64_t n,
                                 double level) {
  AgreementEstimate e;
  e.statistic = std::move(name);
  e.estimate = e.low = e.high = kNaN;
  e.n = n;
  e.interval = "Wilson";
  e.se = kNaN;
  if (n == 0) {
    e.note = "no moderated audits graded on the scale by both";
    return e;
  }
  auto ci = stats::proportion_ci(static_cast<double>(hits), static_cast<double>(n), level,
                                 stats::ProportionMethod::wilson);
  if (ci.ok()) {
    e.estimate = ci->estimate;
    e.low = ci->low;
    e.high = ci->high;
  }
  return e;
}

}  // namespace

std::string DirectionRow::direction() const {
  // A direction is stated only when the (Holm-adjusted) sign test shows one: one raised of four
  // (p = 1) is no evidence that moderators raise grades.
  if (!(adjusted < alpha) || raised == lowered) return "no clear direction";
  return raised > lowered ? "moderators raise grades" : "moderators lower grades";
}

double ordinal_alpha_from_pairs(const std::vector<std::vector<std::int64_t>>& table) {
  const std::size_t k = table.size();
  // Coincidences o = T + Tᵀ; n_c their margins; n = 2 · pairs.
  std::vector<double> nc(k, 0.0);
  double n = 0.0, observed = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < k; ++j) {
      const double o = static_cast<double>(table[c][j] + table[j][c]);
      nc[c] += o;
      n += o;
    }
  }
  if (n < 4.0) return kNaN;  // fewer than two pairs
  std::vector<double> cum(k + 1, 0.0);
  for (std::size_t g = 0; g < k; ++g) cum[g + 1] = cum[g] + nc[g];
  // Ordinal metric: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
  auto delta2 = [&](std::size_t c, std::size_t j) {
    if (c == j) return 0.0;
    const std::size_t lo = std::min(c, j), hi = std::max(c, j);
    const double d = cum[hi + 1] - cum[lo] - (nc[c] + nc[j]) / 2.0;
    return d * d;
  };
  double expected = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < k; ++j) {
      observed += static_cast<double>(table[c][j] + table[j][c]) * delta2(c, j);
      expected += nc[c] * nc[j] * delta2(c, j);
    }
  }
  observed /= n;
  expected /= n * (n - 1.0);
  if (!(expected > 0.0)) return kNaN;
  return 1.0 - observed / expected;
}

absl::StatusOr<ModerationSummary> moderation_summary(const AuditSet& audits,
                                                     const ModerationOptions& options) {
  auto tally = ModerationTally::of(audits);
  if (!tally.ok()) return tally.status();
  return moderation_summary(*tally, options);
}

namespace {
absl::StatusOr<ModerationSummary> summary_of(const ModerationTally& tally,
                                             const ModerationOptions& options);
}  // namespace

absl::StatusOr<ModerationSummary> moderation_summary(const ModerationTally& tally,
                                                     const ModerationOptions& options) {
  if (!(options.level > 0.0 && options.level < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie in (0, 1), got ", options.level));
  }
  if (options.n_resamples < 2 || options.n_resamples > stats::kMaxResamples) {
    return absl::InvalidArgumentError(absl::StrCat(
        "n_resamples must be from 2 to ", stats::kMaxResamples, ", got ", options.n_resamples));
  }
  const std::size_t side = tally.scale.size() + 1;
  bool shaped = tally.table.size() == side;
  for (const auto& row : tally.table) {
    shaped = shaped && row.size() == side;
    for (std::int64_t v : row) shaped = shaped && v >= 0;
  }
  if (!shaped) {
    return absl::InvalidArgumentError(absl::StrCat("the tally's table must be ", side, " x ", side,
                                                   " counts >= 0 (levels then N/A)"));
  }
  try {
    return summary_of(tally, options);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory computing the moderation summary");
  }
}

namespace {
absl::StatusOr<ModerationSummary> summary_of(const ModerationTally& tally,
                                             const ModerationOptions& options) {
  if (options.min_pairs < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("min_pairs must be at least 0, got ", options.min_pairs));
  if (!(options.alpha > 0.0 && options.alpha < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("alpha must lie in (0, 1), got ", options.alpha));
  }
  const GradeScale& scale = tally.scale;
  const std::size_t k = scale.size();
  ModerationSummary out{scale, tally.audits, tally.moderated, tally.pairs, {}, tally.table, {}, {},
                        {},    {},           options,         {}};
  for (const CoverageCounts& c : tally.coverage)
    out.coverage.push_back({c.programme, c.audits, c.moderated});

  // The pairs graded by both: the table without its N/A row and column.
  std::vector<std::vector<std::int64_t>> graded(k, std::vector<std::int64_t>(k, 0));
  stats::CountMatrix pairs =
      stats::CountMatrix::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      graded[a][b] = tally.table[a][b];
      pairs(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = tally.table[a][b];
    }
  }

  // Agreement coefficients.
  std::int64_t exact = 0, within = 0;
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      if (a == b) exact += graded[a][b];
      if ((a > b ? a - b : b - a) <= 1) within += graded[a][b];
    }
  }
  out.agreement.push_back(share_estimate("exact agreement", exact, out.pairs, options.level));
  out.agreement.push_back(share_estimate("within one level", within, out.pairs, options.level));
  const Eigen::MatrixXd quadratic =
      stats::agreement_weights(stats::Weighting::kQuadratic, static_cast<std::int64_t>(k));
  // Why a coefficient of these pairs could have no sampling variation, in the report's words.
  const std::vector<std::string> labels = scale.labels();
  const std::string degenerate =
      stats::degenerate_table_reason(pairs, "the auditors'", "the moderators'", labels);
  const bool withhold = options.min_pairs > 0 && out.pairs < options.min_pairs;
  // Kappa and AC2 report their estimate, normal-theory interval and note alike.
  auto add_coefficient = [&](std::string name, std::string interval, const auto& result) {
    AgreementEstimate e;
    e.statistic = std::move(name);
    e.estimate = result.statistic;
    e.n = out.pairs;
    e.interval = std::move(interval);
    e.range_low = kCoefficientLow;
    e.range_high = kCoefficientHigh;
    e.se = result.se;
    // The stats layer's own note on a zero standard error is replaced by the reason below.
    e.note = std::isnan(result.statistic) ? result.note : std::string();
    if (std::isnan(result.statistic) && !degenerate.empty())
      e.note = absl::StrCat(e.note, " (", degenerate, ")");
    bound_interval(e, result.low, result.high, degenerate);
    out.agreement.push_back(std::move(e));
  };
  auto kappa = stats::cohen_kappa(pairs, quadratic, options.level);
  if (!kappa.ok()) return kappa.status();
  add_coefficient("quadratic-weighted kappa", "FCE 1969 SE", *kappa);
  auto ac = stats::gwet_ac(pairs, quadratic, options.level);
  if (!ac.ok()) return ac.status();
  add_coefficient("Gwet's AC2 (quadratic)", "Gwet 2008 SE", *ac);
  {
    AgreementEstimate e;
    e.statistic = "Krippendorff's alpha (ordinal)";
    e.estimate = ordinal_alpha_from_pairs(graded);
    e.low = e.high = kNaN;
    e.n = out.pairs;
    e.interval = "BCa bootstrap";
    e.range_low = kCoefficientLow;
    e.range_high = kCoefficientHigh;
    e.se = kNaN;
    if (std::isnan(e.estimate)) {
      e.note = absl::StrCat("undefined: fewer than two pairs, or no variation in the grades",
                            degenerate.empty() ? "" : absl::StrCat(" (", degenerate, ")"));
    } else if (!withhold) {
      // Resample the k x k cells (row-major), as the pairs are the units.
      std::vector<std::int64_t> cells;
      for (const auto& row : graded) cells.insert(cells.end(), row.begin(), row.end());
      auto statistic = [k](const Eigen::VectorXd& v) {
        std::vector<std::vector<std::int64_t>> t(k, std::vector<std::int64_t>(k));
        for (std::size_t a = 0; a < k; ++a)
          for (std::size_t b = 0; b < k; ++b)
            t[a][b] =
                static_cast<std::int64_t>(std::llround(v(static_cast<Eigen::Index>(a * k + b))));
        return ordinal_alpha_from_pairs(t);
      };
      stats::BootstrapOptions b{options.n_resamples, options.level, stats::IntervalMethod::kBca,
                                options.seed};
      auto boot = stats::bootstrap_counts(cells, statistic, b);
      if (!boot.ok()) return boot.status();
      e.se = boot->standard_error;
      e.note = absl::StrCat(boot->n_resamples, " resamples, seed ", boot->seed,
                            boot->note.empty() ? "" : "; ", boot->note);
      bound_interval(e, boot->low, boot->high, degenerate);
    }
    out.agreement.push_back(std::move(e));
  }
  if (withhold) {
    for (std::size_t i = 2; i < out.agreement.size(); ++i) {
      AgreementEstimate& e = out.agreement[i];
      e.withheld = true;
      e.estimate = e.low = e.high = kNaN;
      e.truncated = false;
      e.note = absl::StrCat("too few pairs: ", out.pairs, " moderated pair(s), fewer than the ",
                            options.min_pairs, " needed; not shown");
    }
    out.notes.push_back(absl::StrCat(
        "Too few pairs: ", out.pairs, " moderated audit(s) graded by both, fewer than the ",
        options.min_pairs,
        " needed for kappa, Gwet's AC2 and Krippendorff's alpha, which are withheld; exact "
        "agreement and agreement within one level are shown with Wilson intervals."));
  }

  // Direction overall, by auditor and by team.
  out.overall = tally.overall.pairs == 0 ? DirectionRow{"All"} : directions({tally.overall})[0];
  out.overall.adjusted = out.overall.pvalue;  // one test: nothing to adjust for
  out.overall.flagged = out.overall.adjusted < options.alpha;
  out.overall.alpha = options.alpha;
  if (tally.has_auditor) {
    out.by_auditor = directions(tally.by_auditor);
    adjust(out.by_auditor, options.alpha);
  }
  if (tally.has_team) {
    out.by_team = directions(tally.by_team);
    adjust(out.by_team, options.alpha);
  }
  return out;
}
}  // namespace

}  // namespace qaframe
