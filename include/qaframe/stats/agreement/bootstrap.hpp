#pragma once
/// @file bootstrap.hpp
/// Percentile and BCa bootstrap intervals for statistics of a table of counts: agreement
/// coefficients of two raters (cells of the confusion matrix) and shares (counts per category).
///
/// Resampling n cases with replacement and tabulating them is the same as drawing the cell
/// counts from Multinomial(n, observed shares), so a resample costs O(cells), not O(n): the cost
/// of the bootstrap does not grow with the number of audits. The jackknife needed for the BCa
/// acceleration is done by cell for the same reason: leaving out any one of the n_c cases of
/// cell c gives the same table, so there are at most `cells` distinct jackknife values.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/agreement/gwet.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// How the interval is read off the bootstrap distribution.
enum class IntervalMethod { kPercentile, kBca };

/// Parses "percentile" or "bca" (also "BCa").
inline absl::StatusOr<IntervalMethod> parse_interval_method(std::string_view name) {
  if (name == "percentile") return IntervalMethod::kPercentile;
  if (name == "bca" || name == "BCa") return IntervalMethod::kBca;
  return absl::InvalidArgumentError(
      absl::StrCat("method = \"", std::string(name), "\" is not known: use percentile or bca"));
}

/// The name of an interval method, as parse_interval_method reads it.
inline std::string_view interval_method_name(IntervalMethod m) {
  return m == IntervalMethod::kBca ? "bca" : "percentile";
}

/// The most resamples a bootstrap takes: 10^6 (about 2 s of alpha on a 5-level table; 10^7 took
/// 17 s and 80 MB). More is InvalidArgument, never an allocation failure.
inline constexpr std::int64_t kMaxResamples = 1'000'000;

/// Settings of one bootstrap run.
struct BootstrapOptions {
  /// Number of resamples B, 2 to kMaxResamples.
  std::int64_t n_resamples = 2000;
  /// Confidence level of the interval.
  double level = 0.95;
  /// Interval method.
  IntervalMethod method = IntervalMethod::kBca;
  /// Seed of the random engine: the same seed gives the same resamples.
  std::uint64_t seed = 0;
};

/// A bootstrap interval, with what is needed to reproduce and to audit it.
struct BootstrapResult {
  /// The statistic on the observed table.
  double statistic = detail::kNaN;
  /// Lower limit of the interval.
  double low = detail::kNaN;
  /// Upper limit of the interval.
  double high = detail::kNaN;
  /// Confidence level.
  double level = 0.95;
  /// Interval method used.
  IntervalMethod method = IntervalMethod::kBca;
  /// Number of resamples drawn.
  std::int64_t n_resamples = 0;
  /// Seed of the random engine.
  std::uint64_t seed = 0;
  /// Resamples on which the statistic was defined (the others are left out and counted here).
  std::int64_t n_valid = 0;
  /// BCa bias correction z₀ = Φ⁻¹(share of resamples below the estimate, ties counted half).
  double bias_correction = detail::kNaN;
  /// BCa acceleration from the jackknife.
  double acceleration = detail::kNaN;
  /// Standard deviation of the bootstrap distribution (divisor B − 1).
  double standard_error = detail::kNaN;
  /// The statistic on each valid resample, in the order drawn.
  std::vector<double> distribution;
  /// Why a value is NaN, or other caveats; empty when there are none.
  std::string note;
};

namespace detail {

/// Appends a clause to a note.
inline void add_note(std::string& note, std::string_view clause) {
  if (!note.empty()) note += "; ";
  note += clause;
}

/// Quantile of sorted values by linear interpolation between order statistics, as numpy's
/// default ("linear", Hyndman and Fan type 7), including its rounding-friendly interpolation.
inline double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty() || !(q >= 0.0 && q <= 1.0)) return kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double t = h - static_cast<double>(lo);
  const double a = sorted[lo];
  const double b = sorted[lo + 1];
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

