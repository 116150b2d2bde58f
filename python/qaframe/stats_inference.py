"""Inference for audit shares and comparisons: intervals for proportions, tests for comparing
groups and periods, rank correlations, Holm's adjustment and funnel-plot limits.

Thin wrappers over the compiled ``qaframe._core.stats``: the statistics themselves live in the
C++ headers ``include/qaframe/stats/{proportion,contingency,rank_tests,correlation,
multiple_testing,funnel}.hpp``, where each formula is given with its reference.

Conventions, as scipy and statsmodels:

* intervals come back as ``(low, high)``; scalars in give floats out, arrays in give arrays;
* tests return small result objects with ``statistic`` and ``pvalue`` (they unpack as
  ``statistic, pvalue = mann_whitney(x, y)``), plus ``df``, ``effect`` and ``effect_name``
  where they apply, and a ``note`` saying why a value is NaN;
* invalid arguments (count > nobs, negative counts, unequal lengths, NaN in a sample, a level
  outside (0, 1)) raise ``ValueError`` with a message naming the argument and value;
* degenerate but valid input (no observations, a constant sample, all observations tied)
  gives NaN with the reason in ``note``, never an exception or a division by zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional, Sequence, Tuple, Union

import numpy as np

from ._core import stats as _stats
from ._results import _Result

__all__ = [
    "proportion_ci",
    "newcombe_difference",
    "two_proportion_ztest",
    "chi2_independence",
    "cochran_armitage",
    "mann_whitney",
    "spearman",
    "kendall_tau",
    "holm",
    "funnel_limits",
    "funnel_flags",
    "ProportionDifference",
    "TwoProportionZTestResult",
    "Chi2IndependenceResult",
    "TrendTestResult",
    "MannWhitneyResult",
    "CorrelationResult",
    "FunnelLimits",
]

ArrayLike = Union[float, int, Sequence[float], np.ndarray]


class _TestResult(_Result):
    """A test result unpacks as (statistic, pvalue), as scipy's do."""

    statistic: float
    pvalue: float

    def __iter__(self) -> Iterator[float]:
        yield self.statistic
        yield self.pvalue


@dataclass(frozen=True, repr=False)
class ProportionDifference(_Result):
    """Interval for p1 - p2 of two independent proportions."""

    estimate: float
    low: float
    high: float
    level: float
    method: str = "newcombe"
    note: str = ""
    _title = "Difference of two proportions (Newcombe hybrid score)"


@dataclass(frozen=True, repr=False)
class TwoProportionZTestResult(_TestResult):
    """Pooled two-proportion z-test."""

    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    alternative: str
    note: str = ""
    _title = "Two-proportion z-test"


@dataclass(frozen=True, repr=False)
class Chi2IndependenceResult(_TestResult):
    """Pearson's chi-square test of independence."""

    statistic: float
    pvalue: float
    df: float
    effect: float
    effect_name: str
    expected: np.ndarray
    dropped_rows: list
    dropped_columns: list
    corrected: bool
    note: str = ""
    _title = "Chi-square test of independence"


@dataclass(frozen=True, repr=False)
class TrendTestResult(_TestResult):
    """Cochran-Armitage test for a linear trend in proportions."""

    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    variance: str
    alternative: str
    note: str = ""
    _title = "Cochran-Armitage trend test"


@dataclass(frozen=True, repr=False)
class MannWhitneyResult(_TestResult):
    """Mann-Whitney U test."""

    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    alternative: str
    note: str = ""
    _title = "Mann-Whitney U test"


@dataclass(frozen=True, repr=False)
class CorrelationResult(_TestResult):
    """A rank correlation and its test of no association."""

    statistic: float
    pvalue: float
    n: int
    method: str
    alternative: str
    note: str = ""
    _title = "Rank correlation"


@dataclass(frozen=True, repr=False)
class FunnelLimits(_Result):
    """Funnel-plot limits: ``low`` and ``high`` have one row per size, one column per level."""

    benchmark: float
    n: np.ndarray
    levels: tuple
    low: np.ndarray
    high: np.ndarray
    method: str
    _title = "Funnel-plot limits"

    def to_frame(self):
        """The limits as a pandas DataFrame: column n, then low_<level> and high_<level>."""
        import pandas as pd

        data = {"n": self.n}
        for j, level in enumerate(self.levels):
            data[f"low_{level:g}"] = self.low[:, j]
            data[f"high_{level:g}"] = self.high[:, j]
        return pd.DataFrame(data)


