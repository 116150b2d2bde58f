"""The bootstrap's binomial sampler (stats/agreement/bootstrap.hpp, draw_binomial) against
scipy.stats.binom: chi-square goodness of fit of 50,000 draws for sizes and probabilities on
both sides of its switch from inversion (n p < 10) to Hormann's BTRS (n p >= 10), and above one
half (drawn by symmetry). Seeds fixed, so the test cannot flake; a wrong sampler fails at once
(p values far below 1e-6 for a shift of a tenth of a standard deviation)."""

import numpy as np
import pytest
from scipy import stats

import qaframe

CASES = [(1, 0.3), (5, 0.5), (20, 0.05), (30, 0.3), (33, 0.3), (100, 0.1), (100, 0.5),
         (1000, 0.02), (1000, 0.6), (250, 0.97), (5000, 0.37), (10**6, 0.001)]


@pytest.mark.parametrize("n,p", CASES)
def test_draws_follow_the_binomial_distribution(n, p):
    size = 50_000
    draws = qaframe._core.stats._binomial_draws(n, p, size, seed=20180331 + n)
    assert draws.min() >= 0 and draws.max() <= n
    # Bins of the support with an expected count of at least 5; the tails pooled.
    k = np.arange(n + 1)
    with np.errstate(divide="ignore", under="ignore"):  # far tails underflow to 0 in scipy
        expected = stats.binom.pmf(k, n, p) * size
    lo, hi = np.argmax(expected >= 5), n - np.argmax(expected[::-1] >= 5)
    observed = np.bincount(np.clip(draws, lo, hi) - lo, minlength=hi - lo + 1)
    exp = expected[lo:hi + 1].copy()
    exp[0] += expected[:lo].sum()
    exp[-1] += expected[hi + 1:].sum()
    assert observed.sum() == size
    chi2 = stats.chisquare(observed, exp * size / exp.sum())
    assert chi2.pvalue > 1e-3, (n, p, chi2)
    # Mean and variance within five Monte-Carlo standard errors.
    mean, var = n * p, n * p * (1 - p)
    assert abs(draws.mean() - mean) < 5 * np.sqrt(var / size)


def test_the_same_seed_gives_the_same_draws():
    a = qaframe._core.stats._binomial_draws(1000, 0.3, 1000, seed=7)
    b = qaframe._core.stats._binomial_draws(1000, 0.3, 1000, seed=7)
    c = qaframe._core.stats._binomial_draws(1000, 0.3, 1000, seed=8)
    assert (a == b).all() and not (a == c).all()
