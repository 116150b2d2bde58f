"""Agreement between raters on one ordered grading scale, and bootstrap intervals.

Thin wrappers over the compiled ``qaframe._core.stats``; the statistics live in the C++ headers
``include/qaframe/stats/{confusion,kappa,krippendorff,gwet,bootstrap}.hpp``, where each formula
is given with its reference.

Input convention
----------------
Ratings are given either

* as **integer codes** ``0 .. k-1`` in the scale's order (worst to best) with ``-1`` (or NaN,
  or ``None``) for a missing / not-applicable rating, and ``k`` given or inferred as
  ``max code + 1``; or
* as **grade labels** with ``scale=`` (a :class:`qaframe.GradeScale`, the name of a built-in
  scale such as ``"ofsted"``, or the labels worst to best). The order of the categories is
  always the scale's, never the sorted labels: alphabetically "Good" < "Inadequate" <
  "Outstanding" < "Requires Improvement", which would make every weighted statistic wrong.
  Categories of the scale that nobody used still count (they change the weights and Gwet's
  chance agreement). An ordered ``pandas.Categorical`` is read by its codes in category order.

Pairs in which either rating is missing are left out (pairwise deletion).

Degenerate input never raises: when a statistic is undefined (fewer than two pairs; perfect
agreement on a single grade, where kappa is 0/0; all values equal for Krippendorff's alpha) its
value is NaN and ``note`` says why. Invalid arguments (codes outside the scale, unequal lengths,
weights that are not agreement weights, a level outside (0, 1)) raise ``ValueError`` with a
message naming the argument and the value.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np

from ._core import stats as _stats
from ._results import _Result
from .scales import as_scale

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

_AGREEMENT_STATISTICS = ("cohen_kappa", "kappa", "gwet_ac", "percent_agreement",
                         "within_one_agreement")


# --------------------------------------------------------------------------------------------
# Result objects


@dataclass(frozen=True, repr=False)
class AgreementResult(_Result):
    """A share of rating pairs (percent agreement, agreement within one level)."""

    statistic: float
    n: int
    note: str = ""
    _title = "Agreement share"


@dataclass(frozen=True, repr=False)
class KappaResult(_Result):
    """Cohen's (weighted) kappa with standard errors (Fleiss, Cohen and Everitt 1969)."""

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
    note: str = ""
    _title = "Cohen's kappa"

    @property
    def confidence_interval(self) -> Tuple[float, float]:
        """(low, high): kappa ± z·se."""
        return (self.low, self.high)


@dataclass(frozen=True, repr=False)
class FleissKappaResult(_Result):
    """Fleiss' kappa for many raters with its null standard error (Fleiss, Nee and Landis 1979)."""

    statistic: float
    se_null: float
    zstatistic: float
    pvalue: float
    observed_agreement: float
    expected_agreement: float
    n_subjects: int
    n_raters: int
    note: str = ""
    _title = "Fleiss' kappa"


@dataclass(frozen=True, repr=False)
class KrippendorffResult(_Result):
    """Krippendorff's alpha with its coincidence matrix."""

    statistic: float
    level: str
    observed_disagreement: float
    expected_disagreement: float
    n_pairable: int
    n_units: int
    values: np.ndarray
    coincidences: np.ndarray
    note: str = ""
    _title = "Krippendorff's alpha"
    _hidden = ("coincidences",)


@dataclass(frozen=True, repr=False)
class GwetResult(_Result):
    """Gwet's AC1 (unweighted) or AC2 (weighted) with standard error."""

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
    note: str = ""
    _title = "Gwet's agreement coefficient"

    @property
    def confidence_interval(self) -> Tuple[float, float]:
        """(low, high): AC ± z·se."""
        return (self.low, self.high)


@dataclass(frozen=True, repr=False)
class BootstrapResult(_Result):
    """A bootstrap interval, with the seed and number of resamples that reproduce it."""

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
    note: str = ""
    _title = "Bootstrap interval"
    _hidden = ("distribution",)

    @property
    def confidence_interval(self) -> Tuple[float, float]:
        """(low, high)."""
        return (self.low, self.high)


# --------------------------------------------------------------------------------------------
# Input conversion


def _is_categorical(x: Any) -> bool:
    dtype = getattr(x, "dtype", None)
    return dtype is not None and getattr(dtype, "name", "") == "category"


