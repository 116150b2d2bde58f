"""Moderation, practice domains, period comparisons and trends: result objects that render as
tables in Jupyter and convert to DataFrames. The figures come from the C++ core."""

from __future__ import annotations

import datetime as _dt
import html
from typing import Sequence, Union

import pandas as pd

from . import _core
from ._labels import display_frame, safe_display, with_display

PeriodLike = Union[str, "_core.Period", Sequence]
"""A period: a label (``"2017-18"``, ``"2017-18 Q3"``, ``"Oct 2017"``), a ``NAME=FROM..TO``
spec, a :class:`Period`, or a ``(name, first, last)`` tuple of dates."""


def _day(value) -> int:
    if isinstance(value, str):
        return _core.parse_date(value)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return (value - _dt.date(1970, 1, 1)).days
    raise TypeError(f"not a date: {value!r}")


def as_period(value: PeriodLike) -> "_core.Period":
    """The period `value` names (see :data:`PeriodLike`)."""
    if isinstance(value, _core.Period):
        return value
    if isinstance(value, str):
        return _core.parse_named_period(value) if "=" in value else _core.parse_period(value)
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return _core.Period(str(value[0]), _day(value[1]), _day(value[2]))
    raise TypeError(f"not a period: {value!r} (a label, NAME=FROM..TO, or (name, first, last))")


def period_dates(period: "_core.Period") -> tuple[_dt.date, _dt.date]:
    """First and last day of a period as dates."""
    return period.first, period.last


def _html(title: str, *parts: tuple[str, pd.DataFrame | str]) -> str:
    body = "".join(
        f"<p>{html.escape(caption)}</p>"
        f"{part if isinstance(part, str) else display_frame(part)._repr_html_()}"
        for caption, part in parts)
    return f"<div><b>{html.escape(title)}</b>{body}</div>"


def _direction_frame(rows, index: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(r.label, r.pairs, r.agreed, r.raised, r.lowered, r.net, r.pvalue, r.adjusted,
          r.flagged, r.direction) for r in rows],
        columns=[index, "pairs", "agreed", "raised", "lowered", "net", "pvalue", "adjusted",
                 "flagged", "direction"]).set_index(index)


