#pragma once
/// @file pvalue_method.hpp
/// How a rank test computes its p-value: from the exact permutation distribution of its
/// statistic, from the normal approximation, or by a stated rule choosing between them.
///
/// Shared by the Mann-Whitney test and Kendall's tau so that both name the choice the way
/// scipy does ("auto", "exact", "asymptotic").

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace qaframe::stats {

/// Where a p-value comes from. `automatic` is resolved by each test's stated rule to one of
/// the other two before any result is returned.
enum class PValueMethod { automatic, exact, asymptotic };

/// The name scipy uses for a method: "auto", "exact" or "asymptotic".
inline std::string_view to_string(PValueMethod method) {
  switch (method) {
    case PValueMethod::exact:
      return "exact";
    case PValueMethod::asymptotic:
      return "asymptotic";
    case PValueMethod::automatic:
      break;
  }
  return "auto";
}

/// Parses "auto", "exact" or "asymptotic"; anything else is an InvalidArgument error naming the
/// value.
inline absl::StatusOr<PValueMethod> parse_pvalue_method(std::string_view name) {
  if (name == "auto") return PValueMethod::automatic;
  if (name == "exact") return PValueMethod::exact;
  if (name == "asymptotic") return PValueMethod::asymptotic;
  return absl::InvalidArgumentError(absl::StrCat(
      "method must be 'auto', 'exact' or 'asymptotic', got '", std::string(name), "'"));
}

}  // namespace qaframe::stats
