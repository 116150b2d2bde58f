"""Kaplan-Meier, survival quantiles and their Brookmeyer-Crowley intervals against statsmodels'
SurvfuncRight to 1e-9 (on the sample's times to completion and on random data); the sign test
against scipy's binomtest; SHA-256 against hashlib."""

from __future__ import annotations

import hashlib
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.duration.survfunc import SurvfuncRight

import qaframe
from qaframe import stats

TRANSFORMS = ["cloglog", "linear", "log", "logit", "asinsqrt"]


def _same(a: float, b: float) -> bool:
    return (np.isnan(a) and np.isnan(b)) or a == b


def _exact_quantile(sf: SurvfuncRight, p: float):
    """The p-quantile with the survival computed in exact fractions (the strict inequality of
    SAS and statsmodels, S(t) < 1 - p, decided without rounding)."""
    target, s = 1 - Fraction(p), Fraction(1)
    for t, n, d in zip(sf.surv_times, sf.n_risk, sf.n_events):
        s *= Fraction(int(n - d), int(n))
        if s < target:
            return t
    return np.nan


def assert_matches_statsmodels(time, status) -> int:
    """Asserts table, standard errors, quantiles and intervals equal statsmodels'. Where the
    survival equals 1 - p exactly, statsmodels' exp(sum(log)) can round to either side; there
    qaframe must give the exact answer, and the interval is compared when statsmodels agrees.
    Returns how many quantiles were left to the exact check."""
    sf = SurvfuncRight(np.asarray(time, float), np.asarray(status, int))
    km = stats.kaplan_meier(time, status)
    np.testing.assert_array_equal(km.surv_times, sf.surv_times)
    np.testing.assert_array_equal(km.n_risk, sf.n_risk)
    np.testing.assert_array_equal(km.n_events_at, sf.n_events)
    np.testing.assert_allclose(km.surv_prob, sf.surv_prob, rtol=0, atol=1e-9)
    np.testing.assert_allclose(km.surv_prob_se, sf.surv_prob_se, rtol=0, atol=1e-9)
    assert np.array_equal(np.isnan(km.surv_prob_se), np.isnan(sf.surv_prob_se))
    exact_only = 0
    for p in (0.25, 0.5, 0.75):
        exact = _exact_quantile(sf, p)
        with np.errstate(all="ignore"):
            expected = sf.quantile(p)
        for transform in TRANSFORMS:
            q = km.quantile(p, 0.95, transform)
            assert _same(q.estimate, exact)
            if not _same(expected, exact):
                exact_only += 1
                continue
            with np.errstate(all="ignore"):
                lo, hi = sf.quantile_ci(p, alpha=0.05, method=transform)
            assert _same(q.estimate, expected)
            assert _same(q.low, lo), (p, transform)
            assert _same(q.high, hi), (p, transform)
    return exact_only


def test_sample_times_to_completion_match_statsmodels(sample, root):
    a = sample.actions(root / "data" / "sample" / "actions.csv", as_of="2018-04-30")
    frame = a.to_frame()
    counted = frame[~frame["state"].isin(["cancelled", "not yet raised"])]
    time, event = counted["time"].to_numpy(float), counted["event"].to_numpy(int)
    assert assert_matches_statsmodels(time, event) == 0
    sf = SurvfuncRight(time, event)
    np.testing.assert_allclose(a.survival["survival"], sf.surv_prob, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.survival["std_error"], sf.surv_prob_se, rtol=0, atol=1e-12)
    assert a.median_days == sf.quantile(0.5) == 16
    assert a.median_ci == sf.quantile_ci(0.5) == (13, 18)
    # Per team, each median and interval equals statsmodels' on that team's actions.
    for team, row in a.completion_by_team.iterrows():
        part = counted[counted["team"] == team]
        sft = SurvfuncRight(part["time"].to_numpy(float), part["event"].to_numpy(int))
        with np.errstate(all="ignore"):
            assert _same(row["median"], sft.quantile(0.5))
            lo, hi = sft.quantile_ci(0.5)
        assert _same(row["low"], lo) and _same(row["high"], hi)


def test_six_mp_arm_matches_statsmodels_and_the_published_table():
    time = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
    status = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert assert_matches_statsmodels(time, status) == 0
    km = stats.kaplan_meier(time, status)
    np.testing.assert_allclose(km.surv_prob, [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448],
                               atol=5e-4)
    m = km.median(transform="log")
    assert (m.estimate, m.low, m.high) == (23, 16, np.inf)


def test_random_integer_times_with_ties_and_zeros_match_statsmodels():
    rng = np.random.default_rng(20180430)
    exact_only = 0
    for _ in range(1500):
        n = int(rng.integers(1, 60))
        time = rng.integers(0, 30, size=n).astype(float)
        status = (rng.random(n) < rng.random()).astype(int)
        exact_only += assert_matches_statsmodels(time, status)
    # statsmodels rounds an exact tie the wrong way only now and then.
    assert exact_only < 0.01 * 1500 * 3 * len(TRANSFORMS)


@given(st.lists(st.tuples(st.floats(0, 1000, allow_nan=False), st.booleans()), max_size=80))
def test_continuous_times_match_statsmodels(pairs):
    time = [t for t, _ in pairs]
    status = [int(e) for _, e in pairs]
    if not pairs:
        km = stats.kaplan_meier(time, status)
        assert km.n == 0 and km.note == "no subjects"
        return
    assert_matches_statsmodels(time, status)


def test_all_censored_and_degenerate_cases():
    km = stats.kaplan_meier([3, 5, 8], [0, 0, 0])
    sf = SurvfuncRight([3, 5, 8], [0, 0, 0])
    assert len(km.surv_times) == len(sf.surv_times) == 0
    q = km.median()
    assert np.isnan(q.estimate) and np.isnan(q.low) and np.isnan(q.high)
    assert np.isnan(sf.quantile(0.5))
    assert q.note == "no events: the quantile and its interval cannot be estimated"
    assert km.survival_at(100) == 1.0
    # Everyone done the day raised: time 0, survival 0 with a NaN standard error.
    km = stats.kaplan_meier([0, 0], [1, 1])
    assert km.surv_prob.tolist() == [0.0] and np.isnan(km.surv_prob_se[0])
    assert km.median().estimate == 0
    with pytest.raises(ValueError, match="same length"):
        stats.kaplan_meier([1, 2], [1])
    with pytest.raises(ValueError, match="status must hold 1"):
        stats.kaplan_meier([1, 2], [1, 2])
    with pytest.raises(ValueError, match="unknown transform"):
        stats.kaplan_meier([1], [1]).quantile(0.5, 0.95, "probit")


def test_sign_test_equals_scipy_binomtest():
    for k in range(0, 25):
        for n in range(k, 25):
            if n == 0:
                continue
            for alternative in ("two-sided", "greater", "less"):
                r = stats.sign_test(k, n - k, 3, alternative)
                expected = sps.binomtest(k, n, 0.5, alternative=alternative).pvalue
                assert r.pvalue == pytest.approx(expected, rel=1e-12, abs=1e-15)
                assert r.statistic == pytest.approx(k / n)
    r = stats.sign_test(0, 0, 5)
    assert r.pvalue == 1.0 and r.note == "no pair changed: nothing to test"
    big = stats.sign_test(400, 300)
    assert big.pvalue == pytest.approx(sps.binomtest(400, 700, 0.5).pvalue, rel=1e-9)


@given(st.binary(max_size=300))
def test_sha256_equals_hashlib(data):
    assert qaframe._core.stats.sha256_hex(data) == hashlib.sha256(data).hexdigest()
