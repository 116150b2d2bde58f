"""Inference for audit shares and comparisons: intervals for proportions, tests for comparing
groups and periods (with exact tests for small samples), rank correlations, Holm's adjustment,
funnel-plot limits (with over-dispersion) and benchmarking against comparators.

Thin wrappers over the compiled ``qaframe._core.stats``: the statistics themselves live in the
C++ headers ``include/qaframe/stats/{proportion,contingency,exact,rank_tests,correlation,
multiple_testing,funnel,benchmarking}.hpp``, where each formula is given with its reference.

Conventions, as scipy and statsmodels:

* intervals come back as ``(low, high)``; scalars in give floats out, arrays in give arrays;
* tests return small result objects with ``statistic`` and ``pvalue`` (they unpack as
  ``statistic, pvalue = mann_whitney(x, y)``), plus ``df``, ``effect`` and ``effect_name``
  where they apply, and a ``note`` saying why a value is NaN;
* invalid arguments (count > nobs, negative counts, unequal lengths, NaN in a sample, a level
  outside (0, 1)) raise ``ValueError`` with a message naming the argument and value;
* degenerate but valid input (no observations, a constant sample, all observations tied)
  gives NaN with the reason in ``note``, never an exception or a division by zero;
* rank tests take ``method="auto" | "exact" | "asymptotic"`` as scipy does, ``"auto"`` by
  default, and say in ``pvalue_method`` which one gave the p-value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional, Sequence, Tuple, Union

import numpy as np

from ._core import stats as _stats
from ._results import _Result

__all__ = [
    "proportion_ci",
    "newcombe_difference",
    "two_proportion_ztest",
    "chi2_independence",
    "fisher_exact",
    "cochran_armitage",
    "mann_whitney",
    "spearman",
    "kendall_tau",
    "holm",
    "funnel_limits",
    "funnel_flags",
    "estimate_overdispersion",
    "benchmark_rank",
    "ProportionDifference",
    "TwoProportionZTestResult",
    "Chi2IndependenceResult",
    "FisherExactResult",
    "TrendTestResult",
    "MannWhitneyResult",
    "CorrelationResult",
    "FunnelLimits",
    "DispersionEstimate",
    "BenchmarkResult",
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
    pvalue_method: str = "asymptotic"
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
    pvalue_method: str = "asymptotic"
    _title = "Rank correlation"


@dataclass(frozen=True, repr=False)
class FisherExactResult(_TestResult):
    """Fisher's exact test of a 2 × 2 table."""

    statistic: float
    pvalue: float
    conditional_odds_ratio: float
    point_probability: float
    alternative: str
    mid_p: bool
    note: str = ""
    _title = "Fisher's exact test"


@dataclass(frozen=True, repr=False)
class DispersionEstimate(_Result):
    """Over-dispersion of units around a benchmark (Spiegelhalter 2005, §4)."""

    method: str
    benchmark: float
    phi: float
    tau2: float
    winsor: float
    z_low: float
    z_high: float
    units: int
    winsorised: int
    zero_denominators: int
    zero_numerators: int
    inflated: bool
    note: str = ""
    _core: Any = field(default=None, compare=False)
    _title = "Over-dispersion estimate"
    _hidden = ("_core",)


@dataclass(frozen=True, repr=False)
class FunnelLimits(_Result):
    """Funnel-plot limits: ``low`` and ``high`` have one row per size, one column per level."""

    benchmark: float
    n: np.ndarray
    levels: tuple
    low: np.ndarray
    high: np.ndarray
    method: str
    dispersion: Optional[DispersionEstimate] = None
    _title = "Funnel-plot limits"

    def to_frame(self):
        """The limits as a pandas DataFrame: column n, then low_<level> and high_<level>."""
        import pandas as pd

        data = {"n": self.n}
        for j, level in enumerate(self.levels):
            data[f"low_{level:g}"] = self.low[:, j]
            data[f"high_{level:g}"] = self.high[:, j]
        return pd.DataFrame(data)