def _vector(values: Any, name: str) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got {a.ndim} dimension(s)")
    return np.ascontiguousarray(a)


def proportion_ci(count: ArrayLike, nobs: ArrayLike, level: float = 0.95,
                  method: str = "wilson") -> Tuple[Any, Any]:
    """Confidence interval for a binomial proportion count/nobs, vectorised.

    Same interface as statsmodels' ``proportion_confint`` but with ``level`` (not ``alpha``).
    ``count`` and ``nobs`` broadcast; scalars in give floats out. ``nobs = 0`` gives NaN.
    With z = Φ⁻¹(1 − α/2) and p̂ = x/n:

    * ``"wilson"`` (Wilson 1927): (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
    * ``"wilson_cc"``: Wilson with continuity correction, Newcombe (1998) "Two-sided
      confidence intervals for the single proportion", method 4.
    * ``"exact"`` (Clopper and Pearson 1934): Beta(α/2; x, n−x+1), Beta(1−α/2; x+1, n−x).
    * ``"jeffreys"``: quantiles of Beta(x+½, n−x+½), with the boundary rule of Brown, Cai and
      DasGupta (2001): low = 0 at x = 0 and high = 1 at x = n. statsmodels has no boundary
      rule, so it differs from this at x = 0 (low) and x = n (high) only.
    * ``"agresti_coull"`` (Agresti and Coull 1998) and ``"normal"`` (Wald), clipped to [0, 1].

    Returns ``(low, high)``.
    """
    c = np.asarray(count, dtype=float)
    n = np.asarray(nobs, dtype=float)
    try:
        cb, nb = np.broadcast_arrays(c, n)
    except ValueError:
        raise ValueError(f"count and nobs must broadcast together, got shapes {c.shape} and "
                         f"{n.shape}") from None
    if cb.ndim == 0:
        one = _stats.proportion_interval(float(cb), float(nb), level, method)
        return one.low, one.high
    low, high = _stats.proportion_ci(np.ascontiguousarray(cb).ravel(),
                                     np.ascontiguousarray(nb).ravel(), level, method)
    return low.reshape(cb.shape), high.reshape(cb.shape)


def newcombe_difference(count1: float, nobs1: float, count2: float, nobs2: float,
                        level: float = 0.95) -> ProportionDifference:
    """Newcombe's hybrid score interval for p1 − p2 of two independent proportions.

    Newcombe (1998), "Interval estimation for the difference between independent proportions:
    comparison of eleven methods", method 10: from the Wilson limits (l₁, u₁), (l₂, u₂),
    δ = p̂₁ − p̂₂, low = δ − √((p̂₁ − l₁)² + (u₂ − p̂₂)²), high = δ + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
    Equals statsmodels' ``confint_proportions_2indep(..., method="newcomb")``.
    """
    r = _stats.newcombe_difference(count1, nobs1, count2, nobs2, level)
    return ProportionDifference(r.estimate, r.low, r.high, level, "newcombe", r.note)


def two_proportion_ztest(count1: float, nobs1: float, count2: float, nobs2: float,
                         alternative: str = "two-sided") -> TwoProportionZTestResult:
    """Two-proportion z-test with the pooled variance.

    p = (x₁ + x₂)/(n₁ + n₂), z = (p̂₁ − p̂₂)/√(p(1 − p)(1/n₁ + 1/n₂)) (Fleiss, Levin and Paik
    2003, §2.5; as statsmodels' ``proportions_ztest``). ``effect`` is p̂₁ − p̂₂. NaN with a note
    when a group is empty or the pooled proportion is 0 or 1.
    """
    r = _stats.two_proportion_ztest(count1, nobs1, count2, nobs2, alternative)
    return TwoProportionZTestResult(r.statistic, r.pvalue, r.effect, r.effect_name, alternative,
                                    r.note)