/// A uniform double in [0, 1) from the top 53 bits of one 64-bit draw: the same value from the
/// same engine state everywhere (std::uniform_real_distribution is not specified so exactly).
inline double uniform01(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

/// log(k!) without lgamma (which writes the global `signgam` in glibc, a data race between
/// threads): exact below 10, else the Stirling series log Γ(k+1) = (k+½) log(k+1) − (k+1) +
/// ½ log 2π + 1/12(k+1) − 1/360(k+1)³ + 1/1260(k+1)⁵, whose error is below 1/1680(k+1)⁷ < 1e-10.
inline double log_factorial(double k) {
  static constexpr double kSmall[10] = {0.0,
                                        0.0,
                                        0.6931471805599453,
                                        1.791759469228055,
                                        3.1780538303479458,
                                        4.787491742782046,
                                        6.579251212010101,
                                        8.525161361065415,
                                        10.60460290274525,
                                        12.801827480081469};
  if (k < 10.0) return kSmall[static_cast<int>(k)];
  const double z = k + 1.0;
  const double z2 = z * z;
  return (k + 0.5) * std::log(z) - z + 0.9189385332046728 +
         (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * z2)) / z2) / z;
}

}  // namespace detail

/// One draw from Binomial(n, p), the same on any standard library (std::binomial_distribution
/// differs between them, and libstdc++'s calls lgamma, racing on glibc's `signgam` between
/// threads). For p > ½ it draws n − Bin(n, 1 − p). With n·p < 10: inversion by sequential search
/// from P(0) = (1−p)ⁿ (Kachitvichyanukul and Schmeiser 1988, "BINV"). Otherwise Hörmann's
/// transformed rejection with squeeze (1993, "The generation of binomial random variates", J.
/// Stat. Comput. Simul. 46:101-110, algorithm BTRS), its acceptance test on log-factorials from
/// the Stirling series (detail::log_factorial). Only the engine's 64-bit outputs and basic libm
/// functions (log, sqrt) are used, so a seed gives the same draws everywhere, but for a last-bit
/// difference of a platform's log() deciding an acceptance (about 1e-16 a draw).
inline std::int64_t draw_binomial(std::mt19937_64& engine, std::int64_t n, double p) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - draw_binomial(engine, n, 1.0 - p);
  const double q = 1.0 - p;
  const double dn = static_cast<double>(n);
  if (dn * p < 10.0) {
    // Inversion: P(x+1) = P(x) · (n − x)/(x + 1) · p/q, walked until the uniform is used up.
    const double s = p / q;
    const double a = (dn + 1.0) * s;
    const double r0 = std::exp(dn * std::log1p(-p));
    while (true) {
      double u = detail::uniform01(engine);
      double r = r0;
      std::int64_t x = 0;
      while (u > r) {
        u -= r;
        ++x;
        if (x > n) break;  // rounding left a sliver past P(n): draw again
        r *= a / static_cast<double>(x) - s;
      }
      if (x <= n) return x;
    }
  }
  // BTRS (Hörmann 1993, §3): k = ⌊(2a/us + b)·u + c⌋ from two uniforms, accepted at once in the
  // squeeze region, else by comparing log(v·α/(a/us² + b)) with log f(k)/f(m).
  const double spq = std::sqrt(dn * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = dn * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double lpq = std::log(p / q);
  const double m = std::floor((dn + 1.0) * p);
  const double h = detail::log_factorial(m) + detail::log_factorial(dn - m);
  while (true) {
    const double u = detail::uniform01(engine) - 0.5;
    double v = detail::uniform01(engine);
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > dn) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::int64_t>(k);
    if (v <= 0.0) continue;  // log(0): a zero uniform cannot accept
    v = std::log(v * alpha / (a / (us * us) + b));
    if (v <= h - detail::log_factorial(k) - detail::log_factorial(dn - k) + (k - m) * lpq)
      return static_cast<std::int64_t>(k);
  }
}

namespace detail {

/// One draw of Multinomial(n, counts / n) into `out`, by sequential conditional binomials:
/// cell i gets Bin(n − drawn so far, n_i / (mass of cells i, i+1, ...)). Probabilities are
/// ratios of integer counts, so the last non-empty cell takes exactly what is left.
inline void draw_multinomial(std::span<const std::int64_t> counts, std::int64_t total,
                             std::mt19937_64& engine, Eigen::VectorXd& out) {
  std::int64_t left = total;
  std::int64_t mass = total;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::int64_t c = counts[i];
    std::int64_t x = 0;
    if (c > 0 && left > 0) {
      if (c >= mass) {
        x = left;
      } else {
        x = draw_binomial(engine, left, static_cast<double>(c) / static_cast<double>(mass));
      }
    }
    out(static_cast<Eigen::Index>(i)) = static_cast<double>(x);
    left -= x;
    mass -= c;
  }
}

}  // namespace detail

