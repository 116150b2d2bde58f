"""Benchmark: agreement statistics against the tools an analyst would use instead.

    PYTHONPATH=python /usr/bin/python3 benchmarks/bench_stats_agreement.py

1. Cohen's kappa (quadratic weights) on a million pairs of Ofsted grades, as integer codes and
   as labels, against sklearn.metrics.cohen_kappa_score (given the labels in scale order).
2. A bootstrapped kappa, 2,000 resamples of 1,000 pairs, against a plain NumPy resampling loop
   calling scikit-learn, a vectorised NumPy kappa on resampled indices, and scipy.stats.bootstrap
   (BCa) with that vectorised statistic.
3. The same bootstrap on 20,000 pairs (scipy's BCa jackknife is O(n²) there and is left out):
   qaframe resamples confusion-matrix cells, so its cost does not grow with the number of pairs.

Times are the best of a few repeats (time.perf_counter); the ratio is other / qaframe.
"""

from __future__ import annotations

import time
from typing import Callable, List, Tuple

import numpy as np
import scipy.stats
from sklearn.metrics import cohen_kappa_score

import qaframe
import qaframe.stats_agreement as sa


def best_of(fn: Callable[[], object], repeats: int) -> Tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def quadratic_w(k: int) -> np.ndarray:
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    return 1 - (i - j) ** 2 / (k - 1) ** 2


def numpy_kappa_batch(a: np.ndarray, b: np.ndarray, k: int, w: np.ndarray) -> np.ndarray:
    """Weighted kappa of each row of index-resampled codes, by bincount of the cell index."""
    n = a.shape[-1]
    cells = (a * k + b).reshape(-1, n)
    offsets = (np.arange(cells.shape[0]) * k * k)[:, None]
    p = np.bincount((cells + offsets).ravel(), minlength=cells.shape[0] * k * k)
    p = p.reshape(-1, k, k) / n
    po = (w * p).sum((1, 2))
    pe = np.einsum("bi,ij,bj->b", p.sum(2), w, p.sum(1))
    return ((po - pe) / (1 - pe)).reshape(a.shape[:-1])