@safe_display
class Moderation:
    """How the auditors' grades compare with the moderators' re-audit of the same cases.

    ``table`` (auditor's grade by moderator's grade, scale order then N/A), ``agreement``
    (exact, within one level, quadratic-weighted kappa, Gwet's AC2, ordinal Krippendorff's alpha,
    each with its interval), ``coverage`` (moderated by programme), ``overall``, ``by_auditor``
    and ``by_team`` (grades raised and lowered, exact sign test, Holm-adjusted, flagged where one
    direction is more frequent than chance allows).
    """

    __slots__ = ("_impl",)

    def __init__(self, impl: "_core.ModerationSummary"):
        self._impl = impl

    @property
    def audits(self) -> int:
        """Audits in the set."""
        return self._impl.audits

    @property
    def moderated(self) -> int:
        """Audits with a moderated grade."""
        return self._impl.moderated

    @property
    def pairs(self) -> int:
        """Moderated audits graded on the scale by both auditor and moderator."""
        return self._impl.pairs

    @property
    def table(self) -> pd.DataFrame:
        """Auditor's grade (rows) by moderator's grade (columns), scale order, then N/A."""
        labels = list(self._impl.scale.labels) + ["N/A"]
        return pd.DataFrame(self._impl.table, index=pd.Index(labels, name="auditor's grade"),
                            columns=pd.Index(labels, name="moderator's grade"))

    @property
    def agreement(self) -> pd.DataFrame:
        """One row per coefficient: estimate, interval (within the coefficient's range
        ``range_low`` to ``range_high``; NaN when the standard error is 0), pairs, how the
        interval was made, ``se``, ``truncated`` (a limit was cut at the range), ``withheld``
        (fewer pairs than ``min_pairs``: estimate and interval NaN) and the note saying why."""
        return pd.DataFrame(
            [(a.statistic, a.estimate, a.low, a.high, a.n, a.interval, a.note, a.range_low,
              a.range_high, a.se, a.truncated, a.withheld) for a in self._impl.agreement],
            columns=["statistic", "estimate", "low", "high", "n", "interval", "note",
                     "range_low", "range_high", "se", "truncated", "withheld"],
        ).set_index("statistic")

    @property
    def min_pairs(self) -> int:
        """Pairs needed before kappa, AC2 and alpha are shown."""
        return self._impl.min_pairs

    @property
    def withheld(self) -> list[str]:
        """The coefficients withheld as "too few pairs"."""
        return [a.statistic for a in self._impl.agreement if a.withheld]

    @property
    def notes(self) -> list[str]:
        """What was withheld and why (empty when nothing was)."""
        return list(self._impl.notes)

    @property
    def coverage(self) -> pd.DataFrame:
        """Audits and moderated audits by programme, with the share moderated."""
        frame = pd.DataFrame([(c.programme, c.audits, c.moderated) for c in self._impl.coverage],
                             columns=["programme", "audits", "moderated"]).set_index("programme")
        frame["share"] = frame["moderated"] / frame["audits"]
        return frame

    @property
    def overall(self) -> pd.Series:
        """Grades raised and lowered over all pairs, with the sign test."""
        r = self._impl.overall
        return pd.Series({"pairs": r.pairs, "agreed": r.agreed, "raised": r.raised,
                          "lowered": r.lowered, "net": r.net, "pvalue": r.pvalue,
                          "flagged": r.flagged, "direction": r.direction}, name="all")

    @property
    def by_auditor(self) -> pd.DataFrame:
        """Per auditor: pairs, agreed, raised, lowered, net, sign-test p, Holm-adjusted, flag."""
        return _direction_frame(self._impl.by_auditor, "auditor")

    @property
    def by_team(self) -> pd.DataFrame:
        """Per team, as by_auditor (Holm across teams)."""
        return _direction_frame(self._impl.by_team, "team")

    @property
    def flagged(self) -> list[str]:
        """Auditors whose grades moderators move one way more often than chance allows."""
        return [r.label for r in self._impl.by_auditor if r.flagged]

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """The agreement coefficients (see ``agreement``)."""
        return self.agreement

    def __repr__(self) -> str:
        notes = "".join(f"\n{n}" for n in self.notes)
        return (f"Moderation({self.moderated} of {self.audits} audits moderated, {self.pairs} "
                f"pairs)\n{self.agreement[['estimate', 'low', 'high', 'n', 'note']].to_string()}"
                f"{notes}")

    def _repr_html_(self) -> str:
        return _html(f"Moderation: {self.moderated} of {self.audits} audits, {self.pairs} pairs",
                     *[(n, "") for n in self.notes],
                     ("Coverage", self.coverage), ("Auditor by moderator", self.table),
                     ("Agreement", self.agreement), ("By auditor", self.by_auditor),
                     ("By team", self.by_team))


@safe_display
class DomainTable:
    """Grade counts of each practice domain on its own scale (one row per domain)."""

    __slots__ = ("_profiles",)

    def __init__(self, profiles: list):
        self._profiles = profiles

    @property
    def names(self) -> list[str]:
        """Domain names in column order."""
        return [p.domain for p in self._profiles]

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """Rows: domains; columns: the levels of their scales (worst first), N/A and Total."""
        rows, columns = [], []
        for p in self._profiles:
            for label in p.scale.labels:
                if label not in columns:
                    columns.append(label)
        for p in self._profiles:
            row = dict(zip(p.scale.labels, p.counts.levels))
            row["N/A"] = p.counts.n_not_applicable
            row["Total"] = p.counts.n
            rows.append(row)
        frame = pd.DataFrame(rows, index=pd.Index(self.names, name="domain"),
                             columns=columns + ["N/A", "Total"])
        return frame.fillna(0).astype("int64")

    def __len__(self) -> int:
        return len(self._profiles)

    def __repr__(self) -> str:
        return f"DomainTable({len(self)} domains)\n{self.to_frame().to_string()}"

    def _repr_html_(self) -> str:
        return self.to_frame(display=True)._repr_html_()