def _categorical_codes(x: Any, name: str) -> Tuple[np.ndarray, int]:
    cat = x.array if hasattr(x, "array") else x  # Series -> Categorical
    if not cat.ordered:
        raise ValueError(
            f"{name} is an unordered pandas Categorical, whose categories may be in alphabetical "
            "order: make it ordered in the scale's order, or pass labels with scale=")
    return np.asarray(cat.codes, dtype=np.int64), len(cat.categories)


def _encode_labels(values: Any, scale: Any, name: str) -> np.ndarray:
    """Codes of grade labels on `scale`, -1 for not applicable / missing."""
    import pandas as pd  # a dependency of the package; only labels need it

    flat = np.asarray(values, dtype=object).ravel()
    # Encode each distinct label once: a million ratings hold a handful of labels.
    inverse, uniques = pd.factorize(flat)
    labels = ["" if u is None else str(u) for u in uniques]
    try:
        encoded = np.asarray(scale.encode(labels), dtype=np.int64)
    except ValueError:
        # Again on every value, so that the error names the rows at fault.
        scale.encode(["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
                      for v in flat], name)
        raise
    encoded = np.append(encoded, -1)  # pandas' -1 (missing) picks the appended -1
    return encoded[inverse].reshape(np.shape(values))


def _as_codes(x: Any, scale: Any, name: str) -> Tuple[np.ndarray, Optional[int]]:
    """(codes, k or None) of one rater's ratings."""
    if scale is not None:
        if np.asarray(x).dtype.kind in "iubf":  # already codes on the scale
            return _as_codes(x, None, name)[0], len(scale.labels)
        return _encode_labels(x, scale, name), len(scale.labels)
    if _is_categorical(x):
        return _categorical_codes(x, name)
    arr = np.asarray(x)
    if arr.dtype.kind in "iu":
        return np.ascontiguousarray(arr, dtype=np.int64), None
    if arr.dtype.kind == "b":
        return arr.astype(np.int64), None
    if arr.dtype.kind == "f":
        missing = np.isnan(arr)
        filled = np.where(missing, -1.0, arr)
        if not np.all(filled == np.floor(filled)):
            bad = np.flatnonzero(filled != np.floor(filled))[0]
            raise ValueError(f"{name}[{bad}] = {arr.ravel()[bad]!r} is not an integer rating code")
        return filled.astype(np.int64), None
    if arr.dtype.kind == "O" and all(v is None or isinstance(v, (int, np.integer)) or
                                     (isinstance(v, float) and math.isnan(v))
                                     for v in arr.ravel()):
        return np.array([-1 if v is None or isinstance(v, float) else int(v)
                         for v in arr.ravel()], dtype=np.int64).reshape(arr.shape), None
    raise ValueError(
        f"{name} holds labels ({arr.dtype}): pass scale= (a qaframe.GradeScale, 'ofsted', or the "
        "labels worst to best) so that the categories are in the scale's order, not sorted")


def _pair_codes(a: Any, b: Any, scale: Any, k: Optional[int]) -> Tuple[np.ndarray, np.ndarray, int]:
    scale = None if scale is None else as_scale(scale)
    ca, ka = _as_codes(a, scale, "a")
    cb, kb = _as_codes(b, scale, "b")
    if ca.ndim != 1 or cb.ndim != 1:
        raise ValueError(f"a and b must be one-dimensional, got shapes {ca.shape} and {cb.shape}")
    if len(ca) != len(cb):
        raise ValueError(f"a and b must have the same length (one entry per audited case), got "
                         f"{len(ca)} and {len(cb)}")
    return ca, cb, _resolve_k(k, ka, kb, ca, cb)


def _resolve_k(k: Optional[int], ka: Optional[int], kb: Optional[int], *codes: np.ndarray) -> int:
    if ka is not None and kb is not None and ka != kb:
        raise ValueError(f"a and b are on scales with different numbers of categories ({ka}, {kb})")
    known = ka if ka is not None else kb
    if k is not None:
        k = int(k)
        if known is not None and k != known:
            raise ValueError(f"k = {k} but the scale has {known} categories")
        return k
    if known is not None:
        return known
    top = max((int(c.max()) for c in codes if c.size), default=-1)
    return max(top + 1, 1)


def _weights_matrix(weights: Weights, k: int) -> Tuple[np.ndarray, str]:
    if weights is None or isinstance(weights, str):
        name = "none" if weights is None else weights
        return _stats.agreement_weights(name, k), name
    w = np.asarray(weights, dtype=float)
    return w, "custom"


