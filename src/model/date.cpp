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

}  // namespace

absl::StatusOr<DayNumber> parse_date(std::string_view text) {
  constexpr std::string_view kExpected =
      "expected YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD";
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
        !read_number(text, pos, 1, 2, m) || pos >= text.size() || text[pos++] != '/' ||
        !read_number(text, pos, 4, 4, y) || pos != text.size()) {
      return bad_date(text, kExpected);
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
