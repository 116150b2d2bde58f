"""qaframe's inference statistics against scipy and statsmodels, over many random inputs."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats
from scipy.stats import contingency
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)

from qaframe import stats_inference as qi

RTOL = 1e-9
ATOL = 1e-12


def close(actual, expected, rtol=RTOL, atol=ATOL):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


def random_counts(rng, size, max_n=400):
    nobs = rng.integers(1, max_n, size)
    count = rng.binomial(nobs, rng.uniform(0, 1, size))
    # Make sure the boundaries are exercised.
    count[:5] = 0
    count[5:10] = nobs[5:10]
    return count, nobs


# ---------------------------------------------------------------------------------------------
# Proportions

@pytest.mark.parametrize("ours,theirs", [("wilson", "wilson"), ("exact", "beta"),
                                         ("agresti_coull", "agresti_coull"),
                                         ("normal", "normal")])
@pytest.mark.parametrize("level", [0.8, 0.95, 0.998])
def test_proportion_ci_matches_statsmodels(ours, theirs, level):
    rng = np.random.default_rng(1)
    count, nobs = random_counts(rng, 2000)
    low, high = qi.proportion_ci(count, nobs, level, ours)
    slow, shigh = proportion_confint(count, nobs, alpha=1 - level, method=theirs)
    close(low, slow)
    close(high, shigh)


@pytest.mark.parametrize("level", [0.8, 0.95, 0.998])
def test_jeffreys_matches_statsmodels_inside_and_applies_boundary_rule(level):
    rng = np.random.default_rng(2)
    count, nobs = random_counts(rng, 2000)
    low, high = qi.proportion_ci(count, nobs, level, "jeffreys")
    slow, shigh = proportion_confint(count, nobs, alpha=1 - level, method="jeffreys")
    # statsmodels applies no boundary rule; ours (Brown, Cai and DasGupta 2001) sets
    # low = 0 at x = 0 and high = 1 at x = n. Everything else is equal.
    at0, atn = count == 0, count == nobs
    close(low[~at0], slow[~at0])
    close(high[~atn], shigh[~atn])
    assert np.all(low[at0] == 0.0) and np.all(slow[at0] > 0.0)
    assert np.all(high[atn] == 1.0) and np.all(shigh[atn] < 1.0)


def wilson_cc_reference(x, n, z):
    """Newcombe (1998) method 4, written out independently of the library."""
    x = np.asarray(x, float)
    n = np.asarray(n, float)
    p = x / n
    z2 = z * z
    with np.errstate(invalid="ignore"):  # the radicands can be negative where x = 0 or n
        low = (2 * n * p + z2 - 1 - z * np.sqrt(z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / (
            2 * (n + z2))
        high = (2 * n * p + z2 + 1 + z * np.sqrt(z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / (
            2 * (n + z2))
    low = np.where(x == 0, 0.0, low)
    high = np.where(x == n, 1.0, high)
    return low, high


@pytest.mark.parametrize("level", [0.8, 0.95, 0.998])
def test_wilson_cc_matches_newcombe_formula_and_contains_wilson(level):
    rng = np.random.default_rng(3)
    count, nobs = random_counts(rng, 2000)
    low, high = qi.proportion_ci(count, nobs, level, "wilson_cc")
    rlow, rhigh = wilson_cc_reference(count, nobs, stats.norm.isf((1 - level) / 2))
    close(low, rlow)
    close(high, rhigh)
    wlow, whigh = qi.proportion_ci(count, nobs, level, "wilson")
    assert np.all(low <= wlow + 1e-15) and np.all(high >= whigh - 1e-15)


def test_proportion_ci_newcombe_published_examples():
    # Newcombe (1998) Table I, 95%: Wilson and Wilson-cc to 4 decimals.
    count = np.array([81, 15, 0, 1])
    nobs = np.array([263, 148, 20, 29])
    low, high = qi.proportion_ci(count, nobs)
    close(low, [0.2553, 0.0624, 0.0, 0.0061], rtol=0, atol=5e-5)
    close(high, [0.3662, 0.1605, 0.1611, 0.1718], rtol=0, atol=5e-5)
    low, high = qi.proportion_ci(count, nobs, method="wilson_cc")
    close(low, [0.2535, 0.0598, 0.0, 0.0018], rtol=0, atol=5e-5)
    close(high, [0.3682, 0.1644, 0.2005, 0.1963], rtol=0, atol=5e-5)


def test_proportion_ci_shapes_and_scalars():
    low, high = qi.proportion_ci(81, 263)
    assert isinstance(low, float) and isinstance(high, float)
    slow, shigh = proportion_confint(81, 263, method="wilson")
    close([low, high], [slow, shigh])
    count = np.arange(12).reshape(3, 4)
    low, high = qi.proportion_ci(count, 20, method="exact")
    assert low.shape == (3, 4) and high.shape == (3, 4)
    slow, shigh = proportion_confint(count, 20, method="beta")
    close(low, slow)
    close(high, shigh)
    # A group with no observations gives NaN, not an error.
    low, high = qi.proportion_ci([0, 3], [0, 10])
    assert math.isnan(low[0]) and math.isnan(high[0]) and not math.isnan(low[1])


@pytest.mark.parametrize("args,message", [
    ((5, 4), "count = 5 exceeds nobs = 4"),
    (([1, 5], [4, 4]), "count[1] = 5 exceeds nobs[1] = 4"),
    ((-1, 4), "count must be a finite count >= 0, got -1"),
    ((1, -4), "nobs must be a finite count >= 0, got -4"),
    ((np.nan, 4), "count must be a finite count >= 0, got nan"),
    (([1, 2], [4, 4, 4]), "must broadcast"),
])
def test_proportion_ci_argument_errors(args, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        qi.proportion_ci(*args)


def test_proportion_ci_level_and_method_errors():
    with pytest.raises(ValueError, match="level must lie strictly between 0 and 1, got 1.5"):
        qi.proportion_ci(1, 4, level=1.5)
    with pytest.raises(ValueError, match="level must lie strictly between 0 and 1, got 0"):
        qi.proportion_ci(1, 4, level=0.0)
    with pytest.raises(ValueError, match="method must be one of .* got 'wald-cc'"):
        qi.proportion_ci(1, 4, method="wald-cc")


def test_newcombe_difference_matches_statsmodels():
    rng = np.random.default_rng(4)
    for _ in range(500):
        n1, n2 = rng.integers(1, 300, 2)
        x1, x2 = rng.integers(0, n1 + 1), rng.integers(0, n2 + 1)
        level = rng.choice([0.8, 0.9, 0.95, 0.99])
        ours = qi.newcombe_difference(x1, n1, x2, n2, level)
        low, high = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff",
                                               alpha=1 - level)
        close([ours.low, ours.high], [low, high])
        close(ours.estimate, x1 / n1 - x2 / n2)


def test_newcombe_difference_published_and_degenerate():
    # Newcombe (1998) Table II, method 10.
    r = qi.newcombe_difference(56, 70, 48, 80)
    close([r.low, r.high], [0.0524, 0.3339], rtol=0, atol=5e-5)
    r = qi.newcombe_difference(5, 56, 0, 29)
    close([r.low, r.high], [-0.0381, 0.1926], rtol=0, atol=5e-5)
    e = qi.newcombe_difference(0, 0, 1, 2)
    assert math.isnan(e.low) and "no observations" in e.note
    with pytest.raises(ValueError, match="count1 = 3 exceeds nobs1 = 2"):
        qi.newcombe_difference(3, 2, 1, 2)


@pytest.mark.parametrize("ours,theirs", [("two-sided", "two-sided"), ("greater", "larger"),
                                         ("less", "smaller")])
def test_two_proportion_ztest_matches_statsmodels(ours, theirs):
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = rng.integers(2, 400, 2)
        x = rng.binomial(n, rng.uniform(0.05, 0.95))
        if x.sum() in (0, n.sum()):
            continue
        r = qi.two_proportion_ztest(x[0], n[0], x[1], n[1], alternative=ours)
        z, p = proportions_ztest(x, n, alternative=theirs)
        close([r.statistic, r.pvalue], [z, p])
        stat, pvalue = r  # unpacks like scipy's results
        assert stat == r.statistic and pvalue == r.pvalue


def test_two_proportion_ztest_degenerate_and_errors():
    r = qi.two_proportion_ztest(0, 10, 0, 20)
    assert math.isnan(r.statistic) and math.isnan(r.pvalue)
    assert "pooled proportion is 0" in r.note
    with pytest.raises(ValueError, match="alternative must be 'two-sided', 'less' or 'greater'"):
        qi.two_proportion_ztest(1, 10, 2, 20, alternative="larger")


# ---------------------------------------------------------------------------------------------
# Contingency tables

@pytest.mark.parametrize("correction", [False, True])
def test_chi2_matches_scipy(correction):
    rng = np.random.default_rng(6)
    for _ in range(300):
        r, c = rng.integers(2, 6, 2)
        table = rng.integers(0, 30, (r, c)).astype(float)
        table += rng.integers(1, 3, (r, 1))  # no all-zero lines here
        ours = qi.chi2_independence(table, correction=correction)
        x2, p, df, expected = stats.chi2_contingency(table, correction=correction)
        close([ours.statistic, ours.pvalue, ours.df], [x2, p, df])
        close(ours.expected, expected)
        close(ours.effect, contingency.association(table.astype(int), method="cramer"))
        assert ours.corrected == (correction and df == 1)
        assert ours.dropped_rows == [] and ours.dropped_columns == []


def test_chi2_drops_and_reports_all_zero_lines():
    rng = np.random.default_rng(7)
    for _ in range(100):
        table = rng.integers(1, 20, (4, 5)).astype(float)
        zr = rng.choice(4, 2, replace=False)
        zc = rng.choice(5, 1)
        table[zr[:1], :] = 0
        table[:, zc] = 0
        keep_r = [i for i in range(4) if table[i].sum() > 0]
        keep_c = [j for j in range(5) if table[:, j].sum() > 0]
        reduced = table[np.ix_(keep_r, keep_c)]
        ours = qi.chi2_independence(table)
        x2, p, df, _ = stats.chi2_contingency(reduced, correction=False)
        close([ours.statistic, ours.pvalue, ours.df], [x2, p, df])
        assert ours.dropped_rows == sorted(set(range(4)) - set(keep_r))
        assert ours.dropped_columns == sorted(set(range(5)) - set(keep_c))
        with pytest.raises(ValueError):
            stats.chi2_contingency(table, correction=False)  # what we spare the analyst


def test_chi2_labels_degenerate_and_errors():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[5, 0, 3], [0, 0, 0], [2, 0, 7]], index=["North", "East", "South"],
                      columns=["Good", "RI", "Inadequate"])
    r = qi.chi2_independence(df)
    assert r.dropped_rows == ["East"] and r.dropped_columns == ["RI"]
    one = qi.chi2_independence([[4, 0], [6, 0]])
    assert math.isnan(one.statistic) and math.isnan(one.pvalue)
    assert "1 column(s)" in one.note
    with pytest.raises(ValueError, match=r"table\[1, 0\] = -2 is not a finite count >= 0"):
        qi.chi2_independence([[1, 2], [-2, 3]])
    with pytest.raises(ValueError, match="table must be two-dimensional"):
        qi.chi2_independence([1, 2, 3])


def expand_to_individuals(successes, totals, scores):
    score = np.repeat(scores, totals)
    outcome = np.concatenate([np.r_[np.ones(s), np.zeros(t - s)]
                              for s, t in zip(successes, totals)])
    return score, outcome


def test_cochran_armitage_matches_statsmodels_and_pearson_r():
    rng = np.random.default_rng(8)
    for _ in range(200):
        k = rng.integers(2, 7)
        totals = rng.integers(1, 60, k)
        successes = rng.binomial(totals, np.linspace(0.2, 0.6, k) * rng.uniform(0.5, 1.5))
        if successes.sum() in (0, totals.sum()):
            continue
        scores = np.sort(rng.choice(20, k, replace=False)).astype(float)
        table = np.c_[successes, totals - successes]
        perm = qi.cochran_armitage(table, scores, variance="permutation")
        sm = Table(table, shift_zeros=False).test_ordinal_association(
            row_scores=scores, col_scores=np.array([1.0, 0.0]))
        close([perm.statistic, perm.pvalue], [sm.zscore, sm.pvalue])
        # The binomial form (Armitage 1955) is z² = N r², r Pearson's correlation of score and
        # outcome over the N individuals (the permutation form is (N − 1) r²).
        score, outcome = expand_to_individuals(successes, totals, scores)
        r = stats.pearsonr(score, outcome)[0]
        binom = qi.cochran_armitage(successes=successes, totals=totals, scores=scores)
        close(binom.statistic, math.sqrt(len(score)) * r)
        close(binom.pvalue, 2 * stats.norm.sf(abs(math.sqrt(len(score)) * r)))
        # The slope is the least-squares slope of outcome on score.
        close(binom.effect, stats.linregress(score, outcome).slope)
        greater = qi.cochran_armitage(table, scores, alternative="greater")
        close(greater.pvalue, stats.norm.sf(binom.statistic))


def test_cochran_armitage_agresti_example_and_errors():
    # Agresti (2007), §2.5.3: malformation by alcohol consumption, M² = 6.57, P = 0.01.
    table = np.array([[48, 17066], [38, 14464], [5, 788], [1, 126], [1, 37]])
    r = qi.cochran_armitage(table, [0, 0.5, 1.5, 4, 7], variance="permutation")
    close(r.statistic ** 2, 6.57, rtol=0, atol=0.005)
    d = qi.cochran_armitage(successes=[0, 0], totals=[5, 5])
    assert math.isnan(d.statistic) and "all successes or all failures" in d.note
    with pytest.raises(ValueError, match=r"successes\[1\] = 6 exceeds totals\[1\] = 5"):
        qi.cochran_armitage(successes=[0, 6], totals=[5, 5])
    with pytest.raises(ValueError, match="table must have two columns"):
        qi.cochran_armitage(np.ones((3, 3)))
    with pytest.raises(ValueError, match="variance must be 'binomial' or 'permutation'"):
        qi.cochran_armitage(table, variance="exact")
    with pytest.raises(ValueError, match="give table, or both successes and totals"):
        qi.cochran_armitage(successes=[1, 2])


# ---------------------------------------------------------------------------------------------
# Rank tests and correlations

def samples(rng, kind, n1, n2):
    if kind == "grades":  # few levels, many ties, as audit grades
        return rng.integers(0, 4, n1).astype(float), rng.integers(0, 4, n2).astype(float)
    return rng.normal(0, 1, n1), rng.normal(0.3, 1, n2)


@pytest.mark.parametrize("kind", ["grades", "continuous"])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("continuity", [True, False])
def test_mann_whitney_matches_scipy(kind, alternative, continuity):
    rng = np.random.default_rng(9)
    for _ in range(100):
        x, y = samples(rng, kind, rng.integers(1, 80), rng.integers(1, 80))
        if np.all(np.r_[x, y] == x[0]):
            continue
        ours = qi.mann_whitney(x, y, continuity=continuity, alternative=alternative,
                               method="asymptotic")
        theirs = stats.mannwhitneyu(x, y, use_continuity=continuity, alternative=alternative,
                                    method="asymptotic")
        close([ours.statistic, ours.pvalue], [theirs.statistic, theirs.pvalue])
        # Probability of superiority, counted directly over all pairs.
        diff = x[:, None] - y[None, :]
        close(ours.effect, (np.sum(diff > 0) + 0.5 * np.sum(diff == 0)) / diff.size)


def test_mann_whitney_degenerate_and_errors():
    r = qi.mann_whitney([2, 2], [2, 2, 2])
    assert math.isnan(r.pvalue) and "tied" in r.note and r.effect == 0.5
    with pytest.raises(ValueError, match="x and y must each hold at least one value"):
        qi.mann_whitney([], [1.0])
    with pytest.raises(ValueError, match=r"y\[1\] is NaN"):
        qi.mann_whitney([1.0], [1.0, np.nan])


@pytest.mark.parametrize("kind", ["grades", "continuous"])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_spearman_matches_scipy(kind, alternative):
    rng = np.random.default_rng(10)
    for _ in range(150):
        n = rng.integers(3, 200)
        x, noise = samples(rng, kind, n, n)
        y = x * rng.uniform(-1, 1) + noise
        if np.all(x == x[0]) or np.all(y == y[0]):
            continue
        ours = qi.spearman(x, y, alternative=alternative)
        theirs = stats.spearmanr(x, y, alternative=alternative)
        close([ours.statistic, ours.pvalue], [theirs.statistic, theirs.pvalue])
        assert ours.n == n


@pytest.mark.parametrize("kind", ["grades", "continuous"])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_kendall_tau_matches_scipy(kind, alternative):
    rng = np.random.default_rng(11)
    for _ in range(150):
        n = rng.integers(3, 600)
        x, noise = samples(rng, kind, n, n)
        y = np.round(x * rng.uniform(-1, 1) + noise, 1)
        if np.all(x == x[0]) or np.all(y == y[0]):
            continue
        ours = qi.kendall_tau(x, y, alternative=alternative, method="asymptotic")
        theirs = stats.kendalltau(x, y, method="asymptotic", alternative=alternative)
        close([ours.statistic, ours.pvalue], [theirs.statistic, theirs.pvalue])


def kendall_variance_exact(x, y):
    """The null variance of n_c − n_d (Kendall 1970, as scipy) in exact rational arithmetic."""
    def tie_sizes(v):
        return [int(t) for t in np.unique(v, return_counts=True)[1]]

    tx, ty, n = tie_sizes(x), tie_sizes(y), len(x)
    m = n * (n - 1)
    v = Fraction(m * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in tx)
                 - sum(u * (u - 1) * (2 * u + 5) for u in ty), 18)
    v += Fraction(sum(t * (t - 1) for t in tx) * sum(u * (u - 1) for u in ty), 2 * m)
    v += Fraction(sum(t * (t - 1) * (t - 2) for t in tx) * sum(u * (u - 1) * (u - 2) for u in ty),
                  9 * m * (n - 2))
    return v


def test_kendall_tau_large_graded_sample():
    # A million graded pairs with a weak association, so that the p-value is not 0. scipy 1.10
    # overflows int64 in its variance here (2·xtie·ytie wraps round), which moves its p-value
    # by about 1e-6 relative; the exact rational variance checks ours to 1e-12 instead.
    rng = np.random.default_rng(12)
    n = 1_000_000
    x = rng.integers(0, 4, n).astype(float)
    y = np.where(rng.uniform(size=n) < 0.002, x, rng.integers(0, 4, n)).astype(float)
    ours = qi.kendall_tau(x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        theirs = stats.kendalltau(x, y, method="asymptotic")
    close(ours.statistic, theirs.statistic)
    close(ours.pvalue, theirs.pvalue, rtol=1e-5)
    assert 1e-3 < ours.pvalue < 0.9
    # S = tau_b·√((n₀ − n₁)(n₀ − n₂)) is an integer: recover it from scipy's tau.
    n0 = n * (n - 1) // 2
    n1 = sum(int(t) * (int(t) - 1) // 2 for t in np.unique(x, return_counts=True)[1])
    n2 = sum(int(u) * (int(u) - 1) // 2 for u in np.unique(y, return_counts=True)[1])
    s = round(theirs.statistic * math.sqrt(n0 - n1) * math.sqrt(n0 - n2))
    z = s / math.sqrt(kendall_variance_exact(x, y))
    close(ours.pvalue, 2 * stats.norm.sf(abs(z)), rtol=1e-12)


def test_correlation_degenerate_and_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in (qi.spearman, qi.kendall_tau):
            r = f([1, 1, 1], [1, 2, 3])
            assert math.isnan(r.statistic) and "constant" in r.note
            r = f([1.0], [2.0])
            assert math.isnan(r.statistic) and r.note == "fewer than two pairs"
            with pytest.raises(ValueError, match="x and y must have equal lengths, got 2 and 3"):
                f([1, 2], [1, 2, 3])
            with pytest.raises(ValueError, match=r"x\[0\] is NaN"):
                f([np.nan, 2], [1, 2])
            with pytest.raises(ValueError, match="must be one-dimensional"):
                f([[1, 2]], [[1, 2]])
    r = qi.spearman([1, 2], [2, 1])
    assert r.statistic == -1.0 and math.isnan(r.pvalue)


# ---------------------------------------------------------------------------------------------
# Holm

def test_holm_matches_statsmodels():
    rng = np.random.default_rng(13)
    for _ in range(300):
        m = rng.integers(1, 40)
        p = rng.uniform(0, 1, m) ** rng.uniform(1, 6)
        if rng.uniform() < 0.3:
            p[rng.integers(0, m, max(1, m // 3))] = p[0]  # ties
        close(qi.holm(p), multipletests(p, method="holm")[1])


def test_holm_shape_and_errors():
    p = np.array([[0.01, 0.04], [0.03, 0.005]])
    adj = qi.holm(p)
    assert adj.shape == (2, 2)
    close(adj.ravel(), multipletests(p.ravel(), method="holm")[1])
    assert qi.holm([]).size == 0
    with pytest.raises(ValueError, match=r"pvalues\[1\] = 1.5 is not a probability in \[0, 1\]"):
        qi.holm([0.2, 1.5])
    with pytest.raises(ValueError, match=r"pvalues\[0\] = nan"):
        qi.holm([np.nan])


# ---------------------------------------------------------------------------------------------
# Funnel plots

def spiegelhalter_reference(p, n, p0):
    """Spiegelhalter (2005) exact limit written with scipy's binomial distribution."""
    r = stats.binom.ppf(p, n, p0)
    f = stats.binom.cdf(r, n, p0)
    fb = stats.binom.cdf(r - 1, n, p0)
    return np.clip((r - (f - p) / (f - fb)) / n, 0, 1)