@dataclass(frozen=True, repr=False)
class BenchmarkResult(_Result):
    """A unit's value benchmarked against its comparators, as DfE's LAIT does."""

    value: float
    rank: float
    ranked: int
    band: str
    q1: float
    median: float
    q3: float
    banded: int
    previous: float
    change: float
    direction: str
    comparators_mean: float
    comparators_used: int
    comparators_missing: int
    population_missing: int
    polarity: str
    note: str = ""
    _title = "Benchmark against comparators"


def _vector(values: Any, name: str) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got {a.ndim} dimension(s)")
    return np.ascontiguousarray(a)


def _dispersion(d: Any) -> DispersionEstimate:
    return DispersionEstimate(d.method, d.benchmark, d.phi, d.tau2, d.winsor, d.z_low, d.z_high,
                              d.units, d.winsorised, d.zero_denominators, d.zero_numerators,
                              d.inflated, d.note, d)


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


def fisher_exact(table: Any, alternative: str = "two-sided",
                 mid_p: bool = False) -> FisherExactResult:
    """Fisher's exact test of independence in a 2 × 2 table of counts [[a, b], [c, d]].

    Given the margins, a is hypergeometric (Fisher 1935). ``"less"`` is P(X ≤ a), ``"greater"``
    P(X ≥ a); ``"two-sided"`` sums the probabilities of the tables no more likely than the
    observed one, with scipy's relative tolerance 1e-14, as ``scipy.stats.fisher_exact``.
    ``mid_p=True`` takes half the probability of the observed table off (Lancaster 1961; the
    "Fisher mid-p" of Lydersen, Fagerland and Laake 2009), which is less conservative.
    ``statistic`` is the sample odds ratio ad/(bc) (scipy's; ∞ when bc = 0);
    ``conditional_odds_ratio`` the conditional maximum likelihood estimate that R's
    ``fisher.test`` reports (scipy's ``contingency.odds_ratio(kind="conditional")``);
    ``point_probability`` the probability of the observed table. A row or column that sums to
    0 gives p = 1, NaN odds ratios and a note. Counts must be whole numbers ≥ 0.
    """
    t = np.asarray(table, dtype=float)
    if t.shape != (2, 2):
        raise ValueError(f"table must be 2 x 2, got shape {t.shape}")
    r = _stats.fisher_exact(np.ascontiguousarray(t), alternative, bool(mid_p))
    return FisherExactResult(r.statistic, r.pvalue, r.conditional_odds_ratio,
                             r.point_probability, alternative, r.mid_p, r.note)


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
                 alternative: str = "two-sided", method: str = "auto") -> MannWhitneyResult:
    """Mann-Whitney U test of x against y: exact for small samples without ties, otherwise the
    normal approximation with tie correction.

    U₁ = R₁ − n₁(n₁+1)/2; U = max(U₁, U₂) two-sided, U₁ for "greater", U₂ for "less".
    ``method="exact"``: P(U_null ≥ U) (doubled two-sided, capped at 1) from the permutation
    distribution of U without ties (Mann and Whitney 1947; computed as Harding 1984), equal to
    scipy's ``mannwhitneyu(x, y, method="exact")``; refused with ``ValueError`` when there are
    ties (scipy then truncates a half-integer U instead) or n₁n₂ > 10⁶.
    ``method="asymptotic"``: σ² = n₁n₂/12·[(n + 1) − Σ(t³ − t)/(n(n − 1))],
    z = (U − n₁n₂/2 − ½)/σ (``continuity``), as scipy's ``method="asymptotic"``.
    ``method="auto"`` (the default, as scipy's): exact when there are no ties and
    min(n₁, n₂) ≤ 8 (and n₁n₂ ≤ 10⁶), asymptotic otherwise; ``pvalue_method`` says which.
    ``statistic`` is U₁; ``effect`` the probability of superiority P(X > Y) + ½P(X = Y) =
    U₁/(n₁n₂) (McGraw and Wong 1992). NaN p-value with a note when every observation is tied
    (scipy returns 1 there).
    """
    r = _stats.mann_whitney(_vector(x, "x"), _vector(y, "y"), continuity, alternative, method)
    return MannWhitneyResult(r.statistic, r.pvalue, r.effect, r.effect_name, alternative, r.note,
                             r.method)


