"""AuditSet: validated case-audit records, from CSV or pandas, with their grade tables."""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from ._labels import safe_display
from .export_profiles import resolve_profile
from .profile import GradeProfile
from .quality import (Comparison, DomainTable, KeyMessages, Moderation, PeriodLike, TeamFunnel,
                      Trend, as_period)
from .report import Report
from .scales import ScaleLike, as_scale
from .tables import GradeTable

DateLike = Union[str, _dt.date, pd.Timestamp, np.datetime64]
"""A date: ISO ``YYYY-MM-DD`` or UK ``DD/MM/YYYY`` text, or a date object."""

_ID_COLUMNS = {"audit_id", "child_id"}
_KNOWN_TEXT = {"team", "audit_type", "programme", "auditor", "moderator"}
_INT_TEXT = re.compile(r"^-?[0-9]+$")
_FLOAT_TEXT = re.compile(r"^-?[0-9]+\.[0-9]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_BOOLS = {"True": True, "False": False}


def _typed(column: pd.Categorical, levels: list[str]):
    """An extra column in the type its values have (as read from a CSV file or written from a
    DataFrame): whole numbers as ``Int64``, numbers as ``Float64``, True/False as ``boolean``,
    ISO dates as ``datetime64``; text stays categorical. Missing values are ``NA`` (``NaT`` for
    dates). A type is taken only when every value is written as that type writes it ("007",
    "2.50" and "true" stay text), so that ``AuditSet.from_frame(a.to_frame()) == a``."""
    values = [v for v in levels if v != ""]
    if not values:
        return column
    series = pd.Series(column).astype(object)
    if all(_INT_TEXT.match(v) and str(int(v)) == v for v in values):
        return pd.array([None if pd.isna(v) else int(v) for v in series], dtype="Int64")
    if all(_FLOAT_TEXT.match(v) and repr(float(v)) == v for v in values):
        return pd.array([None if pd.isna(v) else float(v) for v in series], dtype="Float64")
    if all(v in _BOOLS for v in values):
        return pd.array([None if pd.isna(v) else _BOOLS[v] for v in series], dtype="boolean")
    if all(_ISO_DATE.match(v) for v in values):
        try:
            return pd.to_datetime(pd.Series(series), format="%Y-%m-%d").to_numpy()
        except (ValueError, OverflowError):
            return column
    return column


_NOT_RECORDED, _NOT_APPLICABLE = 254, 255
DomainScales = Union[Mapping[str, ScaleLike], None]
"""Scales of practice domains by name (``{"voice_of_child": "met_not_met"}``); others Ofsted."""


def _domain_scales(domain_scales: DomainScales) -> list:
    return [(str(name), as_scale(scale)) for name, scale in (domain_scales or {}).items()]


def _exact_rule(exact: bool | str) -> str:
    """The C++ name of an ``exact=`` argument: True -> always, False -> never, or the text."""
    if exact is True:
        return "always"
    if exact is False:
        return "never"
    if isinstance(exact, str) and exact in ("auto", "always", "never"):
        return exact
    raise ValueError(f"exact must be 'auto', True or False, got {exact!r}")


def _day_number(value: DateLike) -> int:
    """Days since 1970-01-01 of a date given as text (ISO or UK, never MM/DD) or a date object."""
    if isinstance(value, str):
        return _core.parse_date(value)
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, (_dt.datetime, pd.Timestamp)):
        value = value.date()
    if isinstance(value, _dt.date):
        return (value - _dt.date(1970, 1, 1)).days
    raise TypeError(f"not a date: {value!r}")


def _check_identifier_dtypes(frame: pd.DataFrame, names: list[str],
                             identifiers: Sequence[str]) -> None:
    """Refuse identifier columns that pandas read as floating-point numbers: one blank cell makes
    a column of ids float, so 123456 would become '123456.0' without a word."""
    wanted = {_core.canonical_column_name(c) for c in (*_ID_COLUMNS, *identifiers)}
    for i, name in enumerate(names):
        if _core.canonical_column_name(name) not in wanted:
            continue
        values = frame.iloc[:, i]
        if pd.api.types.is_float_dtype(values.dtype):
            raise ValueError(
                f"column '{name}' holds floating-point numbers, so its identifiers "
                f"would read as '123456.0': pandas makes a column of numbers float when a cell is "
                f"blank. Read the file with the identifiers as text, e.g. "
                f"pd.read_csv(path, dtype={{'{name}': str}}) (or dtype=str), then call from_frame")


