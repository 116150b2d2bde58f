#!/usr/bin/env python3
"""Write the synthetic statistical-neighbours file data/sample/neighbours.csv.

One row per published value (indicator, period, area, role, value), as LAIT publishes them for
a council, its ten statistical neighbours, its region and England, for the five indicators of
indicators.csv in the last two months of performance.csv (2018-02 and 2018-03):

- the council's value is its whole-service share in performance.csv (the ``All`` row), so the
  benchmarking's change from the previous period is the change of that row;
- the ten neighbours (fictional councils) are spread around a centre: the indicator's benchmark
  in indicators.csv where it is the statistical neighbours' (ASSESS45, SEEN_ALONE,
  REREFERRALS), else a plausible figure, so that the neighbours' mean used as a benchmark in
  triangulation agrees with the benchmark the indicators file states;
- one neighbour's value is suppressed ("x") for SEEN_ALONE in 2018-03, as published data has,
  chosen among those with offset 0 so that the other nine still average the centre;
- England's value is the indicators file's benchmark where that is England's (CP_REVIEWS).

Values are percentages with one decimal ("83.0%"). Standard library only, no randomness:
byte-for-byte reproducible. check() recounts the council's values from performance.csv and the
neighbours' means before anything is written.

    /usr/bin/python3 data/sample/make_neighbours.py
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COUNCIL = "Wokingham (sample)"
REGION = "South East"
NEIGHBOURS = ["Ashcombe", "Bramleigh", "Castlebury", "Dunmere", "Elmstead", "Fernhill",
              "Greywell", "Hartsford", "Ivybridge Vale", "Kingsmere"]
PERIODS = ["2018-02", "2018-03"]
# Offsets in percentage points of the ten neighbours from the centre, summing to 0, rotated per
# indicator so that neighbours differ across indicators; the first neighbour with offset 0 is
# the one suppressed for SEEN_ALONE in 2018-03.
OFFSETS = [-6.0, -4.5, -3.0, -1.5, -0.5, 0.0, 0.0, 1.5, 4.5, 9.5]
# Centres where indicators.csv has no statistical-neighbours benchmark (percent).
OTHER_CENTRES = {"SUPERVISION": 84.0, "CP_REVIEWS": 90.0}
# A small drift from February to March, percentage points, per indicator.
DRIFT = {"ASSESS45": -0.5, "SUPERVISION": 1.0, "CP_REVIEWS": 0.5, "SEEN_ALONE": 0.0,
         "REREFERRALS": -0.5}
SUPPRESSED = ("SEEN_ALONE", "2018-03")


def read(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def percent(text):
    return float(text.rstrip("%"))


def rows():
    indicators = read("indicators.csv")
    performance = read("performance.csv")
    out = []
    for k, d in enumerate(indicators):
        ind = d["indicator"]
        if d["benchmark_source"] == "statistical neighbours":
            centre = percent(d["benchmark"])
        else:
            centre = OTHER_CENTRES[ind]
        offsets = OFFSETS[k:] + OFFSETS[:k]
        hidden = NEIGHBOURS[offsets.index(0.0)]
        for p, period in enumerate(PERIODS):
            shift = DRIFT[ind] * (p - 1)  # 2018-03 sits on the centre
            council = next(r for r in performance
                           if r["indicator"] == ind and r["team"] == "All"
                           and r["period"] == period)
            share = 100.0 * int(council["numerator"]) / int(council["denominator"])
            out.append((ind, period, COUNCIL, "council", f"{share:.1f}%"))
            for name, offset in zip(NEIGHBOURS, offsets):
                value = "x" if (ind, period) == SUPPRESSED and name == hidden else \
                    f"{centre + shift + offset:.1f}%"
                out.append((ind, period, name, "neighbour", value))
            region = centre + shift + 1.0
            england = (percent(d["benchmark"]) if d["benchmark_source"] == "England"
                       else centre + shift - 1.0)
            out.append((ind, period, REGION, "region", f"{region:.1f}%"))
            out.append((ind, period, "England", "england", f"{england:.1f}%"))
    return out


def check(table):
    performance = read("performance.csv")
    indicators = {d["indicator"]: d for d in read("indicators.csv")}
    for ind, period, area, role, value in table:
        if role == "council":
            r = next(r for r in performance
                     if r["indicator"] == ind and r["team"] == "All" and r["period"] == period)
            share = 100.0 * int(r["numerator"]) / int(r["denominator"])
            assert value == f"{share:.1f}%", (ind, period, value, share)
    for ind, d in indicators.items():
        values = [percent(v) for i, p, a, role, v in table
                  if i == ind and p == "2018-03" and role == "neighbour" and v != "x"]
        assert len(values) == (9 if ind == SUPPRESSED[0] else 10), (ind, len(values))
        mean = sum(values) / len(values)
        if d["benchmark_source"] == "statistical neighbours":
            # The neighbours' mean is the benchmark indicators.csv states, to rounding.
            assert abs(mean - percent(d["benchmark"])) < 0.05, (ind, mean, d["benchmark"])


def main():
    table = rows()
    check(table)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["indicator", "period", "area", "role", "value"])
    w.writerows(table)
    with open(os.path.join(HERE, "neighbours.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
