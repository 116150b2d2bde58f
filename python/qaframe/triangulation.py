"""Triangulation of audit, survey and performance evidence, and the Performance Improvement Log.

For each unit (each team and the whole service) and each theme of practice, each strand's share
(audits Good or better, survey answers positive, an indicator's numerator of its denominator) is
placed against its comparator with exact binomial funnel limits (95% a signal, 99.8% strong;
fewer than ``min_n`` cases is insufficient); the strands are combined into one status per cell
(corroborated concern or strength, divergent, unconfirmed concern or strength, in line, single
source, insufficient, no evidence), and the concerning cells become key lines of enquiry (KLOEs)
for the QA Steering Group, merged month by month into the Performance Improvement Log. The
decision rule is in the README ("Triangulation") and in ``include/qaframe/analysis/triangulation.hpp``.

>>> t = qaframe.triangulate(audits, survey="survey.csv", performance="performance.csv",
...                         indicators="indicators.csv", evidence_map="evidence_map.csv")
>>> t.matrix; t.kloes; t.evidence          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
import warnings
from typing import Optional, Union

import numpy as np
import pandas as pd

from . import _core
from ._labels import WholeTextFrame, safe_display, with_display
from .audits import AuditSet, DateLike, _day_number
from .report import Report
from .scales import ScaleLike, as_scale

PathLike = Union[str, os.PathLike]

_EPOCH = np.datetime64("1970-01-01", "D")


def _day(value: DateLike | int) -> int:
    """A day number from a date, date text, or a day number itself."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    return _day_number(value)


def _date(day: Optional[int]):
    """A day number as a pandas Timestamp (NaT for None)."""
    if day is None or (isinstance(day, float) and np.isnan(day)):
        return pd.NaT
    return pd.Timestamp(_EPOCH + np.timedelta64(int(day), "D"))


@safe_display
class Survey:
    """Validated survey answers, one per row; respondent identifiers are checked but not kept."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.SurveyResponses):
        self._impl = impl

    def __len__(self) -> int:
        return len(self._impl)

    @property
    def questions(self) -> list[str]:
        """Questions in order of first appearance."""
        return self._impl.questions

    @property
    def teams(self) -> list[str]:
        """Teams in order of first appearance."""
        return self._impl.teams

    @property
    def scale(self) -> _core.GradeScale:
        """The response scale."""
        return self._impl.scale

    @property
    def positive_from(self) -> str:
        """The first level counted as positive."""
        return self._impl.positive_from

    @property
    def n_respondents(self) -> int:
        """Distinct respondents (their identifiers are never kept, only a count and a key)."""
        return self._impl.n_respondents

    def __repr__(self) -> str:
        return (f"Survey({len(self)} answers from {self.n_respondents} respondents, "
                f"{len(self.questions)} questions, "
                f"{len(self.teams)} teams; positive from {self.positive_from!r})")


@safe_display
class Performance:
    """Validated indicator definitions and values."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.Performance):
        self._impl = impl

    @property
    def indicators(self) -> list[str]:
        """Defined indicators, in file order."""
        return self._impl.indicators

    def __repr__(self) -> str:
        return f"Performance({len(self.indicators)} indicators, {self._impl.n_values} values)"


