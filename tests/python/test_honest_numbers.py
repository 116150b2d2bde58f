"""Honest numbers at small n (issue 15), from Python: bounded and explained agreement intervals on
tiny moderation sets, Fisher's exact test in comparisons (against scipy), the trend's min_n per
period, over-dispersed team funnels (against Spiegelhalter 2005's formulas written out here), and
LAIT-style benchmarking of a hand-made neighbours file (against scipy's ranks and numpy's
quantiles)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import qaframe

GRADES = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]


def _pairs(pairs, auditor="X"):
    frame = pd.DataFrame({
        "audit_id": [f"A{i}" for i in range(len(pairs))],
        "child_id": [f"C{i}" for i in range(len(pairs))],
        "team": "T", "audit_date": "2018-03-01", "auditor": auditor,
        "grade": [GRADES[a] for a, _ in pairs],
        "moderated_grade": [GRADES[b] for _, b in pairs]})
    return qaframe.AuditSet.from_frame(frame)


def _bounded(m):
    a = m.agreement
    for name, row in a.iterrows():
        if np.isnan(row.low) or np.isnan(row.high):
            assert np.isnan(row.low) and np.isnan(row.high), name
            assert row.note, name  # never silently missing
        else:
            assert row.range_low <= row.low <= row.estimate + 1e-12, name
            assert row.estimate - 1e-12 <= row.high <= row.range_high, name


# -- moderation --------------------------------------------------------------------------------

def test_tiny_sets_intervals_within_range_and_truncation_stated():
    m = _pairs([(2, 2), (2, 2), (2, 2), (2, 3)]).moderation(min_pairs=0, n_resamples=500)
    _bounded(m)
    ac2 = m.agreement.loc["Gwet's AC2 (quadratic)"]
    assert ac2.truncated and ac2.high == 1.0
    assert "truncated at 1" in ac2.note
    assert (ac2.range_low, ac2.range_high) == (-1.0, 1.0)


@pytest.mark.parametrize("pairs, note", [
    ([(2, 2), (2, 1), (2, 3), (2, 2), (2, 1)], "no variation in the auditors' grades (all Good)"),
    ([(1, 2), (2, 2), (3, 2), (0, 2)], "no variation in the moderators' grades (all Good)"),
    ([(2, 1), (2, 1)], "all 2 pairs disagree"),
    ([(1, 1), (2, 2), (3, 3), (2, 2)], "all 4 pairs agree"),
])
def test_tiny_sets_degenerate_cases_carry_the_right_note(pairs, note):
    m = _pairs(pairs).moderation(min_pairs=0, n_resamples=500)
    _bounded(m)
    kappa = m.agreement.loc["quadratic-weighted kappa"]
    assert np.isnan(kappa.low) and np.isnan(kappa.high)
    assert "no interval: the standard error is 0 because" in kappa.note
    assert note in kappa.note
    assert "perfect agreement" not in kappa.note


def test_every_small_table_keeps_every_interval_in_range():
    cells = [(a, b) for a in range(1, 4) for b in range(1, 4)]
    for n in (2, 3):
        for combo in itertools.combinations_with_replacement(cells, n):
            _bounded(_pairs(list(combo)).moderation(min_pairs=0, n_resamples=200))


def test_too_few_pairs_withheld_and_counted():
    m = _pairs([(2, 2), (2, 2), (1, 2), (2, 3)]).moderation()
    assert m.min_pairs == 10
    assert m.withheld == ["quadratic-weighted kappa", "Gwet's AC2 (quadratic)",
                          "Krippendorff's alpha (ordinal)"]
    a = m.agreement
    assert a.loc[m.withheld, "estimate"].isna().all()
    assert (a.loc[m.withheld, "n"] == 4).all()
    assert a.loc["exact agreement", "estimate"] == 0.5
    assert m.notes and "Too few pairs: 4" in m.notes[0]
    assert "Too few pairs" in repr(m) and "Too few pairs" in m._repr_html_()
    shown = _pairs([(2, 2), (2, 2), (1, 2), (2, 3)]).moderation(min_pairs=4)
    assert shown.withheld == [] and shown.notes == []


def test_direction_only_with_a_test_behind_it():
    one = _pairs([(1, 2), (2, 2), (2, 2), (3, 3)]).moderation(min_pairs=0)
    assert one.overall["direction"] == "no clear direction"
    assert one.overall["pvalue"] == pytest.approx(sps.binomtest(1, 1).pvalue)
    eight = _pairs([(2, 1)] * 8).moderation(min_pairs=0)
    assert eight.overall["pvalue"] == pytest.approx(sps.binomtest(0, 8).pvalue, abs=1e-15)
    assert eight.overall["direction"] == "moderators lower grades"


# -- comparisons ---------------------------------------------------------------------------------

def _groups(a, b):
    """Audits of groups A and B: (good, not good) each."""
    rows = []
    for team, (good, bad) in (("A", a), ("B", b)):
        rows += [(team, "Good")] * good + [(team, "Inadequate")] * bad
    frame = pd.DataFrame({"audit_id": [f"A{i}" for i in range(len(rows))],
                          "child_id": [f"C{i}" for i in range(len(rows))],
                          "team": [r[0] for r in rows], "audit_date": "2018-03-01",
                          "grade": [r[1] for r in rows]})
    return qaframe.AuditSet.from_frame(frame)


@pytest.mark.parametrize("a, b", [((1, 7), (6, 2)), ((0, 5), (4, 1)), ((3, 3), (5, 1)),
                                  ((2, 10), (9, 3))])
def test_fisher_beside_the_z_test_matches_scipy(a, b):
    audits = _groups(a, b)
    row = audits.compare("A", "B", by="team").to_frame().loc["overall"]
    table = [[b[0], b[1]], [a[0], a[1]]]
    expected = sps.contingency.expected_freq(table).min()
    assert row.expected_min == pytest.approx(expected, rel=1e-12)
    fisher = sps.fisher_exact(table).pvalue
    assert row.exact_pvalue == pytest.approx(fisher, rel=1e-12, abs=1e-15)
    if expected < 5:
        assert row.test == "Fisher's exact test"
        assert row.pvalue == row.exact_pvalue
    else:
        assert row.test == "two-proportion z-test"
    # Forced: exact=True always Fisher, exact=False always z; mid-p halves the observed table.
    forced = audits.compare("A", "B", by="team", exact=True).to_frame().loc["overall"]
    assert forced.test == "Fisher's exact test" and forced.pvalue == pytest.approx(fisher)
    z = audits.compare("A", "B", by="team", exact=False).to_frame().loc["overall"]
    assert z.test == "two-proportion z-test"
    mid = audits.compare("A", "B", by="team", exact=True, mid_p=True).to_frame().loc["overall"]
    point = sps.hypergeom.pmf(b[0], sum(a) + sum(b), a[0] + b[0], sum(b))
    assert mid.pvalue == pytest.approx(fisher - point / 2, rel=1e-12, abs=1e-15)
    assert mid.test == "Fisher's exact test (mid-p)"


def test_exact_argument_and_rule_stated():
    c = _groups((1, 7), (6, 2)).compare("A", "B", by="team")
    assert "below 5" in c.test_rule and c.test_rule in repr(c)
    with pytest.raises(ValueError):
        _groups((1, 7), (6, 2)).compare("A", "B", by="team", exact="maybe")


# -- trend ---------------------------------------------------------------------------------------

def test_trend_tests_only_the_periods_that_qualify():
    months = {1: (2, 3), 2: (1, 1), 3: (4, 2), 4: (6, 1)}
    rows = []
    for m, (good, bad) in months.items():
        rows += [(m, "Good")] * good + [(m, "Inadequate")] * bad
    frame = pd.DataFrame({"audit_id": [f"A{i}" for i in range(len(rows))],
                          "child_id": [f"C{i}" for i in range(len(rows))], "team": "T",
                          "audit_date": [f"2018-{m:02d}-15" for m, _ in rows],
                          "grade": [g for _, g in rows]})
    t = qaframe.AuditSet.from_frame(frame).trend("month")
    f = t.to_frame()
    assert list(f.qualifies) == [True, False, True, True]
    assert (t.periods_used, t.periods_total, t.n_used, t.min_n) == (3, 4, 18, 5)
    assert "1 of 4 period(s)" in t.note
    # Cochran-Armitage (Armitage 1955) on the qualifying months at calendar scores 0, 2, 3.
    r, n, s = np.array([2, 4, 6.0]), np.array([5, 6, 7.0]), np.array([0, 2, 3.0])
    p = r.sum() / n.sum()
    T = (s * (r - n * p)).sum()
    var = p * (1 - p) * ((n * s * s).sum() - (n * s).sum() ** 2 / n.sum())
    assert t.statistic == pytest.approx(T / math.sqrt(var), rel=1e-12)
    assert t.pvalue == pytest.approx(2 * sps.norm.sf(abs(T / math.sqrt(var))), rel=1e-12)


# -- funnels -------------------------------------------------------------------------------------

def _spiegelhalter(count, n, p0, winsor=0.1):
    """phi and tau2 from Spiegelhalter (2005) section 4, written out from the paper."""
    y = count / n
    s = np.sqrt(p0 * (1 - p0) / n)
    z = (y - p0) / s
    lo, hi = np.quantile(z, [winsor, 1 - winsor])  # R type 7
    zw = np.clip(z, lo, hi)
    phi = (zw ** 2).mean()
    w = 1 / s ** 2
    k = len(z)
    tau2 = max(0.0, (k * phi - (k - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    return phi, tau2


@pytest.mark.parametrize("method", ["multiplicative", "additive"])
def test_team_funnel_over_dispersion_matches_the_paper(method):
    counts = {"A": (2, 18), "B": (18, 2), "C": (10, 10), "D": (5, 15), "E": (15, 5)}
    rows = []
    for team, (good, bad) in counts.items():
        rows += [(team, "Good")] * good + [(team, "Inadequate")] * bad
    frame = pd.DataFrame({"audit_id": [f"A{i}" for i in range(len(rows))],
                          "child_id": [f"C{i}" for i in range(len(rows))],
                          "team": [r[0] for r in rows], "audit_date": "2018-03-01",
                          "grade": [r[1] for r in rows]})
    audits = qaframe.AuditSet.from_frame(frame)
    f = audits.team_funnel(overdispersion=method)
    count = np.array([c[0] for c in counts.values()], float)
    n = np.array([sum(c) for c in counts.values()], float)
    p0 = count.sum() / n.sum()
    phi, tau2 = _spiegelhalter(count, n, p0)
    d = f.dispersion
    assert d.phi == pytest.approx(phi, rel=1e-9) and d.tau2 == pytest.approx(tau2, rel=1e-9)
    assert d.inflated
    grid = f.limits_frame()
    for level, lo_col, hi_col in [(0.95, "low_inner", "high_inner"),
                                  (0.998, "low_outer", "high_outer")]:
        z = sps.norm.ppf((1 + level) / 2)
        var = p0 * (1 - p0) / grid.n
        var = var * phi if method == "multiplicative" else var + tau2
        np.testing.assert_allclose(grid[lo_col], np.clip(p0 - z * np.sqrt(var), 0, 1),
                                   rtol=0, atol=1e-9)
        np.testing.assert_allclose(grid[hi_col], np.clip(p0 + z * np.sqrt(var), 0, 1),
                                   rtol=0, atol=1e-9)
    assert f.to_frame().loc["A", "outer"] == "within"
    assert audits.team_funnel().to_frame().loc["A", "outer"] == "below"
    assert "phi" in repr(f) and f.limits.startswith("normal, widened")


# -- benchmarking ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(root):
    return qaframe.read_neighbours(root / "tests" / "data" / "neighbours_example.csv")


def test_hand_made_neighbours_ranks_and_bands(example):
    b = qaframe.benchmark(example).to_frame()
    raw = example.to_frame()
    for indicator, higher in (("HIGH", True), ("LOW", False), ("PCT", True)):
        row = b.loc[indicator]
        cur = raw[(raw.indicator == indicator) & (raw.period == row.period)]
        values = cur[cur.role.isin(["council", "neighbour"])].dropna(subset=["value"])
        council = float(cur[cur.role == "council"].value.iloc[0])
        keyed = -values.value if higher else values.value
        ranks = sps.rankdata(keyed, method="min")  # R's ties.method = "min", as LAIT
        assert row["rank"] == ranks[list(values.role).index("council")]
        q1, q2, q3 = np.quantile(values.value, [0.25, 0.5, 0.75])  # R type 7
        assert (row.q1, row["median"], row.q3) == pytest.approx((q1, q2, q3))
        low_band = 0 if council <= q1 else 1 if council <= q2 else 2 if council <= q3 else 3
        assert row.band == "ABCD"[3 - low_band if higher else low_band]
        neighbours = cur[cur.role == "neighbour"].value.dropna()
        assert row.neighbours_mean == pytest.approx(neighbours.mean())
    assert list(b.loc[["HIGH", "LOW"], "rank"]) == [4, 2]
    assert list(b.loc[["HIGH", "LOW"], "band"]) == ["C", "A"]
    assert list(b.loc[["HIGH", "LOW"], "direction"]) == ["improved", "improved"]
    assert np.isnan(b.loc["MISS", "rank"]) and b.loc["MISS", "band"] == ""


def test_bad_neighbours_file_names_line_column_value(tmp_path):
    bad = tmp_path / "n.csv"
    bad.write_text("indicator,period,area,role,value\nA,2018,Us,council,1\n"
                   "A,2018,N1,cousin,2\nA,someday,N2,neighbour,3\n")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_neighbours(bad)
    assert [(p.line, p.column, p.value) for p in e.value.problems] == [
        (3, "role", "cousin"), (4, "period", "someday")]


def test_benchmarking_reprs_and_sample(root):
    n = qaframe.read_neighbours(root / "data" / "sample" / "neighbours.csv")
    assert n.council == "Wokingham (sample)" and len(n.neighbours) == 10
    assert "10 neighbours" in repr(n) and "<table" in n._repr_html_()
    d = root / "data" / "sample"
    perf = qaframe.read_performance(d / "performance.csv", d / "indicators.csv")
    b = qaframe.benchmark(n, indicators=perf)
    f = b.to_frame()
    assert list(f.index) == perf.indicators
    # The council's March values are performance.csv's All rows; the neighbours' means the
    # statistical-neighbours benchmarks of indicators.csv.
    values = pd.read_csv(d / "performance.csv")
    march = values[(values.team == "All") & (values.period == "2018-03")].set_index("indicator")
    np.testing.assert_allclose(f.value, (march.numerator / march.denominator).round(3)[f.index],
                               atol=1e-12)
    defs = pd.read_csv(d / "indicators.csv").set_index("indicator")
    neighbours = defs[defs.benchmark_source == "statistical neighbours"]
    for ind, row in neighbours.iterrows():
        assert f.loc[ind, "neighbours_mean"] == pytest.approx(
            float(row.benchmark.rstrip("%")) / 100, abs=1e-9)
    assert f.loc["SEEN_ALONE", "neighbours_missing"] == 1
    assert "Benchmarking" in repr(b) and "LAIT" in b._repr_html_()
    s = qaframe.read_audits(root / "data" / "sample" / "audits.csv")
    funnel = s.team_funnel()
    assert funnel.limits == "exact binomial"
    # 1 of 1 and 5 of 5 against 62% are not "above": P(R >= x) = 0.62 and 0.095.
    assert set(funnel.to_frame().outer) == {"within"}
    assert funnel.dispersion.phi < 1  # the sample's teams are not over-dispersed
