"""Time qaframe's inference statistics against what an analyst would use instead.

Run: PYTHONPATH=python /usr/bin/python3 benchmarks/bench_stats_inference.py

* Wilson (and Clopper-Pearson) intervals for a million proportions: statsmodels'
  proportion_confint, which is vectorised NumPy (and scipy's beta quantiles for "beta").
* Kendall's tau-b with its asymptotic p-value on a million pairs, both graded data (4 levels,
  as audit grades) and continuous data: scipy.stats.kendalltau.
Each timing is the best of a few repeats; both tools see the same data in the same run, and
the results are checked to agree before they are timed.
"""

import sys
import time
import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from qaframe import stats_inference as qi


def best_of(fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    rng = np.random.default_rng(2024)
    rows = []

    n = 1_000_000
    nobs = rng.integers(1, 500, n)
    count = rng.binomial(nobs, rng.uniform(0, 1, n))
    for ours, theirs, label in (("wilson", "wilson", "Wilson CI, 1e6 proportions"),
                                ("exact", "beta", "Clopper-Pearson CI, 1e6 proportions")):
        lo, hi = qi.proportion_ci(count, nobs, method=ours)
        slo, shi = proportion_confint(count, nobs, method=theirs)
        assert np.allclose(lo, slo, rtol=1e-9, atol=1e-12) and np.allclose(hi, shi, rtol=1e-9,
                                                                           atol=1e-12)
        repeats = 3 if ours == "wilson" else 1
        t_ours = best_of(lambda: qi.proportion_ci(count, nobs, method=ours), repeats)
        t_theirs = best_of(lambda: proportion_confint(count, nobs, method=theirs), repeats)
        rows.append((label, "statsmodels proportion_confint", t_ours, t_theirs))

    m = 1_000_000
    x_grades = rng.integers(0, 4, m).astype(float)
    y_grades = np.clip(x_grades + rng.integers(-1, 2, m), 0, 3)
    x_cont = rng.normal(size=m)
    y_cont = x_cont + rng.normal(size=m)
    for x, y, label in ((x_grades, y_grades, "Kendall tau-b, 1e6 graded pairs"),
                        (x_cont, y_cont, "Kendall tau-b, 1e6 continuous pairs")):
        a = qi.kendall_tau(x, y)
        with warnings.catch_warnings():
            # scipy 1.10 overflows int64 in its tie term for large graded samples.
            warnings.simplefilter("ignore", RuntimeWarning)
            b = stats.kendalltau(x, y, method="asymptotic")
        assert np.isclose(a.statistic, b.statistic, rtol=1e-9)
        t_ours = best_of(lambda: qi.kendall_tau(x, y))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            t_theirs = best_of(lambda: stats.kendalltau(x, y, method="asymptotic"))
        rows.append((label, "scipy.stats.kendalltau", t_ours, t_theirs))

    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'qaframe':>10}  {'other':>10}  {'ratio':>7}  other tool")
    for label, tool, t_ours, t_theirs in rows:
        print(f"{label:<{width}}  {t_ours * 1e3:>8.1f}ms  {t_theirs * 1e3:>8.1f}ms  "
              f"{t_theirs / t_ours:>6.1f}x  {tool}")
    print("ratio = other tool's time / qaframe's time (higher is faster for qaframe)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
