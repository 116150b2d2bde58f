#pragma once
/// @file funnel.hpp
/// Funnel-plot control limits for proportions (exact binomial or normal), optionally widened
/// for over-dispersion between units (multiplicative φ or additive τ², Spiegelhalter 2005 §4),
/// and the flag of each unit against them, for comparing teams of very different sizes with a
/// benchmark.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/quantile.hpp"

namespace qaframe::stats {

/// How funnel limits are computed.
enum class FunnelMethod {
  exact,  ///< interpolated binomial quantiles (Spiegelhalter 2005, appendix)
  normal  ///< p₀ ± z√(p₀(1 − p₀)/n), clipped to [0, 1]
};

/// Parses "exact" (also "binomial") or "normal"; anything else is InvalidArgument.
inline absl::StatusOr<FunnelMethod> parse_funnel_method(std::string_view name) {
  if (name == "exact" || name == "binomial") return FunnelMethod::exact;
  if (name == "normal") return FunnelMethod::normal;
  return absl::InvalidArgumentError(
      absl::StrCat("method must be 'exact' or 'normal', got '", std::string(name), "'"));
}

/// Where a unit lies against the funnel: below the lower limit, within, above the upper
/// limit, or no data (a unit of size 0).
enum class FunnelFlag : int { below = -1, within = 0, above = 1, no_data = 2 };

/// The word for a flag: "below", "within", "above" or "no data".
inline std::string_view to_string(FunnelFlag flag) {
  switch (flag) {
    case FunnelFlag::below:
      return "below";
    case FunnelFlag::above:
      return "above";
    case FunnelFlag::no_data:
      return "no data";
    case FunnelFlag::within:
      break;
  }
  return "within";
}

/// How funnel limits allow for over-dispersion: variation between units beyond the binomial,
/// which is the rule rather than the exception between teams (Spiegelhalter 2005, §4).
enum class Overdispersion {
  none,            ///< the binomial variance only
  multiplicative,  ///< the variance times φ when φ > 1
  additive         ///< a between-unit variance τ² added (random effects)
};

/// The word for an over-dispersion method: "none", "multiplicative" or "additive".
inline std::string_view to_string(Overdispersion method) {
  switch (method) {
    case Overdispersion::multiplicative:
      return "multiplicative";
    case Overdispersion::additive:
      return "additive";
    case Overdispersion::none:
      break;
  }
  return "none";
}

/// Parses "none", "multiplicative" or "additive"; anything else is InvalidArgument.
inline absl::StatusOr<Overdispersion> parse_overdispersion(std::string_view name) {
  if (name == "none") return Overdispersion::none;
  if (name == "multiplicative") return Overdispersion::multiplicative;
  if (name == "additive") return Overdispersion::additive;
  return absl::InvalidArgumentError(
      absl::StrCat("overdispersion must be 'none', 'multiplicative' or 'additive', got '",
                   std::string(name), "'"));
}

/// The over-dispersion of a set of units' proportions around a benchmark, estimated from their
/// winsorised z-scores (see estimate_overdispersion), and the adjustment the limits make.
struct DispersionEstimate {
  Overdispersion method = Overdispersion::none;  ///< the adjustment the limits use
  double benchmark = detail::kNaN;               ///< the target p₀ of the z-scores
  double winsor = 0.1;                           ///< share of z-scores winsorised at each end
  double phi = detail::kNaN;                     ///< φ = (1/I) Σ z_w², the multiplicative factor
  double tau2 = detail::kNaN;                    ///< τ² ≥ 0, the additive between-unit variance
  double z_low = detail::kNaN;        ///< the lower winsorising point (winsor quantile of z)
  double z_high = detail::kNaN;       ///< the upper one (1 − winsor quantile of z)
  std::size_t units = 0;              ///< I, the units with a denominator above 0
  std::size_t winsorised = 0;         ///< units whose z lay beyond a point and was pulled to it
  std::size_t zero_denominators = 0;  ///< units with denominator 0: left out of the estimate
  std::size_t zero_numerators = 0;    ///< units with numerator 0: kept (see the note)
  bool inflated = false;              ///< whether the limits are wider than the binomial ones
  std::string note;                   ///< what was estimated from what, and any caveat
  friend bool operator==(const DispersionEstimate&, const DispersionEstimate&) = default;
};

/// Funnel limits for a set of unit sizes at a set of two-sided levels.
struct FunnelLimits {
  double benchmark = detail::kNaN;  ///< the target proportion p₀
  Eigen::ArrayXd n;                 ///< unit sizes
  std::vector<double> levels;       ///< two-sided levels, e.g. 0.95 and 0.998
  Eigen::MatrixXd low;              ///< lower limits, one row per size, one column per level
  Eigen::MatrixXd high;             ///< upper limits, one row per size, one column per level
  FunnelMethod method = FunnelMethod::exact;     ///< how they were computed
  std::optional<DispersionEstimate> dispersion;  ///< the over-dispersion allowed for, if any
  friend bool operator==(const FunnelLimits&, const FunnelLimits&) = default;
};

namespace detail {

/// Spiegelhalter (2005), "Funnel plots for comparing institutional performance", Stat Med
/// 24:1185–1202, appendix: r_p is the smallest r with P(R ≤ r) ≥ p for R ~ Bin(n, p₀);
/// α = (P(R ≤ r_p) − p)/(P(R ≤ r_p) − P(R ≤ r_p − 1)); the limit is (r_p − α)/n. The
/// interpolation makes the limits smooth in n instead of stepping with the integer quantile.
/// At r_p = 0 it can fall below 0, hence the clip.
inline double exact_funnel_limit(double p, double n, double p0) {
  // Binary search: the CDF is increasing in r and P(R ≤ n) = 1 ≥ p.
  double lo = 0.0, hi = n;
  while (lo < hi) {
    const double mid = std::floor((lo + hi) / 2.0);
    if (binomial_cdf(mid, n, p0) >= p)
      hi = mid;
    else
      lo = mid + 1.0;
  }
  const double f = binomial_cdf(lo, n, p0);
  const double f_below = lo > 0.0 ? binomial_cdf(lo - 1.0, n, p0) : 0.0;
  const double alpha = (f - p) / (f - f_below);
  return std::clamp((lo - alpha) / n, 0.0, 1.0);
}

inline absl::Status check_benchmark(double benchmark) {
  if (!(benchmark >= 0.0 && benchmark <= 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("benchmark must be a proportion in [0, 1], got ", benchmark));
  return absl::OkStatus();
}

inline absl::Status check_unit_size(double n, std::size_t i, FunnelMethod method) {
  if (!std::isfinite(n) || n < 0.0)
    return absl::InvalidArgumentError(
        absl::StrCat("n[", i, "] = ", n, " is not a finite size >= 0"));
  if (method == FunnelMethod::exact && n != std::floor(n))
    return absl::InvalidArgumentError(absl::StrCat(
        "n[", i, "] = ", n, " is not a whole number, which the exact binomial limits need"));
  return absl::OkStatus();
}

/// Lower and upper limits at one two-sided level for a checked size n > 0.
inline std::pair<double, double> funnel_pair(double p0, double n, double level,
                                             FunnelMethod method) {
  // A benchmark of 0 or 1 leaves no variation: the funnel collapses onto it.
  if (p0 == 0.0 || p0 == 1.0) return {p0, p0};
  if (method == FunnelMethod::normal) {
    const double half = normal_critical(level) * std::sqrt(p0 * (1.0 - p0) / n);
    return {std::clamp(p0 - half, 0.0, 1.0), std::clamp(p0 + half, 0.0, 1.0)};
  }
  return {exact_funnel_limit((1.0 - level) / 2.0, n, p0),
          exact_funnel_limit((1.0 + level) / 2.0, n, p0)};
}

/// Normal limits at one two-sided level for a checked size n > 0, widened for over-dispersion:
/// p₀ ± z√φ·s when the estimate is multiplicative and φ > 1, p₀ ± z√(s² + τ²) when additive,
/// s = √(p₀(1 − p₀)/n); clipped to [0, 1].
inline std::pair<double, double> dispersed_pair(double p0, double n, double level,
                                                const DispersionEstimate& d) {
  if (p0 == 0.0 || p0 == 1.0) return {p0, p0};
  double var = p0 * (1.0 - p0) / n;
  if (d.method == Overdispersion::multiplicative && d.phi > 1.0) var *= d.phi;
  if (d.method == Overdispersion::additive && d.tau2 > 0.0) var += d.tau2;
  const double half = normal_critical(level) * std::sqrt(var);
  return {std::clamp(p0 - half, 0.0, 1.0), std::clamp(p0 + half, 0.0, 1.0)};
}

/// InvalidArgument for unequal lengths, a size as check_unit_size rejects, or a count outside
/// [0, n].
inline absl::Status check_units(std::span<const double> count, std::span<const double> n,
                                FunnelMethod method) {
  if (count.size() != n.size())
    return absl::InvalidArgumentError(
        absl::StrCat("count and n must have equal lengths, got ", count.size(), " and ", n.size()));
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (auto s = check_unit_size(n[i], i, method); !s.ok()) return s;
    if (!std::isfinite(count[i]) || count[i] < 0.0 || count[i] > n[i])
      return absl::InvalidArgumentError(absl::StrCat(
          "count[", i, "] = ", count[i], " is not a count in [0, n[", i, "] = ", n[i], "]"));
  }
  return absl::OkStatus();
}

inline double pooled_share(std::span<const double> count, std::span<const double> n) {
  double events = 0.0, total = 0.0;
  for (std::size_t i = 0; i < n.size(); ++i) {
    events += count[i];
    total += n[i];
  }
  return total > 0.0 ? events / total : 0.0;
}

}  // namespace detail

/// Over-dispersion of the units' proportions count[i]/n[i] around the benchmark p₀ (`target`,
/// by default the pooled proportion Σcount/Σn), for widening funnel limits by `method`.
///
/// Spiegelhalter (2005), "Funnel plots for comparing institutional performance", Stat Med
/// 24:1185–1202, §4, on the proportion scale: zᵢ = (yᵢ − p₀)/sᵢ with yᵢ = countᵢ/nᵢ and the
/// target's standard error sᵢ = √(p₀(1 − p₀)/nᵢ); the z-scores are winsorised at their
/// `winsor` and 1 − `winsor` quantiles (default the 10% and 90% points; quantiles by linear
/// interpolation, R's type 7, as FunnelPlotR): values beyond a point are set to it. Then
/// φ = (1/I) Σ z_w² over the I units (multiplicative: limits p₀ ± z√φ·s when φ > 1), and by
/// DerSimonian and Laird (1986) from the same winsorised z-scores,
/// τ² = (Iφ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ), wᵢ = 1/sᵢ², truncated at 0 (additive: limits
/// p₀ ± z√(s² + τ²)). Both φ and τ² are always reported; `method` says which one the limits use.
/// A unit with denominator 0 has no proportion: it is left out of the estimate and counted. A
/// unit with numerator 0 is kept: its z is −p₀/sᵢ, finite because sᵢ is the target's standard
/// error (a unit's own √(y(1 − y)/n) would be 0 there). FunnelPlotR works on the arcsine scale
/// for proportions; this is the paper's proportion scale, matching the normal limits here.
/// No adjustment (and a note) when the benchmark is 0 or 1 (no binomial variance), or fewer than
/// two units have a denominator (τ² is then undefined and φ meaningless).
/// InvalidArgument for unequal lengths, a negative or non-finite size, a count outside [0, n],
/// a benchmark outside [0, 1], or `winsor` outside [0, 0.5).
inline absl::StatusOr<DispersionEstimate> estimate_overdispersion(std::span<const double> count,
                                                                  std::span<const double> n,
                                                                  std::optional<double> target,
                                                                  Overdispersion method,
                                                                  double winsor = 0.1) {
  if (auto s = detail::check_units(count, n, FunnelMethod::normal); !s.ok()) return s;
  const double benchmark = target ? *target : detail::pooled_share(count, n);
  if (auto s = detail::check_benchmark(benchmark); !s.ok()) return s;
  if (!(winsor >= 0.0 && winsor < 0.5))
    return absl::InvalidArgumentError(absl::StrCat("winsor must lie in [0, 0.5), got ", winsor));
  DispersionEstimate out;
  out.method = method;
  out.benchmark = benchmark;
  out.winsor = winsor;
  std::vector<double> z, w;
  const double var1 = benchmark * (1.0 - benchmark);
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i] == 0.0) {
      ++out.zero_denominators;
      continue;
    }
    if (count[i] == 0.0) ++out.zero_numerators;
    if (var1 > 0.0) {
      z.push_back((count[i] / n[i] - benchmark) / std::sqrt(var1 / n[i]));
      w.push_back(n[i] / var1);
    }
  }
  out.units = n.size() - out.zero_denominators;
  const std::string left_out =
      out.zero_denominators > 0
          ? absl::StrCat("; ", out.zero_denominators, " unit(s) with denominator 0 left out")
          : std::string();
  const std::string zeros =
      out.zero_numerators > 0
          ? absl::StrCat("; ", out.zero_numerators,
                         " unit(s) with numerator 0 kept, z = -p0/s with the target's standard "
                         "error s = sqrt(p0(1 - p0)/n)")
          : std::string();
  if (var1 == 0.0) {
    out.note = absl::StrCat("a benchmark of ", benchmark,
                            " has no binomial variance: no z-scores, no adjustment", left_out);
    return out;
  }
  if (out.units < 2) {
    out.note = absl::StrCat(out.units,
                            " unit(s) with a denominator: over-dispersion needs at "
                            "least two, no adjustment",
                            left_out);
    return out;
  }
  std::vector<double> sorted = z;
  std::sort(sorted.begin(), sorted.end());
  out.z_low = quantile_sorted(sorted, winsor);
  out.z_high = quantile_sorted(sorted, 1.0 - winsor);
  double sum_z2 = 0.0, sum_w = 0.0, sum_w2 = 0.0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (z[i] < out.z_low || z[i] > out.z_high) ++out.winsorised;
    const double zw = std::clamp(z[i], out.z_low, out.z_high);
    sum_z2 += zw * zw;
    sum_w += w[i];
    sum_w2 += w[i] * w[i];
  }
  const auto units = static_cast<double>(out.units);
  out.phi = sum_z2 / units;
  const double excess = units * out.phi - (units - 1.0);
  out.tau2 = excess > 0.0 ? excess / (sum_w - sum_w2 / sum_w) : 0.0;
  out.inflated = (method == Overdispersion::multiplicative && out.phi > 1.0) ||
                 (method == Overdispersion::additive && out.tau2 > 0.0);
  out.note = absl::StrCat(
      "phi = ", out.phi, ", tau2 = ", out.tau2, " from ", out.units, " unit(s), ", out.winsorised,
      " winsorised at the ", winsor * 100.0, "% and ", (1.0 - winsor) * 100.0, "% points", left_out,
      zeros,
      method == Overdispersion::none ? "; limits not adjusted"
      : out.inflated
          ? (method == Overdispersion::multiplicative ? "; limits widened by sqrt(phi)"
                                                      : "; limits widened by tau2")
          : (method == Overdispersion::multiplicative ? "; phi <= 1: limits not widened"
                                                      : "; tau2 = 0: limits not widened"));
  return out;
}

