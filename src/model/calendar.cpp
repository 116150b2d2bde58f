#include "qaframe/model/calendar.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe {
namespace {

struct Entry {
  int year, month, day;
  char region;
  const char* name;
};

constexpr Entry kTable[] = {
#include "bank_holidays_table.inc"
};

// One region's holidays, and the number of working days before each day of the covered years
// (so that a count between two dates is one subtraction).
struct RegionTable {
  std::vector<BankHoliday> holidays;
  std::vector<DayNumber> days;        // sorted holiday dates
  std::vector<std::int32_t> working;  // working[i]: working days in [first_day, first_day + i)
};

// Functions rather than globals: no order of static initialisation to depend on.
DayNumber first_day() { return to_day_number(absl::CivilDay(kFirstBankHolidayYear, 1, 1)); }
DayNumber last_day() { return to_day_number(absl::CivilDay(kLastBankHolidayYear, 12, 31)); }

char region_code(Region region) {
  switch (region) {
    case Region::kScotland:
      return 'S';
    case Region::kNorthernIreland:
      return 'N';
    case Region::kEnglandAndWales:
      break;
  }
  return 'E';
}

RegionTable build(Region region) {
  RegionTable t;
  const char code = region_code(region);
  for (const Entry& e : kTable) {
    if (e.region != code) continue;
    t.holidays.push_back({to_day_number(absl::CivilDay(e.year, e.month, e.day)), e.name});
  }
  std::stable_sort(t.holidays.begin(), t.holidays.end(),
                   [](const BankHoliday& a, const BankHoliday& b) { return a.day < b.day; });
  for (const BankHoliday& h : t.holidays) t.days.push_back(h.day);
  t.working.reserve(static_cast<std::size_t>(last_day() - first_day()) + 2);
  t.working.push_back(0);
  std::size_t next = 0;
  for (DayNumber d = first_day(); d <= last_day(); ++d) {
    while (next < t.days.size() && t.days[next] < d) ++next;
    const bool holiday = next < t.days.size() && t.days[next] == d;
    t.working.push_back(t.working.back() + (!holiday && !is_weekend(d) ? 1 : 0));
  }
  return t;
}

const RegionTable& table(Region region) {
  // Built once on first use from the compiled-in constant table; read-only afterwards.
  static const std::array<RegionTable, 3> tables = {
      build(Region::kEnglandAndWales), build(Region::kScotland), build(Region::kNorthernIreland)};
  return tables[static_cast<std::size_t>(region)];
}

absl::Status check_covered(DayNumber day) {
  if (calendar_covers(day)) return absl::OkStatus();
  return absl::OutOfRangeError(
      absl::StrCat(format_date(day), " is outside the years whose bank holidays qaframe ships (",
                   kFirstBankHolidayYear, "-", kLastBankHolidayYear, ")"));
}

bool holiday(const RegionTable& t, DayNumber day) {
  return std::binary_search(t.days.begin(), t.days.end(), day);
}

}  // namespace

std::string_view region_name(Region region) {
  switch (region) {
    case Region::kScotland:
      return "scotland";
    case Region::kNorthernIreland:
      return "northern_ireland";
    case Region::kEnglandAndWales:
      break;
  }
  return "england_and_wales";
}

absl::StatusOr<Region> parse_region(std::string_view name) {
  std::string key;
  for (char c : trim(name)) {
    if (c == ' ' || c == '-' || c == '_') {
      if (!key.empty() && key.back() != '_') key.push_back('_');
    } else {
      key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  for (Region r : {Region::kEnglandAndWales, Region::kScotland, Region::kNorthernIreland})
    if (key == region_name(r)) return r;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown region '", sv(name), "'; accepted: england_and_wales, scotland, northern_ireland"));
}

std::span<const BankHoliday> bank_holidays(Region region) { return table(region).holidays; }

bool is_weekend(DayNumber day) {
  // 1970-01-01 was a Thursday: (day + 3) mod 7 counts from Monday = 0.
  const int weekday = ((day + 3) % 7 + 7) % 7;
  return weekday >= 5;
}

bool calendar_covers(DayNumber day) { return day >= first_day() && day <= last_day(); }

absl::StatusOr<bool> is_bank_holiday(DayNumber day, Region region) {
  if (auto s = check_covered(day); !s.ok()) return s;
  return holiday(table(region), day);
}

absl::StatusOr<bool> is_working_day(DayNumber day, Region region) {
  if (auto s = check_covered(day); !s.ok()) return s;
  return !is_weekend(day) && !holiday(table(region), day);
}

absl::StatusOr<std::int64_t> working_days_between(DayNumber from, DayNumber to, Region region) {
  if (auto s = check_covered(from); !s.ok()) return s;
  if (auto s = check_covered(to); !s.ok()) return s;
  const auto& w = table(region).working;
  // Working days in (from, to] = those in [first, to] minus those in [first, from].
  const DayNumber first = first_day();
  auto upto = [&](DayNumber d) { return w[static_cast<std::size_t>(d - first) + 1]; };
  return static_cast<std::int64_t>(upto(to)) - upto(from);
}

absl::StatusOr<DayNumber> add_working_days(DayNumber from, std::int64_t n, Region region) {
  if (auto s = check_covered(from); !s.ok()) return s;
  const RegionTable& t = table(region);
  const int step = n < 0 ? -1 : 1;
  DayNumber day = from;
  for (std::int64_t left = n < 0 ? -n : n; left > 0;) {
    day += step;
    if (auto s = check_covered(day); !s.ok()) return s;
    if (!is_weekend(day) && !holiday(t, day)) --left;
  }
  return day;
}

}  // namespace qaframe
