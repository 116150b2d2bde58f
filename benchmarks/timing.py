"""Timing shared by the benchmarks: each operation and its peer timed in turns, best of a few."""

from __future__ import annotations

import time
from typing import Callable, List, Sequence


def interleaved(fns: Sequence[Callable[[], object]], repeats: int) -> List[float]:
    """Best time of each function over `repeats` rounds, the functions taking turns (so that
    qaframe and its peer see the same machine load)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best
