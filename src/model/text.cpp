#include "qaframe/model/text.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace qaframe {

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (i >= n) return 0;
  const unsigned char c = s[i];
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (len > n - i) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are invalid.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

namespace {

// The code point of the valid character of `len` bytes at `s`.
std::uint32_t decode(const unsigned char* s, std::size_t len);

bool is_unicode_space(std::uint32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

}  // namespace

std::size_t unicode_space_prefix(std::string_view s) {
  const std::size_t len = utf8_sequence_length(s, 0);
  if (len < 2) return 0;
  return is_unicode_space(decode(reinterpret_cast<const unsigned char*>(s.data()), len)) ? len : 0;
}

std::size_t unicode_space_suffix(std::string_view s) {
  // The last character starts at most three bytes before the end.
  for (std::size_t len = 2; len <= 3 && len <= s.size(); ++len) {
    const std::size_t at = s.size() - len;
    if (utf8_sequence_length(s, at) == len &&
        is_unicode_space(decode(reinterpret_cast<const unsigned char*>(s.data()) + at, len))) {
      return len;
    }
  }
  return 0;
}

bool is_invisible_character(std::uint32_t cp) {
  return is_unicode_space(cp) || cp == 0xAD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xFE00 && cp <= 0xFE0F);
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence_length(text, i);
    const unsigned char c = s[i];
    if (len == 0) {
      out += absl::StrFormat("\\x%02X", c);  // NUL, or a byte that is not UTF-8
      ++i;
      continue;
    }
    if (len == 1) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20 || c == 0x7F) {
        out += absl::StrFormat("\\x%02X", c);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const std::uint32_t cp = decode(s + i, len);
    if (is_unsafe_character(cp) || is_invisible_character(cp)) {
      out += absl::StrFormat("\\u%04X", cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool is_unsafe_character(std::uint32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

namespace {

std::uint32_t decode(const unsigned char* s, std::size_t len) {
  if (len == 1) return s[0];
  std::uint32_t cp = s[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[k] & 0x3F);
  return cp;
}

}  // namespace

std::string neutralise_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      // NUL is a control; any other byte that is not UTF-8 cannot be shown as itself.
      out += s[i] == 0 ? std::string("\\u0000") : std::string("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    const std::uint32_t cp = decode(s + i, len);
    if (is_unsafe_character(cp)) {
      out += absl::StrFormat("\\u%04X", cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::uint32_t windows_1252_hint(std::string_view text, std::size_t bad) {
  // Windows-1252's characters for 0x80-0x9F (0: no character); 0xA0-0xFF are Latin-1's.
  static constexpr std::uint32_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  if (bad >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[bad]);
  if (c < 0x80) return 0;
  if (c >= 0xC0) {
    // A lead byte followed by a continuation is a broken UTF-8 character, not Windows-1252.
    if (bad + 1 < text.size() && (static_cast<unsigned char>(text[bad + 1]) & 0xC0) == 0x80)
      return 0;
  }
  return c < 0xA0 ? kHigh[c - 0x80] : c;
}

std::string utf8_advice(std::string_view text, std::size_t bad, std::string_view what) {
  const std::uint32_t cp = windows_1252_hint(text, bad);
  if (cp == 0) return absl::StrCat("save the ", sv(what), " as UTF-8 CSV");
  std::string shown;
  if (cp < 0x80) {
    shown.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    shown.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    shown.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    shown.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    shown.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    shown.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return absl::StrFormat(
      "it looks like Windows-1252 (0x%02X is '%s' there, what Excel's \"CSV (Comma "
      "delimited)\" writes): read it with encoding = \"windows-1252\", or save the %s as UTF-8 "
      "CSV",
      static_cast<unsigned char>(text[bad]), escape_for_message(shown), sv(what));
}

std::size_t find_invalid_utf8_or_nul(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time (no high bit set, checked for NUL below).
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) != 0) break;
      // Any zero byte in w? (classic bit trick)
      if (((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] != 0 && s[i] < 0x80) {  // an ASCII byte of a short tail: no call
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace qaframe
