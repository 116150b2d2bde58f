// Working days and the shipped UK bank holidays: Easter, Christmas on a weekend with substitute
// days, the moved and extra holidays, a leap day, Scotland and Northern Ireland, and dates
// outside the table.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "qaframe/model/calendar.hpp"

namespace {

using qaframe::Region;

qaframe::DayNumber day(const char* iso) { return *qaframe::parse_date(iso); }

// The weekday bank holidays of a year (those that change a working-day count), ISO dates.
std::vector<std::string> weekday_holidays(int year, Region region = Region::kEnglandAndWales) {
  std::vector<std::string> out;
  for (const auto& h : qaframe::bank_holidays(region)) {
    const std::string iso = qaframe::format_date(h.day);
    if (iso.substr(0, 4) == std::to_string(year) && !qaframe::is_weekend(h.day)) out.push_back(iso);
  }
  return out;
}

}  // namespace

TEST_CASE("calendar: England and Wales bank holidays as gov.uk publishes them") {
  // https://www.gov.uk/bank-holidays (England and Wales).
  CHECK(weekday_holidays(2016) == std::vector<std::string>{"2016-01-01", "2016-03-25", "2016-03-28",
                                                           "2016-05-02", "2016-05-30", "2016-08-29",
                                                           "2016-12-26", "2016-12-27"});
  CHECK(weekday_holidays(2020) == std::vector<std::string>{"2020-01-01", "2020-04-10", "2020-04-13",
                                                           "2020-05-08", "2020-05-25", "2020-08-31",
                                                           "2020-12-25", "2020-12-28"});
  CHECK(weekday_holidays(2022) == std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18",
                                                           "2022-05-02", "2022-06-02", "2022-06-03",
                                                           "2022-08-29", "2022-09-19", "2022-12-26",
                                                           "2022-12-27"});
  CHECK(weekday_holidays(2012) == std::vector<std::string>{"2012-01-02", "2012-04-06", "2012-04-09",
                                                           "2012-05-07", "2012-06-04", "2012-06-05",
                                                           "2012-08-27", "2012-12-25",
                                                           "2012-12-26"});
  CHECK(weekday_holidays(2011) == std::vector<std::string>{"2011-01-03", "2011-04-22", "2011-04-25",
                                                           "2011-04-29", "2011-05-02", "2011-05-30",
                                                           "2011-08-29", "2011-12-26",
                                                           "2011-12-27"});
  CHECK(weekday_holidays(2023) == std::vector<std::string>{"2023-01-02", "2023-04-07", "2023-04-10",
                                                           "2023-05-01", "2023-05-08", "2023-05-29",
                                                           "2023-08-28", "2023-12-25",
                                                           "2023-12-26"});
}

TEST_CASE("calendar: working days around Easter 2016") {
  // Good Friday 25 March and Easter Monday 28 March 2016.
  CHECK(*qaframe::is_bank_holiday(day("2016-03-25")));
  CHECK(*qaframe::is_bank_holiday(day("2016-03-28")));
  CHECK(!*qaframe::is_working_day(day("2016-03-28")));
  CHECK(*qaframe::is_working_day(day("2016-03-29")));
  // Thursday 24 to Tuesday 29 March: only the Tuesday is a working day after the Thursday.
  CHECK(*qaframe::working_days_between(day("2016-03-24"), day("2016-03-29")) == 1);
  CHECK(*qaframe::add_working_days(day("2016-03-24"), 1) == day("2016-03-29"));
  CHECK(*qaframe::add_working_days(day("2016-03-29"), -1) == day("2016-03-24"));
  CHECK(*qaframe::working_days_between(day("2016-03-29"), day("2016-03-24")) == -1);
  // Easter Monday is not a bank holiday in Scotland.
  CHECK(*qaframe::is_working_day(day("2016-03-28"), Region::kScotland));
}

