"""Time qaframe's audit-cycle statistics against what an analyst would use instead.

Run: PYTHONPATH=python /usr/bin/python3 benchmarks/bench_cycle.py

* Kaplan-Meier with the median and its Brookmeyer-Crowley interval for 10^6 right-censored
  times (integer days, heavily tied, as actions' times to completion are): statsmodels'
  SurvfuncRight, quantile and quantile_ci.
* Sampling keys (SHA-256) for 10^5 children: hashlib in a Python loop.
Each timing is the best of a few repeats; both tools see the same data in the same run, and
the results are checked to agree before they are timed.
"""

import hashlib
import sys
import time

import numpy as np
from statsmodels.duration.survfunc import SurvfuncRight

import qaframe
from qaframe import _core


def best_of(fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    rng = np.random.default_rng(2018)
    rows = []

    n = 1_000_000
    t = rng.integers(0, 120, n).astype(float)
    s = (rng.random(n) < 0.8).astype(np.uint8)

    def ours():
        km = qaframe.stats.kaplan_meier(t, s)
        return km, km.median()

    def theirs():
        sf = SurvfuncRight(t, s)
        return sf, sf.quantile(0.5), sf.quantile_ci(0.5)

    km, m = ours()
    sf, q, (lo, hi) = theirs()
    # With 10^6 heavily tied times no event time lies inside the interval: both give NaN limits.
    assert np.allclose(km.surv_prob, sf.surv_prob, atol=1e-9)
    assert np.allclose([m.estimate, m.low, m.high], [q, lo, hi], equal_nan=True)
    rows.append(("Kaplan-Meier + median CI, 1e6 times", "statsmodels SurvfuncRight",
                 best_of(ours), best_of(theirs)))

    ids = [f"C-{i:06d}" for i in range(100_000)]
    assert _core.sampling_key(7, ids[5]) == hashlib.sha256(f"7:{ids[5]}".encode()).hexdigest()[:16]
    rows.append(("sampling keys, 1e5 children (a Python loop over the core)", "hashlib loop",
                 best_of(lambda: [_core.sampling_key(7, c) for c in ids]),
                 best_of(lambda: [hashlib.sha256(f"7:{c}".encode()).hexdigest()[:16]
                                  for c in ids])))

    print(f"{'task':58} {'instead':28} {'qaframe':>9} {'other':>9} {'ratio':>7}")
    for label, other, mine, theirs_t in rows:
        print(f"{label:58} {other:28} {mine:9.3f} {theirs_t:9.3f} {theirs_t / mine:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
