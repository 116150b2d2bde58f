// parse_date / format_date: ISO and UK dates only, never MM/DD, impossible dates refused.
#include <doctest/doctest.h>

#include <string>

#include "absl/time/civil_time.h"
#include "qaframe/model/date.hpp"

using qaframe::DayNumber;
using qaframe::format_date;
using qaframe::parse_date;

namespace {
DayNumber day(int y, int m, int d) { return qaframe::to_day_number(absl::CivilDay(y, m, d)); }

std::string why(std::string_view text) {
  auto r = parse_date(text);
  return r.ok() ? std::string("(parsed)") : std::string(r.status().message());
}
}  // namespace

TEST_CASE("date: day numbers count from 1970-01-01") {
  CHECK(day(1970, 1, 1) == 0);
  CHECK(day(1970, 1, 2) == 1);
  CHECK(day(1969, 12, 31) == -1);
  CHECK(day(2000, 3, 1) == 11017);
  CHECK(qaframe::to_civil_day(11017) == absl::CivilDay(2000, 3, 1));
}

TEST_CASE("date: ISO dates") {
  CHECK(*parse_date("2017-10-02") == day(2017, 10, 2));
  CHECK(*parse_date("2018-03-31") == day(2018, 3, 31));
  CHECK(*parse_date("2000-02-29") == day(2000, 2, 29));
  CHECK_FALSE(parse_date("2017-1-02").ok());  // ISO needs two-digit month
  CHECK_FALSE(parse_date("2017-10-2").ok());
  CHECK_FALSE(parse_date("2017/10/02").ok());  // slashes are UK order only
  CHECK_FALSE(parse_date("2017-13-01").ok());
  CHECK_FALSE(parse_date("2017-00-10").ok());
  CHECK_FALSE(parse_date("2017-10-00").ok());
  CHECK(*parse_date("2017-10-02T10:00") == day(2017, 10, 2));  // a time of day is dropped
  CHECK_FALSE(parse_date("20171002").ok());
}

TEST_CASE("date: UK dates, with one-digit day and month") {
  CHECK(*parse_date("02/10/2017") == day(2017, 10, 2));
  CHECK(*parse_date("2/10/2017") == day(2017, 10, 2));
  CHECK(*parse_date("9/3/2018") == day(2018, 3, 9));
  CHECK(*parse_date("09/03/2018") == day(2018, 3, 9));
  CHECK(*parse_date("31/12/2017") == day(2017, 12, 31));
  CHECK(*parse_date("1/1/2018") == day(2018, 1, 1));
  CHECK_FALSE(parse_date("02/10/17").ok());  // two-digit year
  CHECK_FALSE(parse_date("002/10/2017").ok());
  CHECK_FALSE(parse_date("02/10/2017 ").ok());
  CHECK_FALSE(parse_date("02/10/20170").ok());
  CHECK_FALSE(parse_date("02//2017").ok());
  CHECK_FALSE(parse_date("02/10").ok());
  CHECK_FALSE(parse_date("02-10-2017").ok());
}

TEST_CASE("date: leap days and month lengths") {
  CHECK(*parse_date("29/02/2016") == day(2016, 2, 29));
  CHECK(*parse_date("2016-02-29") == day(2016, 2, 29));
  CHECK(*parse_date("29/02/2000") == day(2000, 2, 29));
  CHECK_FALSE(parse_date("29/02/2017").ok());
  CHECK_FALSE(parse_date("2017-02-29").ok());
  CHECK_FALSE(parse_date("29/02/1900").ok());  // century, not a leap year
  CHECK_FALSE(parse_date("29/02/2100").ok());
  CHECK_FALSE(parse_date("31/04/2018").ok());
  CHECK_FALSE(parse_date("31/06/2018").ok());
  CHECK_FALSE(parse_date("31/09/2018").ok());
  CHECK_FALSE(parse_date("31/11/2018").ok());
  CHECK_FALSE(parse_date("32/01/2018").ok());
  CHECK(*parse_date("30/04/2018") == day(2018, 4, 30));
  CHECK(*parse_date("31/05/2018") == day(2018, 5, 31));
  CHECK(why("29/02/2017").find("2017-02 has no day 29") != std::string::npos);
  CHECK(why("31/04/2018").find("2018-04 has no day 31") != std::string::npos);
  auto err = parse_date("29/02/2017");
  REQUIRE_FALSE(err.ok());
  CHECK(absl::IsInvalidArgument(err.status()));
}

TEST_CASE("date: never read as MM/DD") {
  // October 13th written US style: there is no month 13.
  auto us = parse_date("10/13/2017");
  REQUIRE_FALSE(us.ok());
  CHECK(why("10/13/2017").find("no month 13") != std::string::npos);
  CHECK(why("10/13/2017").rfind("not a date: ", 0) == 0);
  // A date that could be read either way is day / month: 12 January, not 1 December.
  CHECK(*parse_date("12/01/2018") == day(2018, 1, 12));
  CHECK(*parse_date("01/12/2018") == day(2018, 12, 1));
  CHECK(format_date(*parse_date("12/01/2018")) == "2018-01-12");
}

TEST_CASE("date: garbage and empty text") {
  for (const char* text : {"", " ", "yesterday", "N/A", "2017", "a1/02/2017", "01/0b/2017",
                           "01/02/20x7", "//", "2017-1a-01", "--------10", "1/2/3/2017"}) {
    CAPTURE(text);
    auto r = parse_date(text);
    REQUIRE_FALSE(r.ok());
    CHECK(absl::IsInvalidArgument(r.status()));
  }
  CHECK(why("").find("empty") != std::string::npos);
  CHECK(why("yesterday").rfind("not a date: ", 0) == 0);
  CHECK(why("yesterday").find("DD/MM/YYYY") != std::string::npos);
  CHECK(why("01/01/1800").find("year") != std::string::npos);
}

TEST_CASE("date: format and round trip") {
  CHECK(format_date(0) == "1970-01-01");
  CHECK(format_date(day(2017, 10, 2)) == "2017-10-02");
  CHECK(format_date(day(2018, 3, 9)) == "2018-03-09");
  CHECK(format_date(-1) == "1969-12-31");
  for (const char* iso : {"2017-10-02", "2016-02-29", "2018-12-31", "1999-01-01", "2100-02-28"}) {
    CAPTURE(iso);
    auto d = parse_date(iso);
    REQUIRE(d.ok());
    CHECK(format_date(*d) == iso);
  }
  // Every day of 2016-2019 survives format -> parse, and UK text of it parses to the same day.
  for (DayNumber d = day(2016, 1, 1); d <= day(2019, 12, 31); ++d) {
    const std::string iso = format_date(d);
    auto back = parse_date(iso);
    REQUIRE(back.ok());
    REQUIRE(*back == d);
    const std::string uk = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
    auto uk_back = parse_date(uk);
    REQUIRE(uk_back.ok());
    REQUIRE(*uk_back == d);
  }
}
