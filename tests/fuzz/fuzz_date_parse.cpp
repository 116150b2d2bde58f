// The date parser on any text: a date in 1900-2200 that formats and parses back to itself, or an
// error saying why.
#include "fuzz_target.hpp"
#include "qaframe/model/date.hpp"

QAFRAME_FUZZ_TARGET(date_parse) {
  auto day = qaframe::parse_date(data);
  if (!day.ok()) {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(day.status()));
    QAFRAME_FUZZ_CHECK(!day.status().message().empty());
    return;
  }
  const absl::CivilDay civil = qaframe::to_civil_day(*day);
  QAFRAME_FUZZ_CHECK(civil.year() >= 1900 && civil.year() <= 2200);
  const std::string iso = qaframe::format_date(*day);
  QAFRAME_FUZZ_CHECK(iso.size() == 10);
  auto again = qaframe::parse_date(iso);
  QAFRAME_FUZZ_CHECK(again.ok() && *again == *day);
}
