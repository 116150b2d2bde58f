#pragma once
// The texts of workbook cells (internal to the workbook reader): numbers as the shortest text
// that reads back the same, numbers in date and time formats as ISO text (both date systems,
// Excel's 1900 leap-year quirk), ISO date cells, and the _xHHHH_ escapes of OOXML strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"

namespace qaframe::detail {

/// How a number format shows a number: as a number, or as a date, a time or both.
enum class DateKind : std::uint8_t {
  kNone,      ///< a number
  kDate,      ///< a day
  kDateTime,  ///< a day and a time of day
  kTime,      ///< a time of day
  kElapsed,   ///< a duration in hours ([h]:mm:ss)
};

/// Decodes the _xHHHH_ escapes of `s` from byte `from` on, in place.
void decode_escapes(std::string& s, std::size_t from);
/// Appends the shortest text that reads back as `v` (integers in full below 10^16).
void append_number(std::string& out, double v);
/// The date kind of a custom number format code.
DateKind classify_format(std::string_view code);
/// The date kind of a built-in number format.
DateKind builtin_format_kind(std::uint64_t id);
/// Appends "HH:MM:SS" of seconds since midnight.
void append_clock(std::string& out, std::int64_t seconds_of_day);
/// Appends "YYYY-MM-DD".
void append_day(std::string& out, absl::CivilDay day);
/// Appends a serial day number shown in a format of `kind` as ISO text, in the 1904 date system
/// or the 1900 one; false (nothing appended) for a number no date can show.
bool append_serial(std::string& out, double serial, DateKind kind, bool date1904);

/// An ISO 8601 date or date-time of a t="d" cell, as day and seconds of the day.
struct IsoDateTime {
  absl::CivilDay day;        ///< the day written
  std::int64_t seconds = 0;  ///< seconds since midnight (a zone is dropped)
  bool has_time = false;     ///< a time was written
};
/// The date or date-time of an ISO 8601 text; nullopt when it is not one.
std::optional<IsoDateTime> parse_iso_datetime(std::string_view s);

}  // namespace qaframe::detail