/// Bootstrap interval of `statistic`, a function of the cell counts (Eigen::VectorXd, any
/// flattening the statistic understands), with the counts resampled as Multinomial(n, n_c / n).
///
/// Percentile interval: the α/2 and 1 − α/2 quantiles of the B resampled values.
/// BCa (Efron 1987, "Better bootstrap confidence intervals"; Efron and Tibshirani 1993, §14.3):
///   z₀ = Φ⁻¹(#{θ* < θ̂} + #{θ* = θ̂}/2) / B)   (ties counted half, as scipy.stats.bootstrap),
///   a = Σ (θ̄ − θ₍ᵢ₎)³ / 6 [Σ (θ̄ − θ₍ᵢ₎)²]^{3/2} over the n leave-one-out values θ₍ᵢ₎,
///   α₁ = Φ(z₀ + (z₀ + z_{α/2}) / (1 − a(z₀ + z_{α/2}))), α₂ likewise with z_{1−α/2};
/// the interval is the α₁ and α₂ quantiles. The n jackknife values are computed once per
/// non-empty cell and weighted by its count, which gives exactly the leave-one-out sums.
/// Resamples on which the statistic is undefined (NaN) are left out and counted in the note.
///
/// Reproducibility: the engine is std::mt19937_64 seeded with `seed` (fully specified by the
/// C++ standard) and the binomial draws are the library's own (draw_binomial), so the resamples,
/// and so the interval, are the same from the same seed with any standard library; there is no
/// state shared between calls, so bootstraps may run in parallel threads.
template <class Statistic>
absl::StatusOr<BootstrapResult> bootstrap_counts(std::span<const std::int64_t> counts,
                                                 Statistic&& statistic,
                                                 const BootstrapOptions& options) {
  if (options.n_resamples < 2 || options.n_resamples > kMaxResamples) {
    return absl::InvalidArgumentError(absl::StrCat("n_resamples must be from 2 to ", kMaxResamples,
                                                   ", got ", options.n_resamples));
  }
  if (absl::Status s = detail::check_level(options.level); !s.ok()) return s;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("counts[", i, "] = ", counts[i], " is a negative count"));
    }
    total += counts[i];
  }

  BootstrapResult out;
  out.level = options.level;
  out.method = options.method;
  out.n_resamples = options.n_resamples;
  out.seed = options.seed;

  const auto cells = static_cast<Eigen::Index>(counts.size());
  Eigen::VectorXd x(cells);
  for (Eigen::Index i = 0; i < cells; ++i) x(i) = static_cast<double>(counts[i]);
  out.statistic = statistic(x);
  if (std::isnan(out.statistic)) {
    out.note = "the statistic is undefined on the observed data, so no interval";
    return out;
  }

  std::mt19937_64 engine(options.seed);
  Eigen::VectorXd y(cells);
  out.distribution.reserve(static_cast<std::size_t>(options.n_resamples));
  for (std::int64_t b = 0; b < options.n_resamples; ++b) {
    detail::draw_multinomial(counts, total, engine, y);
    const double v = statistic(y);
    if (!std::isnan(v)) out.distribution.push_back(v);
  }
  out.n_valid = static_cast<std::int64_t>(out.distribution.size());
  if (out.n_valid < options.n_resamples) {
    detail::add_note(out.note, absl::StrCat(options.n_resamples - out.n_valid,
                                            " resample(s) left out: statistic undefined on them"));
  }
  if (out.n_valid < 2) {
    detail::add_note(out.note, "fewer than two resamples with a defined statistic: no interval");
    return out;
  }
  std::vector<double> sorted = out.distribution;
  std::sort(sorted.begin(), sorted.end());
  const double B = static_cast<double>(out.n_valid);
  double mean = 0.0;
  for (double v : sorted) mean += v;
  mean /= B;
  double ss = 0.0;
  for (double v : sorted) ss += (v - mean) * (v - mean);
  out.standard_error = std::sqrt(ss / (B - 1.0));

  const double alpha = 1.0 - options.level;
  // Bias correction: share of resamples below θ̂, ties counted half.
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), out.statistic) - sorted.begin();
  const auto upto = std::upper_bound(sorted.begin(), sorted.end(), out.statistic) - sorted.begin();
  out.bias_correction = normal_quantile(static_cast<double>(below + upto) / (2.0 * B));

  // Jackknife by cell: θ₍c₎ is the statistic with one case of cell c left out.
  bool jackknife_defined = total >= 2;
  std::vector<std::pair<double, double>> jack;  // (θ₍c₎, n_c)
  if (jackknife_defined) {
    Eigen::VectorXd z = x;
    for (Eigen::Index c = 0; c < cells; ++c) {
      if (counts[static_cast<std::size_t>(c)] == 0) continue;
      z(c) -= 1.0;
      const double v = statistic(z);
      z(c) += 1.0;
      if (std::isnan(v)) {
        jackknife_defined = false;
        break;
      }
      jack.emplace_back(v, x(c));
    }
  }
  bool bca_ok = true;
  if (!jackknife_defined) {
    bca_ok = false;
    if (options.method == IntervalMethod::kBca) {
      detail::add_note(out.note,
                       "the statistic is undefined when one case is left out, so the BCa "
                       "acceleration is undefined: use method percentile");
    }
  } else {
    const double n = static_cast<double>(total);
    double jbar = 0.0;
    for (const auto& [v, w] : jack) jbar += w * v;
    jbar /= n;
    double s2 = 0.0;
    double s3 = 0.0;
    for (const auto& [v, w] : jack) {
      const double d = jbar - v;
      s2 += w * d * d;
      s3 += w * d * d * d;
    }
    // Jackknife values equal up to rounding: no skewness to correct, a = 0 (not 0/0).
    if (std::sqrt(s2 / n) <= 1e-14 * std::max(1.0, std::fabs(jbar))) {
      out.acceleration = 0.0;
      if (options.method == IntervalMethod::kBca) {
        detail::add_note(out.note, "all jackknife values are equal: acceleration set to 0");
      }
    } else {
      out.acceleration = s3 / (6.0 * std::pow(s2, 1.5));
    }
  }
  if (!std::isfinite(out.bias_correction)) {
    bca_ok = false;
    if (options.method == IntervalMethod::kBca) {
      detail::add_note(out.note,
                       "every resample lies on one side of the estimate: BCa bias correction "
                       "is infinite, use method percentile");
    }
  }

  if (options.method == IntervalMethod::kPercentile) {
    out.low = detail::quantile_sorted(sorted, alpha / 2.0);
    out.high = detail::quantile_sorted(sorted, 1.0 - alpha / 2.0);
  } else if (bca_ok) {
    const double z0 = out.bias_correction;
    const double a = out.acceleration;
    auto adjusted = [&](double zq) {
      const double s = z0 + zq;
      return normal_cdf(z0 + s / (1.0 - a * s));
    };
    const double zc = normal_critical(options.level);
    out.low = detail::quantile_sorted(sorted, adjusted(-zc));
    out.high = detail::quantile_sorted(sorted, adjusted(zc));
  }
  return out;
}