@safe_display
class KeyMessages:
    """Practice domains ranked weakest first by the share of graded audits below good, with
    Wilson intervals and n."""

    __slots__ = ("_rows", "level")

    def __init__(self, rows: list, level: float):
        self._rows = rows
        self.level = level

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per domain, weakest first: below, count, n, share, low, high, not_applicable."""
        return pd.DataFrame(
            [(k.domain, k.below, k.count, k.n, k.share, k.low, k.high, k.not_applicable)
             for k in self._rows],
            columns=["domain", "below", "count", "n", "share", "low", "high",
                     "not_applicable"]).set_index("domain")

    @property
    def weakest(self) -> str | None:
        """The domain with the largest share below good, or None without domains."""
        return self._rows[0].domain if self._rows else None

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"KeyMessages({len(self)} domains)\n{self.to_frame().to_string()}"

    def _repr_html_(self) -> str:
        return _html(f"Key messages ({self.level:.0%} Wilson intervals)", ("", self.to_frame()))


@safe_display
class Comparison:
    """Group B against group A, overall and per practice domain: the change in the share good or
    better with Newcombe's interval, the z-test (Holm across domains), Mann-Whitney, verdict."""

    __slots__ = ("_impl",)

    def __init__(self, impl: "_core.Comparison"):
        self._impl = impl

    @property
    def a(self) -> str:
        """Name of group A."""
        return self._impl.label_a

    @property
    def b(self) -> str:
        """Name of group B."""
        return self._impl.label_b

    @property
    def verdicts(self) -> dict[str, str]:
        """Verdict per row: improved, no clear change, worsened or too few to say."""
        return {r.item: r.verdict for r in self._impl.rows}

    @property
    def test_rule(self) -> str:
        """Which test is used when (the ``exact`` rule), in one sentence."""
        return self._impl.test_rule

    @property
    def warning(self) -> str:
        """Why the comparison says little, when one side has no audit (also warned of when the
        comparison is made); empty otherwise."""
        return self._impl.warning

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per item (overall, then each domain): counts, shares, the change with
        Newcombe's interval, ``pvalue`` of the ``test`` named (z-test or Fisher's exact test,
        see :attr:`test_rule`) with both ``z_pvalue`` and ``exact_pvalue``, the smallest
        expected count, Holm-adjusted p, Mann-Whitney (and its method) and the verdict."""
        return pd.DataFrame(
            [(r.item, r.good, r.n_a, r.good_a, r.share_a, r.n_b, r.good_b, r.share_b,
              r.difference, r.low, r.high, r.pvalue, r.adjusted, r.superiority, r.mw_pvalue,
              r.verdict, r.test, r.expected_min, r.z_pvalue, r.exact_pvalue, r.mw_method)
             for r in self._impl.rows],
            columns=["item", "counted", "n_a", "good_a", "share_a", "n_b", "good_b", "share_b",
                     "difference", "low", "high", "pvalue", "adjusted", "superiority",
                     "mw_pvalue", "verdict", "test", "expected_min", "z_pvalue", "exact_pvalue",
                     "mw_method"]).set_index("item")

    def __repr__(self) -> str:
        cols = ["share_a", "share_b", "difference", "low", "high", "test", "adjusted", "verdict"]
        return (f"Comparison(A={self.a!r}, B={self.b!r})\n{self.to_frame()[cols].to_string()}"
                f"\n{self.test_rule}")

    def _repr_html_(self) -> str:
        return _html(f"{self.b} (B) against {self.a} (A)", ("", self.to_frame()),
                     (self.test_rule, ""))


@safe_display
class Trend:
    """The share good or better across consecutive periods, with the Cochran-Armitage test."""

    __slots__ = ("_impl",)

    def __init__(self, impl: "_core.Trend"):
        self._impl = impl

    statistic = property(lambda self: self._impl.statistic, doc="Cochran-Armitage z.")
    pvalue = property(lambda self: self._impl.pvalue, doc="Two-sided p-value.")
    slope = property(lambda self: self._impl.slope, doc="Change in the share per period.")
    verdict = property(lambda self: self._impl.verdict,
                       doc="improving, no clear trend, declining or too few to say.")

    min_n = property(lambda self: self._impl.min_n,
                     doc="Graded audits a period needs to enter the test.")
    periods_used = property(lambda self: self._impl.periods_used,
                            doc="Periods in the test (at least min_n graded audits).")
    periods_total = property(lambda self: self._impl.periods_total, doc="Periods shown.")
    n_used = property(lambda self: self._impl.n_used, doc="Graded audits in the tested periods.")
    note = property(lambda self: self._impl.note,
                    doc="Periods left out of the test, and why a statistic is NaN.")

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per period: n graded, good or better, share and Wilson interval, whether it
        ``qualifies`` for the test (n >= min_n) and the note of one that does not."""
        return pd.DataFrame([(r.period, r.n, r.good, r.share, r.low, r.high, r.qualifies,
                              r.note) for r in self._impl.rows],
                            columns=[self._impl.kind, "n", "good", "share", "low", "high",
                                     "qualifies", "note"]
                            ).set_index(self._impl.kind)

    def _title(self) -> str:
        return (f"Trend: z {self.statistic:.2f}, p {self.pvalue:.3g}: {self.verdict} "
                f"({self.periods_used} of {self.periods_total} periods with n >= {self.min_n})")

    def __repr__(self) -> str:
        return (f"Trend(z={self.statistic:.3f}, p={self.pvalue:.4g}: {self.verdict}; "
                f"{self.periods_used} of {self.periods_total} periods tested)\n"
                f"{self.to_frame().to_string()}" + (f"\n{self.note}" if self.note else ""))

    def _repr_html_(self) -> str:
        return _html(self._title(), ("", self.to_frame()), (self.note, ""))


