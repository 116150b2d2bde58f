#pragma once
/// @file date.hpp
/// Calendar dates as day numbers, parsed from ISO (YYYY-MM-DD) or UK (DD/MM/YYYY) text only, with
/// or without a time of day (dropped: the day is the date as written).

#include <cstdint>
#include <optional>
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

/// How dates are read, beyond what is always accepted (an export profile's `[input]` dates).
struct DateOptions {
  /// Two-digit years (`DD/MM/YY`) are refused unless this is set: then a year YY below the pivot
  /// is 20YY and any other 19YY (pivot 50: 49 is 2049, 50 is 1950). ISO dates always have four.
  std::optional<int> two_digit_year_pivot;
  friend bool operator==(const DateOptions&, const DateOptions&) = default;
};

/// Parses ISO `YYYY-MM-DD` or UK `DD/MM/YYYY` (day and month may have one digit), each optionally
/// followed by a time of day, which is checked and dropped: ` HH:MM` or ` HH:MM:SS` after either
/// (the hour may have one digit; seconds may have a decimal fraction, `14:30:00.000`), or
/// `THH:MM[:SS]` after an ISO date. Anything else, including an impossible date such as
/// 31/02/2018 or time such as 25:00, a time zone, or a two-digit year (unless `options` allows
/// it), is an InvalidArgument error saying why (the caller names the value): a date is never
/// read as MM/DD/YYYY.
absl::StatusOr<DayNumber> parse_date(std::string_view text, const DateOptions& options = {});

/// ISO 8601 text `YYYY-MM-DD` of a day number.
std::string format_date(DayNumber day);

}  // namespace qaframe
