#pragma once
/// @file survival.hpp
/// Survival analysis with right censoring: the Kaplan-Meier estimator, its Greenwood standard
/// error, and survival quantiles (the median) with the Brookmeyer-Crowley confidence interval,
/// computed as statsmodels.duration.survfunc.SurvfuncRight does (quantile and quantile_ci), so
/// that an analyst who checks a number against statsmodels finds the same one.
///
/// Conventions (statsmodels'):
///  - the table has one row per distinct time at which at least one event happened; the number
///    at risk at time t counts every subject whose time is t or later (so a subject censored at
///    t is at risk at t: events come before censorings at the same time);
///  - a time of 0 is an ordinary time (an action completed the day it was raised);
///  - with no events at all (everything censored) the table is empty, every quantile and both
///    limits are NaN, and `note` says so;
///  - where the survival reaches 0 (the last subjects at risk all had the event) its Greenwood
///    standard error is NaN (0/0), as in statsmodels, and that row never enters an interval;
///  - an exact tie of the survival with 1 − p is decided exactly (see survival_quantile), where
///    statsmodels' rounding can fall either way.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// One row of a Kaplan-Meier table: a distinct time at which at least one event happened.
struct SurvivalRow {
  double time = 0;            ///< the event time
  std::int64_t at_risk = 0;   ///< subjects whose time is this time or later
  std::int64_t events = 0;    ///< events at this time
  std::int64_t censored = 0;  ///< censored at this time or later, before the next event time
  double survival = 1;        ///< Ŝ(t), the estimated probability of no event by t inclusive
  double std_error = 0;       ///< Greenwood standard error of Ŝ(t) (NaN where Ŝ(t) = 0)
  friend bool operator==(const SurvivalRow&, const SurvivalRow&) = default;
};

/// A Kaplan-Meier estimate of a survival function.
struct KaplanMeier {
  std::int64_t n = 0;                ///< subjects
  std::int64_t events = 0;           ///< subjects with the event
  std::int64_t censored = 0;         ///< subjects censored
  std::int64_t censored_before = 0;  ///< censored before the first event time (not in `table`)
  std::vector<SurvivalRow> table;    ///< rows at the distinct event times, in time order
  std::string note;                  ///< why the estimate is empty, when it is

  /// Ŝ(t): 1 before the first event time, then the value of the last row at or before t.
  double survival_at(double t) const {
    double s = 1.0;
    for (const SurvivalRow& r : table) {
      if (r.time > t) break;
      s = r.survival;
    }
    return s;
  }
  friend bool operator==(const KaplanMeier&, const KaplanMeier&) = default;
};

