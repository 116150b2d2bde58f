from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np
import pandas as pd

from ._results import _Result

ArrayLike = Union[Sequence[float], np.ndarray]

__all__: list[str]

@dataclass(frozen=True, repr=False)
class SurvivalQuantile(_Result):
    p: float
    estimate: float
    low: float
    high: float
    level: float
    transform: str
    note: str = ...

class KaplanMeier:
    @property
    def n(self) -> int: ...
    @property
    def n_events(self) -> int: ...
    @property
    def n_censored(self) -> int: ...
    @property
    def note(self) -> str: ...
    @property
    def surv_times(self) -> np.ndarray: ...
    @property
    def surv_prob(self) -> np.ndarray: ...
    @property
    def surv_prob_se(self) -> np.ndarray: ...
    @property
    def n_risk(self) -> np.ndarray: ...
    @property
    def n_events_at(self) -> np.ndarray: ...
    def survival_at(self, t: float) -> float: ...
    def quantile(self, p: float = ..., level: float = ...,
                 transform: str = ...) -> SurvivalQuantile: ...
    def median(self, level: float = ..., transform: str = ...) -> SurvivalQuantile: ...
    def summary(self) -> pd.DataFrame: ...
    def _repr_html_(self) -> str: ...

def kaplan_meier(time: ArrayLike, status: ArrayLike) -> KaplanMeier: ...

@dataclass(frozen=True, repr=False)
class SignTestResult(_Result):
    positive: int
    negative: int
    ties: int
    statistic: float
    pvalue: float
    alternative: str
    note: str = ...

def sign_test(positive: int, negative: int, ties: int = ...,
              alternative: str = ...) -> SignTestResult: ...