TEST_CASE("calendar: Christmas on a weekend and its substitute days") {
  // 2021: Christmas Saturday, Boxing Day Sunday: Monday 27 and Tuesday 28 are the holidays.
  CHECK(*qaframe::is_bank_holiday(day("2021-12-27")));
  CHECK(*qaframe::is_bank_holiday(day("2021-12-28")));
  CHECK(*qaframe::add_working_days(day("2021-12-24"), 1) == day("2021-12-29"));
  CHECK(*qaframe::working_days_between(day("2021-12-24"), day("2022-01-04")) == 4);  // 29-31, 4
  // 2022: Christmas Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
  CHECK(*qaframe::is_bank_holiday(day("2022-12-26")));
  CHECK(*qaframe::is_bank_holiday(day("2022-12-27")));
  CHECK(*qaframe::is_working_day(day("2022-12-28")));
  // 2020: Boxing Day Saturday: Monday 28 December.
  CHECK(*qaframe::add_working_days(day("2020-12-24"), 1) == day("2020-12-29"));
  // Friday 22 December 2017 (the sample's year): one working day on is Wednesday 27 December.
  CHECK(*qaframe::add_working_days(day("2017-12-22"), 1) == day("2017-12-27"));
  // The names, as gov.uk gives them.
  bool named = false;
  for (const auto& h : qaframe::bank_holidays(Region::kEnglandAndWales))
    if (h.day == day("2021-12-28")) named = h.name == "Boxing Day (substitute day)";
  CHECK(named);
}

TEST_CASE("calendar: moved and extra holidays, and a leap day") {
  // 2020: the Early May bank holiday moved to Friday 8 May (VE day); Monday 4 May worked.
  CHECK(*qaframe::is_bank_holiday(day("2020-05-08")));
  CHECK(*qaframe::is_working_day(day("2020-05-04")));
  CHECK(*qaframe::is_bank_holiday(day("2022-09-19")));
  CHECK(*qaframe::is_working_day(day("2022-05-30")));  // Spring moved to 2 June
  // Friday 26 February 2016 to Tuesday 1 March: Monday 29 February and Tuesday 1 March.
  CHECK(*qaframe::working_days_between(day("2016-02-26"), day("2016-03-01")) == 2);
  CHECK(*qaframe::add_working_days(day("2016-02-26"), 1) == day("2016-02-29"));
  CHECK(*qaframe::is_working_day(day("2016-02-29")));
  CHECK(!*qaframe::is_working_day(day("2020-02-29")));  // a Saturday
  CHECK(*qaframe::working_days_between(day("2016-01-01"), day("2016-12-31")) == 253);
  CHECK(*qaframe::add_working_days(day("2016-03-26"), 0) == day("2016-03-26"));
}

TEST_CASE("calendar: Scotland and Northern Ireland") {
  CHECK(weekday_holidays(2019, Region::kScotland) ==
        std::vector<std::string>{"2019-01-01", "2019-01-02", "2019-04-19", "2019-05-06",
                                 "2019-05-27", "2019-08-05", "2019-12-02", "2019-12-25",
                                 "2019-12-26"});
  CHECK(weekday_holidays(2022, Region::kScotland) ==
        std::vector<std::string>{"2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02",
                                 "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19",
                                 "2022-11-30", "2022-12-26", "2022-12-27"});
  CHECK(weekday_holidays(2018, Region::kNorthernIreland) ==
        std::vector<std::string>{"2018-01-01", "2018-03-19", "2018-03-30", "2018-04-02",
                                 "2018-05-07", "2018-05-28", "2018-07-12", "2018-08-27",
                                 "2018-12-25", "2018-12-26"});
  CHECK(*qaframe::is_bank_holiday(day("2020-07-13"), Region::kNorthernIreland));
  CHECK(!*qaframe::is_bank_holiday(day("2020-07-13")));
  CHECK(*qaframe::parse_region("Northern Ireland") == Region::kNorthernIreland);
  CHECK(*qaframe::parse_region("england-and-wales") == Region::kEnglandAndWales);
  CHECK(qaframe::parse_region("Wales").status().message() ==
        "unknown region 'Wales'; accepted: england_and_wales, scotland, northern_ireland");
}

TEST_CASE("calendar: dates outside 2010-2035 are OutOfRange, never a guess") {
  auto r = qaframe::working_days_between(day("2009-12-31"), day("2010-01-05"));
  REQUIRE(!r.ok());
  CHECK(absl::IsOutOfRange(r.status()));
  CHECK(r.status().message() ==
        "2009-12-31 is outside the years whose bank holidays qaframe ships (2010-2035)");
  CHECK(!qaframe::add_working_days(day("2035-12-31"), 1).ok());
  CHECK(qaframe::calendar_covers(day("2035-12-31")));
  CHECK(!qaframe::calendar_covers(day("2036-01-01")));
  CHECK(!qaframe::is_working_day(day("2036-01-02")).ok());
}
