#pragma once
/// @file date.hpp
/// Calendar dates as day numbers, parsed from ISO (YYYY-MM-DD) or UK (DD/MM/YYYY) text only.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace qaframe {

/// A calendar date as the number of days since 1970-01-01 (compact: 4 bytes).
using DayNumber = std::int32_t;

/// The day number of a civil day.
inline DayNumber to_day_number(absl::CivilDay day) {
  return static_cast<DayNumber>(day - absl::CivilDay(1970, 1, 1));
}
/// The civil day of a day number.
inline absl::CivilDay to_civil_day(DayNumber day) { return absl::CivilDay(1970, 1, 1) + day; }

/// Parses ISO `YYYY-MM-DD` or UK `DD/MM/YYYY` (day and month may have one digit). Anything else,
/// including an impossible date such as 31/02/2018, is an InvalidArgument error saying why (the
/// caller names the value): a date is never read as MM/DD/YYYY.
absl::StatusOr<DayNumber> parse_date(std::string_view text);

/// ISO 8601 text `YYYY-MM-DD` of a day number.
std::string format_date(DayNumber day);

}  // namespace qaframe