@safe_display
class EvidenceMap:
    """Themes of practice mapped to their evidence in each strand."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.EvidenceMap):
        self._impl = impl

    @property
    def themes(self) -> list[str]:
        """Themes in the map's order."""
        return self._impl.themes

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per mapping: theme, source, item, target."""
        return pd.DataFrame(self._impl.items, columns=["theme", "source", "item", "target"])

    def __repr__(self) -> str:
        return f"EvidenceMap({len(self.themes)} themes)\n{self.to_frame().to_string()}"


def read_survey(path: PathLike, scale: ScaleLike = None, positive_from: str | None = None,
                max_problems: int = 100) -> Survey:
    """Read a long-format survey (respondent_id, team, respondent, question, answer, optional
    date). Answers are on the 5-point agree scale unless `scale` is given (a GradeScale or labels
    worst to best); positive from Agree unless `positive_from` names another level. Bad input
    raises :class:`qaframe.DataError` listing every problem with file, line, column and value."""
    core_scale = _core.agree_scale() if scale is None else as_scale(scale)
    return Survey(_core.read_survey(os.fspath(path), core_scale, positive_from, max_problems))


def read_performance(values: PathLike, indicators: PathLike,
                     max_problems: int = 100) -> Performance:
    """Read indicator values (indicator, team or All, period, numerator, denominator) and their
    definitions (indicator, description, polarity, target, benchmark, theme; optional
    benchmark_source). A value without a definition, or a numerator above its denominator, is a
    :class:`qaframe.DataError`."""
    return Performance(_core.read_performance(os.fspath(values), os.fspath(indicators),
                                              max_problems))


def read_evidence_map(path: PathLike, max_problems: int = 100) -> EvidenceMap:
    """Read an evidence map (theme, source = audit|survey|performance, item; optional target)."""
    return EvidenceMap(_core.read_evidence_map(os.fspath(path), max_problems))


@safe_display
class ImprovementLog:
    """The Performance Improvement Log: KLOEs with owner, status (open, in review, closed),
    review and closing dates and outcome. Read and written as CSV without loss; merged with
    each month's triangulation by :meth:`merge` (never deleting a row). The CSV ends with the
    line ``#end of log: N KLOEs``, so that a log cut off is refused rather than read as a
    shorter one."""

    __slots__ = ("_impl", "last_merge")

    def __init__(self, impl: _core.ImprovementLog | None = None):
        self._impl = impl if impl is not None else _core.ImprovementLog()
        self.last_merge: dict | None = None

    def __len__(self) -> int:
        return len(self._impl)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImprovementLog) and self._impl == other._impl

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> "ImprovementLog":
        """An independent copy."""
        return ImprovementLog(self._impl.copy())

    def merge(self, triangulation: "Triangulation", as_of: DateLike,
              review_days: int = 28) -> dict:
        """Merge the KLOEs of `triangulation`, run on `as_of`, into this log (in place): open
        KLOEs of the same unit and theme are updated, not duplicated; new ones are added as
        KLOE-YYYYMM-NNN; open KLOEs whose concern has gone are marked "in review". Returns the
        counts added, updated and marked for review."""
        self.last_merge = dict(self._impl.merge(triangulation._impl, _day(as_of),
                                                review_days))
        return self.last_merge

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per KLOE; dates as Timestamps (NaT where empty)."""
        rows = self._impl.rows()
        columns = list(_core_log_columns()) + list(self._impl.extra_columns)
        dates = ("raised", "review_by", "closed", "updated")
        data = {c: [r.get(c) for r in rows] for c in columns}
        for c in dates:
            data[c] = pd.to_datetime(pd.Series([_date(v) for v in data[c]], dtype=object))
        return pd.DataFrame(data, columns=columns)

    @property
    def read_from(self) -> str:
        """The file the log was read from ("" for a new log)."""
        return self._impl.read_from

    @property
    def notes(self) -> list[str]:
        """Remarks from reading the log (rows added by hand since qaframe wrote it)."""
        return list(self._impl.notes)

    def to_csv(self, path: PathLike | None = None, force: bool = False) -> str | None:
        """The log as CSV text, or written to `path` (dates ISO), atomically: a crash or a full
        disk leaves the old file whole, and the file replaced is kept as ``<path>.bak``.
        Writing over an existing file other than the one the log was read from raises
        FileExistsError unless `force` (a new log never silently replaces another)."""
        if path is None:
            return self._impl.to_csv()
        self._impl.write_csv(os.fspath(path), force)
        return None

    def __repr__(self) -> str:
        return f"ImprovementLog({len(self)} KLOEs)\n" + \
            self.to_frame(display=True)[["kloe_id", "raised", "unit", "theme", "status", "owner"]].to_string()

    def _repr_html_(self) -> str:
        # Every column, text whole, dates as dates (never NaT).
        return WholeTextFrame(self.to_frame(display=True))._repr_html_()


def _core_log_columns():
    return ("kloe_id", "raised", "theme", "unit", "evidence", "question", "owner", "status",
            "review_by", "closed", "outcome", "updated")


def read_log(path: PathLike, max_problems: int = 100) -> ImprovementLog:
    """Read a Performance Improvement Log; every problem raised together as DataError. A log
    without its end line, or with fewer KLOEs than it states, is refused (it may have been cut
    off); more KLOEs than stated is read with a warning (rows added by hand). A missing file
    raises FileNotFoundError: start a new log with ``ImprovementLog()``."""
    log = ImprovementLog(_core.read_log(os.fspath(path), max_problems))
    for note in log.notes:
        warnings.warn(note, stacklevel=2)
    return log