def spearman(x: ArrayLike, y: ArrayLike, alternative: str = "two-sided") -> CorrelationResult:
    """Spearman's rank correlation rho with its t-test (as scipy's ``spearmanr``).

    rho is Pearson's r of the average ranks (Spearman 1904); t = r√((n − 2)/(1 − r²)) on
    n − 2 df. NaN with a note for fewer than two pairs or a constant sample.
    """
    r = _stats.spearman(_vector(x, "x"), _vector(y, "y"), alternative)
    return CorrelationResult(r.statistic, r.pvalue, int(r.n), "spearman", alternative, r.note)


def kendall_tau(x: ArrayLike, y: ArrayLike, alternative: str = "two-sided",
                method: str = "auto") -> CorrelationResult:
    """Kendall's tau-b with its exact or normal test, in O(n log n).

    tau-b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)) (Kendall 1945).
    ``method="exact"``: the tail of the permutation distribution of the number of concordant
    pairs (Kendall 1970), equal to scipy's ``kendalltau(method="exact")``; refused with
    ``ValueError`` when a sample has ties (as scipy) or n·min(n_c, n_d) > 2.5·10⁸ (never for
    n ≤ 1000). ``method="asymptotic"``: the tie-corrected null variance of n_c − n_d of Kendall
    (1970), as scipy's ``method="asymptotic"``; with two pairs its variance is 1, where scipy
    gives NaN. ``method="auto"`` (the default, as scipy's): exact when neither sample has ties
    and n ≤ 33 or min(n_d, n₀ − n_d) ≤ 1, asymptotic otherwise; ``pvalue_method`` says which.
    NaN with a note for fewer than two pairs or a constant sample.
    """
    r = _stats.kendall_tau(_vector(x, "x"), _vector(y, "y"), alternative, method)
    return CorrelationResult(r.statistic, r.pvalue, int(r.n), "kendall_tau_b", alternative,
                             r.note, r.method)


def holm(pvalues: ArrayLike) -> np.ndarray:
    """Holm-adjusted p-values, in the order and shape given.

    Holm (1979), "A simple sequentially rejective multiple test procedure": sorted ascending,
    adjusted p₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)p₍ⱼ₎). Reject where adjusted p ≤ α. Equals
    statsmodels' ``multipletests(p, method="holm")[1]``.
    """
    p = np.asarray(pvalues, dtype=float)
    return _stats.holm(np.ascontiguousarray(p).ravel()).reshape(p.shape)


def _funnel_method(method: Optional[str], overdispersion: Any) -> str:
    if method is None:
        return "exact" if overdispersion is None else "normal"
    if overdispersion is not None and method != "normal":
        raise ValueError("over-dispersed limits are defined on the normal scale (Spiegelhalter "
                         f"2005, section 4): use method 'normal', got '{method}'")
    return method


def estimate_overdispersion(count: ArrayLike, n: ArrayLike, benchmark: Optional[float] = None,
                            method: str = "multiplicative",
                            winsor: float = 0.1) -> DispersionEstimate:
    """Over-dispersion of the units' proportions count/n around ``benchmark``.

    Spiegelhalter (2005), "Funnel plots for comparing institutional performance", §4, on the
    proportion scale: zᵢ = (yᵢ − p₀)/sᵢ with the target's standard error sᵢ = √(p₀(1 − p₀)/nᵢ),
    winsorised at the ``winsor`` and 1 − ``winsor`` quantiles (10% and 90% by default; linear
    interpolation, numpy's default and R's type 7); φ = (1/I) Σ z_w² and, by DerSimonian and
    Laird, τ² = (Iφ − (I − 1))/(Σwᵢ − Σwᵢ²/Σwᵢ) with wᵢ = 1/sᵢ², truncated at 0. ``method``
    ("multiplicative" or "additive") says which of the two widens the limits:
    ``inflated`` is whether it does (φ > 1, τ² > 0). ``benchmark`` defaults to the pooled
    proportion. Units with n = 0 are left out and counted (``zero_denominators``); units with
    count 0 are kept, their z being −p₀/sᵢ (``zero_numerators``). Pass the result to
    ``funnel_limits(..., overdispersion=estimate)`` to draw limits at any sizes.
    """
    r = _stats.estimate_overdispersion(_vector(count, "count"), _vector(n, "n"),
                                       None if benchmark is None else float(benchmark), method,
                                       float(winsor))
    return _dispersion(r)