/// The Kaplan-Meier (product-limit) estimator of S(t) = P(T > t) from right-censored times.
///
/// Kaplan and Meier (1958), "Nonparametric estimation from incomplete observations":
/// Ŝ(t) = Π_{t_j ≤ t} (1 − d_j/n_j), over the distinct event times t_j with d_j events and n_j at
/// risk. Greenwood (1926), "The natural duration of cancer": Var Ŝ(t) = Ŝ(t)² Σ_{t_j ≤ t}
/// d_j / (n_j(n_j − d_j)), NaN from the time where d_j = n_j (Ŝ = 0), as statsmodels'
/// _calc_survfunc_right. The product is formed factor by factor, (n_j − d_j)/n_j, which is
/// exact at ties such as Ŝ = ½ more often than statsmodels' exp(Σ log(1 − d_j/n_j)); the two
/// agree to about 1e-15.
/// `status[i]` is 1 for an event at `time[i]` and 0 for a subject censored at `time[i]`, as
/// statsmodels' `status`. InvalidArgument when the lengths differ, a time is not finite or a
/// status is neither 0 nor 1.
inline absl::StatusOr<KaplanMeier> kaplan_meier(std::span<const double> time,
                                                std::span<const std::uint8_t> status) {
  if (time.size() != status.size())
    return absl::InvalidArgumentError(absl::StrCat(
        "time and status must have the same length, got ", time.size(), " and ", status.size()));
  for (std::size_t i = 0; i < status.size(); ++i)
    if (status[i] > 1)
      return absl::InvalidArgumentError(absl::StrCat("status ", i, " is ", status[i],
                                                     "; write 1 for an event and 0 for censored"));
  for (std::size_t i = 0; i < time.size(); ++i)
    if (!std::isfinite(time[i]))
      return absl::InvalidArgumentError(
          absl::StrCat("time ", i, " is not a finite number; every time must be one"));
  KaplanMeier out;
  out.n = static_cast<std::int64_t>(time.size());
  std::vector<std::size_t> order(time.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
  // Distinct times in order with their events and subjects.
  struct Group {
    double time;
    std::int64_t events = 0, subjects = 0;
  };
  std::vector<Group> groups;
  for (std::size_t i : order) {
    if (groups.empty() || groups.back().time != time[i]) groups.push_back({time[i]});
    ++groups.back().subjects;
    groups.back().events += status[i];
  }
  for (std::uint8_t e : status) out.events += e;
  out.censored = out.n - out.events;
  std::int64_t at_risk = out.n;
  double survival = 1.0, greenwood = 0.0;
  bool greenwood_nan = false;
  for (const Group& g : groups) {
    if (g.events == 0) {
      if (out.table.empty())
        out.censored_before += g.subjects;
      else
        out.table.back().censored += g.subjects;
      at_risk -= g.subjects;
      continue;
    }
    SurvivalRow row;
    row.time = g.time;
    row.at_risk = at_risk;
    row.events = g.events;
    row.censored = g.subjects - g.events;
    const double n = static_cast<double>(at_risk), d = static_cast<double>(g.events);
    survival *= (n - d) / n;
    row.survival = survival;
    if (g.events == at_risk) {
      greenwood_nan = true;  // d/(n(n − d)) is 0/0 once everyone at risk has had the event
    } else {
      greenwood += d / (n * (n - d));
    }
    row.std_error = greenwood_nan ? detail::kNaN : row.survival * std::sqrt(greenwood);
    out.table.push_back(row);
    at_risk -= g.subjects;
  }
  if (out.n == 0)
    out.note = "no subjects";
  else if (out.events == 0)
    out.note = "no events: every time is censored, so the survival function is 1 throughout";
  return out;
}

/// The transformation under which a survival quantile's confidence interval is found.
enum class QuantileTransform {
  kCloglog,     ///< g(s) = log(−log s) (statsmodels' default, "cloglog")
  kLinear,      ///< g(s) = s
  kLog,         ///< g(s) = log s
  kLogit,       ///< g(s) = log(s/(1 − s))
  kArcsinSqrt,  ///< g(s) = arcsin √s ("asinsqrt")
};

/// The statsmodels name of a transform: "cloglog", "linear", "log", "logit", "asinsqrt".
inline std::string_view to_string(QuantileTransform t) {
  switch (t) {
    case QuantileTransform::kLinear:
      return "linear";
    case QuantileTransform::kLog:
      return "log";
    case QuantileTransform::kLogit:
      return "logit";
    case QuantileTransform::kArcsinSqrt:
      return "asinsqrt";
    case QuantileTransform::kCloglog:
      break;
  }
  return "cloglog";
}

/// Parses a transform by its statsmodels name; InvalidArgument naming the accepted names.
inline absl::StatusOr<QuantileTransform> parse_quantile_transform(std::string_view name) {
  for (QuantileTransform t :
       {QuantileTransform::kCloglog, QuantileTransform::kLinear, QuantileTransform::kLog,
        QuantileTransform::kLogit, QuantileTransform::kArcsinSqrt})
    if (name == to_string(t)) return t;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown transform '", std::string(name),
                   "'; accepted: cloglog, linear, log, logit, asinsqrt"));
}

/// A survival quantile with its confidence interval.
struct SurvivalQuantile {
  double p = 0.5;                  ///< the probability: 0.5 for the median
  double estimate = detail::kNaN;  ///< the p-quantile of the time (NaN when not reached)
  double low = detail::kNaN;       ///< lower confidence limit (an event time, or NaN)
  double high = detail::kNaN;      ///< upper confidence limit (an event time, +inf, or NaN)
  double level = 0.95;             ///< confidence level
  QuantileTransform transform = QuantileTransform::kCloglog;  ///< the interval's g
  std::string note;  ///< why a value is NaN or infinite, when one is
  friend bool operator==(const SurvivalQuantile&, const SurvivalQuantile&) = default;
};