/// Funnel-plot limits around the benchmark proportion p₀ for each unit size in `n`, at each
/// two-sided level (default 95% and 99.8%, the "2 and 3 standard deviation" limits).
///
/// Spiegelhalter (2005), "Funnel plots for comparing institutional performance": exact limits
/// are the interpolated binomial quantiles at (1 ∓ level)/2 (see detail::exact_funnel_limit);
/// normal limits p₀ ± z√(p₀(1 − p₀)/n) with z = Φ⁻¹((1 + level)/2), clipped to [0, 1].
/// A benchmark of 0 or 1 gives limits equal to it; a size of 0 gives NaN limits.
/// InvalidArgument for a benchmark outside [0, 1], a negative or non-finite size (a fractional
/// one with the exact method), or a level outside (0, 1).
inline absl::StatusOr<FunnelLimits> funnel_limits(double benchmark, std::span<const double> n,
                                                  std::span<const double> levels,
                                                  FunnelMethod method = FunnelMethod::exact) {
  if (auto s = detail::check_benchmark(benchmark); !s.ok()) return s;
  for (const double level : levels)
    if (!(level > 0.0 && level < 1.0))
      return absl::InvalidArgumentError(
          absl::StrCat("each level must lie strictly between 0 and 1, got ", level));
  for (std::size_t i = 0; i < n.size(); ++i)
    if (auto s = detail::check_unit_size(n[i], i, method); !s.ok()) return s;
  const auto units = static_cast<Eigen::Index>(n.size());
  const auto k = static_cast<Eigen::Index>(levels.size());
  FunnelLimits out{benchmark,
                   Eigen::Map<const Eigen::ArrayXd>(n.data(), units),
                   std::vector<double>(levels.begin(), levels.end()),
                   Eigen::MatrixXd(units, k),
                   Eigen::MatrixXd(units, k),
                   method,
                   std::nullopt};
  for (Eigen::Index i = 0; i < units; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (n[i] == 0.0) {
        out.low(i, j) = out.high(i, j) = detail::kNaN;
        continue;
      }
      const auto [lo, hi] = detail::funnel_pair(benchmark, n[i], levels[j], method);
      out.low(i, j) = lo;
      out.high(i, j) = hi;
    }
  }
  return out;
}

