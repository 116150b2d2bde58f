"""The audit cycle after the grade: actions and their follow-up, escalation of Inadequate audits,
completeness of each audit's cycle, evidence of impact from re-audits, compliance with the audit
programme, and the sample of cases for next month.

The files (CSV, or pandas DataFrames with the same columns), each validated with every problem
raised together as :class:`qaframe.DataError` (file, line or row, column, value, reason):

* actions: ``action_id, audit_id, description, owner, raised, due, completed`` (optional
  ``status``, ``outcome``, ``evidence``); an audit that needed no action has a row whose
  description is ``No action needed``;
* escalations: ``audit_id, escalated`` (optional ``escalated_to``), or an ``escalated`` column
  of the audits;
* teams: ``team, programme, expected_per_month`` (optional ``from``, ``to`` months);
* caseload: ``child_id, team, case_type, worker`` (other columns kept).

>>> audits = qaframe.read_audits("data/sample/audits.csv")
>>> a = audits.actions("data/sample/actions.csv", as_of="2018-04-30")
>>> a.median_days, a.median_ci, len(a.overdue)               # doctest: +SKIP
>>> audits.escalation("data/sample/escalations.csv").late    # ['AUD-0012']  # doctest: +SKIP
>>> qaframe.sample_cases("data/sample/caseload.csv", audits, per_team=2, seed=20180501,
...                      as_of="2018-04-30").worklist        # doctest: +SKIP

Child identifiers are used to pair re-audits and to draw the sample; they appear only in the
sample's worklist, whose purpose they are.
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from ._labels import with_display
from ._results import _Result
from .stats_survival import SignTestResult, SurvivalQuantile

PathLike = Union[str, os.PathLike]
_EPOCH = np.datetime64("1970-01-01", "D")

__all__ = [
    "ActionLog", "Actions", "AuditCycle", "CaseSample", "Caseload", "Escalation", "GradeChange",
    "Impact", "Programme", "Teams", "add_working_days", "bank_holidays", "read_actions",
    "read_caseload", "read_escalations", "read_teams", "sample_cases", "sampling_key",
    "working_days_between",
]


# -- conversions -------------------------------------------------------------------------------
def _day(value) -> int:
    """A day number from a date, date text (ISO or UK) or a day number."""
    from .audits import _day_number
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    return _day_number(value)


def _date(day) -> pd.Timestamp:
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return pd.NaT
    return pd.Timestamp(_EPOCH + np.timedelta64(int(day), "D"))


def _dates(days) -> pd.Series:
    return pd.Series([_date(d) for d in days], dtype="datetime64[ns]")


def _cell_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _text_columns(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """A DataFrame's columns as text, for the core's validation (dates ISO, missing empty)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(frame).__name__}")
    names = [str(c) for c in frame.columns]
    columns = [[_cell_text(v) for v in frame.iloc[:, i].tolist()] for i in range(frame.shape[1])]
    return names, columns


def _share_columns(rows: Sequence[dict], key: str, name: Optional[str] = None) -> dict:
    name = name or key
    return {name: [r[key]["estimate"] for r in rows],
            f"{name}_low": [r[key]["low"] for r in rows],
            f"{name}_high": [r[key]["high"] for r in rows]}


def _pct(share: dict) -> str:
    if share["n"] == 0:
        return "n/a (none)"
    return f"{100 * share['estimate']:.0f}% ({share['count']} of {share['n']})"


def _html_list(items: Sequence[str]) -> str:
    return "".join(f"<li>{html.escape(str(i))}</li>" for i in items)


# -- working days ------------------------------------------------------------------------------
def bank_holidays(region: str = "england_and_wales") -> pd.DataFrame:
    """The bank holidays 2010-2035 that qaframe ships for `region` (``"england_and_wales"``,
    ``"scotland"``, ``"northern_ireland"``): columns date and name; a holiday on a weekend is
    followed by its substitute day."""
    rows = _core.bank_holidays(region)
    return pd.DataFrame({"date": _dates([d for d, _ in rows]), "name": [n for _, n in rows]})


def working_days_between(start, end, region: str = "england_and_wales") -> int:
    """Working days after `start` up to and including `end` (Friday to Monday is 1)."""
    return _core.working_days_between(_day(start), _day(end), region)