def _table(a: Any, b: Any, scale: Any, k: Optional[int]) -> np.ndarray:
    ca, cb, kk = _pair_codes(a, b, scale, k)
    return _stats.confusion_matrix(ca, cb, kk)


def _check_level(level: float) -> float:
    level = float(level)
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must lie strictly between 0 and 1, got {level}")
    return level


# --------------------------------------------------------------------------------------------
# Public API


def confusion_matrix(a: Any, b: Any, *, scale: Any = None, k: Optional[int] = None) -> np.ndarray:
    """Confusion matrix of two raters in scale order.

    Cell ``[i, j]`` counts the cases rater ``a`` graded ``i`` and rater ``b`` graded ``j``
    (codes 0..k-1 worst to best); cases with a missing rating are left out. Categories of the
    scale that nobody used keep their (zero) row and column.

    Returns a ``k x k`` int64 array.
    """
    return _table(a, b, scale, k)


def percent_agreement(a: Any, b: Any, *, scale: Any = None,
                      k: Optional[int] = None) -> AgreementResult:
    """Percent agreement p_o = Σ_i n_ii / n: the share of complete pairs given the same grade.

    NaN (with a note) when no pair is complete.
    """
    r = _stats.percent_agreement(_table(a, b, scale, k))
    return AgreementResult(r.statistic, r.n, r.note)


def within_one_agreement(a: Any, b: Any, *, scale: Any = None,
                         k: Optional[int] = None) -> AgreementResult:
    """Agreement within one level: Σ_{|i-j| <= 1} n_ij / n, the share of complete pairs whose
    grades are the same or adjacent on the scale. NaN (with a note) when no pair is complete."""
    r = _stats.within_one_agreement(_table(a, b, scale, k))
    return AgreementResult(r.statistic, r.n, r.note)


def cohen_kappa(a: Any, b: Any, weights: Weights = None, scale: Any = None, level: float = 0.95,
                *, k: Optional[int] = None) -> KappaResult:
    """Cohen's kappa, unweighted or weighted, with standard errors, z-test and interval.

    With agreement weights w (w_ii = 1) and shares p_ij of the confusion matrix (Cohen 1968,
    "Weighted kappa"):

        p_o = Σ w_ij p_ij,  p_e = Σ w_ij p_i. p_.j,  κ = (p_o − p_e) / (1 − p_e)

    ``weights``: None (unweighted), ``"linear"`` (w = 1 − |i−j|/(k−1)), ``"quadratic"``
    (w = 1 − (i−j)²/(k−1)²) or a k x k matrix of *agreement* weights in [0, 1] with 1 on the
    diagonal (from disagreement weights v, as scikit-learn uses, pass ``1 - v / v.max()``).
    The linear and quadratic kappas equal scikit-learn's ``cohen_kappa_score`` with the same
    ``weights`` *when the categories are in scale order*.

    Standard errors (Fleiss, Cohen and Everitt 1969, "Large sample standard errors of kappa and
    weighted kappa"), w̄_i. = Σ_j p_.j w_ij, w̄_.j = Σ_i p_i. w_ij:

        Var κ  = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1−κ))² − (κ − p_e(1−κ))²] / n(1−p_e)²
        Var₀ κ = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / n(1−p_e)²

    as statsmodels' ``var_kappa`` and ``var_kappa0``. ``se_null`` gives the z-test of κ = 0
    (``zstatistic``, two-sided ``pvalue``); ``se`` the interval κ ± z·se at ``level``.

    Degenerate input: fewer than two complete pairs, or p_e = 1 (both raters used one and the
    same grade, so κ = 0/0) give NaN with the reason in ``note`` (scikit-learn also gives NaN;
    statsmodels divides by zero). Perfect agreement over several grades gives κ = 1, se = 0.
    """
    level = _check_level(level)
    table = _table(a, b, scale, k)
    w, name = _weights_matrix(weights, table.shape[0])
    r = _stats.cohen_kappa(table, w, level)
    return KappaResult(r.statistic, r.se, r.se_null, r.zstatistic, r.pvalue, r.low, r.high,
                       r.level, r.observed_agreement, r.expected_agreement, r.n, name, r.note)