def test_funnel_exact_limits_match_scipy_binomial():
    rng = np.random.default_rng(14)
    sizes = np.unique(np.r_[1, 2, 5, rng.integers(1, 5000, 200)]).astype(float)
    levels = (0.95, 0.998)
    for p0 in (0.01, 0.2, 0.5, 0.73, 0.97):
        f = qi.funnel_limits(p0, sizes, levels)
        assert f.low.shape == (sizes.size, 2)
        for j, level in enumerate(levels):
            close(f.low[:, j], spiegelhalter_reference((1 - level) / 2, sizes, p0), rtol=1e-9,
                  atol=1e-11)
            close(f.high[:, j], spiegelhalter_reference((1 + level) / 2, sizes, p0), rtol=1e-9,
                  atol=1e-11)


def test_funnel_normal_limits_and_frame():
    sizes = np.array([10.0, 50, 200, 1000])
    f = qi.funnel_limits(0.3, sizes, levels=[0.95, 0.998], method="normal")
    for j, level in enumerate((0.95, 0.998)):
        half = stats.norm.isf((1 - level) / 2) * np.sqrt(0.3 * 0.7 / sizes)
        close(f.low[:, j], np.clip(0.3 - half, 0, 1))
        close(f.high[:, j], np.clip(0.3 + half, 0, 1))
    pd = pytest.importorskip("pandas")
    frame = f.to_frame()
    assert list(frame.columns) == ["n", "low_0.95", "high_0.95", "low_0.998", "high_0.998"]
    assert isinstance(frame, pd.DataFrame)