def add_working_days(start, n: int, region: str = "england_and_wales") -> pd.Timestamp:
    """The `n`-th working day after `start` (before it for negative `n`)."""
    return _date(_core.add_working_days(_day(start), int(n), region))


# -- files -------------------------------------------------------------------------------------
class ActionLog:
    """Validated actions of a set of audits (see :func:`read_actions`)."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.ActionLog):
        self._impl = impl

    def __len__(self) -> int:
        return len(self._impl)

    @property
    def source(self) -> str:
        """Where the actions came from."""
        return self._impl.source

    def __repr__(self) -> str:
        return f"ActionLog({len(self)} rows from {self.source})"


def read_actions(actions, audits, require_owner: bool = True,
                 max_problems: int = 100) -> ActionLog:
    """Read and validate actions (a CSV path or a DataFrame) against `audits`: an unknown
    audit_id, due or completed before raised, an action raised before its audit, a missing
    owner (unless ``require_owner=False``), a repeated action_id, a date that is not one, a
    status that contradicts the completed date: every problem raised together as
    :class:`qaframe.DataError`."""
    if isinstance(actions, ActionLog):
        return actions
    impl = audits._impl
    if isinstance(actions, pd.DataFrame):
        names, columns = _text_columns(actions)
        return ActionLog(_core.actions_from_columns(names, columns, impl, "DataFrame",
                                                    require_owner, max_problems))
    return ActionLog(_core.read_actions(os.fspath(actions), impl, require_owner, max_problems))


def read_escalations(escalations, audits, max_problems: int = 100):
    """Read and validate escalations (``audit_id, escalated``; a CSV path or a DataFrame), or,
    with `escalations` None, the audits' own ``escalated`` column."""
    impl = audits._impl
    if escalations is None:
        return _core.escalations_from_audits(impl, "escalated", "audits", max_problems)
    if isinstance(escalations, _core.EscalationLog):
        return escalations
    if isinstance(escalations, pd.DataFrame):
        names, columns = _text_columns(escalations)
        return _core.escalations_from_columns(names, columns, impl, "DataFrame", max_problems)
    return _core.read_escalations(os.fspath(escalations), impl, max_problems)


class Teams:
    """The teams file: audits expected per team, programme and month."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.Teams):
        self._impl = impl

    @property
    def names(self) -> list[str]:
        """Team names, in file order."""
        return self._impl.names

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per team and programme: team, programme, expected_per_month, from, to."""
        return pd.DataFrame(self._impl.rows(),
                            columns=["team", "programme", "expected_per_month", "from", "to"])

    def __len__(self) -> int:
        return len(self._impl)

    def __repr__(self) -> str:
        return f"Teams({len(self.names)} teams)\n{self.to_frame().to_string()}"

    def _repr_html_(self) -> str:
        return self.to_frame(display=True)._repr_html_()


def read_teams(teams, max_problems: int = 100) -> Teams:
    """Read and validate a teams file (a CSV path or a DataFrame)."""
    if isinstance(teams, Teams):
        return teams
    if isinstance(teams, pd.DataFrame):
        names, columns = _text_columns(teams)
        return Teams(_core.teams_from_columns(names, columns, "DataFrame", max_problems))
    return Teams(_core.read_teams(os.fspath(teams), max_problems))


