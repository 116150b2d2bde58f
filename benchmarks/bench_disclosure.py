"""Time secondary suppression (qaframe.disclosure.suppress) by table size.

Run: PYTHONPATH=python /usr/bin/python3 benchmarks/bench_disclosure.py

Tables: the sample's grade x team table, and random tables of 8x6 to 60x8 cells in which about
half the counts are 1..5 (a hard case: many primary suppressions). For comparison, the time an
analyst would spend checking the same publication with scipy's HiGHS (two LPs per suppressed
value, as tests/python/test_disclosure.py does): qaframe finds the pattern and checks it in
exact arithmetic. Each timing is the best of a few repeats.
"""

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

import qaframe  # noqa: E402
from qaframe import disclosure  # noqa: E402
from test_disclosure import attacker_ranges  # noqa: E402


def best_of(fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def with_totals(body: pd.DataFrame) -> pd.DataFrame:
    out = body.copy()
    out.loc["Total"] = out.sum()
    out["Total"] = out.sum(axis=1)
    return out


def main() -> int:
    rng = np.random.default_rng(2024)
    root = Path(__file__).resolve().parents[1]
    cases = [("sample grade x team (8x5)",
              qaframe.read_audits(root / "data/sample/audits.csv").crosstab(by="team"))]
    for rows, cols in ((8, 6), (20, 6), (40, 8), (60, 8)):
        small = rng.integers(1, 6, (rows, cols))
        large = rng.integers(6, 60, (rows, cols))
        body = np.where(rng.uniform(size=(rows, cols)) < 0.5, small, large)
        body[rng.uniform(size=(rows, cols)) < 0.1] = 0
        frame = pd.DataFrame(body, index=[f"r{i}" for i in range(rows)],
                             columns=[f"c{j}" for j in range(cols)])
        cases.append((f"random {rows}x{cols}, half small", with_totals(frame)))
    print(f"{'table':34} {'primary':>7} {'second.':>7} {'qaframe s':>10} {'HiGHS check s':>14}")
    for label, frame in cases:
        result = disclosure.suppress(frame)
        t_ours = best_of(lambda: disclosure.suppress(frame), 3 if len(frame) < 30 else 1)
        t_check = best_of(lambda: attacker_ranges([result.published], 1.0), 1)
        print(f"{label:34} {result.primary_count:7d} {result.secondary_count:7d} "
              f"{t_ours:10.4f} {t_check:14.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