@safe_display
class Triangulation:
    """The result of :func:`triangulate`: the matrix (units x themes), the evidence behind each
    cell, and the key lines of enquiry in priority order."""

    __slots__ = ("_impl", "_as_of")

    def __init__(self, impl: _core.Triangulation, as_of: int | None):
        self._impl = impl
        self._as_of = as_of

    @property
    def units(self) -> list[str]:
        """Units: teams in order of first appearance, the whole service last."""
        return self._impl.units

    @property
    def themes(self) -> list[str]:
        """Themes in the evidence map's order."""
        return self._impl.themes

    @property
    def notes(self) -> list[str]:
        """Remarks: evidence mapped but absent, service values summed from teams."""
        return self._impl.notes

    @property
    def survey_rule(self) -> str:
        """How the survey was counted (respondents, cluster-robust or answers), in a sentence."""
        return self._impl.survey_rule

    @property
    def dispersion(self) -> pd.DataFrame:
        """With ``overdispersion``: one row per theme and strand (per indicator) with the
        estimate's phi, tau2, units, whether it widened the limits (``inflated``) and its note;
        empty otherwise."""
        rows = [{"theme": r["theme"], "strand": r["strand"], "item": r["item"],
                 "method": r["estimate"].method, "phi": r["estimate"].phi,
                 "tau2": r["estimate"].tau2, "benchmark": r["estimate"].benchmark,
                 "units": r["estimate"].units, "inflated": r["estimate"].inflated,
                 "note": r["estimate"].note} for r in self._impl.dispersion()]
        return pd.DataFrame(rows, columns=["theme", "strand", "item", "method", "phi", "tau2",
                                           "benchmark", "units", "inflated", "note"])

    @property
    def matrix(self) -> pd.DataFrame:
        """Cell statuses: one row per unit, one column per theme."""
        cells = self.cells
        m = cells.pivot(index="unit", columns="theme", values="status")
        m = m.loc[self.units, self.themes]
        m.index.name = self._impl.by
        m.columns.name = "theme"
        return m

    @property
    def cells(self) -> pd.DataFrame:
        """One row per cell: status, each strand's direction, strong, n and the widest gap."""
        return pd.DataFrame(self._impl.cells(),
                            columns=["unit", "theme", "status", "audit", "survey", "performance",
                                     "strong", "n", "gap"])

    @property
    def evidence(self) -> pd.DataFrame:
        """The long table of evidence: one row per unit, theme and strand (per indicator), with
        count, n (the n used: audits, respondents, effective n or the denominator; see
        ``counted``), survey ``answers`` and ``respondents``, ``design_effect`` (cluster-robust),
        estimate, Wilson interval, comparator, funnel limits (``overdispersed`` when widened),
        tail probability and direction."""
        return pd.DataFrame(self._impl.signals())

    @property
    def kloes(self) -> pd.DataFrame:
        """Key lines of enquiry in priority order (index: rank). Its HTML in Jupyter shows every
        column, the evidence and the question whole (pandas would cut them at 50 characters)."""
        frame = pd.DataFrame(self._impl.kloes(),
                             columns=["rank", "unit", "theme", "status", "strong", "n", "gap",
                                      "evidence", "question"])
        return WholeTextFrame(frame.set_index("rank"))

    def cell(self, unit: str, theme: str) -> str:
        """The status of one cell."""
        return str(self.matrix.loc[unit, theme])

    def update_log(self, log: ImprovementLog | PathLike | None = None,
                   as_of: DateLike | None = None, review_days: int = 28) -> ImprovementLog:
        """A copy of `log` (an ImprovementLog, a path, or None for a new log) with this
        triangulation's KLOEs merged in (see :meth:`ImprovementLog.merge`); `as_of` defaults to
        the last audit date. The counts are in the result's ``last_merge``. A path must name a
        log that exists (a misspelt name raises FileNotFoundError, never starts an empty log);
        writing the result back over it (``to_csv(path)``) keeps the old version as ``.bak``."""
        if log is None:
            merged = ImprovementLog()
        elif isinstance(log, ImprovementLog):
            merged = log.copy()
        else:
            merged = read_log(log)
        day = _day(as_of) if as_of is not None else self._as_of
        if day is None:
            raise ValueError("as_of is needed: the audits have no dates")
        merged.merge(self, int(day), review_days)
        return merged

    def to_markdown(self) -> str:
        """The report section: matrix, lines of enquiry, evidence, notes."""
        return self._impl.to_markdown()

    def to_json(self) -> str:
        """The triangulation as a JSON object."""
        return self._impl.to_json()

    def report(self) -> Report:
        """The report section as a Report (renders as Markdown in Jupyter)."""
        return Report(self.to_markdown())

    def __repr__(self) -> str:
        return (f"Triangulation({len(self.units)} units x {len(self.themes)} themes, "
                f"{len(self._impl.kloes())} KLOEs)\n{self.matrix.to_string()}")

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><b>{html.escape(k['unit'])}, {html.escape(k['theme'])}</b> "
            f"({html.escape(k['status'])}): {html.escape(k['evidence'])} "
            f"<i>{html.escape(k['question'])}</i></li>" for k in self._impl.kloes())
        return (f"<div><b>Triangulation</b> by {html.escape(self._impl.by)}"
                f"{self.matrix._repr_html_()}<b>Key lines of enquiry</b><ol>{items}</ol></div>")