class Caseload:
    """The open caseload (one row per child); identifiers are kept for sampling only."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.Caseload):
        self._impl = impl

    def __len__(self) -> int:
        return len(self._impl)

    @property
    def teams(self) -> list[str]:
        """Teams in order of first appearance."""
        return self._impl.teams

    def __repr__(self) -> str:
        return f"Caseload({len(self)} open cases in {len(self.teams)} teams)"

    def _repr_html_(self) -> str:
        return f"<div><b>Caseload</b>: {html.escape(repr(self)[9:-1])}</div>"


def read_caseload(caseload, max_problems: int = 100) -> Caseload:
    """Read and validate a caseload (a CSV path or a DataFrame)."""
    if isinstance(caseload, Caseload):
        return caseload
    if isinstance(caseload, pd.DataFrame):
        names, columns = _text_columns(caseload)
        return Caseload(_core.caseload_from_columns(names, columns, "DataFrame", max_problems))
    return Caseload(_core.read_caseload(os.fspath(caseload), max_problems))


# -- actions -----------------------------------------------------------------------------------
_GROUP_COUNTS = ["actions", "open", "overdue", "done_on_time", "done_late", "done_no_due",
                 "cancelled", "duplicates"]
_GROUP_SHARES = ["done", "overdue_share", "on_time", "with_owner", "with_due", "with_outcome",
                 "smart"]


def _group_frame(rows: Sequence[dict], index: str) -> pd.DataFrame:
    data: dict = {index: [r["label"] for r in rows]}
    for c in _GROUP_COUNTS:
        data[c] = [r[c] for r in rows]
    data["timeliness_n"] = [r["on_time"]["n"] for r in rows]
    for s in _GROUP_SHARES:
        data.update(_share_columns(rows, s))
    return pd.DataFrame(data).set_index(index)


def _km_frame(km: dict) -> pd.DataFrame:
    return pd.DataFrame({"time": km["time"], "at_risk": km["at_risk"], "events": km["events"],
                         "censored": km["censored"], "survival": km["survival"],
                         "std_error": km["std_error"]})


class Actions:
    """Follow-up of the actions at the as-of date (see ``AuditSet.actions``)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @property
    def as_of(self) -> pd.Timestamp:
        """The date at which actions are judged."""
        return _date(self._d["as_of"])

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per action: ids, team, owner, description, state, dates, time (days; to
        completion, or to the as-of date when not done), event, days overdue, SMART elements,
        evidence, and the action it duplicates."""
        a = dict(self._d["actions"])
        for c in ("raised", "due", "completed"):
            a[c] = _dates(a[c])
        return pd.DataFrame(a)

    @property
    def open(self) -> pd.DataFrame:
        """Actions not done at the as-of date (open or overdue)."""
        f = self.to_frame()
        return f[f["state"].isin(["open", "overdue"])].reset_index(drop=True)

    @property
    def overdue(self) -> pd.DataFrame:
        """Overdue actions, longest overdue first."""
        f = self.to_frame()
        return f.iloc[self._d["overdue"]].reset_index(drop=True)

    @property
    def duplicates(self) -> pd.DataFrame:
        """Open actions that repeat an earlier open action of the same audit and owner."""
        f = self.to_frame()
        return f[f["duplicate_of"] != ""][["action_id", "duplicate_of", "audit_id", "owner",
                                           "description"]].reset_index(drop=True)

    @property
    def overall(self) -> pd.Series:
        """Counts and shares of all counted actions."""
        return _group_frame([self._d["overall"]], "label").iloc[0]

    @property
    def by_team(self) -> pd.DataFrame:
        """Counts and shares by team (with Wilson intervals)."""
        return _group_frame(self._d["by_team"], "team")

    @property
    def by_owner(self) -> pd.DataFrame:
        """Counts and shares by owner."""
        return _group_frame(self._d["by_owner"], "owner")

    @property
    def by_audit(self) -> pd.DataFrame:
        """Counts and shares by audit."""
        return _group_frame(self._d["by_audit"], "audit_id")

    @property
    def smart(self) -> pd.Series:
        """SMART completeness of all counted actions: shares with an owner, a due date, a
        measurable outcome, and all three."""
        o = self._d["overall"]
        return pd.Series({k: o[k]["estimate"] for k in ("with_owner", "with_due", "with_outcome",
                                                        "smart")})

    @property
    def survival(self) -> pd.DataFrame:
        """The Kaplan-Meier table of the time to completion (share not yet done)."""
        return _km_frame(self._d["completion"]["km"])

    @property
    def median(self) -> SurvivalQuantile:
        """The median time to completion with its Brookmeyer-Crowley interval."""
        return SurvivalQuantile._from(self._d["completion"]["median"])

    @property
    def median_days(self) -> float:
        """The median time to completion in days (NaN when fewer than half are done)."""
        return self._d["completion"]["median"]["estimate"]

    @property
    def median_ci(self) -> tuple[float, float]:
        """The Brookmeyer-Crowley interval of the median (limits are event times or inf)."""
        m = self._d["completion"]["median"]
        return (m["low"], m["high"])

    @property
    def completion_by_team(self) -> pd.DataFrame:
        """Per team: actions, done, median days and its interval."""
        rows = self._d["completion_by_team"]
        return pd.DataFrame({
            "team": [r["label"] for r in rows], "n": [r["km"]["n"] for r in rows],
            "done": [r["km"]["n_events"] for r in rows],
            "median": [r["median"]["estimate"] for r in rows],
            "low": [r["median"]["low"] for r in rows],
            "high": [r["median"]["high"] for r in rows]}).set_index("team")

    @property
    def ageing(self) -> pd.DataFrame:
        """Actions not done by how long they have been open."""
        return pd.DataFrame(self._d["ageing"]).set_index("label")

    @property
    def no_action_audits(self) -> int:
        """Audits recorded as needing no action."""
        return self._d["no_action_audits"]

    @property
    def notes(self) -> list[str]:
        """Caveats, in sentences."""
        return list(self._d["notes"])

    def _headline(self) -> str:
        o = self._d["overall"]
        m = self._d["completion"]["median"]
        med = ("not reached" if math.isnan(m["estimate"]) else
               f"{m['estimate']:g} days ({100 * m['level']:.0f}% CI {m['low']:g} to {m['high']:g})")
        return (f"{o['actions']} actions at {self.as_of.date()}: {o['overdue']} overdue, "
                f"{o['open']} open, {o['actions'] - o['open'] - o['overdue']} done; "
                f"done within the due time {_pct(o['on_time'])}; SMART {_pct(o['smart'])}; "
                f"median time to completion {med}")

    def __repr__(self) -> str:
        return f"Actions({self._headline()})"

    def _repr_html_(self) -> str:
        cols = ["actions", "overdue", "open", "done_on_time", "done_late", "on_time", "smart"]
        return (f"<div><b>Actions</b>: {html.escape(self._headline())}"
                f"{self.by_team[cols]._repr_html_()}</div>")


# -- escalation --------------------------------------------------------------------------------
class Escalation:
    """The escalation check of Inadequate audits (see ``AuditSet.escalation``)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @property
    def late(self) -> list[str]:
        """Audit ids escalated late."""
        return list(self._d["late"])

    @property
    def missing(self) -> list[str]:
        """Audit ids not escalated."""
        return list(self._d["missing"])

    @property
    def not_at_level(self) -> list[str]:
        """Audit ids escalated whose final grade is not Inadequate."""
        return list(self._d["not_at_level"])

    @property
    def working_days(self) -> int:
        """Working days allowed."""
        return self._d["working_days"]

    @property
    def on_time(self) -> float:
        """Share escalated on time (of those whose time has run out)."""
        return self._d["overall"]["on_time_share"]["estimate"]

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per Inadequate audit: team, audit date, deadline, escalated, working days
        taken, state."""
        a = dict(self._d["audits"])
        for c in ("audit_date", "deadline", "escalated"):
            a[c] = _dates(a[c])
        a["working_days_taken"] = pd.array(a["working_days_taken"], dtype="Int64")
        return pd.DataFrame(a)

    @property
    def by_team(self) -> pd.DataFrame:
        """Counts per team with the share on time."""
        rows = [self._d["overall"]] + list(self._d["by_team"])
        data = {"team": [r["label"] for r in rows]}
        for c in ("inadequate", "on_time", "late", "missing", "pending"):
            data[c] = [r[c] for r in rows]
        data.update(_share_columns(rows, "on_time_share"))
        return pd.DataFrame(data).set_index("team")

    @property
    def notes(self) -> list[str]:
        """Caveats, in sentences."""
        return list(self._d["notes"])

    def _headline(self) -> str:
        o = self._d["overall"]
        return (f"{o['inadequate']} {self._d['level']} audits: {o['on_time']} escalated within "
                f"{self.working_days} working day{'s' if self.working_days != 1 else ''}, "
                f"{o['late']} late, {o['missing']} missing, {o['pending']} pending")

    def __repr__(self) -> str:
        return f"Escalation({self._headline()}; late {self.late}, missing {self.missing})"

    def _repr_html_(self) -> str:
        return (f"<div><b>Escalation</b>: {html.escape(self._headline())}"
                f"<br>Late: {html.escape(', '.join(self.late) or 'none')}"
                f"<br>Missing: {html.escape(', '.join(self.missing) or 'none')}"
                f"{self.to_frame(display=True)._repr_html_()}</div>")


# -- audit cycle -------------------------------------------------------------------------------
def _cycle_frame(rows: Sequence[dict], index: str) -> pd.DataFrame:
    """The rows of a cycle table (by team or auditor) as a frame indexed by `index`."""
    data: dict = {index: [r["label"] for r in rows]}
    for c in ("audits", "not_graded", "no_actions", "actions_open", "no_evidence", "complete"):
        data[c] = [r[c] for r in rows]
    data.update(_share_columns(rows, "complete_share", "share_complete"))
    return pd.DataFrame(data).set_index(index)


class AuditCycle:
    """Completeness of each audit's cycle (see ``AuditSet.cycle``)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per audit: team, programme, date, stage (the first step not passed, or
        complete), and its actions, done and with evidence."""
        a = dict(self._d["audits"])
        a["audit_date"] = _dates(a["audit_date"])
        return pd.DataFrame(a)

    @property
    def share_complete(self) -> float:
        """Share of audits whose cycle is complete."""
        return self._d["overall"]["complete_share"]["estimate"]

    @property
    def overall(self) -> pd.Series:
        """Counts at each step, all audits."""
        return _cycle_frame([self._d["overall"]], "label").iloc[0]

    @property
    def by_team(self) -> pd.DataFrame:
        """Counts at each step and the share complete, by team."""
        return _cycle_frame(self._d["by_team"], "team")

    @property
    def by_programme(self) -> pd.DataFrame:
        """Counts at each step and the share complete, by programme."""
        return _cycle_frame(self._d["by_programme"], "programme")

    @property
    def stuck(self) -> dict[str, list[str]]:
        """Audit ids stuck at each step."""
        return {k: list(v) for k, v in self._d["stuck"].items()}

    @property
    def notes(self) -> list[str]:
        """Caveats, in sentences."""
        return list(self._d["notes"])

    def _headline(self) -> str:
        o = self._d["overall"]
        return (f"cycle complete for {_pct(o['complete_share'])} audits; stuck: "
                f"{o['no_actions']} with no actions recorded, {o['actions_open']} with actions "
                f"not done, {o['no_evidence']} without evidence of impact")

    def __repr__(self) -> str:
        return f"AuditCycle({self._headline()})"

    def _repr_html_(self) -> str:
        return (f"<div><b>Audit cycle</b>: {html.escape(self._headline())}"
                f"{self.by_team._repr_html_()}</div>")


# -- impact ------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class GradeChange(_Result):
    """Grade changes between an audit and the same child's next audit."""

    label: str
    pairs: int
    improved: int
    unchanged: int
    worsened: int
    pvalue: float
    statement: str
    _title = "Grade change at the next audit"

    @classmethod
    def _from(cls, d: dict) -> "GradeChange":
        return cls(d["label"], d["pairs"], d["improved"], d["unchanged"], d["worsened"],
                   d["test"]["pvalue"], d["statement"])


