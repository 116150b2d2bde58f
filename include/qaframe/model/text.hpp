#pragma once
/// @file text.hpp
/// Small text helpers, and the UTF-8 checks every reader applies to values. Debian's Abseil has its
/// own string_view type (not std::string_view), so text crosses into Abseil's string functions
/// through `sv()`.

#include <cstddef>
#include <cstdint>
#include <string>
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

/// True for a character that no output may carry raw: C0 controls other than tab and line feed,
/// DEL, C1 controls (U+0080-U+009F), the bidirectional embeddings, overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069: they reorder what a reader sees, "Trojan Source"), and the
/// noncharacters U+FFFE and U+FFFF.
bool is_unsafe_character(std::uint32_t code_point);

/// `text` with every unsafe character (see is_unsafe_character) written as a visible escape,
/// `\u001B`, `\u202E` (four upper-case hex digits), and each byte that is not UTF-8 as U+FFFD;
/// tab and line feed kept. Every renderer (Markdown, table CSV, HTML, plots) applies it to text
/// from the data; JSON escapes the same characters as JSON escapes instead.
std::string neutralise_controls(std::string_view text);

}  // namespace qaframe
