#pragma once
/// @file text.hpp
/// Small text helpers. Debian's Abseil has its own string_view type (not std::string_view), so
/// text crosses into Abseil's string functions through `sv()`.

#include <string_view>

#include "absl/strings/string_view.h"

namespace qaframe {

/// The same characters as an absl::string_view (a no-op where Abseil uses std::string_view).
inline absl::string_view sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

/// `s` without leading and trailing ASCII white space.
inline std::string_view trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace qaframe
