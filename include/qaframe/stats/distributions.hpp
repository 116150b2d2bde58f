#pragma once
/// @file distributions.hpp
/// Probability distributions used by the statistics: thin, NaN-safe wrappers over Boost.Math.
///
/// Boost.Math is used rather than hand-written special functions because its regularised
/// incomplete beta and gamma functions and their inverses are accurate to a few ulps, which is
/// what lets every statistic here agree with scipy and statsmodels to 1e-9 or better.
/// The wrappers never throw: an argument outside the domain gives NaN.

#include <cmath>
#include <limits>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

namespace qaframe::stats {

namespace detail {
/// Policy: report domain and overflow errors as NaN / infinity instead of throwing.
using NoThrowPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace detail

/// Standard normal cumulative distribution function Φ(x).
inline double normal_cdf(double x) {
  if (std::isnan(x)) return detail::kNaN;
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

/// Standard normal survival function 1 − Φ(x), accurate in the upper tail.
inline double normal_sf(double x) {
  if (std::isnan(x)) return detail::kNaN;
  return 0.5 * std::erfc(x / std::sqrt(2.0));
}

/// Standard normal quantile Φ⁻¹(p); NaN outside [0, 1], ∓infinity at 0 and 1.
inline double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0)) return detail::kNaN;
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::normal_distribution<double, detail::NoThrowPolicy>(),
                               p);
}

/// Two-sided critical value z = Φ⁻¹(1 − α/2) for a confidence level 1 − α.
inline double normal_critical(double level) { return normal_quantile(0.5 + level / 2.0); }

/// Two-sided p-value of a standard normal statistic: 2(1 − Φ(|z|)).
inline double normal_two_sided_p(double z) {
  if (std::isnan(z)) return detail::kNaN;
  return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

/// Upper tail P(X ≥ x) of a chi-square distribution with df degrees of freedom.
inline double chi2_sf(double x, double df) {
  if (std::isnan(x) || !(df > 0.0)) return detail::kNaN;
  if (x <= 0.0) return 1.0;
  return boost::math::cdf(boost::math::complement(
      boost::math::chi_squared_distribution<double, detail::NoThrowPolicy>(df), x));
}

/// Upper tail P(T ≥ t) of Student's t distribution with df degrees of freedom.
inline double t_sf(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return detail::kNaN;
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(
      boost::math::students_t_distribution<double, detail::NoThrowPolicy>(df), t));
}

/// Quantile of the Beta(a, b) distribution; NaN for a or b not positive or p outside [0, 1].
inline double beta_quantile(double p, double a, double b) {
  if (!(a > 0.0 && b > 0.0 && p >= 0.0 && p <= 1.0)) return detail::kNaN;
  return boost::math::quantile(boost::math::beta_distribution<double, detail::NoThrowPolicy>(a, b),
                               p);
}

/// Binomial cumulative probability P(R ≤ r) for R ~ Bin(n, p).
inline double binomial_cdf(double r, double n, double p) {
  if (!(n >= 0.0 && p >= 0.0 && p <= 1.0) || std::isnan(r)) return detail::kNaN;
  if (r < 0.0) return 0.0;
  if (r >= n) return 1.0;
  return boost::math::cdf(boost::math::binomial_distribution<double, detail::NoThrowPolicy>(n, p),
                          std::floor(r));
}

}  // namespace qaframe::stats
