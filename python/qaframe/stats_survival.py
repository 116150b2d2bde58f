"""Survival with right censoring, and the exact sign test.

Thin wrappers over the compiled ``qaframe._core.stats``; the statistics live in the C++
headers ``include/qaframe/stats/inference/survival.hpp`` and ``sign_test.hpp``, where each formula is
given with its reference.

* :func:`kaplan_meier` is the Kaplan-Meier estimator (Kaplan and Meier 1958) with Greenwood's
  standard error (Greenwood 1926), computed as statsmodels' ``SurvfuncRight`` does: one row per
  distinct event time; a subject censored at an event time is at risk at it; where the survival
  reaches 0 its standard error is NaN.
* :meth:`KaplanMeier.quantile` gives a survival quantile (the median by default) as SAS and
  statsmodels define it (the first event time with S(t) < 1 - p) with the Brookmeyer and
  Crowley (1982) interval, found by inverting the test of S(t) = 1 - p under a transform
  (``"cloglog"``, log(-log S), by default; ``"linear"``, ``"log"``, ``"logit"``,
  ``"asinsqrt"``), equal to ``SurvfuncRight.quantile`` and ``quantile_ci``.
* :func:`sign_test` is the exact sign test (Dixon and Mood 1946): improved against worsened,
  ties counted and left out, equal to ``scipy.stats.binomtest(k, n, 0.5)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np
import pandas as pd

from ._core import stats as _stats
from ._results import _Result

__all__ = ["kaplan_meier", "sign_test", "KaplanMeier", "SurvivalQuantile", "SignTestResult"]

ArrayLike = Union[Sequence[float], np.ndarray]


@dataclass(frozen=True, repr=False)
class SurvivalQuantile(_Result):
    """A survival quantile with its Brookmeyer-Crowley confidence interval."""

    p: float
    estimate: float
    low: float
    high: float
    level: float
    transform: str
    note: str = ""
    _title = "Survival quantile (Brookmeyer-Crowley interval)"

    @classmethod
    def _from(cls, d: dict) -> "SurvivalQuantile":
        return cls(d["p"], d["estimate"], d["low"], d["high"], d["level"], d["transform"],
                   d["note"])


class KaplanMeier:
    """A Kaplan-Meier estimate: the table at the distinct event times and its quantiles."""

    __slots__ = ("_impl",)

    def __init__(self, impl):
        self._impl = impl

    @property
    def n(self) -> int:
        """Subjects."""
        return self._impl.n

    @property
    def n_events(self) -> int:
        """Subjects with the event."""
        return self._impl.n_events

    @property
    def n_censored(self) -> int:
        """Subjects censored."""
        return self._impl.n_censored

    @property
    def note(self) -> str:
        """Why the estimate is empty, when it is."""
        return self._impl.note

    @property
    def surv_times(self) -> np.ndarray:
        """The distinct event times (statsmodels' ``surv_times``)."""
        return self._impl.times

    @property
    def surv_prob(self) -> np.ndarray:
        """S(t) at each event time (statsmodels' ``surv_prob``)."""
        return self._impl.survival

    @property
    def surv_prob_se(self) -> np.ndarray:
        """Greenwood standard errors (statsmodels' ``surv_prob_se``)."""
        return self._impl.std_error

    @property
    def n_risk(self) -> np.ndarray:
        """At risk just before each event time."""
        return self._impl.at_risk

    @property
    def n_events_at(self) -> np.ndarray:
        """Events at each event time."""
        return self._impl.events

    def survival_at(self, t: float) -> float:
        """S(t): 1 before the first event time, then a step function."""
        return self._impl.survival_at(float(t))

    def quantile(self, p: float = 0.5, level: float = 0.95,
                 transform: str = "cloglog") -> SurvivalQuantile:
        """The p-quantile of the time with its Brookmeyer-Crowley interval at `level`."""
        return SurvivalQuantile._from(_stats.survival_quantile(self._impl, p, level, transform))

    def median(self, level: float = 0.95, transform: str = "cloglog") -> SurvivalQuantile:
        """The median time with its Brookmeyer-Crowley interval."""
        return self.quantile(0.5, level, transform)

    def summary(self) -> pd.DataFrame:
        """The table, as statsmodels' ``summary()``, with the censored after each time."""
        frame = pd.DataFrame({"Surv prob": self.surv_prob, "Surv prob SE": self.surv_prob_se,
                              "num at risk": self.n_risk.astype(np.int64),
                              "num events": self.n_events_at.astype(np.int64),
                              "num censored": self._impl.censored.astype(np.int64)},
                             index=pd.Index(self.surv_times, name="Time"))
        return frame

    def __repr__(self) -> str:
        return (f"KaplanMeier(n={self.n}, events={self.n_events}, censored={self.n_censored}, "
                f"{len(self.surv_times)} event times)")

    def _repr_html_(self) -> str:
        return (f"<div><b>Kaplan-Meier</b>: n = {self.n}, {self.n_events} events, "
                f"{self.n_censored} censored{self.summary()._repr_html_()}</div>")


def kaplan_meier(time: ArrayLike, status: ArrayLike) -> KaplanMeier:
    """The Kaplan-Meier estimate of S(t) = P(T > t) from times and status (1 event, 0
    censored), as ``statsmodels.duration.survfunc.SurvfuncRight(time, status)``. ValueError for
    unequal lengths, a time that is not finite or a status other than 0 or 1."""
    t = np.asarray(time, dtype=np.float64)
    s = np.asarray(status)
    if s.dtype == bool:
        s = s.astype(np.uint8)
    if s.size and (np.any(s != np.round(s)) or np.any((s != 0) & (s != 1))):
        raise ValueError("status must hold 1 for an event and 0 for censored")
    return KaplanMeier(_stats.kaplan_meier(t, s.astype(np.uint8)))


@dataclass(frozen=True, repr=False)
class SignTestResult(_Result):
    """The exact sign test of positive against negative changes (ties left out)."""

    positive: int
    negative: int
    ties: int
    statistic: float
    pvalue: float
    alternative: str
    note: str = ""
    _title = "Exact sign test"

    @classmethod
    def _from(cls, d: dict) -> "SignTestResult":
        return cls(d["positive"], d["negative"], d["ties"], d["statistic"], d["pvalue"],
                   d["alternative"], d["note"])


def sign_test(positive: int, negative: int, ties: int = 0,
              alternative: str = "two-sided") -> SignTestResult:
    """Exact sign test: positive ~ Bin(positive + negative, 1/2) under no change, as
    ``scipy.stats.binomtest(positive, positive + negative, 0.5, alternative)``."""
    return SignTestResult._from(_stats.sign_test(int(positive), int(negative), int(ties),
                                                 alternative))