def test_funnel_flags_agree_with_limits():
    rng = np.random.default_rng(15)
    n = rng.integers(5, 300, 400).astype(float)
    count = rng.binomial(n.astype(int), rng.choice([0.3, 0.5, 0.7], n.size)).astype(float)
    pooled = count.sum() / n.sum()
    for method in ("exact", "normal"):
        flags = qi.funnel_flags(count, n, level=0.95, method=method)
        f = qi.funnel_limits(pooled, n, levels=[0.95], method=method)
        share = count / n
        expected = np.where(share > f.high[:, 0], "above",
                            np.where(share < f.low[:, 0], "below", "within"))
        assert list(flags) == list(expected)
        assert {"above", "below", "within"} <= set(flags)


def test_funnel_degenerate_and_errors():
    flags = qi.funnel_flags([3, 0], [10, 0], benchmark=0.3)
    assert list(flags) == ["within", "no data"]
    f = qi.funnel_limits(0.3, [0, 10])
    assert np.isnan(f.low[0]).all() and not np.isnan(f.low[1]).any()
    with pytest.raises(ValueError, match="benchmark must be a proportion in \\[0, 1\\], got -0.1"):
        qi.funnel_limits(-0.1, [10])
    with pytest.raises(ValueError, match="is not a whole number"):
        qi.funnel_limits(0.3, [10.5])
    with pytest.raises(ValueError, match="each level must lie strictly between 0 and 1"):
        qi.funnel_limits(0.3, [10], levels=[0.95, 1.0])
    with pytest.raises(ValueError, match=r"count\[0\] = 11 is not a count in \[0, n\[0\] = 10\]"):
        qi.funnel_flags([11], [10])
    with pytest.raises(ValueError, match="method must be 'exact' or 'normal'"):
        qi.funnel_limits(0.3, [10], method="poisson")


# ---------------------------------------------------------------------------------------------
# Result objects

def test_results_repr_and_html():
    r = qi.mann_whitney([1, 2, 3], [4, 5])
    text = repr(r)
    assert text.startswith("MannWhitneyResult(statistic=0,") and "probability of superiority" in text
    assert "note" not in text  # empty notes are left out
    page = r._repr_html_()
    assert "<table>" in page and "Mann-Whitney U test" in page
    d = qi.mann_whitney([2, 2], [2])
    assert "note=" in repr(d) and "tied" in d._repr_html_()
    c = qi.chi2_independence([[10, 20], [30, 40]])
    assert "Cramér" in repr(c)
    assert "Funnel" in qi.funnel_limits(0.5, [10, 20])._repr_html_()


def test_public_names():
    for name in qi.__all__:
        assert hasattr(qi, name), name
