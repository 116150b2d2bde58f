#include "qaframe/model/date.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/model/data_problem.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads 1..max_digits decimal digits at text[pos]; advances pos. False if none.
bool read_number(std::string_view text, std::size_t& pos, std::size_t min_digits,
                 std::size_t max_digits, int& value) {
  std::size_t start = pos;
  value = 0;
  while (pos < text.size() && pos - start < max_digits && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return pos - start >= min_digits;
}

// The message leaves the text out: callers report the value beside the reason.
absl::Status bad_date(std::string_view /*text*/, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("not a date: ", sv(why)));
}

// Checks the time of day `text` (after the date and its separator): HH:MM or HH:MM:SS, the hour of
// one or two digits, seconds with an optional decimal fraction.
absl::Status check_time(std::string_view text) {
  int h = 0, mi = 0, s = 0;
  std::size_t pos = 0;
  bool ok = read_number(text, pos, 1, 2, h) && pos < text.size() && text[pos++] == ':' &&
            read_number(text, pos, 2, 2, mi);
  bool seconds = false;
  if (ok && pos < text.size()) {
    seconds = true;
    ok = text[pos++] == ':' && read_number(text, pos, 2, 2, s);
    if (ok && pos < text.size()) {
      ok = text[pos++] == '.' && pos < text.size();
      int digit = 0;
      while (ok && pos < text.size()) ok = read_number(text, pos, 1, 1, digit);
    }
  }
  if (!ok) {
    const bool zone = text.find_first_of("Z+") != std::string_view::npos ||
                      (text.size() > 5 && text.find('-') != std::string_view::npos);
    return bad_date(text, zone ? "a time zone is not accepted: give the date (and time) as "
                                 "written locally, without Z or an offset"
                               : "the time of day after the date is not HH:MM or HH:MM:SS");
  }
  if (h > 23) return bad_date(text, absl::StrCat("the time of day has no hour ", h, " (0-23)"));
  if (mi > 59) {
    return bad_date(text, absl::StrCat("the time of day has no minute ", mi, " (00-59)"));
  }
  if (seconds && s > 59) {
    return bad_date(text, absl::StrCat("the time of day has no second ", s, " (00-59)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DayNumber> parse_date(std::string_view text, const DateOptions& options) {
  constexpr std::string_view kExpected =
      "expected YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD";
  // A time of day after the date is checked, then dropped: the day is the date as written.
  const bool iso_head = text.size() >= 10 && text[4] == '-' && text[7] == '-';
  const std::size_t split = text.find_first_of(iso_head ? " T" : " ");
  if (split != std::string_view::npos) {
    // The date first ("1st Jan 2018" is no date followed by a time).
    auto day = parse_date(text.substr(0, split), options);
    if (!day.ok()) return day;
    std::size_t t = split + 1;
    while (t < text.size() && text[split] == ' ' && text[t] == ' ') ++t;  // "02/10/2017  14:30"
    if (auto s = check_time(text.substr(t)); !s.ok()) return s;
    return day;
  }
  int y = 0, m = 0, d = 0;
  std::size_t pos = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!read_number(text, pos, 4, 4, y) || text[pos++] != '-' ||
        !read_number(text, pos, 2, 2, m) || text[pos++] != '-' ||
        !read_number(text, pos, 2, 2, d) || pos != text.size()) {
      return bad_date(text, kExpected);
    }
  } else if (text.find('/') != std::string_view::npos) {
    if (!read_number(text, pos, 1, 2, d) || pos >= text.size() || text[pos++] != '/' ||
        !read_number(text, pos, 1, 2, m) || pos >= text.size() || text[pos++] != '/') {
      return bad_date(text, kExpected);
    }
    const std::size_t year_at = pos;
    if (!read_number(text, pos, 2, 4, y) || pos != text.size() || pos - year_at == 3) {
      return bad_date(text, kExpected);
    }
    if (pos - year_at == 2) {
      if (!options.two_digit_year_pivot) {
        return bad_date(text,
                        "a two-digit year is ambiguous: write the year in full (DD/MM/YYYY), or "
                        "set two_digit_years in the profile");
      }
      y += y < *options.two_digit_year_pivot ? 2000 : 1900;
    }
  } else {
    return bad_date(text, text.empty() ? "the date is empty" : kExpected);
  }
  if (y < 1900 || y > 2200) return bad_date(text, "the year is outside 1900-2200");
  if (m < 1 || m > 12) return bad_date(text, absl::StrCat("there is no month ", m));
  if (d < 1 || d > days_in_month(y, m)) {
    return bad_date(text, absl::StrFormat("%04d-%02d has no day %d", y, m, d));
  }
  return to_day_number(absl::CivilDay(y, m, d));
}

std::string format_date(DayNumber day) {
  absl::CivilDay c = to_civil_day(day);
  return absl::StrFormat("%04d-%02d-%02d", c.year(), c.month(), c.day());
}

}  // namespace qaframe
