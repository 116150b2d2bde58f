#!/usr/bin/env python3
"""Write src/model/bank_holidays_table.inc: the UK bank holidays 2010-2035 that qaframe ships.

The table is generated, checked into the source and compiled into the library: nothing is
fetched at run time. ``--check`` compares the checked-in file with what the rules give and
fails on any difference (the test suite runs it).

Rules (Banking and Financial Dealings Act 1971 and the royal proclamations made under it, as
published at https://www.gov.uk/bank-holidays):

All three regions
  - New Year's Day, 1 January.
  - Good Friday (Easter Sunday by the Gregorian computus, "Anonymous Gregorian algorithm",
    Meeus, Astronomical Algorithms, 1991, ch. 8).
  - Early May bank holiday: the first Monday of May.
  - Spring bank holiday: the last Monday of May.
  - Christmas Day, 25 December; Boxing Day, 26 December.
England and Wales, and Northern Ireland
  - Easter Monday.
  - Summer bank holiday: the last Monday of August.
Scotland
  - 2nd January; Summer bank holiday on the first Monday of August; St Andrew's Day, 30
    November (St Andrew's Day Bank Holiday (Scotland) Act 2007). No Easter Monday.
Northern Ireland
  - St Patrick's Day, 17 March; Battle of the Boyne (Orangemen's Day), 12 July.

Substitute days: a holiday falling on a Saturday or Sunday is replaced by the first weekday
after it that is not already a holiday, taking the holidays in date order (so Christmas on a
Saturday gives Monday 27 and Tuesday 28 December; Christmas on a Sunday gives Boxing Day on
Monday 26 and a substitute on Tuesday 27).

One-off changes by proclamation, 2010-2035 (all regions unless stated):
  - 2011-04-29 Royal wedding (extra).
  - 2012: Spring bank holiday moved from 28 May to Monday 4 June; 5 June Queen's Diamond
    Jubilee (extra).
  - 2020: Early May bank holiday moved from 4 May to Friday 8 May (VE Day, 75th anniversary).
  - 2022: Spring bank holiday moved from 30 May to Thursday 2 June; 3 June Platinum Jubilee
    (extra); 19 September State Funeral of Queen Elizabeth II (extra).
  - 2023-05-08 Coronation of King Charles III (extra; 1 May stays the Early May holiday).
Years after those published at the time of writing (2026 on) follow the rules alone: a future
proclamation (a jubilee, a funeral, a moved holiday) is not known and must be added here.
"""
import argparse
import datetime as dt
import os
import sys

FIRST, LAST = 2010, 2035
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "model",
                   "bank_holidays_table.inc")
REGIONS = {"E": "England and Wales", "S": "Scotland", "N": "Northern Ireland"}

MOVED = {  # (year, rule name) -> the day it moved to
    (2012, "Spring bank holiday"): dt.date(2012, 6, 4),
    (2020, "Early May bank holiday"): dt.date(2020, 5, 8),
    (2022, "Spring bank holiday"): dt.date(2022, 6, 2),
}
MOVED_NAMES = {dt.date(2020, 5, 8): "Early May bank holiday (VE day)"}
EXTRA = [
    (dt.date(2011, 4, 29), "Royal wedding"),
    (dt.date(2012, 6, 5), "Queen's Diamond Jubilee"),
    (dt.date(2022, 6, 3), "Platinum Jubilee bank holiday"),
    (dt.date(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
    (dt.date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
]


def easter_sunday(year):
    """Anonymous Gregorian algorithm (Meeus 1991)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def first_monday(year, month):
    day = dt.date(year, month, 1)
    return day + dt.timedelta((7 - day.weekday()) % 7)


def last_monday(year, month):
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    day = nxt - dt.timedelta(1)
    return day - dt.timedelta(day.weekday())


def holidays(year, region):
    """[(date, name)] of one region and year, substitutes included, in date order."""
    easter = easter_sunday(year)
    fixed = [(dt.date(year, 1, 1), "New Year's Day")]  # may fall on a weekend
    if region == "S":
        fixed.append((dt.date(year, 1, 2), "2nd January"))
    if region == "N":
        fixed.append((dt.date(year, 3, 17), "St Patrick's Day"))
        fixed.append((dt.date(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"))
    if region == "S":
        fixed.append((dt.date(year, 11, 30), "St Andrew's Day"))
    fixed += [(dt.date(year, 12, 25), "Christmas Day"), (dt.date(year, 12, 26), "Boxing Day")]
    weekday = [(easter - dt.timedelta(2), "Good Friday")]
    if region != "S":
        weekday.append((easter + dt.timedelta(1), "Easter Monday"))
    for name, day in [("Early May bank holiday", first_monday(year, 5)),
                      ("Spring bank holiday", last_monday(year, 5)),
                      ("Summer bank holiday",
                       first_monday(year, 8) if region == "S" else last_monday(year, 8))]:
        moved = MOVED.get((year, name))
        weekday.append((moved, MOVED_NAMES.get(moved, name)) if moved else (day, name))
    weekday += [(d, n) for d, n in EXTRA if d.year == year]
    taken = {d for d, _ in fixed + weekday}
    out = list(weekday)
    for day, name in sorted(fixed):
        out.append((day, name))  # the day itself, a holiday even on a weekend
        if day.weekday() >= 5:
            sub = day + dt.timedelta(1)
            while sub.weekday() >= 5 or sub in taken:
                sub += dt.timedelta(1)
            taken.add(sub)
            out.append((sub, f"{name} (substitute day)"))
    return sorted(out)


def table():
    return [(region, day, name) for region in REGIONS for year in range(FIRST, LAST + 1)
            for day, name in holidays(year, region)]


def render():
    lines = ["// Generated by scripts/make_bank_holidays.py from the rules stated there; do not edit.",
             "// UK bank holidays " f"{FIRST}-{LAST}" ": {year, month, day, region, name}; region E",
             "// England and Wales, S Scotland, N Northern Ireland. Days on a weekend are listed",
             "// with their substitute days (only the weekday ones change a working-day count).",
             "// clang-format off"]
    for region, day, name in table():
        lines.append(f'{{{day.year}, {day.month}, {day.day}, \'{region}\', "{name}"}},')
    lines.append("// clang-format on")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the checked-in table differs from the rules")
    args = parser.parse_args()
    text = render()
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} differs from the rules: run scripts/make_bank_holidays.py")
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
