#pragma once
/// @file alternative.hpp
/// The alternative hypothesis of a test and the p-values of normal and t statistics under it.
///
/// Shared by the tests of proportions, trends, ranks and correlations so that every test names
/// its sides the same way as scipy ("two-sided", "less", "greater").

#include <cmath>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "qaframe/stats/distributions.hpp"

namespace qaframe::stats {

/// The alternative hypothesis: the statistic differs from its null value in either direction,
/// is less than it, or is greater than it.
enum class Alternative { two_sided, less, greater };

/// The name scipy uses for an alternative: "two-sided", "less" or "greater".
inline std::string_view to_string(Alternative alternative) {
  switch (alternative) {
    case Alternative::less:
      return "less";
    case Alternative::greater:
      return "greater";
    case Alternative::two_sided:
      break;
  }
  return "two-sided";
}

/// Parses "two-sided" (also "two_sided"), "less" or "greater"; anything else is an
/// InvalidArgument error naming the value.
inline absl::StatusOr<Alternative> parse_alternative(std::string_view name) {
  if (name == "two-sided" || name == "two_sided") return Alternative::two_sided;
  if (name == "less") return Alternative::less;
  if (name == "greater") return Alternative::greater;
  return absl::InvalidArgumentError(absl::StrCat(
      "alternative must be 'two-sided', 'less' or 'greater', got '", std::string(name), "'"));
}

/// P-value of a standard normal statistic z under the alternative; NaN when z is NaN.
/// "less" is Φ(z), "greater" 1 − Φ(z), two-sided 2(1 − Φ(|z|)).
inline double normal_pvalue(double z, Alternative alternative) {
  switch (alternative) {
    case Alternative::less:
      return normal_cdf(z);
    case Alternative::greater:
      return normal_sf(z);
    case Alternative::two_sided:
      break;
  }
  return normal_two_sided_p(z);
}

/// P-value of a Student t statistic with df degrees of freedom under the alternative.
inline double t_pvalue(double t, double df, Alternative alternative) {
  switch (alternative) {
    case Alternative::less:
      return t_sf(-t, df);
    case Alternative::greater:
      return t_sf(t, df);
    case Alternative::two_sided:
      break;
  }
  return std::isnan(t) ? t : 2.0 * t_sf(std::fabs(t), df);
}

}  // namespace qaframe::stats