/// Funnel limits at the usual 95% and 99.8% levels.
inline absl::StatusOr<FunnelLimits> funnel_limits(double benchmark, std::span<const double> n,
                                                  FunnelMethod method = FunnelMethod::exact) {
  static constexpr double kLevels[] = {0.95, 0.998};
  return funnel_limits(benchmark, n, kLevels, method);
}

/// Funnel limits on the normal scale, widened for the over-dispersion `dispersion` estimated
/// against the same benchmark (see estimate_overdispersion): p₀ ± z√φ·s (multiplicative, when
/// φ > 1) or p₀ ± z√(s² + τ²) (additive), s = √(p₀(1 − p₀)/n), z = Φ⁻¹((1 + level)/2),
/// clipped to [0, 1]; unadjusted normal limits when the estimate does not inflate. There is no
/// exact binomial form of these limits: `method` is normal. A size of 0 gives NaN limits.
/// InvalidArgument as funnel_limits, or when the estimate was made against another benchmark.
inline absl::StatusOr<FunnelLimits> funnel_limits(double benchmark, std::span<const double> n,
                                                  std::span<const double> levels,
                                                  const DispersionEstimate& dispersion) {
  if (dispersion.method != Overdispersion::none && !(dispersion.benchmark == benchmark))
    return absl::InvalidArgumentError(
        absl::StrCat("the over-dispersion was estimated against benchmark ", dispersion.benchmark,
                     ", not ", benchmark));
  auto out = funnel_limits(benchmark, n, levels, FunnelMethod::normal);
  if (!out.ok()) return out;
  out->dispersion = dispersion;
  for (Eigen::Index i = 0; i < out->n.size(); ++i) {
    if (n[static_cast<std::size_t>(i)] == 0.0) continue;
    for (Eigen::Index j = 0; j < out->low.cols(); ++j) {
      const auto [lo, hi] = detail::dispersed_pair(benchmark, n[static_cast<std::size_t>(i)],
                                                   levels[static_cast<std::size_t>(j)], dispersion);
      out->low(i, j) = lo;
      out->high(i, j) = hi;
    }
  }
  return out;
}

