from dataclasses import dataclass
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np

__all__ = [
    "confusion_matrix",
    "percent_agreement",
    "within_one_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac",
    "bootstrap_ci",
    "AgreementResult",
    "KappaResult",
    "FleissKappaResult",
    "KrippendorffResult",
    "GwetResult",
    "BootstrapResult",
]

Weights = Union[None, str, np.ndarray, Sequence[Sequence[float]]]
Ratings = Any  # integer codes (-1 / NaN / None missing), labels with scale=, ordered Categorical
ScaleArg = Any  # qaframe.GradeScale, a built-in scale's name, labels worst to best, or None

class _Result:
    def _repr_html_(self) -> str: ...

@dataclass(frozen=True, repr=False)
class AgreementResult(_Result):
    statistic: float
    n: int
    note: str = ...

@dataclass(frozen=True, repr=False)
class KappaResult(_Result):
    statistic: float
    se: float
    se_null: float
    zstatistic: float
    pvalue: float
    low: float
    high: float
    level: float
    observed_agreement: float
    expected_agreement: float
    n: int
    weights: str
    note: str = ...
    @property
    def confidence_interval(self) -> Tuple[float, float]: ...

@dataclass(frozen=True, repr=False)
class FleissKappaResult(_Result):
    statistic: float
    se_null: float
    zstatistic: float
    pvalue: float
    observed_agreement: float
    expected_agreement: float
    n_subjects: int
    n_raters: int
    note: str = ...

@dataclass(frozen=True, repr=False)
class KrippendorffResult(_Result):
    statistic: float
    level: str
    observed_disagreement: float
    expected_disagreement: float
    n_pairable: int
    n_units: int
    values: np.ndarray
    coincidences: np.ndarray
    note: str = ...

@dataclass(frozen=True, repr=False)
class GwetResult(_Result):
    statistic: float
    se: float
    zstatistic: float
    pvalue: float
    low: float
    high: float
    level: float
    observed_agreement: float
    expected_agreement: float
    n: int
    weights: str
    note: str = ...
    @property
    def confidence_interval(self) -> Tuple[float, float]: ...

@dataclass(frozen=True, repr=False)
class BootstrapResult(_Result):
    statistic: float
    low: float
    high: float
    level: float
    method: str
    n_resamples: int
    seed: int
    n_valid: int
    bias_correction: float
    acceleration: float
    standard_error: float
    distribution: np.ndarray
    name: str
    note: str = ...
    @property
    def confidence_interval(self) -> Tuple[float, float]: ...

def confusion_matrix(a: Ratings, b: Ratings, *, scale: ScaleArg = ...,
                     k: Optional[int] = ...) -> np.ndarray: ...
def percent_agreement(a: Ratings, b: Ratings, *, scale: ScaleArg = ...,
                      k: Optional[int] = ...) -> AgreementResult: ...
def within_one_agreement(a: Ratings, b: Ratings, *, scale: ScaleArg = ...,
                         k: Optional[int] = ...) -> AgreementResult: ...
def cohen_kappa(a: Ratings, b: Ratings, weights: Weights = ..., scale: ScaleArg = ...,
                level: float = ..., *, k: Optional[int] = ...) -> KappaResult: ...
def fleiss_kappa(counts: Any) -> FleissKappaResult: ...
def krippendorff_alpha(data: Any, level: str = ..., *,
                       scale: ScaleArg = ...) -> KrippendorffResult: ...
def gwet_ac(a: Ratings, b: Ratings, weights: Weights = ..., scale: ScaleArg = ...,
            level: float = ..., *, k: Optional[int] = ...) -> GwetResult: ...
def bootstrap_ci(statistic: str, a: Ratings, b: Optional[Ratings] = ..., *,
                 weights: Weights = ..., scale: ScaleArg = ..., k: Optional[int] = ...,
                 categories: Any = ..., level: float = ..., n_resamples: int = ...,
                 method: str = ..., seed: Optional[int] = ...) -> BootstrapResult: ...
