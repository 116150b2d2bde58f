from dataclasses import dataclass
from typing import Any, Iterator, Optional, Sequence, Tuple, Union, overload

import numpy as np
import numpy.typing as npt

ArrayLike = Union[float, int, Sequence[float], np.ndarray]

__all__: list[str]

class _Result:
    def _repr_html_(self) -> str: ...

class _TestResult(_Result):
    statistic: float
    pvalue: float
    def __iter__(self) -> Iterator[float]: ...

@dataclass(frozen=True, repr=False)
class ProportionDifference(_Result):
    estimate: float
    low: float
    high: float
    level: float
    method: str = ...
    note: str = ...

@dataclass(frozen=True, repr=False)
class TwoProportionZTestResult(_TestResult):
    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    alternative: str
    note: str = ...

@dataclass(frozen=True, repr=False)
class Chi2IndependenceResult(_TestResult):
    statistic: float
    pvalue: float
    df: float
    effect: float
    effect_name: str
    expected: npt.NDArray[np.float64]
    dropped_rows: list[Any]
    dropped_columns: list[Any]
    corrected: bool
    note: str = ...

@dataclass(frozen=True, repr=False)
class TrendTestResult(_TestResult):
    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    variance: str
    alternative: str
    note: str = ...

@dataclass(frozen=True, repr=False)
class FisherExactResult(_TestResult):
    statistic: float
    pvalue: float
    conditional_odds_ratio: float
    point_probability: float
    alternative: str
    mid_p: bool
    note: str = ...

@dataclass(frozen=True, repr=False)
class MannWhitneyResult(_TestResult):
    statistic: float
    pvalue: float
    effect: float
    effect_name: str
    alternative: str
    note: str = ...
    pvalue_method: str = ...

@dataclass(frozen=True, repr=False)
class CorrelationResult(_TestResult):
    statistic: float
    pvalue: float
    n: int
    method: str
    alternative: str
    note: str = ...
    pvalue_method: str = ...

@dataclass(frozen=True, repr=False)
class DispersionEstimate(_Result):
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
    note: str = ...

@dataclass(frozen=True, repr=False)
class FunnelLimits(_Result):
    benchmark: float
    n: npt.NDArray[np.float64]
    levels: tuple[float, ...]
    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]
    method: str
    dispersion: Optional[DispersionEstimate] = ...
    def to_frame(self) -> Any: ...

@dataclass(frozen=True, repr=False)
class BenchmarkResult(_Result):
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
    note: str = ...

@overload
def proportion_ci(count: float, nobs: float, level: float = ...,
                  method: str = ...) -> Tuple[float, float]: ...
@overload
def proportion_ci(count: ArrayLike, nobs: ArrayLike, level: float = ...,
                  method: str = ...) -> Tuple[Any, Any]: ...
def newcombe_difference(count1: float, nobs1: float, count2: float, nobs2: float,
                        level: float = ...) -> ProportionDifference: ...
def two_proportion_ztest(count1: float, nobs1: float, count2: float, nobs2: float,
                         alternative: str = ...) -> TwoProportionZTestResult: ...
def chi2_independence(table: Any, correction: bool = ...) -> Chi2IndependenceResult: ...
def fisher_exact(table: Any, alternative: str = ..., mid_p: bool = ...) -> FisherExactResult: ...
def cochran_armitage(table: Any = ..., scores: Optional[ArrayLike] = ..., *,
                     successes: Optional[ArrayLike] = ..., totals: Optional[ArrayLike] = ...,
                     variance: str = ..., alternative: str = ...) -> TrendTestResult: ...
def mann_whitney(x: ArrayLike, y: ArrayLike, continuity: bool = ...,
                 alternative: str = ..., method: str = ...) -> MannWhitneyResult: ...
def spearman(x: ArrayLike, y: ArrayLike, alternative: str = ...) -> CorrelationResult: ...
def kendall_tau(x: ArrayLike, y: ArrayLike, alternative: str = ...,
                method: str = ...) -> CorrelationResult: ...
def holm(pvalues: ArrayLike) -> npt.NDArray[np.float64]: ...
def estimate_overdispersion(count: ArrayLike, n: ArrayLike, benchmark: Optional[float] = ...,
                            method: str = ..., winsor: float = ...) -> DispersionEstimate: ...
def funnel_limits(benchmark: float, n: ArrayLike, levels: Sequence[float] = ...,
                  method: Optional[str] = ..., *,
                  overdispersion: Union[None, str, DispersionEstimate] = ...,
                  count: Optional[ArrayLike] = ..., winsor: float = ...) -> FunnelLimits: ...
def funnel_flags(count: ArrayLike, n: ArrayLike, benchmark: Optional[float] = ...,
                 level: float = ..., method: Optional[str] = ...,
                 overdispersion: Optional[str] = ...,
                 winsor: float = ...) -> npt.NDArray[np.str_]: ...
def benchmark_rank(value: Any, neighbours: Any, polarity: str = ..., previous: Any = ...,
                   population: Any = ...) -> BenchmarkResult: ...