def _encoded_column(values: pd.Series) -> tuple[list[str], np.ndarray]:
    """A column as its distinct texts and an int32 code per row (-1 for a missing value).

    Each distinct value is turned into text once (dates as ISO text, other values with ``str``),
    so a DataFrame of millions of rows is not converted cell by cell; C++ then validates each
    distinct text once, by the rules of a CSV field, and each row by its codes. A long text
    column of mostly distinct values (identifiers) goes as a text a row instead."""
    dtype = values.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            values = values.dt.tz_localize(None)  # the local calendar date, as written
        days = values.to_numpy().astype("datetime64[D]")
        missing = np.isnat(days)
        if missing.all():
            return [], np.full(len(days), -1, dtype=np.int32)
        ints = days.astype(np.int64)
        first, last = ints[~missing].min(), ints[~missing].max()
        categories = np.arange(first, last + 1).astype("datetime64[D]").astype(str).tolist()
        return categories, np.where(missing, -1, ints - first).astype(np.int32)
    if isinstance(dtype, pd.CategoricalDtype):
        categories = _texts(dtype.categories)
        return categories, values.cat.codes.to_numpy().astype(np.int32)
    if _mostly_distinct_text(values):
        # Identifiers: a text per row, validated and interned in C++ (pandas.factorize of ten
        # million distinct strings takes 40 times as long as of one million).
        texts = values.to_numpy(dtype=object)
        missing = pd.isna(texts)
        if missing.any():
            texts = np.where(missing, "", texts)
        return texts.tolist(), np.arange(len(texts), dtype=np.int32)
    codes, uniques = pd.factorize(values)  # missing values (None, NaN, NaT) get code -1
    return _texts(uniques), np.asarray(codes, dtype=np.int32)


_SAMPLE = 10_000


