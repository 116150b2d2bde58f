"""LAIT-style benchmarking on a hand-made statistical-neighbours table: ranks with ties, quartile
bands by polarity, change from the previous period, the neighbours' mean, missing values."""

import math

import numpy as np
import pandas as pd
import pytest

from qaframe import stats_inference as qi

# A council and its ten statistical neighbours, two periods of one indicator, as a LAIT-like
# extract: "x" (not available) and "c" (confidential) where a value is suppressed.
NEIGHBOURS = pd.DataFrame({
    "authority": ["Ambleside", "Brambles", "Corrie", "Dunmore", "Easton", "Fellside", "Garth",
                  "Hollins", "Ingleby", "Jesmond", "Kirkby"],
    "2023": [58, 66, 55, 62, 80, 48, "x", 91, 62, 70, "c"],
    "2024": [62, 70, 55, 62, 80, 48, 62, 91, "x", 66, "c"],
}).set_index("authority")


def council_row(name, year="2024", previous_year="2023"):
    others = NEIGHBOURS.drop(index=name)
    return (NEIGHBOURS.loc[name, year], list(others[year]), NEIGHBOURS.loc[name, previous_year])


def test_hand_made_table_higher_is_better():
    # Ambleside 62 in 2024 among 70, 55, 62, 80, 48, 62, 91, x, 66, c: better are 66, 70, 80,
    # 91, so rank 5, shared with Dunmore and Garth (62 each). Values ranked: 48 55 62 62 62 66
    # 70 80 91 (nine); quartiles (linear) 62, 62, 70: 62 is on q1, the band of lower values,
    # D when higher is better. Change 62 - 58 = +4: improved. Mean of the eight neighbours
    # with values: (70 + 55 + 62 + 80 + 48 + 62 + 91 + 66)/8 = 66.75.
    value, neighbours, previous = council_row("Ambleside")
    r = qi.benchmark_rank(value, neighbours, "higher", previous)
    assert (r.rank, r.ranked, r.band) == (5, 9, "D")
    assert (r.q1, r.median, r.q3) == (62, 62, 70)
    assert r.change == 4 and r.direction == "improved"
    assert r.comparators_mean == 66.75
    assert (r.comparators_used, r.comparators_missing) == (8, 2)
    assert "2 of 10 comparator(s) have no value" in r.note
    assert r.polarity == "higher"


def test_hand_made_table_lower_is_better():
    # The same 62 when lower is better (e.g. re-referrals): 48 and 55 are better, rank 3;
    # 62 <= q1 is band A; +4 is worse.
    value, neighbours, previous = council_row("Ambleside")
    r = qi.benchmark_rank(value, neighbours, "Low", previous)
    assert (r.rank, r.band, r.direction, r.polarity) == (3, "A", "worsened", "lower")
    # Hollins 91, the highest: rank 1 and A if higher is better, rank 9 and D if lower is.
    value, neighbours, previous = council_row("Hollins")
    hi = qi.benchmark_rank(value, neighbours, "High", previous)
    lo = qi.benchmark_rank(value, neighbours, "lower", previous)
    assert (hi.rank, hi.band, lo.rank, lo.band) == (1, "A", 9, "D")
    assert hi.direction == "no change" and hi.change == 0


def test_missing_council_value_and_previous():
    # Kirkby is suppressed in both years: no rank, band or change, but the neighbours' mean.
    value, neighbours, previous = council_row("Kirkby")
    r = qi.benchmark_rank(value, neighbours, "higher", previous)
    assert math.isnan(r.rank) and r.band == "" and math.isnan(r.change)
    assert r.note.startswith("the unit has no value")
    close_mean = np.mean([62, 70, 55, 62, 80, 48, 62, 91, 66])
    assert r.comparators_mean == pytest.approx(close_mean, rel=1e-15)
    # Ingleby has a 2023 value but is suppressed in 2024; Garth the other way round.
    value, neighbours, previous = council_row("Garth")
    g = qi.benchmark_rank(value, neighbours, "higher", previous)
    assert not math.isnan(g.rank) and math.isnan(g.change) and g.direction == ""


@pytest.mark.parametrize("polarity", ["higher", "lower"])
def test_every_council_against_pandas_ranks_and_numpy_quartiles(polarity):
    # Independent implementations: pandas' rank(method="min") over the group with values, and
    # numpy's linear percentiles for the bands, with LAIT's band rule written out.
    for name in NEIGHBOURS.index:
        value, neighbours, previous = council_row(name)
        r = qi.benchmark_rank(value, neighbours, polarity, previous)
        group = pd.to_numeric(pd.Series([value] + neighbours), errors="coerce")
        if math.isnan(group[0]):
            assert math.isnan(r.rank)
            continue
        ranks = group.rank(method="min", ascending=(polarity == "lower"), na_option="keep")
        assert r.rank == ranks[0]
        q1, q2, q3 = np.percentile(group.dropna(), [25, 50, 75])
        from_low = 0 if value <= q1 else 1 if value <= q2 else 2 if value <= q3 else 3
        band = "ABCD"[from_low] if polarity == "lower" else "DCBA"[from_low]
        assert r.band == band, name


def test_national_population_bands_and_errors():
    # LAIT bands against all English authorities: here 1..150 with three suppressed.
    england = [float(i) for i in range(1, 151)]
    england[4] = "c"
    england[10] = None
    england[20] = "x"
    r = qi.benchmark_rank(100, [90, 95, "x"], "higher", 96, population=england)
    q1, q2, q3 = np.percentile([v for v in england if isinstance(v, float)], [25, 50, 75])
    assert (r.q1, r.median, r.q3) == (q1, q2, q3)
    assert r.band == "B" and r.banded == 147 and r.population_missing == 3
    assert r.rank == 1 and r.ranked == 3
    with pytest.raises(ValueError, match=r"neighbours\[1\] = 'n/a' is neither a number"):
        qi.benchmark_rank(1, [2, "n/a"], "higher")
    with pytest.raises(ValueError, match="polarity must be 'higher' or 'lower', got 'up'"):
        qi.benchmark_rank(1, [2, 3], "up")
    with pytest.raises(ValueError, match="not a finite value"):
        qi.benchmark_rank(1, [2, math.inf], "higher")
    # Numbers given as text with thousands separators are read.
    assert qi.benchmark_rank("1,200", ["1,000", "1,500"], "higher").rank == 2
    assert "Benchmark" in r._repr_html_()