def chi2_independence(table: Any, correction: bool = False) -> Chi2IndependenceResult:
    """Pearson's chi-square test of independence, with Cramér's V.

    E = row·col/N, X² = Σ(O − E)²/E, df = (r − 1)(c − 1) (Pearson 1900); Cramér's V =
    √(X²/N(min(r, c) − 1)) (Cramér 1946), always from the uncorrected X². Rows and columns that
    are all zero are dropped first (scipy raises on them) and reported in ``dropped_rows`` and
    ``dropped_columns`` (as labels when ``table`` is a pandas DataFrame). With ``correction``
    and df = 1, Yates' correction is applied as in scipy's ``chi2_contingency``. The default
    (no correction) is the statistic of the formula above. NaN with a note when fewer than two
    non-empty rows or columns remain.
    """
    t = np.asarray(table, dtype=float)
    r = _stats.chi2_independence(t, correction)
    rows, cols = list(r.dropped_rows), list(r.dropped_columns)
    if hasattr(table, "index") and hasattr(table, "columns"):
        rows = [table.index[i] for i in rows]
        cols = [table.columns[j] for j in cols]
    return Chi2IndependenceResult(r.statistic, r.pvalue, r.df, r.effect, r.effect_name,
                                  r.expected, rows, cols, r.corrected, r.note)


def cochran_armitage(table: Any = None, scores: Optional[ArrayLike] = None, *,
                     successes: Optional[ArrayLike] = None, totals: Optional[ArrayLike] = None,
                     variance: str = "binomial",
                     alternative: str = "two-sided") -> TrendTestResult:
    """Cochran-Armitage test for a linear trend in proportions across ordered groups.

    Give either ``table`` (k × 2: one row per group in order, column 0 successes, column 1
    failures) or ``successes`` and ``totals``. Scores default to 0, 1, ..., k − 1.
    Armitage (1955), "Tests for linear trends in proportions and frequencies":
    p̄ = Σr/N, T = Σ sᵢ(rᵢ − nᵢp̄), Var T = p̄(1 − p̄)[Σnᵢsᵢ² − (Σnᵢsᵢ)²/N], z = T/√Var.
    ``variance="permutation"`` multiplies Var by N/(N − 1) (conditional on both margins; this is
    statsmodels' ``Table.test_ordinal_association`` and Agresti's M² = (N − 1)r²).
    ``statistic`` is z (positive when the share rises with the score); ``effect`` the
    least-squares slope of the share on the score.
    """
    s = None if scores is None else _vector(scores, "scores")
    if table is not None:
        if successes is not None or totals is not None:
            raise ValueError("give either table or successes and totals, not both")
        r = _stats.cochran_armitage_table(np.asarray(table, dtype=float), s, variance,
                                          alternative)
    else:
        if successes is None or totals is None:
            raise ValueError("give table, or both successes and totals")
        r = _stats.cochran_armitage(_vector(successes, "successes"), _vector(totals, "totals"),
                                    s, variance, alternative)
    return TrendTestResult(r.statistic, r.pvalue, r.effect, r.effect_name, variance, alternative,
                           r.note)


def mann_whitney(x: ArrayLike, y: ArrayLike, continuity: bool = True,
                 alternative: str = "two-sided") -> MannWhitneyResult:
    """Mann-Whitney U test of x against y (normal approximation with tie correction).

    U₁ = R₁ − n₁(n₁+1)/2; σ² = n₁n₂/12·[(n + 1) − Σ(t³ − t)/(n(n − 1))];
    z = (U − n₁n₂/2 − ½)/σ with U = max(U₁, U₂) two-sided (Mann and Whitney 1947; equals
    scipy's ``mannwhitneyu(x, y, method="asymptotic")``). ``statistic`` is U₁; ``effect`` the
    probability of superiority P(X > Y) + ½P(X = Y) = U₁/(n₁n₂) (McGraw and Wong 1992).
    NaN p-value with a note when every observation is tied (scipy returns 1 there).
    """
    r = _stats.mann_whitney(_vector(x, "x"), _vector(y, "y"), continuity, alternative)
    return MannWhitneyResult(r.statistic, r.pvalue, r.effect, r.effect_name, alternative, r.note)


