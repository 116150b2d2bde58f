"""GradeProfile: counts and shares of the grades of a set of audits."""

from __future__ import annotations

import html

import pandas as pd

from . import _core
from ._labels import display_frame, safe_display


@safe_display
class GradeProfile:
    """The grade profile of a set of audits.

    ``n`` audits, of which ``n_graded`` have a grade and ``n_not_applicable`` are N/A; counts per
    level; ``n_children`` distinct children. Shares are of all audits, or ``adjusted`` (of graded
    audits only, N/A left out of the denominator), as QA reports give both.
    """

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.GradeProfile):
        self._impl = impl

    @property
    def scale(self) -> _core.GradeScale:
        """The grading scale."""
        return self._impl.scale

    @property
    def n(self) -> int:
        """All audits."""
        return self._impl.counts.n

    @property
    def n_graded(self) -> int:
        """Audits with a grade."""
        return self._impl.counts.n_graded

    @property
    def n_not_applicable(self) -> int:
        """Audits not graded (N/A)."""
        return self._impl.counts.n_not_applicable

    @property
    def n_children(self) -> int:
        """Distinct children audited."""
        return self._impl.n_children

    @property
    def counts(self) -> pd.Series:
        """Audits per level worst to best, then N/A."""
        return pd.Series(self._impl.counts.counts, index=list(self.scale.labels) + ["N/A"],
                         name="audits", dtype="int64")

    def share_below(self, level: str, adjusted: bool = False) -> float:
        """Share graded below `level`: of all audits, or of graded audits if `adjusted`.
        NaN when the denominator is zero."""
        return self._impl.share_below(level, adjusted)

    def share_at_least(self, level: str, adjusted: bool = False) -> float:
        """Share graded `level` or better: of all audits, or of graded audits if `adjusted`."""
        return self._impl.share_at_least(level, adjusted)

    def to_frame(self, display: bool = False) -> pd.DataFrame:
        """Counts, share of all audits and adjusted share (of graded audits) per level; with
        `display`, shares as percentages ("6.8%") for reading."""
        counts = self.counts
        frame = counts.to_frame()
        frame["share"] = counts / self.n if self.n else float("nan")
        graded = counts.iloc[:-1]
        frame["adjusted_share"] = (graded / self.n_graded) if self.n_graded else float("nan")
        return display_frame(frame) if display else frame

    def __repr__(self) -> str:
        parts = ", ".join(f"{label}: {count}" for label, count in self.counts.items())
        return (f"GradeProfile(n={self.n}, graded={self.n_graded}, children={self.n_children}; "
                f"{parts})")

    def _repr_html_(self) -> str:
        caption = (f"{self.n} audits, {self.n_graded} graded, {self.n_not_applicable} N/A, "
                   f"{self.n_children} children")
        return (f"<div><b>GradeProfile</b>: {html.escape(caption)}"
                f"{self.to_frame(display=True)._repr_html_()}</div>")