def main() -> None:
    rng = np.random.default_rng(2026)
    k = 4
    scale = qaframe.GradeScale.ofsted()
    labels = list(scale.labels)
    rows: List[Tuple[str, str, float, float]] = []

    # 1. Kappa on a million pairs -----------------------------------------------------------
    n = 1_000_000
    a = rng.integers(0, k, size=n)
    b = np.where(rng.random(n) < 0.7, a, np.clip(a + rng.integers(-1, 2, size=n), 0, k - 1))
    t_q, r_q = best_of(lambda: sa.cohen_kappa(a, b, "quadratic", k=k), 5)
    t_s, r_s = best_of(lambda: cohen_kappa_score(a, b, labels=list(range(k)),
                                                 weights="quadratic"), 3)
    assert abs(r_q.statistic - r_s) < 1e-10, (r_q.statistic, r_s)
    rows.append(("kappa, 1e6 pairs (codes)", "sklearn cohen_kappa_score", t_q, t_s))

    la = np.array(labels, dtype=object)[a]
    lb = np.array(labels, dtype=object)[b]
    t_ql, r_ql = best_of(lambda: sa.cohen_kappa(la, lb, "quadratic", scale=scale), 3)
    t_sl, r_sl = best_of(lambda: cohen_kappa_score(la, lb, labels=labels, weights="quadratic"), 2)
    assert abs(r_ql.statistic - r_sl) < 1e-10, (r_ql.statistic, r_sl)
    rows.append(("kappa, 1e6 pairs (labels)", "sklearn cohen_kappa_score", t_ql, t_sl))

    # 2. Bootstrapped kappa, 2,000 resamples ----------------------------------------------------
    n, B = 1000, 2000
    a = a[:n].copy()
    b = b[:n].copy()
    w = quadratic_w(k)

    def ours() -> object:
        return sa.bootstrap_ci("kappa", a, b, weights="quadratic", k=k, n_resamples=B, seed=1)

    def sklearn_loop() -> object:
        g = np.random.default_rng(1)
        out = np.empty(B)
        for i in range(B):
            idx = g.integers(0, n, size=n)
            out[i] = cohen_kappa_score(a[idx], b[idx], labels=list(range(k)), weights="quadratic")
        return np.percentile(out, [2.5, 97.5])

    def numpy_vectorised() -> object:
        g = np.random.default_rng(1)
        idx = g.integers(0, n, size=(B, n))
        return np.percentile(numpy_kappa_batch(a[idx], b[idx], k, w), [2.5, 97.5])

    def scipy_bca() -> object:
        return scipy.stats.bootstrap(
            (a, b), lambda x, y, axis=-1: numpy_kappa_batch(np.moveaxis(x, axis, -1),
                                                            np.moveaxis(y, axis, -1), k, w),
            paired=True, vectorized=True, n_resamples=B, method="BCa",
            random_state=np.random.default_rng(1)).confidence_interval

    t_b, r_b = best_of(ours, 5)
    t_loop, r_loop = best_of(sklearn_loop, 2)
    t_vec, r_vec = best_of(numpy_vectorised, 3)
    t_sci, r_sci = best_of(scipy_bca, 2)
    rows.append(("bootstrap kappa BCa, B=2000", "NumPy loop + sklearn (percentile)", t_b, t_loop))
    rows.append(("bootstrap kappa BCa, B=2000", "vectorised NumPy (percentile)", t_b, t_vec))
    rows.append(("bootstrap kappa BCa, B=2000", "scipy.stats.bootstrap BCa", t_b, t_sci))

    # 3. The same with 20,000 pairs: qaframe's cost does not grow with n ---------------------------
    n_big = 20_000
    rng_big = np.random.default_rng(7)
    a2 = rng_big.integers(0, k, size=n_big)
    b2 = np.where(rng_big.random(n_big) < 0.7, a2,
                  np.clip(a2 + rng_big.integers(-1, 2, size=n_big), 0, k - 1))

    def ours_big() -> object:
        return sa.bootstrap_ci("kappa", a2, b2, weights="quadratic", k=k, n_resamples=B, seed=1)

    def sklearn_loop_big() -> object:
        g = np.random.default_rng(1)
        out = np.empty(B)
        for i in range(B):
            idx = g.integers(0, n_big, size=n_big)
            out[i] = cohen_kappa_score(a2[idx], b2[idx], labels=list(range(k)),
                                       weights="quadratic")
        return np.percentile(out, [2.5, 97.5])

    def numpy_vectorised_big() -> object:
        g = np.random.default_rng(1)
        out = []
        for _ in range(B // 100):  # in batches, to keep memory at 100 x n indices
            idx = g.integers(0, n_big, size=(100, n_big))
            out.append(numpy_kappa_batch(a2[idx], b2[idx], k, w))
        return np.percentile(np.concatenate(out), [2.5, 97.5])

    t_b2, _ = best_of(ours_big, 5)
    t_loop2, _ = best_of(sklearn_loop_big, 1)
    t_vec2, _ = best_of(numpy_vectorised_big, 2)
    rows.append(("bootstrap kappa, n=20000", "NumPy loop + sklearn (percentile)", t_b2, t_loop2))
    rows.append(("bootstrap kappa, n=20000", "vectorised NumPy (percentile)", t_b2, t_vec2))

    print(f"{'task':32} {'instead':36} {'qaframe':>10} {'other':>10} {'ratio':>8}")
    for task, other, tq, to in rows:
        print(f"{task:32} {other:36} {tq * 1e3:8.2f}ms {to * 1e3:8.1f}ms {to / tq:7.0f}x")
    print()
    print(f"intervals (kappa {r_b.statistic:.4f}): qaframe BCa {r_b.low:.4f}-{r_b.high:.4f}; "
          f"scipy BCa {r_sci.low:.4f}-{r_sci.high:.4f}; sklearn loop percentile "
          f"{r_loop[0]:.4f}-{r_loop[1]:.4f}; NumPy percentile {r_vec[0]:.4f}-{r_vec[1]:.4f}")


if __name__ == "__main__":
    main()
