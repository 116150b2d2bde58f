"""Exact small-sample tests against scipy to 1e-12: Fisher's exact test (and its mid-p and
conditional odds ratio), the exact Mann-Whitney and Kendall p-values, and the "auto" rules."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st
from scipy import stats
from scipy.stats.contingency import odds_ratio

from qaframe import stats_inference as qi

RTOL = 1e-12
ALTERNATIVES = ("two-sided", "less", "greater")


def close(actual, expected, rtol=RTOL, atol=0.0):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


# ---------------------------------------------------------------------------------------------
# Fisher's exact test

def random_tables(rng, count):
    """Small tables as councils meet them, some larger ones, and symmetric ones (whose mirror
    tables tie in probability with the observed one: the case scipy's tolerance is for)."""
    tables = [rng.integers(0, 12, (2, 2)) for _ in range(count)]
    tables += [rng.integers(0, 200, (2, 2)) for _ in range(count // 4)]
    for _ in range(count // 4):
        a, b = rng.integers(0, 15, 2)
        tables.append(np.array([[a, b], [b, a]]))
    return tables


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_fisher_exact_matches_scipy(alternative):
    rng = np.random.default_rng(101)
    for table in random_tables(rng, 1500):
        ours = qi.fisher_exact(table, alternative=alternative)
        theirs = stats.fisher_exact(table, alternative=alternative)
        close(ours.pvalue, theirs.pvalue)
        if math.isnan(theirs.statistic):
            assert math.isnan(ours.statistic) and ours.note
        else:
            assert ours.statistic == theirs.statistic


@given(st.lists(st.integers(0, 40), min_size=4, max_size=4), st.sampled_from(ALTERNATIVES))
def test_fisher_exact_matches_scipy_hypothesis(cells, alternative):
    table = np.array(cells).reshape(2, 2)
    close(qi.fisher_exact(table, alternative).pvalue,
          stats.fisher_exact(table, alternative).pvalue)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_fisher_mid_p_is_p_less_half_the_point_probability(alternative):
    # Lancaster (1961): mid-p = p − ½P(observed table); the point probability from scipy's
    # hypergeometric distribution, the p-value from scipy's fisher_exact.
    rng = np.random.default_rng(102)
    for table in random_tables(rng, 400):
        (a, b), (c, d) = table
        if 0 in (a + b, c + d, a + c, b + d):
            continue
        point = stats.hypergeom.pmf(a, a + b + c + d, a + b, a + c)
        ours = qi.fisher_exact(table, alternative, mid_p=True)
        assert ours.mid_p
        close(ours.point_probability, point)
        close(ours.pvalue, stats.fisher_exact(table, alternative).pvalue - point / 2, atol=1e-15)


def test_fisher_conditional_odds_ratio_matches_scipy():
    rng = np.random.default_rng(103)
    for table in random_tables(rng, 400):
        ours = qi.fisher_exact(table)
        theirs = odds_ratio(table, kind="conditional").statistic
        if math.isnan(theirs) or math.isinf(theirs) or theirs == 0:
            assert ours.conditional_odds_ratio == theirs or (
                math.isnan(theirs) and math.isnan(ours.conditional_odds_ratio))
            continue
        # scipy finds the root with brentq (xtol 2e-12 on ψ), hence 1e-9 here.
        close(ours.conditional_odds_ratio, theirs, rtol=1e-9)


def test_fisher_exact_published_examples_and_errors():
    # Fisher's tea-tasting table: 0.4857 two-sided, 0.2429 one-sided (R's ?fisher.test).
    tea = qi.fisher_exact([[3, 1], [1, 3]])
    close(tea.pvalue, 34 / 70)
    close(qi.fisher_exact([[3, 1], [1, 3]], "greater").pvalue, 17 / 70)
    close(qi.fisher_exact([[3, 1], [1, 3]], mid_p=True).pvalue, 26 / 70)
    # scipy's whales and sharks: p = 0.0349.
    assert round(qi.fisher_exact([[8, 2], [1, 5]]).pvalue, 4) == 0.0350
    statistic, pvalue = tea  # unpacks like scipy's result
    assert statistic == 9.0 and pvalue == tea.pvalue
    empty = qi.fisher_exact([[0, 0], [2, 3]])
    assert empty.pvalue == 1.0 and math.isnan(empty.statistic) and "empty" in empty.note
    with pytest.raises(ValueError, match=r"table\[1, 0\] = 1.5 is not a whole count >= 0"):
        qi.fisher_exact([[1, 2], [1.5, 3]])
    with pytest.raises(ValueError, match="table must be 2 x 2"):
        qi.fisher_exact([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="alternative must be"):
        qi.fisher_exact([[1, 2], [3, 4]], alternative="larger")
    assert "Fisher" in tea._repr_html_()


# ---------------------------------------------------------------------------------------------
# Mann-Whitney

def untied(rng, n1, n2):
    """Distinct values: x on the integers, y on the half-integers, shifted to overlap more or
    less."""
    values = rng.permutation(n1 + n2 + 5)[: n1 + n2].astype(float)
    return values[:n1], values[n1:] + rng.integers(-3, 4) + 0.5


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_mann_whitney_exact_matches_scipy(alternative):
    rng = np.random.default_rng(104)
    for _ in range(400):
        n1, n2 = rng.integers(1, 13, 2)
        x, y = untied(rng, n1, n2)
        ours = qi.mann_whitney(x, y, alternative=alternative, method="exact")
        theirs = stats.mannwhitneyu(x, y, alternative=alternative, method="exact")
        assert ours.statistic == theirs.statistic
        close(ours.pvalue, theirs.pvalue)
        assert ours.pvalue_method == "exact"


def test_mann_whitney_exact_larger_samples_match_scipy():
    rng = np.random.default_rng(105)
    for n1, n2 in [(20, 25), (30, 30), (8, 60), (3, 90)]:
        x, y = untied(rng, n1, n2)
        for alternative in ALTERNATIVES:
            close(qi.mann_whitney(x, y, alternative=alternative, method="exact").pvalue,
                  stats.mannwhitneyu(x, y, alternative=alternative, method="exact").pvalue)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_mann_whitney_auto_matches_scipy_auto(alternative):
    # scipy's rule (its code, though its docstring says "less than 8"): exact when either sample
    # has at most 8 values and there are no ties. The samples straddle 8 and include grades.
    rng = np.random.default_rng(106)
    for _ in range(300):
        n1, n2 = rng.integers(5, 12, 2)
        if rng.uniform() < 0.4:
            x, y = rng.integers(0, 4, n1).astype(float), rng.integers(0, 4, n2).astype(float)
            if np.all(np.r_[x, y] == x[0]):
                continue
        else:
            x, y = untied(rng, n1, n2)
        has_ties = len(np.unique(np.r_[x, y])) < n1 + n2
        ours = qi.mann_whitney(x, y, alternative=alternative)
        theirs = stats.mannwhitneyu(x, y, alternative=alternative)
        close(ours.pvalue, theirs.pvalue, rtol=1e-9)
        expected = "exact" if (min(n1, n2) <= 8 and not has_ties) else "asymptotic"
        assert ours.pvalue_method == expected


def test_mann_whitney_null_pmf_matches_scipy_and_enumeration():
    from itertools import combinations
    n1, n2 = 4, 5
    counts = np.zeros(n1 * n2 + 1)
    for chosen in combinations(range(1, n1 + n2 + 1), n1):
        counts[sum(chosen) - n1 * (n1 + 1) // 2] += 1
    from qaframe._core import stats as core
    close(core.mann_whitney_null_pmf(n1, n2), counts / counts.sum())


def test_mann_whitney_exact_refusals():
    with pytest.raises(ValueError, match="assumes no ties"):
        qi.mann_whitney([1, 2, 2], [3, 4], method="exact")
    with pytest.raises(ValueError, match="n1\\*n2 <= 1e6"):
        qi.mann_whitney(np.arange(1001.0), np.arange(1001.0) + 0.5, method="exact")
    with pytest.raises(ValueError, match="method must be 'auto', 'exact' or 'asymptotic'"):
        qi.mann_whitney([1, 2], [3, 4], method="permutation")


# ---------------------------------------------------------------------------------------------
# Kendall's tau

@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_kendall_exact_matches_scipy(alternative):
    rng = np.random.default_rng(107)
    for _ in range(400):
        n = rng.integers(2, 41)
        x = rng.permutation(n).astype(float)
        y = x * rng.uniform(-1, 1) + rng.normal(0, rng.uniform(0.1, 10), n)
        if len(np.unique(y)) < n:
            continue
        ours = qi.kendall_tau(x, y, alternative=alternative, method="exact")
        theirs = stats.kendalltau(x, y, alternative=alternative, method="exact")
        close(ours.statistic, theirs.statistic)
        close(ours.pvalue, theirs.pvalue)
        assert ours.pvalue_method == "exact"


@given(st.permutations(list(range(12))), st.sampled_from(ALTERNATIVES))
def test_kendall_exact_matches_scipy_hypothesis(perm, alternative):
    x = np.arange(12.0)
    y = np.array(perm, dtype=float)
    close(qi.kendall_tau(x, y, alternative, method="exact").pvalue,
          stats.kendalltau(x, y, alternative=alternative, method="exact").pvalue)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_kendall_auto_matches_scipy_auto(alternative):
    # scipy's rule: exact without ties when n ≤ 33 or min(n_d, n_c) ≤ 1, asymptotic otherwise.
    rng = np.random.default_rng(108)
    for _ in range(200):
        n = rng.integers(3, 60)
        x = rng.permutation(n).astype(float)
        kind = rng.integers(0, 3)
        if kind == 0:
            y = np.round(x + rng.normal(0, 8, n))  # ties in y, usually
        elif kind == 1:
            y = x.copy()
            i = rng.integers(0, n - 1)
            y[[i, i + 1]] = y[[i + 1, i]]  # one discordant pair at any n
        else:
            y = x + rng.normal(0, 5, n)
        if np.all(y == y[0]):
            continue
        ours = qi.kendall_tau(x, y, alternative)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            theirs = stats.kendalltau(x, y, alternative=alternative)
        close(ours.pvalue, theirs.pvalue, rtol=1e-9, atol=1e-300)
        ties = len(np.unique(y)) < n
        n0 = n * (n - 1) // 2
        discordant = sum(1 for i in range(n) for j in range(i + 1, n)
                         if (x[i] - x[j]) * (y[i] - y[j]) < 0)
        expected = "exact" if not ties and (n <= 33 or min(discordant, n0 - discordant) <= 1) \
            else "asymptotic"
        assert ours.pvalue_method == expected


def test_kendall_exact_refusals_and_spearman_method():
    with pytest.raises(ValueError, match="assumes no ties"):
        qi.kendall_tau([1, 1, 2], [1, 2, 3], method="exact")
    with pytest.raises(ValueError, match="too costly"):
        qi.kendall_tau(np.arange(1500.0), np.random.default_rng(1).permutation(1500),
                       method="exact")
    assert qi.spearman([1, 2, 3], [1, 3, 2]).pvalue_method == "asymptotic"
