"""Over-dispersed funnel limits against a reference implementation of Spiegelhalter (2005),
"Funnel plots for comparing institutional performance", Stat Med 24:1185-1202, section 4,
written here in numpy from the paper's formulas (not from the C++)."""

import math

import numpy as np
import pytest
from scipy import stats

from qaframe import stats_inference as qi

TOL = 1e-9


def close(actual, expected, rtol=TOL, atol=1e-12):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


def spiegelhalter_reference(count, n, p0, winsor=0.1):
    """Section 4 on the proportion scale, step by step.

    z_i = (y_i - p0)/s_i with s_i = sqrt(p0(1 - p0)/n_i) (units of size 0 dropped); the
    z-scores winsorised at their 100*winsor% and 100*(1 - winsor)% points (numpy's default
    linear percentiles); phi = sum(z_w^2)/I; tau2 = max(0, (I*phi - (I - 1)) /
    (sum w - sum w^2/sum w)) with w = 1/s^2.
    """
    count = np.asarray(count, float)
    n = np.asarray(n, float)
    keep = n > 0
    y = count[keep] / n[keep]
    s = np.sqrt(p0 * (1 - p0) / n[keep])
    z = (y - p0) / s
    lo, hi = np.percentile(z, [100 * winsor, 100 * (1 - winsor)])
    zw = np.clip(z, lo, hi)
    units = z.size
    phi = np.sum(zw ** 2) / units
    w = 1 / s ** 2
    tau2 = max(0.0, (units * phi - (units - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    return dict(phi=phi, tau2=tau2, z_low=lo, z_high=hi,
                winsorised=int(np.sum((z < lo) | (z > hi))), units=units)


def reference_limits(p0, sizes, levels, phi=None, tau2=None):
    sizes = np.asarray(sizes, float)
    s2 = p0 * (1 - p0) / sizes
    low, high = [], []
    for level in levels:
        z = stats.norm.ppf(0.5 + level / 2)
        var = s2 * (phi if phi is not None and phi > 1 else 1.0)
        if tau2 is not None:
            var = s2 + tau2
        half = z * np.sqrt(var)
        low.append(np.clip(p0 - half, 0, 1))
        high.append(np.clip(p0 + half, 0, 1))
    return np.array(low).T, np.array(high).T


def teams(rng, units, spread):
    """Teams of very different sizes whose true shares vary around 0.3 by `spread` (logit)."""
    n = rng.integers(3, 400, units)
    true = 1 / (1 + np.exp(-(np.log(0.3 / 0.7) + rng.normal(0, spread, units))))
    return rng.binomial(n, true).astype(float), n.astype(float)


@pytest.mark.parametrize("spread", [0.0, 0.2, 0.6, 1.2])
@pytest.mark.parametrize("winsor", [0.1, 0.05, 0.0, 0.25])
def test_overdispersion_estimate_matches_reference(spread, winsor):
    rng = np.random.default_rng(int(spread * 100) + int(winsor * 1000))
    for _ in range(60):
        count, n = teams(rng, rng.integers(2, 160), spread)
        pooled = count.sum() / n.sum()
        for p0 in (pooled, 0.3):
            ref = spiegelhalter_reference(count, n, p0, winsor)
            for method in ("multiplicative", "additive"):
                est = qi.estimate_overdispersion(count, n, p0, method, winsor)
                close([est.phi, est.tau2, est.z_low, est.z_high],
                      [ref["phi"], ref["tau2"], ref["z_low"], ref["z_high"]])
                assert est.winsorised == ref["winsorised"] and est.units == ref["units"]
                assert est.inflated == (ref["phi"] > 1 if method == "multiplicative"
                                        else ref["tau2"] > 0)
        # The benchmark defaults to the pooled share.
        default = qi.estimate_overdispersion(count, n)
        close(default.benchmark, pooled)


@pytest.mark.parametrize("method", ["multiplicative", "additive"])
def test_overdispersed_limits_match_reference(method):
    rng = np.random.default_rng(31 if method == "additive" else 32)
    levels = (0.95, 0.998)
    for spread in (0.0, 0.3, 0.9):
        for _ in range(40):
            count, n = teams(rng, rng.integers(5, 120), spread)
            p0 = count.sum() / n.sum()
            ref = spiegelhalter_reference(count, n, p0)
            # At the units' own sizes, estimated from their counts ...
            f = qi.funnel_limits(p0, n, levels, overdispersion=method, count=count)
            assert f.method == "normal" and f.dispersion is not None
            rlow, rhigh = reference_limits(
                p0, n, levels, phi=ref["phi"] if method == "multiplicative" else None,
                tau2=ref["tau2"] if method == "additive" else None)
            close(f.low, rlow)
            close(f.high, rhigh)
            # ... and on a grid for drawing, from the estimate.
            grid = np.geomspace(1, 5000, 60)
            g = qi.funnel_limits(p0, grid, levels, overdispersion=f.dispersion)
            glow, ghigh = reference_limits(
                p0, grid, levels, phi=ref["phi"] if method == "multiplicative" else None,
                tau2=ref["tau2"] if method == "additive" else None)
            close(g.low, glow)
            close(g.high, ghigh)


def test_overdispersed_flags_agree_with_limits_and_reduce_signals():
    rng = np.random.default_rng(33)
    count, n = teams(rng, 150, 0.8)
    p0 = count.sum() / n.sum()
    share = count / n
    plain = qi.funnel_flags(count, n, level=0.998, method="normal")
    for method in ("multiplicative", "additive"):
        flags = qi.funnel_flags(count, n, level=0.998, overdispersion=method)
        f = qi.funnel_limits(p0, n, [0.998], overdispersion=method, count=count)
        expected = np.where(share > f.high[:, 0], "above",
                            np.where(share < f.low[:, 0], "below", "within"))
        assert list(flags) == list(expected)
        # Over-dispersed teams: the binomial funnel flags many, the adjusted one fewer.
        assert np.sum(flags != "within") < np.sum(plain != "within")


def test_zero_numerators_and_denominators():
    count = np.array([0, 0, 5, 9, 14, 0, 30])
    n = np.array([12, 0, 40, 50, 60, 0, 90])
    p0 = 0.2
    est = qi.estimate_overdispersion(count, n, p0, "additive", winsor=0.0)
    assert est.zero_denominators == 2 and est.units == 5
    assert est.zero_numerators == 1  # the unit of 0/12 is kept; the 0/0 ones are not counted
    assert "denominator 0 left out" in est.note and "numerator 0 kept" in est.note
    # Its z is computed with the target's standard error: -p0/sqrt(p0(1-p0)/12).
    ref = spiegelhalter_reference(count, n, p0, winsor=0.0)
    close([est.phi, est.tau2], [ref["phi"], ref["tau2"]])
    keep = n > 0
    z = (count[keep] / n[keep] - p0) / np.sqrt(p0 * (1 - p0) / n[keep])
    close(z[0], -p0 / math.sqrt(p0 * (1 - p0) / 12))
    close(est.phi, np.mean(z ** 2))
    f = qi.funnel_limits(p0, n, overdispersion=est)
    assert np.isnan(f.low[1]).all() and not np.isnan(f.low[0]).any()
    flags = qi.funnel_flags(count, n, benchmark=p0, overdispersion="additive", winsor=0.0)
    assert flags[1] == "no data" and flags[5] == "no data"


def test_overdispersion_arguments_and_degenerate_cases():
    count, n = [3, 5, 8], [10, 20, 30]
    with pytest.raises(ValueError, match="use method 'normal', got 'exact'"):
        qi.funnel_limits(0.3, n, method="exact", overdispersion="additive", count=count)
    with pytest.raises(ValueError, match="needs the units' count"):
        qi.funnel_limits(0.3, n, overdispersion="additive")
    with pytest.raises(ValueError, match="count is used only to estimate over-dispersion"):
        qi.funnel_limits(0.3, n, count=count)
    with pytest.raises(ValueError, match="overdispersion must be 'none', 'multiplicative'"):
        qi.funnel_limits(0.3, n, overdispersion="random", count=count)
    with pytest.raises(ValueError, match="winsor must lie in"):
        qi.estimate_overdispersion(count, n, 0.3, winsor=0.6)
    with pytest.raises(ValueError, match="estimated against benchmark"):
        qi.funnel_limits(0.4, n, overdispersion=qi.estimate_overdispersion(count, n, 0.3))
    with pytest.raises(ValueError, match="use method 'normal'"):
        qi.funnel_flags(count, n, method="exact", overdispersion="multiplicative")
    one = qi.estimate_overdispersion([3], [10], 0.3)
    assert not one.inflated and math.isnan(one.phi) and "at least two" in one.note
    # The unadjusted default is unchanged: exact binomial limits.
    assert qi.funnel_limits(0.3, n).method == "exact"
    html = qi.estimate_overdispersion(count, n, 0.3)._repr_html_()
    assert "phi" in html and "_core" not in html