/// The agreement coefficients that can be bootstrapped from a confusion matrix.
enum class AgreementStatistic { kCohenKappa, kGwetAc, kPercentAgreement, kWithinOneAgreement };

/// Parses "cohen_kappa" (or "kappa"), "gwet_ac", "percent_agreement", "within_one_agreement".
inline absl::StatusOr<AgreementStatistic> parse_agreement_statistic(std::string_view name) {
  if (name == "cohen_kappa" || name == "kappa") return AgreementStatistic::kCohenKappa;
  if (name == "gwet_ac") return AgreementStatistic::kGwetAc;
  if (name == "percent_agreement") return AgreementStatistic::kPercentAgreement;
  if (name == "within_one_agreement") return AgreementStatistic::kWithinOneAgreement;
  return absl::InvalidArgumentError(absl::StrCat(
      "statistic = \"", std::string(name),
      "\" is not known: use cohen_kappa, gwet_ac, percent_agreement or within_one_agreement"));
}

/// Bootstrap interval of an agreement coefficient of two raters, resampling the cells of their
/// k x k confusion matrix. `weights` (agreement weights) apply to kappa and Gwet's AC only.
inline absl::StatusOr<BootstrapResult> bootstrap_agreement(const CountMatrix& table,
                                                           AgreementStatistic which,
                                                           const Eigen::MatrixXd& weights,
                                                           const BootstrapOptions& options) {
  if (absl::Status s = detail::check_table(table); !s.ok()) return s;
  const Eigen::Index k = table.rows();
  if (which == AgreementStatistic::kCohenKappa || which == AgreementStatistic::kGwetAc) {
    if (absl::Status s = detail::check_agreement_weights(weights, k); !s.ok()) return s;
  }
  // Column-major flattening, as Eigen stores the table.
  const std::vector<std::int64_t> flat(table.data(), table.data() + table.size());
  auto as_table = [k](const Eigen::VectorXd& v) {
    return Eigen::Map<const Eigen::MatrixXd>(v.data(), k, k);
  };
  auto within = [k](const Eigen::Map<const Eigen::MatrixXd>& t, Eigen::Index dist) {
    double hits = 0.0;
    for (Eigen::Index j = 0; j < k; ++j) {
      for (Eigen::Index i = std::max<Eigen::Index>(0, j - dist);
           i <= std::min<Eigen::Index>(k - 1, j + dist); ++i) {
        hits += t(i, j);
      }
    }
    const double n = t.sum();
    return n > 0.0 ? hits / n : detail::kNaN;
  };
  absl::StatusOr<BootstrapResult> out;
  switch (which) {
    case AgreementStatistic::kCohenKappa:
      out = bootstrap_counts(
          flat, [&](const Eigen::VectorXd& v) { return detail::kappa_value(as_table(v), weights); },
          options);
      break;
    case AgreementStatistic::kGwetAc:
      out = bootstrap_counts(
          flat, [&](const Eigen::VectorXd& v) { return detail::gwet_value(as_table(v), weights); },
          options);
      break;
    case AgreementStatistic::kPercentAgreement:
      out = bootstrap_counts(
          flat, [&](const Eigen::VectorXd& v) { return within(as_table(v), 0); }, options);
      break;
    case AgreementStatistic::kWithinOneAgreement:
      out = bootstrap_counts(
          flat, [&](const Eigen::VectorXd& v) { return within(as_table(v), 1); }, options);
      break;
  }
  if (out.ok() && std::isnan(out->statistic)) {
    // Say why, in the words of the statistic itself.
    std::string why;
    if (which == AgreementStatistic::kCohenKappa) {
      why = cohen_kappa(table, weights).value().note;
    } else if (which == AgreementStatistic::kGwetAc) {
      why = gwet_ac(table, weights).value().note;
    } else {
      why = "no pair in which both raters gave a rating";
    }
    out->note = absl::StrCat(why, "; ", out->note);
  }
  return out;
}