def funnel_limits(benchmark: float, n: ArrayLike, levels: Sequence[float] = (0.95, 0.998),
                  method: Optional[str] = None, *, overdispersion: Any = None,
                  count: Optional[ArrayLike] = None, winsor: float = 0.1) -> FunnelLimits:
    """Funnel-plot control limits for a proportion around ``benchmark`` at each unit size.

    Spiegelhalter (2005), "Funnel plots for comparing institutional performance":
    ``method="exact"`` (the default without over-dispersion): r_p is the smallest r with
    P(R ≤ r) ≥ p for R ~ Bin(n, p₀), α = (P(R ≤ r_p) − p)/(P(R ≤ r_p) − P(R ≤ r_p − 1)),
    limit (r_p − α)/n, at p = (1 ∓ level)/2, clipped to [0, 1]; ``"normal"``:
    p₀ ± z√(p₀(1 − p₀)/n). ``levels`` may be any two-sided levels (default 95% and 99.8%).
    ``overdispersion`` widens the normal limits (§4): ``"multiplicative"`` to
    p₀ ± z√φ·s when φ > 1, ``"additive"`` to p₀ ± z√(s² + τ²); the estimate is made from
    ``count`` (one per size in ``n``, the units) as ``estimate_overdispersion`` with ``winsor``,
    or given as a :class:`DispersionEstimate` (then ``n`` may be any sizes, e.g. a grid for
    drawing) and reported in ``dispersion``. Over-dispersed limits have no exact binomial form:
    the method is then ``"normal"``. A size of 0 gives NaN; a benchmark of 0 or 1 gives limits
    equal to it.
    """
    sizes = np.ascontiguousarray(np.atleast_1d(np.asarray(n, dtype=float))).ravel()
    lv = _vector(np.atleast_1d(np.asarray(levels, dtype=float)), "levels")
    chosen = _funnel_method(method, overdispersion)
    if overdispersion is None:
        if count is not None:
            raise ValueError("count is used only to estimate over-dispersion: give "
                             "overdispersion='multiplicative' or 'additive' too")
        r = _stats.funnel_limits(float(benchmark), sizes, lv, chosen)
        return FunnelLimits(r.benchmark, r.n, tuple(float(v) for v in lv), r.low, r.high, chosen)
    if isinstance(overdispersion, DispersionEstimate):
        if count is not None:
            raise ValueError("give count or an estimate as overdispersion, not both")
        estimate = overdispersion
    else:
        if count is None:
            raise ValueError("overdispersion='{}' needs the units' count (one per size in n) to "
                             "estimate it from".format(overdispersion))
        estimate = estimate_overdispersion(count, sizes, benchmark, str(overdispersion), winsor)
    r = _stats.funnel_limits_dispersed(float(benchmark), sizes, lv, estimate._core)
    return FunnelLimits(r.benchmark, r.n, tuple(float(v) for v in lv), r.low, r.high, chosen,
                        estimate)


_FLAG_WORDS = np.array(["below", "within", "above", "no data"])


