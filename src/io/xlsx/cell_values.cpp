#include "io/xlsx/cell_values.hpp"

#include <charconv>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace qaframe::detail {

namespace {

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

void append_two(std::string& out, std::int64_t v) {
  out.push_back(static_cast<char>('0' + v / 10 % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

// Decodes the _xHHHH_ escapes of OOXML strings (ECMA-376 ST_Xstring: how Excel writes characters
// XML cannot hold, such as a carriage return as _x000D_) in place, from byte `from` of `s`.
// Surrogate pairs join; an escape of an unpaired surrogate stays as written.
void decode_escapes(std::string& s, std::size_t from) {
  const std::size_t first = s.find("_x", from);
  if (first == std::string::npos) return;
  auto hex4 = [&](std::size_t at) -> int {
    if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return -1;
    int v = 0;
    for (std::size_t k = at + 2; k < at + 6; ++k) {
      const char c = s[k];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  std::size_t out = first;
  std::size_t in = first;
  while (in < s.size()) {
    int cp = s[in] == '_' ? hex4(in) : -1;
    std::size_t used = 7;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const int low = hex4(in + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        used = 14;
      } else {
        cp = -1;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = -1;
    }
    if (cp < 0) {
      s[out++] = s[in++];
      continue;
    }
    const auto u = static_cast<std::uint32_t>(cp);
    if (u < 0x80) {
      s[out++] = static_cast<char>(u);
    } else if (u < 0x800) {
      s[out++] = static_cast<char>(0xC0 | (u >> 6));
      s[out++] = static_cast<char>(0x80 | (u & 0x3F));
    } else if (u < 0x10000) {
      s[out++] = static_cast<char>(0xE0 | (u >> 12));
      s[out++] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      s[out++] = static_cast<char>(0x80 | (u & 0x3F));
    } else {
      s[out++] = static_cast<char>(0xF0 | (u >> 18));
      s[out++] = static_cast<char>(0x80 | ((u >> 12) & 0x3F));
      s[out++] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      s[out++] = static_cast<char>(0x80 | (u & 0x3F));
    }
    in += used;
  }
  s.resize(out);
}

// Appends the shortest text that reads back as `v`: integers in full up to 10^16 (an identifier
// never becomes "1e+11"), other numbers as the shortest of fixed and scientific, as Python's
// repr() writes them.
void append_number(std::string& out, double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  std::to_chars_result r;
  if (v == std::trunc(v) && std::fabs(v) < 1e16) {
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, v);
  }
  out.append(buf, r.ptr);
}

// The date kind of a format code, from its first section: d and y show a date, h and s (and
// AM/PM) a time; m is minutes next to a time and a month otherwise. Quoted text, escaped
// characters (\x, _x, *x) and bracketed colours, conditions and locales are not codes; [h], [m]
// and [s] are elapsed time.
DateKind classify_format(std::string_view code) {
  bool date = false;
  bool time = false;
  bool month = false;
  bool elapsed = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        time = elapsed = true;
      }
      i = close;
    } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
      date = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      time = true;
    } else if (c == 'm' || c == 'M') {
      month = true;
    } else if ((c == 'a' || c == 'A') && (starts_with_icase(code.substr(i), "am/pm") ||
                                          starts_with_icase(code.substr(i), "a/p"))) {
      time = true;
      i += starts_with_icase(code.substr(i), "am/pm") ? 4 : 2;
    }
  }
  if (month && !time) date = true;
  if (date && time) return DateKind::kDateTime;
  if (date) return DateKind::kDate;
  if (time) return elapsed ? DateKind::kElapsed : DateKind::kTime;
  return DateKind::kNone;
}

// The date kind of a built-in number format (ECMA-376 Part 1, 18.8.30).
DateKind builtin_format_kind(std::uint64_t id) {
  if (id >= 14 && id <= 17) return DateKind::kDate;
  if (id == 22) return DateKind::kDateTime;
  if ((id >= 18 && id <= 21) || id == 45 || id == 47) return DateKind::kTime;
  if (id == 46) return DateKind::kElapsed;
  return DateKind::kNone;
}

void append_clock(std::string& out, std::int64_t seconds_of_day) {
  append_two(out, seconds_of_day / 3600);
  out.push_back(':');
  append_two(out, seconds_of_day / 60 % 60);
  out.push_back(':');
  append_two(out, seconds_of_day % 60);
}

void append_day(std::string& out, absl::CivilDay day) {
  const auto year = static_cast<std::int64_t>(day.year());  // 1899..9999 here
  append_two(out, year / 100);
  append_two(out, year % 100);
  out.push_back('-');
  append_two(out, day.month());
  out.push_back('-');
  append_two(out, day.day());
}

// The day of an Excel serial day number. In the 1900 system day 1 is 1900-01-01 and Excel
// counts a 29 February 1900 that never was (a bug kept from Lotus 1-2-3): day 60 is that day,
// days before it are one day off a plain count from 1899-12-31, days after it count from
// 1899-12-30. In the 1904 system day 0 is 1904-01-01.
namespace {
void append_serial_day(std::string& out, std::int64_t day, bool date1904) {
  if (date1904) return append_day(out, absl::CivilDay(1904, 1, 1) + day);
  if (day == 60 || day == 0) {
    out.append(day == 60 ? "1900-02-29" : "1900-01-00");  // as Excel shows them
    return;
  }
  append_day(out,
             day < 60 ? absl::CivilDay(1899, 12, 31) + day : absl::CivilDay(1899, 12, 30) + day);
}
}  // namespace

// Appends a number shown in a date format as ISO text; false (nothing appended) for a number
// Excel cannot show as a date (negative, or past 9999-12-31).
bool append_serial(std::string& out, double serial, DateKind kind, bool date1904) {
  constexpr double kLastDay = 2958465;  // 9999-12-31 in the 1900 system
  if (!(serial >= 0) || serial >= kLastDay + 1) return false;
  // To the nearest second: 14:30 is stored as 0.6041666..., a hair either side.
  const auto seconds = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  const std::int64_t day = seconds / 86400;
  const std::int64_t of_day = seconds % 86400;
  switch (kind) {
    case DateKind::kDate:
      append_serial_day(out, day, date1904);
      return true;
    case DateKind::kDateTime:
      append_serial_day(out, day, date1904);
      out.push_back(' ');
      append_clock(out, of_day);
      return true;
    case DateKind::kTime:
      append_clock(out, of_day);
      return true;
    case DateKind::kElapsed:
      absl::StrAppend(&out, seconds / 3600 < 10 ? "0" : "", seconds / 3600, ":");
      append_two(out, seconds / 60 % 60);
      out.push_back(':');
      append_two(out, seconds % 60);
      return true;
    case DateKind::kNone:
      break;
  }
  return false;
}

std::optional<IsoDateTime> parse_iso_datetime(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return std::nullopt;
      v = v * 10 + (s[k] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || s[4] != '-' || s[7] != '-') return std::nullopt;
  IsoDateTime out;
  out.day = absl::CivilDay(*y, *m, *d);
  if (out.day.year() != *y || out.day.month() != *m || out.day.day() != *d) return std::nullopt;
  if (s.size() == 10) return out;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  auto hh = digits(11, 2), mm = digits(14, 2);
  if (!hh || !mm || s[13] != ':' || *hh > 23 || *mm > 59) return std::nullopt;
  std::size_t at = 16;
  int ss = 0;
  if (at < s.size() && s[at] == ':') {
    auto sec = digits(17, 2);
    if (!sec || *sec > 59) return std::nullopt;
    ss = *sec;
    at = 19;
    if (at < s.size() && s[at] == '.') {
      ++at;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    }
  }
  // A zone (Z, +01:00) is dropped: the day and time are the ones written.
  const std::string_view zone = s.substr(at);
  if (!zone.empty() && zone != "Z" && !((zone[0] == '+' || zone[0] == '-') && zone.size() <= 6)) {
    return std::nullopt;
  }
  out.seconds = *hh * 3600 + *mm * 60 + ss;
  out.has_time = true;
  return out;
}

}  // namespace qaframe::detail