def fleiss_kappa(counts: Any) -> FleissKappaResult:
    """Fleiss' kappa for many raters from a subjects x categories table of counts.

    ``counts[i, j]`` is the number of the m raters who put subject i in category j (the table
    statsmodels' ``fleiss_kappa`` and ``aggregate_raters`` use); every subject needs the same m.
    Fleiss (1971), "Measuring nominal scale agreement among many raters":

        p_j = Σ_i n_ij / Nm,  P_i = (Σ_j n_ij² − m) / m(m−1),  κ = (P̄ − Σ p_j²) / (1 − Σ p_j²)

    Standard error under κ = 0 (Fleiss, Nee and Landis 1979), q_j = 1 − p_j:

        Var₀ κ = 2 / (N m (m−1)) · [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)] / (Σ p_j q_j)²

    (the expression R's irr::kappam.fleiss uses for its z). No interval: this variance holds only
    under the null; use ``bootstrap_ci`` on pairs for an interval. NaN with a note when there
    are no subjects, fewer than two ratings per subject, or all ratings are in one category.
    """
    arr = np.asarray(counts)
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.floor(arr)):
            raise ValueError("counts must be whole numbers of ratings")
    elif arr.dtype.kind not in "iub":
        raise ValueError(f"counts must be a numeric subjects x categories table, got {arr.dtype}")
    r = _stats.fleiss_kappa(np.ascontiguousarray(arr, dtype=np.int64))
    return FleissKappaResult(r.statistic, r.se_null, r.zstatistic, r.pvalue,
                             r.observed_agreement, r.expected_agreement, r.n_subjects,
                             r.n_raters, r.note)


def krippendorff_alpha(data: Any, level: str = "ordinal", *, scale: Any = None) -> KrippendorffResult:
    """Krippendorff's alpha for any number of raters with missing ratings.

    ``data`` is raters x units (a row per rater, a column per audited case) with NaN (or None)
    for a missing rating; numbers, or grade labels with ``scale=`` (codes 0..k-1 in scale order).
    ``level``: ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``.

    Krippendorff (2011), "Computing Krippendorff's alpha-reliability": in each unit with m_u ≥ 2
    values, every ordered pair of values (c, k) from different raters adds 1/(m_u − 1) to the
    coincidence o_ck; n_c = Σ_k o_ck, n = Σ n_c;

        α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck

    with δ² nominal [c ≠ k], interval (c − k)², ratio ((c − k)/(c + k))², ordinal
    (Σ_{g=c..k} n_g − (n_c + n_k)/2)². The coincidences are built from each unit's value counts,
    so the cost grows linearly with the number of units (not with the square of the ratings).
    NaN with a note when fewer than two values are pairable or all pairable values are equal.
    """
    if scale is not None:
        codes = _encode_labels(data, as_scale(scale), "data")
        values = np.where(codes < 0, np.nan, codes.astype(float))
    else:
        values = np.asarray(data, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"data must be two-dimensional (raters x units), got shape {values.shape}")
    r = _stats.krippendorff_alpha(np.ascontiguousarray(values), str(level))
    return KrippendorffResult(r.statistic, str(level), r.observed_disagreement,
                              r.expected_disagreement, r.n_pairable, r.n_units,
                              np.asarray(r.values), np.asarray(r.coincidences), r.note)


def gwet_ac(a: Any, b: Any, weights: Weights = None, scale: Any = None, level: float = 0.95,
            *, k: Optional[int] = None) -> GwetResult:
    """Gwet's AC1 (``weights=None``) or AC2 (weighted) for two raters, with standard error.

    Gwet (2008), "Computing inter-rater reliability and its variance in the presence of high
    agreement"; Gwet (2014), "Handbook of Inter-Rater Reliability". q categories of the scale
    (used or not), agreement weights w as for :func:`cohen_kappa`, shares p_kl:

        p_a = Σ w_kl p_kl,  π_k = (p_k. + p_.k)/2,  T_w = Σ w_kl,
        p_e = T_w / (q(q−1)) · Σ π_k(1 − π_k),   AC = (p_a − p_e) / (1 − p_e)

        Var AC = [Σ p_kl (w_kl − 2(1−AC) T_w (1 − (π_k+π_l)/2)/(q(q−1)))² − (p_a − 2(1−AC)p_e)²]
                 / n(1 − p_e)²

    (no finite-population correction). The interval AC ± z·se and the two-sided test use the
    normal distribution (irrCAC uses Student's t with n − 1 df). Unlike kappa, AC1 stays
    defined when both raters use one grade (p_e = 0, AC1 = 1). NaN with a note for a
    one-category scale, fewer than two pairs, or p_e = 1.
    """
    level = _check_level(level)
    table = _table(a, b, scale, k)
    w, name = _weights_matrix(weights, table.shape[0])
    r = _stats.gwet_ac(table, w, level)
    return GwetResult(r.statistic, r.se, r.zstatistic, r.pvalue, r.low, r.high, r.level,
                      r.observed_agreement, r.expected_agreement, r.n, name, r.note)