/// The flag of each unit with count[i] events of n[i]: above when count/n exceeds the upper
/// limit at `level`, below when it is under the lower one, within otherwise (on a limit is
/// within); no data when n[i] = 0. The benchmark defaults to the pooled proportion Σcount/Σn.
/// With `overdispersion`, the limits are the widened normal ones of the estimate made from the
/// same units (estimate_overdispersion with `winsor`), which needs `method` normal.
/// InvalidArgument for unequal lengths, a count outside [0, n], over-dispersion with the exact
/// method, or as funnel_limits.
inline absl::StatusOr<std::vector<FunnelFlag>> funnel_flags(
    std::span<const double> count, std::span<const double> n,
    std::optional<double> benchmark = std::nullopt, double level = 0.998,
    FunnelMethod method = FunnelMethod::exact, Overdispersion overdispersion = Overdispersion::none,
    double winsor = 0.1) {
  if (!(level > 0.0 && level < 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie strictly between 0 and 1, got ", level));
  if (overdispersion != Overdispersion::none && method != FunnelMethod::normal)
    return absl::InvalidArgumentError(
        "over-dispersed limits are defined on the normal scale (Spiegelhalter 2005, section 4): "
        "use method 'normal'");
  if (auto s = detail::check_units(count, n, method); !s.ok()) return s;
  const double p0 = benchmark ? *benchmark : detail::pooled_share(count, n);
  if (auto s = detail::check_benchmark(p0); !s.ok()) return s;
  std::optional<DispersionEstimate> dispersion;
  if (overdispersion != Overdispersion::none) {
    auto d = estimate_overdispersion(count, n, p0, overdispersion, winsor);
    if (!d.ok()) return d.status();
    dispersion = *std::move(d);
  }
  std::vector<FunnelFlag> flags(n.size(), FunnelFlag::no_data);
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i] == 0.0) continue;
    const auto [lo, hi] = dispersion ? detail::dispersed_pair(p0, n[i], level, *dispersion)
                                     : detail::funnel_pair(p0, n[i], level, method);
    const double share = count[i] / n[i];
    flags[i] = share > hi ? FunnelFlag::above : share < lo ? FunnelFlag::below : FunnelFlag::within;
  }
  return flags;
}

}  // namespace qaframe::stats