def funnel_flags(count: ArrayLike, n: ArrayLike, benchmark: Optional[float] = None,
                 level: float = 0.998, method: Optional[str] = None,
                 overdispersion: Optional[str] = None, winsor: float = 0.1) -> np.ndarray:
    """Flag each unit "above", "within" or "below" the funnel at ``level`` ("no data" if n = 0).

    A unit is above when count/n exceeds the upper limit of ``funnel_limits`` at its size,
    below when it is under the lower one; on a limit is within. ``benchmark`` defaults to the
    pooled proportion Σcount/Σn. ``overdispersion`` ("multiplicative" or "additive") widens the
    limits by the estimate made from the same units (see ``estimate_overdispersion``); the
    method is then "normal" (the default ``method`` is "exact" without it).
    """
    c = _vector(count, "count")
    sizes = _vector(n, "n")
    chosen = _funnel_method(method, overdispersion)
    codes = _stats.funnel_flags(c, sizes, benchmark, level, chosen,
                                "none" if overdispersion is None else overdispersion, winsor)
    return _FLAG_WORDS[codes + 1]


# Symbols that official statistics put where a value is withheld or missing (the Government
# Statistical Service's and DfE's conventions): not available, confidential, not applicable,
# low (rounds to 0 but is not 0), and the older ":", ".." and "-".
_MISSING_CODES = frozenset({"x", "c", "z", "low", "u", ":", "..", "-", ""})


def _indicator_values(values: Any, name: str) -> np.ndarray:
    if np.isscalar(values) or values is None:
        values = [values]
    out = []
    for i, v in enumerate(values):
        if v is None:
            out.append(math.nan)
        elif isinstance(v, str):
            text = v.strip()
            if text.lower() in _MISSING_CODES:
                out.append(math.nan)
                continue
            try:
                out.append(float(text.replace(",", "")))
            except ValueError:
                raise ValueError(f"{name}[{i}] = {v!r} is neither a number nor a missing-value "
                                 f"code ({', '.join(sorted(c for c in _MISSING_CODES if c))})"
                                 ) from None
        else:
            out.append(float(v))
    return np.ascontiguousarray(np.asarray(out, dtype=float))


def benchmark_rank(value: Any, neighbours: Any, polarity: str = "higher", previous: Any = None,
                   population: Any = None) -> BenchmarkResult:
    """Benchmark one value (a council's indicator) against its comparators (its statistical
    neighbours), with the conventions of DfE's Local Authority Interactive Tool (LAIT).

    * ``rank``: 1 = best by ``polarity`` ("higher" or "lower" is better; "high"/"low" too)
      among the value and its comparators; tied values take the lowest rank (R's "min").
    * ``band``: "A" (best) to "D", from the 25%, 50% and 75% points q₁, q₂, q₃ of the banding
      values (linear interpolation, R's ``quantile()`` default as LAIT uses): lower is better
      A ≤ q₁ < B ≤ q₂ < C ≤ q₃ < D; higher is better D ≤ q₁ < C ≤ q₂ < B ≤ q₃ < A (a value on
      a cut point goes to the band of lower values either way, as in LAIT). LAIT bands a council
      among all English local authorities: give their values as ``population``; by default the
      bands are within the value and its comparators.
    * ``change``: value − previous, and ``direction`` "improved", "worsened" or "no change".
    * ``comparators_mean``: the mean of the comparators with values (not the council's).

    Missing values — ``None``, NaN, or the suppression codes x, c, z, low, u, :, .., - — are
    left out and counted (``comparators_missing``, ``population_missing``); any other text
    raises ``ValueError`` naming it.
    """
    v = _indicator_values(value, "value")
    if v.size != 1:
        raise ValueError(f"value must be one value, got {v.size}")
    prev = _indicator_values(previous, "previous")
    if prev.size != 1:
        raise ValueError(f"previous must be one value, got {prev.size}")
    comparators = _indicator_values(neighbours, "neighbours")
    pop = None if population is None else _indicator_values(population, "population")
    r = _stats.benchmark_rank(float(v[0]), comparators, str(polarity).strip().lower(),
                              float(prev[0]), pop)
    return BenchmarkResult(r.value, r.rank, r.ranked, r.band, r.q1, r.median, r.q3, r.banded,
                           r.previous, r.change, r.direction, r.comparators_mean,
                           r.comparators_used, r.comparators_missing, r.population_missing,
                           r.polarity, r.note)