class TeamFunnel:
    """The share Good or better by team against the whole service, with funnel limits (exact
    binomial, or normal limits widened for over-dispersion between teams, Spiegelhalter 2005
    §4), the flags of each team, and the over-dispersion estimate."""

    __slots__ = ("_impl",)

    def __init__(self, impl: "_core.TeamFunnel"):
        self._impl = impl

    benchmark = property(lambda self: self._impl.benchmark,
                         doc="The pooled share of all teams.")
    levels = property(lambda self: tuple(self._impl.levels), doc="Inner and outer levels.")
    limits = property(lambda self: self._impl.limits,
                      doc='How the limits were made ("exact binomial" or widened normal).')

    @property
    def dispersion(self):
        """The over-dispersion estimate (phi, tau2, units, note), as
        :class:`qaframe.stats.DispersionEstimate`."""
        from .stats_inference import _dispersion
        return _dispersion(self._impl.dispersion)

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per team: good, n, share, and its flag against the inner and outer limits."""
        return pd.DataFrame([(u.unit, u.good, u.n, u.share, u.inner, u.outer)
                             for u in self._impl.units],
                            columns=[self._impl.by, "good", "n", "share", "inner", "outer"]
                            ).set_index(self._impl.by)

    def limits_frame(self) -> pd.DataFrame:
        """The limits on a grid of sizes, for drawing: n, low and high at each level."""
        f = self._impl
        return pd.DataFrame({"n": f.grid, "low_inner": f.low_inner, "high_inner": f.high_inner,
                             "low_outer": f.low_outer, "high_outer": f.high_outer})

    def __repr__(self) -> str:
        return (f"TeamFunnel(benchmark={self.benchmark:.4f}, limits={self.limits!r}, "
                f"phi={self._impl.dispersion.phi:.4g}, tau2={self._impl.dispersion.tau2:.4g})\n"
                f"{self.to_frame().to_string()}")

    def _repr_html_(self) -> str:
        return _html(f"Funnel by {self._impl.by}: {self.limits}; {self._impl.dispersion.note}",
                     ("", self.to_frame()))
