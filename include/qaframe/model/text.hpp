#pragma once
/// @file text.hpp
/// Small text helpers, and the UTF-8 checks every reader applies to values. Debian's Abseil has its
/// own string_view type (not std::string_view), so text crosses into Abseil's string functions
/// through `sv()`.

#include <cstddef>
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

/// Length (1-4) of the valid UTF-8 character at byte `i` of `text`; 0 when the bytes there are
/// not valid UTF-8 (a stray continuation byte, an overlong form, a surrogate, a character cut off
/// by the end of the text) or are a NUL.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// First invalid byte offset of `text` as UTF-8 (or NUL), or npos when it is valid and NUL-free.
std::size_t find_invalid_utf8_or_nul(std::string_view text);

}  // namespace qaframe
