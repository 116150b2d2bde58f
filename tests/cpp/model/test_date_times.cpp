// parse_date with a time of day (dropped, checked) and two-digit years (only with a pivot).
#include <doctest/doctest.h>

#include <string>

#include "absl/time/civil_time.h"
#include "qaframe/model/date.hpp"

using qaframe::parse_date;

namespace {
qaframe::DayNumber day(int y, int m, int d) {
  return qaframe::to_day_number(absl::CivilDay(y, m, d));
}
std::string why(std::string_view text, const qaframe::DateOptions& options = {}) {
  auto r = parse_date(text, options);
  return r.ok() ? std::string("(parsed)") : std::string(r.status().message());
}
}  // namespace

TEST_CASE("date-time: the day as written, the time dropped") {
  const auto oct2 = day(2017, 10, 2);
  for (const char* text :
       {"02/10/2017 14:30", "2/10/2017 9:05", "02/10/2017 14:30:59", "02/10/2017  14:30",
        "2017-10-02 14:30", "2017-10-02 00:00:00", "2017-10-02T14:30", "2017-10-02T23:59:59",
        "2017-10-02 14:30:00.000", "2017-10-02T14:30:00.1234567", "02/10/2017 00:00"}) {
    CAPTURE(text);
    auto d = parse_date(text);
    REQUIRE(d.ok());
    CHECK(*d == oct2);
  }
  // Just before midnight is still the day written (no time zone, no rounding).
  CHECK(*parse_date("31/12/2017 23:59:59") == day(2017, 12, 31));
}

TEST_CASE("date-time: a time that cannot be is refused, saying why") {
  CHECK(why("02/10/2017 25:00") == "not a date: the time of day has no hour 25 (0-23)");
  CHECK(why("02/10/2017 24:00") == "not a date: the time of day has no hour 24 (0-23)");
  CHECK(why("2017-10-02T14:60") == "not a date: the time of day has no minute 60 (00-59)");
  CHECK(why("2017-10-02 14:30:61") == "not a date: the time of day has no second 61 (00-59)");
  for (const char* text :
       {"02/10/2017 14", "02/10/2017 14:3", "02/10/2017 14:30:", "02/10/2017 ",
        "02/10/2017 14:30:00.", "02/10/2017 2pm", "2017-10-02 14h30", "02/10/2017 114:30"}) {
    CAPTURE(text);
    CHECK(why(text) == "not a date: the time of day after the date is not HH:MM or HH:MM:SS");
  }
  for (const char* text :
       {"2017-10-02T14:30:00Z", "2017-10-02T14:30+01:00", "2017-10-02T14:30:00-05:00"}) {
    CAPTURE(text);
    CHECK(why(text) ==
          "not a date: a time zone is not accepted: give the date (and time) as written locally, "
          "without Z or an offset");
  }
  // T joins a time to an ISO date only.
  CHECK(why("02/10/2017T14:30") ==
        "not a date: expected YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD");
  // The date before the time is checked as ever: never MM/DD.
  CHECK(why("10/13/2017 14:30") == "not a date: there is no month 13");
}

TEST_CASE("date: two-digit years only with a pivot") {
  CHECK(why("02/10/17") ==
        "not a date: a two-digit year is ambiguous: write the year in full (DD/MM/YYYY), or set "
        "two_digit_years in the profile");
  qaframe::DateOptions pivot;
  pivot.two_digit_year_pivot = 50;
  CHECK(*parse_date("02/10/17", pivot) == day(2017, 10, 2));
  CHECK(*parse_date("02/10/49 10:00", pivot) == day(2049, 10, 2));
  CHECK(*parse_date("02/10/50", pivot) == day(1950, 10, 2));
  CHECK(*parse_date("1/1/00", pivot) == day(2000, 1, 1));
  CHECK(*parse_date("02/10/2017", pivot) == day(2017, 10, 2));  // four digits as ever
  CHECK(why("02/10/217", pivot) ==
        "not a date: expected YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD");
  CHECK(why("29/02/17", pivot) == "not a date: 2017-02 has no day 29");
  CHECK_FALSE(parse_date("17-10-02", pivot).ok());  // ISO always has four
}

TEST_CASE("date-time: text that is no date before a space is no date") {
  CHECK(why("1st Jan 2018") ==
        "not a date: expected YYYY-MM-DD (ISO) or DD/MM/YYYY (UK); dates are never read as MM/DD");
  CHECK(why("31/02/2018 10:00") == "not a date: 2018-02 has no day 31");
  CHECK(why("2018-02-31T10:00") == "not a date: 2018-02 has no day 31");
}