/// The p-quantile of the time and its confidence interval at `level`.
///
/// Estimate (SAS PROC LIFETEST; statsmodels SurvfuncRight.quantile): the first event time t_j
/// with Ŝ(t_j) < 1 − p, a strict inequality (so where Ŝ equals ½ on an interval the median is the
/// next event time, not the midpoint R's survfit reports); NaN when Ŝ never falls below 1 − p.
/// A Ŝ(t_j) within a relative 1e-12 of 1 − p counts as equal to it: rounding must not decide an
/// exact tie (6 events of 12 give Ŝ = ½ exactly; statsmodels' exp(Σ log) lands on either side of
/// ½ by an ulp, so at such ties statsmodels can differ from the exact answer, which this gives).
/// Interval: Brookmeyer and Crowley (1982), "A confidence interval for the median survival
/// time", Biometrics 38: the event times whose test of S(t_j) = 1 − p is not rejected,
/// |g(Ŝ(t_j)) − g(1 − p)| / (|g′(Ŝ(t_j))| SE(Ŝ(t_j))) ≤ z with z = Φ⁻¹(1 − α/2) (statsmodels
/// SurvfuncRight.quantile_ci: the test with the signed g′, whose absolute value is taken). Lower
/// limit the first such time; upper limit the event time after the last such, or +inf when the
/// last is the final event time; both NaN when no time qualifies. InvalidArgument for p or level
/// outside (0, 1).
inline absl::StatusOr<SurvivalQuantile> survival_quantile(
    const KaplanMeier& km, double p = 0.5, double level = 0.95,
    QuantileTransform transform = QuantileTransform::kCloglog) {
  if (!(p > 0.0 && p < 1.0))
    return absl::InvalidArgumentError(absl::StrCat("p must lie strictly between 0 and 1, got ", p));
  if (!(level > 0.0 && level < 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("level must lie strictly between 0 and 1, got ", level));
  SurvivalQuantile out;
  out.p = p;
  out.level = level;
  out.transform = transform;
  const double target = 1.0 - p;
  const double below = target * (1.0 - 1e-12);
  for (const SurvivalRow& r : km.table) {
    if (r.survival < below) {
      out.estimate = r.time;
      break;
    }
  }
  auto g = [transform](double x) {
    switch (transform) {
      case QuantileTransform::kLinear:
        return x;
      case QuantileTransform::kLog:
        return std::log(x);
      case QuantileTransform::kLogit:
        return std::log(x / (1.0 - x));
      case QuantileTransform::kArcsinSqrt:
        return std::asin(std::sqrt(x));
      case QuantileTransform::kCloglog:
        break;
    }
    return std::log(-std::log(x));
  };
  auto gprime = [transform](double x) {
    switch (transform) {
      case QuantileTransform::kLinear:
        return 1.0;
      case QuantileTransform::kLog:
        return 1.0 / x;
      case QuantileTransform::kLogit:
        return 1.0 / (x * (1.0 - x));
      case QuantileTransform::kArcsinSqrt:
        return 1.0 / (2.0 * std::sqrt(x) * std::sqrt(1.0 - x));
      case QuantileTransform::kCloglog:
        break;
    }
    return -1.0 / (x * std::log(x));
  };
  const double z = normal_quantile(1.0 - (1.0 - level) / 2.0);
  const double g0 = g(target);
  std::ptrdiff_t first = -1, last = -1;
  for (std::size_t j = 0; j < km.table.size(); ++j) {
    const SurvivalRow& r = km.table[j];
    // NaN (Ŝ = 0, or a NaN standard error) fails the comparison, as in statsmodels.
    const double stat = (g(r.survival) - g0) / (gprime(r.survival) * r.std_error);
    if (std::fabs(stat) <= z) {
      if (first < 0) first = static_cast<std::ptrdiff_t>(j);
      last = static_cast<std::ptrdiff_t>(j);
    }
  }
  if (first >= 0) {
    out.low = km.table[static_cast<std::size_t>(first)].time;
    out.high = static_cast<std::size_t>(last) + 1 == km.table.size()
                   ? std::numeric_limits<double>::infinity()
                   : km.table[static_cast<std::size_t>(last) + 1].time;
  }
  if (km.events == 0) {
    out.note = "no events: the quantile and its interval cannot be estimated";
  } else if (std::isnan(out.estimate)) {
    out.note = absl::StrCat("the survival never falls below ", target,
                            ": the quantile is beyond the last event time");
  } else if (first < 0) {
    out.note = "no event time is consistent with the quantile at this level: no interval";
  } else if (std::isinf(out.high)) {
    out.note = "the upper limit is beyond the last event time (infinite)";
  }
  return out;
}

}  // namespace qaframe::stats