class Impact:
    """Evidence of impact from re-audits (see ``AuditSet.impact``). Never causal."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @property
    def overall(self) -> GradeChange:
        """Every graded pair."""
        return GradeChange._from(self._d["overall"])

    @property
    def with_actions(self) -> GradeChange:
        """Pairs whose first audit raised actions."""
        return GradeChange._from(self._d["with_actions"])

    @property
    def without_actions(self) -> GradeChange:
        """Pairs whose first audit raised none."""
        return GradeChange._from(self._d["without_actions"])

    def sign_test(self, which: str = "overall") -> SignTestResult:
        """The sign test of ``"overall"``, ``"with_actions"`` or ``"without_actions"``."""
        return SignTestResult._from(self._d[which]["test"])

    @property
    def children_reaudited(self) -> int:
        """Children audited more than once."""
        return self._d["children_reaudited"]

    @property
    def pairs_not_graded(self) -> int:
        """Pairs left out for N/A at either audit."""
        return self._d["pairs_not_graded"]

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """The three sets of pairs: pairs, improved, unchanged, worsened, p-value, statement."""
        rows = [self._d[k] for k in ("overall", "with_actions", "without_actions")]
        return pd.DataFrame({
            "pairs": [r["pairs"] for r in rows], "improved": [r["improved"] for r in rows],
            "unchanged": [r["unchanged"] for r in rows], "worsened": [r["worsened"] for r in rows],
            "pvalue": [r["test"]["pvalue"] for r in rows],
            "statement": [r["statement"] for r in rows]},
            index=pd.Index([r["label"] for r in rows], name="pairs of audits"))

    @property
    def transitions(self) -> pd.DataFrame:
        """Pairs by first grade (rows) and next grade (columns), in scale order."""
        levels = self._d["levels"]
        return pd.DataFrame(self._d["transitions"], index=pd.Index(levels, name="first"),
                            columns=pd.Index(levels, name="next"))

    @property
    def notes(self) -> list[str]:
        """Caveats, in sentences."""
        return list(self._d["notes"])

    def __repr__(self) -> str:
        return f"Impact({self._d['overall']['statement']})"

    def _repr_html_(self) -> str:
        return (f"<div><b>Evidence of impact</b>: "
                f"{html.escape(self._d['overall']['statement'])}"
                f"{self.to_frame().drop(columns='statement')._repr_html_()}"
                f"<ul>{_html_list(self.notes)}</ul></div>")


# -- programme ---------------------------------------------------------------------------------
class Programme:
    """Compliance with the audit programme (see ``AuditSet.programme``)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @property
    def months(self) -> list[str]:
        """Months checked, in order."""
        return [m["name"] for m in self._d["months"]]

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per team and month: expected, done, behind."""
        c = dict(self._d["cells"])
        c["month_start"] = _dates(c["month_start"])
        return pd.DataFrame(c)

    @property
    def matrix(self) -> pd.DataFrame:
        """Teams × months of ``done/expected`` text, every team shown."""
        f = self.to_frame()
        f["cell"] = f["done"].astype(str) + "/" + f["expected"].astype(str)
        teams = [t["team"] for t in self._d["teams"]]
        return (f.pivot(index="team", columns="month", values="cell")
                .reindex(index=teams, columns=self.months))

    @property
    def teams(self) -> pd.DataFrame:
        """Per team: audits in the data, expected, done, months behind, longest run, flagged."""
        rows = self._d["teams"]
        data = {"team": [r["team"] for r in rows]}
        for c in ("in_teams_file", "audits", "expected", "done", "months_expected",
                  "months_behind", "longest_run", "flagged"):
            data[c] = [r[c] for r in rows]
        data.update(_share_columns(rows, "months_met"))
        return pd.DataFrame(data).set_index("team")

    @property
    def flagged(self) -> list[str]:
        """Teams behind for ``behind_run`` months running."""
        return list(self._d["flagged"])

    @property
    def prw(self) -> pd.DataFrame:
        """Each Practice Review Week: teams expected, covered, coverage, teams missing."""
        rows = self._d["prw"]
        data = {"week": [r["week"]["name"] for r in rows],
                "first": _dates([r["week"]["first"] for r in rows]),
                "last": _dates([r["week"]["last"] for r in rows]),
                "teams": [r["teams"] for r in rows], "covered": [r["covered"] for r in rows]}
        data.update(_share_columns(rows, "coverage"))
        data["teams_missing"] = [", ".join(r["teams_missing"]) for r in rows]
        return pd.DataFrame(data).set_index("week")

    @property
    def notes(self) -> list[str]:
        """Caveats, in sentences."""
        return list(self._d["notes"])

    def _headline(self) -> str:
        return (f"{self._d['programme']} programme, {len(self.months)} months: "
                f"{_pct(self._d['months_met'])} team-months on track; "
                f"behind {self._d['behind_run']} months running: "
                f"{', '.join(self.flagged) or 'none'}")

    def __repr__(self) -> str:
        return f"Programme({self._headline()})"

    def _repr_html_(self) -> str:
        return (f"<div><b>Audit programme</b>: {html.escape(self._headline())}"
                f"{self.matrix._repr_html_()}{self.prw._repr_html_()}</div>")


# -- sampling ----------------------------------------------------------------------------------
class CaseSample:
    """A drawn sample of cases: the worklist, per-team counts, warnings, the seed and the
    algorithm (print them with the worklist)."""

    __slots__ = ("_d",)

    def __init__(self, d: dict):
        self._d = d

    @property
    def seed(self) -> int:
        """The seed used."""
        return self._d["seed"]

    @property
    def algorithm(self) -> str:
        """The algorithm, in words an auditor can follow by hand."""
        return self._d["algorithm"]

    @property
    def warnings(self) -> list[str]:
        """Shortfalls and other things to act on, each naming its team."""
        return list(self._d["warnings"])

    @property
    def month(self) -> str:
        """The month sampled for."""
        return self._d["month"]

    @property
    def cutoff(self) -> pd.Timestamp:
        """Audits dated after this day exclude a child."""
        return _date(self._d["cutoff"])

    @property
    def worklist(self) -> pd.DataFrame:
        """The chosen children: team, order, child_id, case_type, worker, key, reason, and the
        caseload's other columns."""
        data = dict(self._d["cases"])
        for name, values in zip(self._d["extra_columns"], self._d["extra"]):
            data[name] = values
        return pd.DataFrame(data)

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """The worklist."""
        return self.worklist

    @property
    def teams(self) -> pd.DataFrame:
        """Per team: quota, open cases, excluded as recently audited, eligible, sampled,
        shortfall."""
        return pd.DataFrame(self._d["teams"]).set_index("team")

    def to_csv(self, path: PathLike | None = None) -> str | None:
        """The worklist as CSV, written to `path` or returned."""
        text = self._d["worklist_csv"]
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return None

    def __repr__(self) -> str:
        return (f"CaseSample({len(self._d['cases']['child_id'])} children for {self.month}, "
                f"seed {self.seed}; {len(self.warnings)} warnings)")

    def _repr_html_(self) -> str:
        # The worklist is the sample's purpose; the summary shows counts and warnings first.
        return (f"<div><b>Case sample for {html.escape(self.month)}</b>, seed {self.seed}"
                f"<ul>{_html_list(self.warnings)}</ul>{self.teams._repr_html_()}"
                f"<pre>{html.escape(self.algorithm)}</pre>{self.worklist._repr_html_()}</div>")


