#pragma once
/// @file sign_test.hpp
/// The exact sign test of paired changes: how many went up against how many went down, ties
/// (no change) counted but left out, as scipy.stats.binomtest(k, n, 0.5).

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// An exact sign test.
struct SignTest {
  std::int64_t positive = 0;        ///< pairs that went up (improved)
  std::int64_t negative = 0;        ///< pairs that went down (worsened)
  std::int64_t ties = 0;            ///< pairs with no change, left out of the test
  double statistic = detail::kNaN;  ///< positive / (positive + negative), as binomtest's
  double pvalue = 1;                ///< exact p-value under the alternative
  Alternative alternative = Alternative::two_sided;  ///< the alternative tested
  std::string note;  ///< why the test has no information, when it has none
  /// Pairs used by the test: positive + negative.
  std::int64_t n() const { return positive + negative; }
  friend bool operator==(const SignTest&, const SignTest&) = default;
};

/// The exact sign test of `positive` against `negative` changes.
///
/// Dixon and Mood (1946), "The statistical sign test", JASA 41: under the null hypothesis of no
/// systematic change, X = positive ~ Bin(n, ½) with n = positive + negative; ties are dropped.
/// Two-sided p = min(1, 2·P(X ≤ min(k, n − k))) (for p = ½ this is scipy.stats.binomtest's
/// "two-sided", which sums the outcomes no more likely than the one observed); "greater"
/// P(X ≥ k); "less" P(X ≤ k). With n = 0 the p-value is 1 and `note` says there is nothing to
/// test. InvalidArgument for a negative count.
inline absl::StatusOr<SignTest> sign_test(std::int64_t positive, std::int64_t negative,
                                          std::int64_t ties = 0,
                                          Alternative alternative = Alternative::two_sided) {
  if (positive < 0 || negative < 0 || ties < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("counts must not be negative, got ", positive, ", ", negative, " and ", ties));
  SignTest out;
  out.positive = positive;
  out.negative = negative;
  out.ties = ties;
  out.alternative = alternative;
  const std::int64_t n = positive + negative;
  if (n == 0) {
    out.note = "no pair changed: nothing to test";
    return out;
  }
  const double k = static_cast<double>(positive), nd = static_cast<double>(n);
  out.statistic = k / nd;
  switch (alternative) {
    case Alternative::greater:
      // P(X ≥ k) = P(n − X ≤ n − k), and n − X ~ Bin(n, ½) too: a lower tail keeps its digits.
      out.pvalue = binomial_cdf(nd - k, nd, 0.5);
      break;
    case Alternative::less:
      out.pvalue = binomial_cdf(k, nd, 0.5);
      break;
    case Alternative::two_sided:
      out.pvalue = std::min(1.0, 2.0 * binomial_cdf(std::min(k, nd - k), nd, 0.5));
      break;
  }
  return out;
}

}  // namespace qaframe::stats