def triangulate(audits: AuditSet, survey: Survey | PathLike | None = None,
                performance: Performance | PathLike | None = None,
                indicators: PathLike | None = None,
                evidence_map: EvidenceMap | PathLike | None = None, by: str = "team",
                min_n: int = 5, level: float = 0.95, strong_level: float = 0.998,
                period: str | None = None, max_problems: int = 100,
                survey_counting: str = "respondents", survey_tie: str = "half",
                overdispersion: str = "none", winsor: float = 0.1,
                neighbours=None, neighbours_benchmark: bool = False,
                allow_identifiers: bool = False) -> Triangulation:
    """Triangulate audits with survey and performance evidence, theme by theme.

    `survey`, `performance` and `evidence_map` are objects from :func:`read_survey`,
    :func:`read_performance`, :func:`read_evidence_map`, or paths (a performance path needs
    `indicators`, the definitions). `by` is the audit column whose values are the units (survey
    and performance teams must be among them, or ``All``). `min_n` is the fewest cases a strand
    needs; `level` and `strong_level` the funnel levels; `period` the indicator period (default:
    each indicator's latest). Bad input of any file raises :class:`qaframe.DataError` naming
    file, line, column and value.

    `survey_counting`: ``"respondents"`` (default) counts each respondent once per theme,
    positive when positive on a majority of the theme's questions they answered, n =
    respondents; `survey_tie` says how exactly half positive counts: ``"half"`` (default: half
    a positive respondent, so a count may end in .5), ``"not positive"`` or ``"positive"``; ``"cluster-robust"`` counts
    answers with a ratio-estimator variance clustered by respondent, n the effective sample size
    (answers / design effect); ``"answers"`` treats every answer as independent (the old rule,
    which overstates n). `overdispersion`: ``"multiplicative"`` or ``"additive"`` widens each
    team's limits for the spread between teams (estimates in ``.dispersion``). `neighbours`: a
    :class:`qaframe.benchmarking.Benchmarking` (or a path to a neighbours file, benchmarked with
    the indicators' definitions); with `neighbours_benchmark`, indicators are compared with the
    neighbours' mean. Units by an identifier column (``child_id``)
    raise ValueError unless `allow_identifiers`.
    """
    if evidence_map is None:
        raise TypeError("triangulate needs an evidence_map (a path or an EvidenceMap)")
    if survey is not None and not isinstance(survey, Survey):
        survey = read_survey(survey, max_problems=max_problems)
    if performance is not None and not isinstance(performance, Performance):
        if indicators is None:
            raise TypeError("a performance file needs its indicators file (definitions)")
        performance = read_performance(performance, indicators, max_problems)
    if not isinstance(evidence_map, EvidenceMap):
        evidence_map = read_evidence_map(evidence_map, max_problems)
    from .benchmarking import Benchmarking, benchmark
    if neighbours is not None and not isinstance(neighbours, Benchmarking):
        neighbours = benchmark(neighbours, performance)
    impl = _core.triangulate(audits._impl, None if survey is None else survey._impl,
                             None if performance is None else performance._impl,
                             evidence_map._impl, by=by, min_n=min_n, level=level,
                             strong_level=strong_level, period=period,
                             max_problems=max_problems, survey_counting=survey_counting,
                             survey_tie=survey_tie,
                             overdispersion=overdispersion, winsor=float(winsor),
                             neighbours=None if neighbours is None else neighbours._impl,
                             neighbours_benchmark=bool(neighbours_benchmark),
                             allow_identifiers=allow_identifiers)
    dates = audits._impl.dates()
    return Triangulation(impl, int(dates.max()) if len(dates) else None)