def _mostly_distinct_text(values: pd.Series) -> bool:
    """True for a long column of strings (or missing values) most of whose values differ, as
    identifiers do, judged on an evenly spread sample."""
    if len(values) <= 4 * _SAMPLE or values.dtype != object:
        return False
    sample = values.iloc[:: len(values) // _SAMPLE].to_numpy(dtype=object)
    if pd.api.types.infer_dtype(sample, skipna=True) != "string":
        return False
    if pd.api.types.infer_dtype(values.to_numpy(dtype=object), skipna=True) != "string":
        return False
    return len(pd.unique(sample)) > len(sample) // 2


def _texts(uniques) -> list[str]:
    """Distinct values as text: strings as they are (one C pass to see that they all are), other
    values with ``str`` one by one."""
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        return list(uniques.tolist()) if hasattr(uniques, "tolist") else list(uniques)
    return [str(u) for u in uniques]  # (categories and uniques never hold a missing value)


@safe_display
class AuditSet:
    """A validated set of case audits, stored column by column in the C++ core.

    Columns: ``audit_id``, ``child_id``, ``team``, ``audit_date`` and ``grade`` (required),
    ``audit_type``, ``programme``, ``auditor`` (optional), ``moderated_grade`` and ``moderator``
    (moderation: the final grade is the moderated one where recorded), ``domain:<name>`` (a grade
    per practice domain, each on its own scale), and every other input column, kept as a
    categorical attribute. Build one with :func:`read_audits` or :meth:`from_frame`.

    Tables, profiles and reports use the final grades unless asked for ``grades="original"``
    (the auditors' own) or a domain (``grades="supervision"``).
    """

    __slots__ = ("_impl", "_read_notes")

    def __init__(self, impl: _core.AuditSet | None = None, read_notes: Sequence[str] = ()):
        self._impl = impl if impl is not None else _core.AuditSet()
        self._read_notes = list(read_notes)

    @property
    def read_notes(self) -> list[str]:
        """What the reader chose for itself when reading the file, so that it is never silent:
        ``"audits.csv: fields separated by semicolons (chosen from the header line)"``,
        ``"audits.csv: read as UTF-16 (its byte-order mark says so)"``. Empty for a comma file
        in UTF-8, and for a set not read from a file."""
        return list(self._read_notes)

    # -- construction and conversion ---------------------------------------------------------
    @classmethod
    def from_frame(cls, frame: pd.DataFrame, scale: ScaleLike = None,
                   max_problems: int = 100, domain_scales: DomainScales = None,
                   identifiers: Sequence[str] = ()) -> "AuditSet":
        """Validate a DataFrame of audits (one row per audit) exactly as a CSV file would be.

        Missing values (NaN, None, NaT) are empty fields; dates may be datetimes or text (ISO or
        UK). Raises :class:`qaframe.DataError` listing every problem (by row position).
        `identifiers` names columns that identify people besides audit_id and child_id (see
        :attr:`identifier_columns`).
        """
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"from_frame takes a pandas DataFrame, not {type(frame).__name__}")
        names = [str(c) for c in frame.columns]
        _check_identifier_dtypes(frame, names, identifiers)
        encoded = [_encoded_column(frame.iloc[:, i]) for i in range(frame.shape[1])]
        impl = _core.audits_from_encoded(names, [e[0] for e in encoded],
                                         [e[1] for e in encoded], as_scale(scale),
                                         "DataFrame", max_problems,
                                         _domain_scales(domain_scales))
        return cls(impl.declare_identifiers(list(identifiers)) if identifiers else impl)

    def to_frame(self) -> pd.DataFrame:
        """The audits as a DataFrame: identifiers as text, dates as ``datetime64``, grades and
        domains as ordered categoricals in scale order (N/A missing), other text columns
        categorical (empty values missing). ``moderated_grade`` keeps N/A apart from "not
        moderated": its categories are the levels then ``"N/A"`` (unordered), and an audit not
        moderated is missing. ``AuditSet.from_frame(a.to_frame()) == a``."""
        impl = self._impl
        data: dict[str, object] = {}
        for name in impl.column_names:
            kind = impl.column_kind(name)
            if kind == "id":
                data[name] = pd.Series(impl.audit_ids(), dtype=object)
            elif kind == "date":
                days = impl.dates().astype("int64").astype("datetime64[D]")
                data[name] = pd.Series(days.astype("datetime64[ns]"))
            elif kind == "grade":
                labels = list(impl.grade_scale(name).labels)
                codes = impl.grade_codes(name).astype(np.int16)
                if name == "moderated_grade":
                    codes[codes == _NOT_APPLICABLE] = len(labels)
                    codes[codes == _NOT_RECORDED] = -1
                    data[name] = pd.Categorical.from_codes(codes, categories=labels + ["N/A"])
                    continue
                codes[codes == _NOT_APPLICABLE] = -1
                data[name] = pd.Categorical.from_codes(codes, categories=labels, ordered=True)
            else:
                levels = impl.levels(name)
                codes = impl.codes(name).astype(np.int64)
                if name in _ID_COLUMNS:
                    data[name] = pd.Series(np.array(levels, dtype=object)[codes], dtype=object)
                    continue
                # The empty level means missing: drop it from the categories, its code becomes -1.
                remap = np.arange(len(levels), dtype=np.int64)
                if "" in levels:
                    empty = levels.index("")
                    remap[empty] = -1
                    remap[empty + 1:] -= 1
                    levels = levels[:empty] + levels[empty + 1:]
                column = pd.Categorical.from_codes(remap[codes] if len(codes) else codes,
                                                   categories=levels)
                data[name] = column if name in _KNOWN_TEXT else _typed(column, levels)
        return pd.DataFrame(data, columns=impl.column_names)

    def to_csv(self, path: str | os.PathLike | None = None) -> str | None:
        """Write the audits as CSV (dates ISO, grades canonical, N/A as ``N/A``) to `path`, or
        return the text when `path` is None. Reading it back gives an equal set. The file is
        written atomically (a temporary file flushed and renamed over it): a crash or a full
        disk leaves the old file whole; OSError names the reason."""
        if path is None:
            return self._impl.to_csv()
        self._impl.write_csv(os.fspath(path))
        return None

    # -- description -------------------------------------------------------------------------
    def __len__(self) -> int:
        """Number of audits."""
        return len(self._impl)

    @property
    def scale(self) -> _core.GradeScale:
        """The grading scale of the ``grade`` column."""
        return self._impl.scale

    @property
    def columns(self) -> list[str]:
        """Column names in input order."""
        return self._impl.column_names

    @property
    def domain_names(self) -> list[str]:
        """Names of the practice domains (columns ``domain:<name>``), in column order."""
        return [c.split(":", 1)[1] for c in self._impl.domain_columns]

    @property
    def has_moderation(self) -> bool:
        """True when the audits carry moderated grades."""
        return self._impl.has_moderation

    @property
    def nbytes(self) -> int:
        """Bytes the columns hold (as numpy's ``nbytes``; levels shared by two columns once): an
        audit with a 12-byte id, a child id, four other text columns, a date and three grades
        takes about 31 bytes (``benchmarks/bench_ingest_tables.py``)."""
        return self._impl.memory_bytes()

    @property
    def n_children(self) -> int:
        """Number of distinct children."""
        return self._impl.count_children()

    @property
    def notes(self) -> list[str]:
        """What reading the set did that a reader should know, in order: title rows skipped,
        columns renamed and values mapped by an export profile, footer rows left out."""
        return list(self._impl.notes)

    @property
    def identifier_columns(self) -> list[str]:
        """Columns that identify people or cases (audit_id, child_id and any declared): tables,
        reports, plots, comparisons and triangulation refuse to group by them unless given
        ``allow_identifiers=True``, and messages count their values rather than list them."""
        return list(self._impl.identifier_columns)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AuditSet) and self._impl == other._impl

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value type: not hashable

    # -- selection ---------------------------------------------------------------------------
    def filter(self, where: Mapping[str, str | Iterable[str]] | None = None, *,
               date_from: DateLike | None = None, date_to: DateLike | None = None,
               **columns: str | Iterable[str]) -> "AuditSet":
        """The audits matching every condition: ``filter(team="DTA")``,
        ``filter(team=["DTA", "DCT"], programme="Core")``, ``filter(grade="Inadequate")``,
        ``filter(date_from="2017-10-01", date_to="31/03/2018")``; columns whose names are not
        Python identifiers go in `where`: ``filter({"domain:planning": "Good"})``.
        Periods of the audit date are accepted wherever a column is, as in tables:
        ``filter(financial_year="2017-18")``, ``filter(quarter="2017-18 Q3")``,
        ``filter(month=["Oct 2017", "Nov 2017"])``, ``filter(period="2017-18")`` (any kind;
        a column named ``period``, as :meth:`with_periods` adds, is matched by its values).
        An unknown column, value or period label raises ValueError."""
        conditions = dict(where or {})
        conditions.update(columns)
        equals = []
        first = None if date_from is None else _day_number(date_from)
        last = None if date_to is None else _day_number(date_to)
        for name, values in conditions.items():
            if isinstance(values, _core.Period):  # a Period object: its days
                first = values.first_day if first is None else max(first, values.first_day)
                last = values.last_day if last is None else min(last, values.last_day)
                continue
            values = [values] if isinstance(values, str) else [str(v) for v in values]
            equals.append((name, values))
        return AuditSet(self._impl.filter(equals, first, last))

    @staticmethod
    def concat(parts: Sequence["AuditSet"], sources: Sequence[str] = (),
               max_problems: int = 100) -> "AuditSet":
        """The audits of `parts` one after another (see :func:`qaframe.concat`)."""
        parts = list(parts)
        for i, p in enumerate(parts):
            if not isinstance(p, AuditSet):
                raise TypeError(f"concat takes AuditSets; item {i} is {type(p).__name__}")
        return AuditSet(_core.AuditSet.concat([p._impl for p in parts],
                                              [str(s) for s in sources], max_problems))

    def with_domain_labels(self, labels: Mapping[str, str]) -> "AuditSet":
        """The audits with display labels for their practice domains, used wherever a domain
        is named in an output (tables, key messages, comparisons, reports):
        ``a.with_domain_labels({"voice_of_child": "Communicating with children"})``. The
        columns keep their names (``domain:voice_of_child``); ValueError for a name that is not
        one of the domains. An export profile's ``[audits.domains]`` table gives the same."""
        return AuditSet(self._impl.with_domain_labels([(str(k), str(v))
                                                      for k, v in labels.items()]))

    @property
    def domain_labels(self) -> dict[str, str]:
        """The domains' display labels given (domain name: label); a domain not in it is shown
        by its name."""
        return dict(self._impl.domain_labels)

    def _date_range(self) -> str:
        if len(self) == 0:
            return "there are no audits"
        days = self._impl.dates()
        return (f"the audits are dated {_core.format_date(int(days.min()))} to "
                f"{_core.format_date(int(days.max()))}")

    def with_moderation(self, path: str | os.PathLike, max_problems: int = 100,
                        encoding: str = "auto", delimiter: str = "auto") -> "AuditSet":
        """The audits joined with a moderation file (``audit_id``, ``moderated_grade``, optional
        ``moderator``). Every audit_id must be one of these audits, once; problems are raised
        together as :class:`qaframe.DataError` naming file, line, column and value.
        `encoding` and `delimiter` as for :func:`read_audits`."""
        return AuditSet(_core.read_moderation(self._impl, os.fspath(path), max_problems,
                                              encoding, delimiter), self._read_notes)

    # -- tables ------------------------------------------------------------------------------
    def tally(self, by: str | Sequence[str] = "team", grades: str = "final",
              allow_identifiers: bool = False) -> GradeTable:
        """The mergeable grade table by `by` (see :class:`GradeTable`): a column, or a period of
        the audit date (``"financial_year"``, ``"quarter"``, ``"month"``), or a list of them (one
        row per combination of their values that occurs). `grades`: ``"final"`` (moderated
        where moderated), ``"original"`` (the auditors' own) or a practice domain. A table by an
        identifier column (``child_id``) raises ValueError unless `allow_identifiers`."""
        return GradeTable(self._impl.crosstab(by if isinstance(by, str) else list(by), grades,
                                              allow_identifiers))

    def crosstab(self, by: str | Sequence[str] = "team", grades: str = "final",
                 allow_identifiers: bool = False) -> pd.DataFrame:
        """Grade counts by `by`: one row per category (order of first appearance; periods in date
        order) plus ``Total``; columns the levels worst to best, then ``N/A``, then ``Total``.
        By a list of columns, the rows have a MultiIndex. `grades` and `allow_identifiers` as
        for :meth:`tally`."""
        return self.tally(by, grades, allow_identifiers).to_frame()

    def profile(self, grades: str = "final") -> GradeProfile:
        """The grade profile: counts, shares (raw and adjusted) and distinct children."""
        return GradeProfile(self._impl.profile(grades))

    def report(self, format: str = "markdown", by: Sequence[str] | None = None,
               threshold: str | None = None, source: str = "", grades: str = "final",
               compare: tuple[PeriodLike, PeriodLike] | None = None, *,
               title: str = "", organisation: str = "", period: str = "",
               produced: str | None = None, author: str = "", publish: bool = False,
               suppress: int = 5, min_pairs: int = 10, pseudonymise_staff: bool = False,
               pseudonym_key: str | None = None, team: str | None = None,
               allow_identifiers: bool = False,
               text: str | os.PathLike | None = None) -> Report:
        """The QA report: headline shares and grade tables (by programme, team and audit type
        where present), then moderation, key messages of the practice domains, the comparison of
        two periods (`compare`, default the first and last Practice Review Weeks) and the Core
        programme's monthly trend, where the data has them, and a list of what was left out and
        why. Returned as text in `format` ("markdown", "json" or "html"); ``.to_html()``,
        ``.save("report.html")`` and the Jupyter display give the other renderings.

        `grades`: "final" (moderated where moderated), "original" (the auditors') or a practice
        domain. `period`: a period label (``"2017-18"``, ``"2017-18 Q3"``, ``"Oct 2017"``) or a
        :class:`Period` reports on the audits dated in it only (ValueError naming the data's
        dates when none is) and is the period covered; any other text is only the period
        covered, shown at the top. `title`, `organisation`, `produced` (default today) and
        `author` head the HTML report. `publish=True`: counts 1..`suppress` shown as ``c`` with
        secondary suppression, statistics on fewer than `min_pairs` pairs withheld (``u``),
        staff as stable pseudonyms with `pseudonymise_staff` (`pseudonym_key`: 32 hex digits,
        default the environment variable QAFRAME_PSEUDONYM_KEY). `team`: that team's pack.
        Child identifiers are never included: `by` an identifier column raises ValueError
        unless `allow_identifiers`. `text`: a Markdown file of the author's own text (as the
        command line's ``--text``): what comes before its first heading opens the report, and
        each ``## Section`` replaces or adds to the report's section of that name (``## Summary``
        replaces the drafted summary); a heading the report has no section for raises
        :class:`qaframe.DataError` naming its line."""
        own_text = None if text is None else Path(text).read_text(encoding="utf-8")
        audits = self
        if isinstance(period, _core.Period) or _is_period_label(period):
            within = as_period(period)
            audits = self.filter(period=within)
            if len(audits) == 0:
                raise ValueError(f"no audit is dated in {within!r}; {self._date_range()}")
            period = str(within)
        periods = None if compare is None else (as_period(compare[0]), as_period(compare[1]))
        column = {"final": "final_grade", "original": "grade"}.get(grades, grades)
        key = pseudonym_key if pseudonym_key is not None else os.environ.get(
            "QAFRAME_PSEUDONYM_KEY", "")
        meta = _core.ReportMetadata(title=title, organisation=organisation, period=period,
                                    produced=_dt.date.today().isoformat() if produced is None
                                    else str(produced), author=author, source=source)
        pub = _core.PublishOptions(enabled=publish, threshold=suppress, min_pairs=min_pairs,
                                   pseudonymise_staff=pseudonymise_staff, pseudonym_key=key)
        cols = None if by is None else list(by)

        def render(fmt: str) -> str:
            return audits._impl.report(fmt, cols, threshold, source, column, periods, meta, pub,
                                       team, allow_identifiers, own_text,
                                       "" if text is None else os.fspath(text))

        return Report(render(format), render)

    def team_packs(self, folder: str | os.PathLike, **options) -> list:
        """Writes one HTML report per team into `folder` (made if need be), each the team
        against the rest of the service, under the same `options` as :meth:`report`
        (``publish=True`` for packs to circulate). Returns the paths written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for team in self._impl.report_teams():
            name = "team-" + ("-".join("".join(c.lower() if c.isalnum() else " " for c in team)
                                       .split()) or "unnamed") + ".html"
            paths.append(self.report(team=team, **options).save(folder / name, format="html"))
        return paths

    def to_excel(self, path: str | os.PathLike, by: Sequence[str] | None = None,
                 threshold: str | None = None, source: str = "", grades: str = "final") -> None:
        """Write every table of the report (:meth:`report`: grade tables, moderation, domains,
        comparison, trend, where the data has them) to an Excel workbook at `path`, a sheet per
        table with numbers as number cells and labels as text cells (never formulas), and a
        "Notes" sheet with the rules applied, the report's notes and what it left out. Written
        to a temporary file beside `path`, then renamed. Child identifiers are never included."""
        _core.write_report_xlsx(self._impl, os.fspath(path), None if by is None else list(by),
                                threshold, source, grades)

    # -- moderation, domains, periods --------------------------------------------------------
    def moderation(self, level: float = 0.95, alpha: float = 0.05, n_resamples: int = 2000,
                   seed: int = 20180331, min_pairs: int = 10) -> Moderation:
        """The moderation summary (see :class:`qaframe.quality.Moderation`): coverage, the
        auditor-by-moderator table, agreement with intervals at `level` (within each
        coefficient's range; none, with the reason, when the standard error is 0), and grades
        raised and lowered by auditor and team, flagged at family-wise `alpha` (a direction is
        named only where the Holm-adjusted sign test is below `alpha`). With fewer than
        `min_pairs` pairs, kappa, AC2 and alpha are withheld as "too few pairs" (0: never).
        ValueError without moderated grades."""
        return Moderation(_core.moderation_summary(self._impl, level, alpha, n_resamples, seed,
                                                   min_pairs))

    def domains(self) -> DomainTable:
        """Grade counts of each practice domain on its own scale."""
        return DomainTable(_core.domain_profiles(self._impl))

    def key_messages(self, level: float = 0.95) -> KeyMessages:
        """Practice domains ranked weakest first by the share below good, with Wilson intervals."""
        return KeyMessages(_core.key_messages(self._impl, level), level)

    def compare(self, a: PeriodLike, b: PeriodLike, by: str | None = None, level: float = 0.95,
                min_n: int = 5, grades: str = "final", exact: bool | str = "auto",
                mid_p: bool = False, allow_identifiers: bool = False) -> Comparison:
        """Compare group `b` with group `a`, overall and per practice domain.

        Without `by`, `a` and `b` are periods: labels (``"2017-18"``, ``"2017-18 Q3"``,
        ``"Oct 2017"``), ``NAME=FROM..TO``, or ``(name, first, last)``. With `by`, they are
        values of that column (``by="programme"``) or of a period kind (``by="month"``).
        `exact`: ``"auto"`` (default) tests a change with Fisher's exact test where the smallest
        expected count of its 2 x 2 table is below 5 and with the two-proportion z-test
        otherwise; ``True`` always Fisher, ``False`` always the z-test. `mid_p`: Fisher's test
        with Lancaster's mid-p. Each row names the test used.
        By an identifier column (``child_id``) only with `allow_identifiers`.
        """
        rule = _exact_rule(exact)
        if by is not None:
            return Comparison(_core.compare_groups(self._impl, by, str(a), str(b), level, min_n,
                                                   grades, rule, bool(mid_p), allow_identifiers))
        result = Comparison(_core.compare_periods(self._impl, as_period(a), as_period(b), level,
                                                  min_n, grades, rule, bool(mid_p)))
        if result.warning:
            warnings.warn(result.warning, stacklevel=2)
        return result

    def trend(self, kind: str = "month", level: float = 0.95, min_n: int = 5,
              grades: str = "final") -> Trend:
        """The share good or better per consecutive period (``"month"``, ``"quarter"``,
        ``"financial_year"``) and the Cochran-Armitage test for a linear trend. Every period is
        shown; only those with at least `min_n` graded audits enter the test (the others are
        marked in ``to_frame().qualifies``); ``periods_used`` says how many did."""
        return Trend(_core.trend(self._impl, kind, level, min_n, grades))

    def team_funnel(self, by: str = "team", grades: str = "final", overdispersion: str = "none",
                    winsor: float = 0.1, levels: Sequence[float] = (0.95, 0.998)) -> TeamFunnel:
        """The share Good or better by `by` against the pooled share, with funnel limits at
        `levels` (inner, outer): exact binomial, or with `overdispersion` ``"multiplicative"``
        (phi) or ``"additive"`` (tau2, DerSimonian-Laird) normal limits widened for the spread
        between teams (Spiegelhalter 2005, section 4; z-scores winsorised at `winsor`). The
        estimate is always in ``.dispersion``."""
        return TeamFunnel(_core.team_funnel(self._impl, by, grades,
                                            overdispersion, float(winsor),
                                            [float(v) for v in levels]))

    def with_periods(self, periods: Sequence[PeriodLike], name: str = "period") -> "AuditSet":
        """The audits with a column `name` holding each audit's named period (empty outside
        them all), so that any table can be split by them: ``a.with_periods(["PRW 1=2017-10-09..
        2017-10-13", ...]).crosstab(by="period")``. Periods must not overlap."""
        return AuditSet(_core.with_periods(self._impl, [as_period(p) for p in periods], name))

    def practice_review_weeks(self) -> list:
        """The Practice Review Weeks in the data (programme "Practice Review Week" by month), as
        :class:`Period` objects (``.name``; ``.first`` and ``.last`` as ``datetime.date``)."""
        return _core.practice_review_weeks(self._impl)

    # -- the audit cycle ---------------------------------------------------------------------
    def actions(self, actions, as_of: DateLike, level: float = 0.95,
                working_days: bool = False, region: str = "england_and_wales",
                require_owner: bool = True, max_problems: int = 100):
        """Follow-up of the actions arising from these audits at `as_of` (see
        :class:`qaframe.cycle.Actions`): each action open, overdue, done on time or late;
        counts and shares by team, owner and audit; time to completion by Kaplan-Meier (actions
        not done censored at `as_of`) with the median and its Brookmeyer-Crowley interval;
        SMART completeness; duplicated open actions. `actions`: a CSV path, a DataFrame or a
        :class:`qaframe.cycle.ActionLog`; bad rows raise :class:`qaframe.DataError`."""
        from .cycle import Actions, _day, read_actions
        log = read_actions(actions, self, require_owner, max_problems)
        return Actions(_core.summarise_actions(self._impl, log._impl, _day(as_of), level,
                                               "cloglog", working_days, region))

    def escalation(self, escalations=None, working_days: int = 1,
                   region: str = "england_and_wales", as_of: DateLike | None = None,
                   max_problems: int = 100):
        """Whether every Inadequate audit (final grade) was escalated within `working_days`
        working days of its audit date (see :class:`qaframe.cycle.Escalation`): ``.late`` and
        ``.missing`` audit ids. `escalations`: a file or DataFrame (``audit_id, escalated``),
        or None for the audits' own ``escalated`` column."""
        from .cycle import Escalation, _day, read_escalations
        log = read_escalations(escalations, self, max_problems)
        return Escalation(_core.check_escalation(self._impl, log, int(working_days), region,
                                                 None if as_of is None else _day(as_of)))

    def cycle(self, actions, as_of: DateLike, require_grade: bool = False, level: float = 0.95,
              max_problems: int = 100):
        """Completeness of each audit's cycle at `as_of`: graded, actions raised (or no action
        needed), all done, evidence of impact (see :class:`qaframe.cycle.AuditCycle`)."""
        from .cycle import AuditCycle, _day, read_actions
        log = read_actions(actions, self, True, max_problems)
        return AuditCycle(_core.audit_cycle(self._impl, log._impl, _day(as_of), require_grade,
                                            level))

    def impact(self, actions=None, max_problems: int = 100):
        """Grade change between an audit and the same child's next audit, with the exact sign
        test of improved against worsened, overall and (given `actions`) for audits that raised
        actions (see :class:`qaframe.cycle.Impact`). A description of change, not of cause."""
        from .cycle import Impact, read_actions
        log = None if actions is None else read_actions(actions, self, True, max_problems)._impl
        return Impact(_core.evidence_of_impact(self._impl, log))

    def programme(self, teams, programme: str = "Core", from_month: str | None = None,
                  to_month: str | None = None, as_of: DateLike | None = None,
                  behind_run: int = 2, level: float = 0.95, max_problems: int = 100):
        """Audits done against expected per team and month of `programme`, every team of
        `teams` (a path, DataFrame or :class:`qaframe.cycle.Teams`) shown, teams behind
        `behind_run` months running flagged, and the coverage of each Practice Review Week
        (see :class:`qaframe.cycle.Programme`)."""
        from .cycle import Programme, _day, read_teams
        t = read_teams(teams, max_problems)
        return Programme(_core.programme_compliance(
            self._impl, t._impl, programme, from_month, to_month,
            None if as_of is None else _day(as_of), int(behind_run), level))

    def plot(self, by: str = "team", adjusted: bool = True, ax=None, grades: str = "final",
             allow_identifiers: bool = False):
        """A stacked bar chart of grade shares by `by` on a percentage axis, titled by the grade
        column (``"Final grades by team"``; see :func:`qaframe.plot.plot_grades`); by an
        identifier column only with `allow_identifiers`."""
        from .plot import plot_grades
        return plot_grades(self.tally(by, grades, allow_identifiers=allow_identifiers),
                           adjusted=adjusted, ax=ax, grades=grades)

    # -- display -----------------------------------------------------------------------------
    def _summary(self) -> str:
        """One line about the set for its reprs: counts and dates, never an identifier."""
        if len(self) == 0:
            return "0 audits"
        days = self._impl.dates()
        first, last = _core.format_date(int(days.min())), _core.format_date(int(days.max()))
        p = self.profile()
        return (f"{_count(p.n, 'audit')} of {_count(p.n_children, 'child', 'children')}, "
                f"{first} to {last}; {p.n_graded} graded, {p.n_not_applicable} N/A")

    def __repr__(self) -> str:
        return f"AuditSet({self._summary()}; columns: {', '.join(self.columns)})"

    def _repr_html_(self) -> str:
        # A summary and the grade profile: never the child identifiers.
        return (f"<div><b>AuditSet</b>: {html.escape(self._summary())}<br>"
                f"columns: {html.escape(', '.join(self.columns))}"
                f"{self.profile().to_frame()._repr_html_()}</div>")


def _count(n: int, one: str, many: str | None = None) -> str:
    """ "1 audit", "2 audits"; "1 child", "2 children"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _is_period_label(value: object) -> bool:
    """True when `value` is text naming a financial year, quarter or month."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        _core.parse_period(value)
    except ValueError:
        return False
    return True


def concat(parts: Sequence[AuditSet], sources: Sequence[str] = (),
           max_problems: int = 100) -> AuditSet:
    """The audits of `parts` one after another, in order: two years' exports as one set.

    The parts must have the same scale and the same columns (in any order; the first part's
    order is kept), each of the same kind and, for grades and domains, on the same scale;
    otherwise ValueError naming the difference. An ``audit_id`` in two parts is a problem naming
    both (by `sources`, one name per part, default "input 1", "input 2", ...), raised together
    as :class:`qaframe.DataError`. Moderation, domains, their display labels and declared
    identifier columns are kept::

        both = qaframe.concat([read_audits("2016-17.csv"), read_audits("2017-18.csv")],
                              sources=["2016-17.csv", "2017-18.csv"])
    """
    return AuditSet.concat(parts, sources, max_problems)


def read_audits(path: str | os.PathLike, scale: ScaleLike = None,
                max_problems: int = 100, domain_scales: DomainScales = None,
                moderation: str | os.PathLike | None = None,
                sheet: str | None = None, identifiers: Sequence[str] = (),
                profile: Any = None, columns: Mapping[str, str] | None = None,
                encoding: str | None = None, delimiter: str | None = None,
                header_row: int | str | None = None, threads: int = 0) -> AuditSet:
    """Read and validate an export of case audits: a CSV file or an Excel workbook (.xlsx).

    Dates may be ISO (``YYYY-MM-DD``) or UK (``DD/MM/YYYY``), never MM/DD, with or without a
    time of day (``02/10/2017 14:30``, ``2017-10-02T14:30:00``: checked, then dropped; the day is
    the date as written). Grades are matched to `scale` (default Ofsted) without regard to case,
    spaces (no-break spaces too) or hyphens; a dash alone (``-``) is refused unless the scale
    lists it as not applicable. Every problem (up to
    `max_problems`) is collected and raised together as :class:`qaframe.DataError`, whose
    ``problems`` give file, line, column, value and reason; nothing is loaded in part.
    Practice domains (``domain:<name>``) are graded on `domain_scales` where given, Ofsted
    otherwise; `moderation` names a separate moderation file to join on ``audit_id``;
    `identifiers` names columns that identify people besides audit_id and child_id.

    `encoding` is ``"auto"`` (a UTF-16 byte-order mark, else UTF-8), ``"utf-8"``,
    ``"windows-1252"`` (what Excel's "CSV (Comma delimited)" writes: never guessed, but a file
    that looks like it is refused with advice to say so) or ``"utf-16"``; lines in messages are
    the file's. `delimiter` is ``"auto"`` (chosen from the header line: ``,``, ``;`` or tab),
    ``","``, ``";"`` or ``"\t"``. What ``"auto"`` chose is in :attr:`AuditSet.read_notes`.

    A workbook is known by its content (then by its name); `sheet` names the sheet to read (by
    default the first visible one). Rows above the header (a title, merged or not) are skipped;
    date cells are dates, a date-time cell its day. Problems name their cells
    (``problem.cell``, as in ``audits.xlsx[Audits]!C14``), and an error cell (``#N/A``) is a
    problem. An ``.xls``, ``.ods`` or password-protected file, or a CSV file with a workbook's
    name, is refused with a message saying what it is.

    An export whose headers and values are not qaframe's is read with an export `profile` (a
    TOML file's path, or :func:`qaframe.read_profile`'s result; README "Real exports"), or with
    the same settings as arguments, which win over the profile's: `columns` maps canonical names
    to the export's headers (``{"child_id": "Person ID"}``), `encoding` (``"utf-8"``,
    ``"windows-1252"``, ``"utf-16"``, ``"auto"``), `delimiter` (``","``, ``";"``, ``"\\t"``,
    ``"auto"``), `header_row` (a line or row number, or ``"auto"``: the first holding every
    required column, the rows above it skipped). A missing required column's problem says which
    header looks like it and how to map it. What reading did (title rows skipped, columns
    renamed, values mapped) is in :attr:`AuditSet.notes`.

    The file is read into memory (never mapped): a file changed while it is read raises
    OSError saying so, never crashes the kernel. Pipes and FIFOs are read up to 1 GiB.
    A large file is parsed and validated on `threads` threads (0, the default: every core, at
    most 8; 1: one), cut into blocks at record boundaries; the set, and the problems of a bad
    file, are exactly one thread's.
    """
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be a whole number >= 0 (0: every core), not {threads!r}")
    # An explicit sheet is the workbook reader's (for a CSV file, a mistake said so); a
    # profile's sheet applies to workbooks only (a profile may serve CSV exports too).
    resolved = resolve_profile(profile, columns=columns, encoding=encoding, delimiter=delimiter,
                               header_row=header_row)
    notes: list[str] = []
    audits = AuditSet(_core.read_audits_file(os.fspath(path), as_scale(scale), max_problems,
                                             _domain_scales(domain_scales), sheet or "",
                                             threads=threads, identifiers=list(identifiers),
                                             profile=resolved, notes=notes), notes)
    if moderation is None:
        return audits
    return audits.with_moderation(moderation, max_problems, encoding or "auto",
                                  delimiter or "auto")


def xlsx_sheet_names(path: str | os.PathLike) -> list[str]:
    """The names of a workbook's sheets, in the workbook's order (hidden and chart sheets too);
    :class:`qaframe.DataError` when the file is not a readable workbook."""
    return list(_core.xlsx_sheet_names(os.fspath(path)))


def read_audits_chunked(path: str | os.PathLike, rows: int = 1_000_000, scale: ScaleLike = None,
                        max_problems: int = 100, domain_scales: DomainScales = None,
                        identifiers: Sequence[str] = (), profile: Any = None,
                        columns: Mapping[str, str] | None = None, encoding: str | None = None,
                        delimiter: str | None = None) -> Iterator[AuditSet]:
    """Read and validate a CSV export in chunks of at most `rows` audits, for files larger than
    memory; yields one :class:`AuditSet` per chunk.

    Every rule of :func:`read_audits` applies to each chunk, and problems name their true file
    lines; `scale` and `domain_scales` as for :func:`read_audits` (a separate moderation file
    is joined to a set, not to a stream). Tallies of the chunks merge into the tallies of the
    whole file::

        table = None
        for chunk in qaframe.read_audits_chunked("national.csv", rows=1_000_000):
            part = chunk.tally("team")
            table = part if table is None else table.merge(part)

    A chunk with problems raises :class:`qaframe.DataError` (reading may go on with the next
    chunk). Repeated audit ids are found across chunks too (from 64-bit hashes of the ids seen
    before, about 16 bytes an audit). Distinct children do not add across chunks.
    `encoding` and `delimiter` as for :func:`read_audits` (each chunk's ``read_notes`` says what
    ``"auto"`` chose).
    """
    # Opened here, so that a missing file or a bad header raises at once, not at the first chunk.
    notes: list[str] = []
    reader = _core.AuditChunkReader(os.fspath(path), rows, as_scale(scale), max_problems,
                                    _domain_scales(domain_scales), list(identifiers),
                                    profile=resolve_profile(profile, columns=columns,
                                                            encoding=encoding,
                                                            delimiter=delimiter),
                                    notes=notes)
    return _chunks(reader, max_problems, notes)


def _chunks(reader: _core.AuditChunkReader, max_problems: int,
            notes: Sequence[str] = ()) -> Iterator[AuditSet]:
    while True:
        chunk = reader.next(max_problems)
        if chunk is None:
            return
        yield AuditSet(chunk, notes)