def bootstrap_ci(statistic: str, a: Any, b: Any = None, *, weights: Weights = None,
                 scale: Any = None, k: Optional[int] = None, categories: Any = None,
                 level: float = 0.95, n_resamples: int = 2000, method: str = "bca",
                 seed: Optional[int] = None) -> BootstrapResult:
    """Bootstrap confidence interval of an agreement coefficient or of a share.

    ``statistic``:

    * ``"cohen_kappa"`` (``"kappa"``), ``"gwet_ac"`` (with ``weights``), ``"percent_agreement"``,
      ``"within_one_agreement"``: two raters ``a`` and ``b``;
    * ``"share"``: the share of one rater's rated cases ``a`` whose grade is in ``categories``
      (codes, or labels with ``scale=``), e.g. the share graded Good or better.

    Resampling the n cases with replacement is resampling the cells of their confusion matrix
    (or the counts per grade) as Multinomial(n, observed shares): each resample costs O(k²)
    whatever the number of audits. ``method="percentile"`` takes the α/2 and 1 − α/2 quantiles
    of the resampled values (numpy's default interpolation); ``method="bca"`` (Efron 1987) adjusts
    them with the bias correction z₀ = Φ⁻¹(share of resamples below the estimate, ties counted
    half) and the jackknife acceleration a = Σ(θ̄ − θ₍ᵢ₎)³ / 6[Σ(θ̄ − θ₍ᵢ₎)²]^{3/2}, computed by
    cell: leaving out any one case of a cell gives the same table, so there are O(k²) distinct
    leave-one-out values, weighted by the cell counts (exactly the n-case jackknife).

    ``seed``: the same seed gives the same interval with the same build of qaframe (the random
    engine is std::mt19937_64; the binomial draws depend on the C++ standard library). With
    ``seed=None`` a fresh seed is drawn; it is reported in the result, as is ``n_resamples``.
    Resamples on which the statistic is undefined are left out (``n_valid``, ``note``).
    """
    level = _check_level(level)
    n_resamples = int(n_resamples)
    if seed is None:
        seed = secrets.randbits(64)
    seed = int(seed)
    if not 0 <= seed < 2 ** 64:
        raise ValueError(f"seed must be an integer in [0, 2**64), got {seed}")
    if statistic == "share":
        if b is not None:
            raise ValueError("statistic 'share' takes one rater's grades a, not b")
        if categories is None:
            raise ValueError("statistic 'share' needs categories= (the grades whose share is wanted)")
        sc = None if scale is None else as_scale(scale)
        codes, known = _as_codes(a, sc, "a")
        if codes.ndim != 1:
            raise ValueError(f"a must be one-dimensional, got shape {codes.shape}")
        kk = _resolve_k(k, known, None, codes)
        cats = np.atleast_1d(np.asarray(categories, dtype=object))
        if sc is not None and cats.size and not all(isinstance(c, (int, np.integer)) for c in cats):
            cat_codes = _encode_labels(cats, sc, "categories")
            if np.any(cat_codes < 0):
                raise ValueError("categories must be grades of the scale, not 'not applicable'")
        else:
            cat_codes = np.asarray(cats, dtype=np.int64)
        counts = _stats.category_counts(codes, kk)
        r = _stats.bootstrap_share(counts, np.ascontiguousarray(cat_codes, dtype=np.int64),
                                   n_resamples, level, method, seed)
    elif statistic in _AGREEMENT_STATISTICS:
        if b is None:
            raise ValueError(f"statistic {statistic!r} needs the second rater's grades b")
        table = _table(a, b, scale, k)
        w, _ = _weights_matrix(weights, table.shape[0])
        r = _stats.bootstrap_agreement(table, statistic, w, n_resamples, level, method, seed)
    else:
        raise ValueError(f"statistic = {statistic!r} is not known: use one of "
                         f"{', '.join(_AGREEMENT_STATISTICS + ('share',))}")
    return BootstrapResult(r.statistic, r.low, r.high, r.level, r.method, r.n_resamples, r.seed,
                           r.n_valid, r.bias_correction, r.acceleration, r.standard_error,
                           np.asarray(r.distribution), statistic, r.note)