def spearman(x: ArrayLike, y: ArrayLike, alternative: str = "two-sided") -> CorrelationResult:
    """Spearman's rank correlation rho with its t-test (as scipy's ``spearmanr``).

    rho is Pearson's r of the average ranks (Spearman 1904); t = r√((n − 2)/(1 − r²)) on
    n − 2 df. NaN with a note for fewer than two pairs or a constant sample.
    """
    r = _stats.spearman(_vector(x, "x"), _vector(y, "y"), alternative)
    return CorrelationResult(r.statistic, r.pvalue, int(r.n), "spearman", alternative, r.note)


def kendall_tau(x: ArrayLike, y: ArrayLike, alternative: str = "two-sided") -> CorrelationResult:
    """Kendall's tau-b with its normal test, in O(n log n).

    tau-b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)) (Kendall 1945), with the tie-corrected null
    variance of n_c − n_d of Kendall (1970) as scipy's ``kendalltau(method="asymptotic")``.
    (scipy's default ``method="auto"`` switches to an exact p-value for small samples without
    ties; this function always uses the normal approximation.) With two pairs the variance is
    1, where scipy gives NaN. NaN with a note for fewer than two pairs or a constant sample.
    """
    r = _stats.kendall_tau(_vector(x, "x"), _vector(y, "y"), alternative)
    return CorrelationResult(r.statistic, r.pvalue, int(r.n), "kendall_tau_b", alternative,
                             r.note)


def holm(pvalues: ArrayLike) -> np.ndarray:
    """Holm-adjusted p-values, in the order and shape given.

    Holm (1979), "A simple sequentially rejective multiple test procedure": sorted ascending,
    adjusted p₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)p₍ⱼ₎). Reject where adjusted p ≤ α. Equals
    statsmodels' ``multipletests(p, method="holm")[1]``.
    """
    p = np.asarray(pvalues, dtype=float)
    return _stats.holm(np.ascontiguousarray(p).ravel()).reshape(p.shape)


def funnel_limits(benchmark: float, n: ArrayLike, levels: Sequence[float] = (0.95, 0.998),
                  method: str = "exact") -> FunnelLimits:
    """Funnel-plot control limits for a proportion around ``benchmark`` at each unit size.

    Spiegelhalter (2005), "Funnel plots for comparing institutional performance":
    ``"exact"``: r_p is the smallest r with P(R ≤ r) ≥ p for R ~ Bin(n, p₀),
    α = (P(R ≤ r_p) − p)/(P(R ≤ r_p) − P(R ≤ r_p − 1)), limit (r_p − α)/n, at
    p = (1 ∓ level)/2, clipped to [0, 1]; ``"normal"``: p₀ ± z√(p₀(1 − p₀)/n). A size of 0
    gives NaN; a benchmark of 0 or 1 gives limits equal to it.
    """
    sizes = np.atleast_1d(np.asarray(n, dtype=float))
    lv = _vector(np.atleast_1d(np.asarray(levels, dtype=float)), "levels")
    r = _stats.funnel_limits(float(benchmark), np.ascontiguousarray(sizes).ravel(), lv, method)
    return FunnelLimits(r.benchmark, r.n, tuple(float(v) for v in lv), r.low, r.high, method)


_FLAG_WORDS = np.array(["below", "within", "above", "no data"])


def funnel_flags(count: ArrayLike, n: ArrayLike, benchmark: Optional[float] = None,
                 level: float = 0.998, method: str = "exact") -> np.ndarray:
    """Flag each unit "above", "within" or "below" the funnel at ``level`` ("no data" if n = 0).

    A unit is above when count/n exceeds the upper limit of ``funnel_limits`` at its size,
    below when it is under the lower one; on a limit is within. ``benchmark`` defaults to the
    pooled proportion Σcount/Σn. No over-dispersion adjustment is made.
    """
    c = _vector(count, "count")
    sizes = _vector(n, "n")
    codes = _stats.funnel_flags(c, sizes, benchmark, level, method)
    return _FLAG_WORDS[codes + 1]