def sampling_key(seed: int, child_id: str) -> str:
    """A child's key: the first 16 hex digits of SHA-256 of ``"<seed>:<child_id>"``."""
    return _core.sampling_key(int(seed), str(child_id))


def sample_cases(caseload, audits, per_team: Union[int, Mapping[str, int], Teams, PathLike] = 2,
                 exclude_months: int = 6, *, seed: int, as_of, programme: str = "Core",
                 month: Optional[str] = None,
                 minimum: Optional[Mapping[str, int]] = None,
                 max_problems: int = 100) -> CaseSample:
    """A reproducible stratified sample of `caseload` (a path, DataFrame or :class:`Caseload`)
    for next month's audits: per team, `per_team` children (an int for every team; a mapping
    team -> quota; or a teams file / :class:`Teams`, whose expected `programme` audits in
    `month`, default the month after `as_of`, are the quotas), leaving out children of `audits`
    audited in the `exclude_months` months before `as_of`; `minimum` maps case types to a
    minimum per team (over-sampling). Keys are SHA-256 of ``"<seed>:<child_id>"``; the
    algorithm is in ``.algorithm``. A team with too few eligible children is a warning."""
    cl = read_caseload(caseload, max_problems)
    quotas: list = []
    teams = None
    count = 2
    if isinstance(per_team, (int, np.integer)) and not isinstance(per_team, bool):
        count = int(per_team)
    elif isinstance(per_team, Mapping):
        quotas = [(str(k), int(v)) for k, v in per_team.items()]
    else:
        teams = read_teams(per_team, max_problems)._impl
    return CaseSample(_core.sample_cases(cl._impl, audits._impl, int(seed), _day(as_of),
                                         int(exclude_months), count, quotas, teams, programme,
                                         month, [(str(k), int(v))
                                                 for k, v in (minimum or {}).items()]))
