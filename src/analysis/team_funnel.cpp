#include "qaframe/analysis/team_funnel.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe {

absl::StatusOr<TeamFunnel> team_funnel(const AuditSet& audits, std::string_view by,
                                       std::string_view grades) {
  return team_funnel(audits, by, grades, TeamFunnelOptions{});
}

absl::StatusOr<TeamFunnel> team_funnel(const AuditSet& audits, std::string_view by,
                                       std::string_view grades, const TeamFunnelOptions& options) {
  if (options.levels.size() != 2 || !(options.levels[0] > 0.0 && options.levels[0] < 1.0) ||
      !(options.levels[1] > options.levels[0] && options.levels[1] < 1.0))
    return absl::InvalidArgumentError(
        "a team funnel needs two levels, inner then outer, 0 < inner < outer < 1");
  auto table = crosstab(audits, by, grades);
  if (!table.ok()) return table.status();
  const GradeScale& scale = table->scale();
  const Grade good = scale.good_from();
  TeamFunnel out;
  out.by = std::string(by);
  out.good = absl::StrCat(scale.label(good), good + 1u < scale.size() ? " or better" : "");
  out.levels = options.levels;
  std::vector<double> count, n;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const GradeCounts& c = table->row_unchecked(i);
    FunnelUnit u;
    u.unit = table->rows()[i];
    u.good = c.count_at_least(good);
    u.n = c.n_graded();
    u.share = u.n > 0 ? static_cast<double>(u.good) / static_cast<double>(u.n) : std::nan("");
    out.good_total += u.good;
    out.n_total += u.n;
    count.push_back(static_cast<double>(u.good));
    n.push_back(static_cast<double>(u.n));
    out.units.push_back(std::move(u));
  }
  if (out.n_total == 0)
    return absl::FailedPreconditionError("no audit is graded, so there is no share to compare");
  out.benchmark = static_cast<double>(out.good_total) / static_cast<double>(out.n_total);
  auto spread = stats::estimate_overdispersion(count, n, out.benchmark, options.overdispersion,
                                               options.winsor);
  if (!spread.ok()) return spread.status();
  out.dispersion = *spread;
  const bool widen = out.dispersion.inflated;
  out.limits = !widen ? std::string("exact binomial")
               : options.overdispersion == stats::Overdispersion::multiplicative
                   ? absl::StrCat("normal, widened for over-dispersion (phi = ",
                                  absl::SixDigits(out.dispersion.phi), ")")
                   : absl::StrCat("normal, widened for over-dispersion (tau2 = ",
                                  absl::SixDigits(out.dispersion.tau2), ")");
  auto limits_at = [&](std::span<const double> sizes) {
    return widen
               ? stats::funnel_limits(out.benchmark, sizes, out.levels, out.dispersion)
               : stats::funnel_limits(out.benchmark, sizes, out.levels, stats::FunnelMethod::exact);
  };
  // The limits at each unit's size decide its flags; on a grid of sizes they are drawn.
  auto at_units = limits_at(n);
  if (!at_units.ok()) return at_units.status();
  for (std::size_t i = 0; i < out.units.size(); ++i) {
    FunnelUnit& u = out.units[i];
    if (u.n == 0) continue;
    const auto idx = static_cast<Eigen::Index>(i);
    // Exact limits: the flag follows the exact binomial tail of the integer count, as in the
    // triangulation (the interpolated limits, drawn for smoothness, would flag 1 of 1 against
    // 62% as above although P(R >= 1) = 0.62). Widened limits: the share against them.
    const double x = static_cast<double>(u.good), m = static_cast<double>(u.n);
    const double p0 = out.benchmark;
    auto flag = [&](Eigen::Index level) {
      if (!widen) {
        const double alpha = (1.0 - out.levels[static_cast<std::size_t>(level)]) / 2.0;
        if (u.share > p0 && 1.0 - stats::binomial_cdf(x - 1.0, m, p0) <= alpha)
          return stats::FunnelFlag::above;
        if (u.share < p0 && stats::binomial_cdf(x, m, p0) <= alpha) return stats::FunnelFlag::below;
        return stats::FunnelFlag::within;
      }
      return u.share > at_units->high(idx, level)  ? stats::FunnelFlag::above
             : u.share < at_units->low(idx, level) ? stats::FunnelFlag::below
                                                   : stats::FunnelFlag::within;
    };
    u.inner = flag(0);
    u.outer = flag(1);
  }
  // Whole sizes (the exact limits are defined at whole n), at most about 200 of them.
  const auto largest = static_cast<std::int64_t>(*std::max_element(n.begin(), n.end()));
  const std::int64_t step = std::max<std::int64_t>(1, largest / 200);
  for (std::int64_t k = 1; k <= std::max<std::int64_t>(largest, 2); k += step)
    out.grid.push_back(static_cast<double>(k));
  if (out.grid.back() < static_cast<double>(largest))
    out.grid.push_back(static_cast<double>(largest));
  auto on_grid = limits_at(out.grid);
  if (!on_grid.ok()) return on_grid.status();
  for (std::size_t k = 0; k < out.grid.size(); ++k) {
    const auto idx = static_cast<Eigen::Index>(k);
    out.low_inner.push_back(on_grid->low(idx, 0));
    out.high_inner.push_back(on_grid->high(idx, 0));
    out.low_outer.push_back(on_grid->low(idx, 1));
    out.high_outer.push_back(on_grid->high(idx, 1));
  }
  return out;
}

}  // namespace qaframe