/// Bootstrap interval of two raters' agreement from code vectors (pairs with a missing rating
/// left out).
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<BootstrapResult> bootstrap_agreement(
    std::span<const Int> a, std::span<const Int> b, std::int64_t k, AgreementStatistic which,
    const Eigen::MatrixXd& weights, const BootstrapOptions& options) {
  absl::StatusOr<CountMatrix> table = confusion_matrix(a, b, k);
  if (!table.ok()) return table.status();
  return bootstrap_agreement(*table, which, weights, options);
}

/// Bootstrap interval of a share: the proportion of rated cases whose category is one of
/// `categories` (e.g. "good or better"), resampling the counts per category.
inline absl::StatusOr<BootstrapResult> bootstrap_share(const CountVector& counts,
                                                       std::span<const std::int64_t> categories,
                                                       const BootstrapOptions& options) {
  const Eigen::Index k = counts.size();
  if (k < 1) return absl::InvalidArgumentError("counts must have at least one category");
  if (categories.empty()) {
    return absl::InvalidArgumentError(
        "categories must name at least one category whose share is wanted");
  }
  std::vector<char> in(static_cast<std::size_t>(k), 0);
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (categories[i] < 0 || categories[i] >= k) {
      return absl::InvalidArgumentError(absl::StrCat("categories[", i, "] = ", categories[i],
                                                     " is not a category code 0..", k - 1));
    }
    in[static_cast<std::size_t>(categories[i])] = 1;
  }
  const std::vector<std::int64_t> flat(counts.data(), counts.data() + counts.size());
  absl::StatusOr<BootstrapResult> out = bootstrap_counts(
      flat,
      [&](const Eigen::VectorXd& v) {
        double hits = 0.0;
        for (Eigen::Index c = 0; c < k; ++c) {
          if (in[static_cast<std::size_t>(c)] != 0) hits += v(c);
        }
        const double n = v.sum();
        return n > 0.0 ? hits / n : detail::kNaN;
      },
      options);
  if (out.ok() && std::isnan(out->statistic)) {
    out->note = absl::StrCat("no rated case", "; ", out->note);
  }
  return out;
}

/// Bootstrap interval of a share from one rater's codes (missing ratings left out).
template <class Int>
requires std::is_integral_v<Int> absl::StatusOr<BootstrapResult> bootstrap_share(
    std::span<const Int> codes, std::int64_t k, std::span<const std::int64_t> categories,
    const BootstrapOptions& options) {
  absl::StatusOr<CountVector> counts = category_counts(codes, k);
  if (!counts.ok()) return counts.status();
  return bootstrap_share(*counts, categories, options);
}

}  // namespace qaframe::stats
