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

/// Length in bytes of the Unicode space character that `s` begins with, 0 when it begins with
/// none: the White_Space characters past ASCII (U+0085, U+00A0 no-break space, U+1680,
/// U+2000-U+200A, U+2028, U+2029, U+202F narrow no-break space, U+205F, U+3000) and the
/// invisible U+200B zero-width space and U+FEFF (a byte-order mark inside a text).
std::size_t unicode_space_prefix(std::string_view s);
/// Length in bytes of the Unicode space character (as unicode_space_prefix) that `s` ends with.
std::size_t unicode_space_suffix(std::string_view s);

/// `s` without leading and trailing white space: ASCII white space, and the Unicode spaces of
/// unicode_space_prefix (an export's `Good` followed by a no-break space is `Good`).
inline std::string_view trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (true) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    // Only a byte past ASCII at an end can begin or end a Unicode space.
    const bool high = !s.empty() && ((static_cast<unsigned char>(s.front()) & 0x80) != 0 ||
                                     (static_cast<unsigned char>(s.back()) & 0x80) != 0);
    if (!high) return s;
    const std::size_t front = unicode_space_prefix(s);
    s.remove_prefix(front);
    const std::size_t back = unicode_space_suffix(s);
    s.remove_suffix(back);
    if (front == 0 && back == 0) return s;
  }
}

/// Length (1-4) of the valid UTF-8 character at byte `i` of `text`; 0 when the bytes there are
/// not valid UTF-8 (a stray continuation byte, an overlong form, a surrogate, a character cut off
/// by the end of the text) or are a NUL.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// First invalid byte offset of `text` as UTF-8 (or NUL), or npos when it is valid and NUL-free.
std::size_t find_invalid_utf8_or_nul(std::string_view text);

/// The Windows-1252 character (as a code point) of the byte at `bad` of `text`, when that byte is
/// where the text stops being UTF-8 in the way a Windows-1252 file does: a byte 0x80-0xFF defined
/// in Windows-1252 that is a lone continuation byte (0x92 for a right quote) or a lead byte not
/// followed by a continuation (0xE9 for e acute, then ASCII); 0 otherwise.
std::uint32_t windows_1252_hint(std::string_view text, std::size_t bad);

/// The advice for `text` that is not valid UTF-8 at byte `bad`: to save the `what` ("file",
/// "export") as UTF-8 CSV, and, when the byte looks like Windows-1252 (see windows_1252_hint),
/// that it does and to read it with encoding = "windows-1252".
std::string utf8_advice(std::string_view text, std::size_t bad, std::string_view what);

/// True for a character that is invisible or looks like another in a message: the Unicode
/// spaces of unicode_space_prefix, U+00AD soft hyphen, U+180E, the zero-width and direction
/// marks U+200B-U+200F, U+2060-U+2064 and the variation selectors U+FE00-U+FE0F.
bool is_invisible_character(std::uint32_t code_point);

/// `text` fit for a message: as neutralise_controls, and every invisible character (see
/// is_invisible_character) written as an escape too, so that `Good` followed by a no-break space
/// shows as `Good\u00A0`; each byte that is not UTF-8 as `\xE9`, C0 controls as `\n`, `\r`,
/// `\t` or `\u001B`.
std::string escape_for_message(std::string_view text);

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
