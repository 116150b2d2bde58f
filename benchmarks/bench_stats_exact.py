"""Time qaframe's exact small-sample tests against scipy, which an analyst would use instead.

Run: PYTHONPATH=python /usr/bin/python3 benchmarks/bench_stats_exact.py

* Fisher's exact test, two-sided, on 20,000 small 2 x 2 tables (counts 0-30): a Python loop
  over scipy.stats.fisher_exact against a loop over qaframe.stats.fisher_exact (which also
  finds the conditional odds ratio).
* The exact Mann-Whitney p-value: 8 against 1,000 and 8 against 100,000 values (the largest
  sizes "auto" takes exact), and 30 against 30; scipy.stats.mannwhitneyu(method="exact").
* The exact Kendall p-value at n = 33 (the largest "auto" takes exact) and n = 1,000;
  scipy.stats.kendalltau(method="exact").
Results are checked to agree before they are timed; each timing is the best of a few repeats
(one where a call takes seconds). scipy keeps a cache of Mann-Whitney distributions between
calls, so its repeat timings there are of a warm cache: the first call is reported too.
"""

import sys
import time

import numpy as np
from scipy import stats

from qaframe import stats_inference as qi


def best_of(fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def once(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    rng = np.random.default_rng(7)
    rows = []

    tables = rng.integers(0, 31, (20_000, 2, 2))
    for t in tables[:500]:
        assert np.isclose(qi.fisher_exact(t).pvalue, stats.fisher_exact(t).pvalue, rtol=1e-12,
                          atol=0)
    t_ours = best_of(lambda: [qi.fisher_exact(t) for t in tables])
    t_theirs = best_of(lambda: [stats.fisher_exact(t) for t in tables])
    rows.append(("Fisher exact, 20,000 tables", "scipy fisher_exact", t_ours, t_theirs))

    for n1, n2, scipy_too in ((30, 30, True), (8, 1_000, True), (8, 100_000, False)):
        x = rng.permutation(n1 + n2).astype(float)
        y, x = x[n1:] + 0.5, x[:n1]
        label = f"Mann-Whitney exact, {n1} v {n2:,}"
        ours = lambda: qi.mann_whitney(x, y, method="exact")  # noqa: E731
        if scipy_too:
            theirs = lambda: stats.mannwhitneyu(x, y, method="exact")  # noqa: E731
            cold = once(theirs)
            assert np.isclose(ours().pvalue, theirs().pvalue, rtol=1e-12, atol=0)
            rows.append((label, f"scipy mannwhitneyu (first call {cold:.3f} s)",
                         best_of(ours), best_of(theirs)))
        else:
            rows.append((label, "scipy: not timed (minutes)", best_of(ours, 1), float("nan")))

    for n in (33, 1_000):
        x = np.arange(float(n))
        y = x + rng.normal(0, n / 3, n)
        ours = lambda: qi.kendall_tau(x, y, method="exact")  # noqa: E731
        theirs = lambda: stats.kendalltau(x, y, method="exact")  # noqa: E731
        assert np.isclose(ours().pvalue, theirs().pvalue, rtol=1e-12, atol=0)
        repeats = 3 if n < 100 else 1
        rows.append((f"Kendall exact, n = {n:,}", "scipy kendalltau", best_of(ours, repeats),
                     best_of(theirs, repeats)))

    width = max(len(r[0]) for r in rows)
    print(f"{'test':<{width}}  {'qaframe (s)':>12}  {'other (s)':>10}  {'ratio':>7}  other")
    for label, other, t_ours, t_theirs in rows:
        print(f"{label:<{width}}  {t_ours:12.4f}  {t_theirs:10.4f}  {t_theirs / t_ours:7.1f}  "
              f"{other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
