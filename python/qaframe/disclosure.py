"""Disclosure control for published tables: small counts suppressed, with secondary suppression
so that no suppressed value can be recovered from the totals; publication rounding; staff
pseudonyms.

Thin wrappers over ``qaframe._core.disclosure``; the rule, the protection criterion, the linear
programmes and their references are in the C++ header ``include/qaframe/publish/disclosure.hpp``
(and ``docs/disclosure.md``). In short:

* counts from 1 to ``threshold`` (default 5) are *primary* suppressions, shown as ``c`` (GSS);
  a zero is a true zero and is shown (``zeros="published"``), unless ``zeros="complement"``
  (it may be chosen to protect another cell) or ``zeros="sensitive"`` (suppressed too);
* *secondary* suppressions are added until every suppressed value, cell or total, has a range
  of possible values, given everything published, at least ``protection`` wide (default
  ``threshold + 1``: strictly wider than the threshold), checked exactly by linear programming;
* shares of a suppressed count or of a suppressed denominator are suppressed too, percentages
  are whole numbers rounded half up from the integer counts, and a non-zero value that rounds to
  zero is shown as ``low``.

>>> import qaframe
>>> table = qaframe.read_audits("data/sample/audits.csv").crosstab(by="team")
>>> qaframe.disclosure.suppress(table).published        # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from ._core import disclosure as _d

__all__ = [
    "Suppressed",
    "suppress",
    "suppress_linked",
    "percent_half_up",
    "published_percent",
    "published_rate",
    "pseudonymise",
    "describe_rule",
    "SYMBOLS",
]

SYMBOLS = {"c": "suppressed (confidential)", "z": "not applicable", "x": "not available",
           "low": "rounds to zero but is not zero"}
"""The Government Statistical Service symbols used in published tables."""

TableLike = Union[pd.DataFrame, pd.Series, np.ndarray, Sequence[Sequence[int]], Sequence[int]]


@dataclass
class _Layout:
    """A table taken apart: body counts, labels, and which totals it publishes."""

    counts: np.ndarray          # rows x columns, int64
    row_labels: list            # labels of the body rows
    column_labels: list         # labels of the body columns
    margins: Tuple[bool, bool, bool]   # row totals, column totals, grand total
    index_names: Any = None         # the row index's level names
    columns_name: Any = None
    total_row: Hashable = "Total"     # the label of the total row in the output
    total_column: Hashable = "Total"  # the label of the total column in the output


def _is_total(label: Hashable, total: str) -> bool:
    if isinstance(label, tuple):
        return len(label) > 0 and label[0] == total
    return label == total


def _as_counts(values: np.ndarray, where: str) -> np.ndarray:
    """Non-negative whole numbers as int64, else ValueError naming the first bad cell."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        out = array.astype(np.int64)
    else:
        try:
            as_float = array.astype(float)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: counts must be numbers") from None
        bad = ~np.isfinite(as_float) | (as_float != np.round(as_float))
        if bad.any():
            pos = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ValueError(f"{where}: cell {pos} is {array[pos]!r}, not a whole number")
        out = as_float.astype(np.int64)
    if (out < 0).any():
        pos = tuple(int(i) for i in np.argwhere(out < 0)[0])
        raise ValueError(f"{where}: cell {pos} is {out[pos]}, a negative count")
    return out


def _layout(table: TableLike, total: str, margins: Optional[bool]) -> _Layout:
    if isinstance(table, pd.Series):
        table = table.to_frame().T  # one row; its Total entry, if any, is the row's total
    if isinstance(table, pd.DataFrame):
        total_rows = [i for i, r in enumerate(table.index) if _is_total(r, total)]
        total_cols = [j for j, c in enumerate(table.columns) if _is_total(c, total)]
        if len(total_rows) > 1 or len(total_cols) > 1:
            raise ValueError(f"more than one {total!r} row or column")
        body_rows = [i for i in range(table.shape[0]) if i not in total_rows]
        body_cols = [j for j in range(table.shape[1]) if j not in total_cols]
        if not body_rows or not body_cols:
            raise ValueError("the table has no cells besides its totals")
        values = _as_counts(table.to_numpy(), "table")
        counts = values[np.ix_(body_rows, body_cols)]
        has_row_totals = bool(total_cols)     # a Total column holds each row's total
        has_column_totals = bool(total_rows)
        if total_cols:
            given = values[body_rows, total_cols[0]]
            _check_sums(given, counts.sum(axis=1), [table.index[i] for i in body_rows], "row")
        if total_rows:
            given = values[total_rows[0], body_cols]
            _check_sums(given, counts.sum(axis=0), [table.columns[j] for j in body_cols],
                        "column")
        if total_rows and total_cols:
            _check_sums(values[total_rows[0], total_cols[0]][None], counts.sum()[None],
                        ["grand"], "grand")
        if margins is False:
            has_row_totals = has_column_totals = False
        grand = has_row_totals and has_column_totals
        index = table.index
        return _Layout(counts, [index[i] for i in body_rows],
                       [table.columns[j] for j in body_cols],
                       (has_row_totals, has_column_totals, grand), list(index.names),
                       table.columns.name,
                       index[total_rows[0]] if total_rows else _total_key(index, total),
                       table.columns[total_cols[0]] if total_cols else total)
    array = np.asarray(table)
    if array.ndim == 1:
        counts = _as_counts(array, "table")[None, :]
        published = True if margins is None else bool(margins)
        return _Layout(counts, [0], list(range(counts.shape[1])), (published, False, False))
    if array.ndim != 2:
        raise ValueError(f"a table is one- or two-dimensional, not {array.ndim}-dimensional")
    counts = _as_counts(array, "table")
    published = True if margins is None else bool(margins)
    return _Layout(counts, list(range(counts.shape[0])), list(range(counts.shape[1])),
                   (published, published, published))


def _total_key(index: pd.Index, total: str) -> Hashable:
    if isinstance(index, pd.MultiIndex):
        return (total,) + ("",) * (index.nlevels - 1)
    return total


def _check_sums(given: np.ndarray, summed: np.ndarray, labels: list, kind: str) -> None:
    for label, g, s in zip(labels, given, summed):
        if g != s:
            what = "the grand total" if kind == "grand" else f"{kind} {label!r}: the total"
            raise ValueError(f"{what} {int(g)} is not the sum of its cells ({int(s)})")


class Suppressed:
    """A table as it is to be published, with its suppression pattern.

    ``published`` holds the strings to print (digits, or ``c``); ``pattern`` says for each cell
    and total ``published``, ``primary`` or ``secondary``; ``low`` and ``high`` give the range
    an attacker can place each value in from everything published (LP relaxation; ``inf`` when
    unbounded). Totals that the table does not publish are left out of the frames.
    """

    def __init__(self, impl: _d.SuppressedTable, layout: _Layout, rule: _d.DisclosureRule):
        self._impl = impl
        self._layout = layout
        self.rule = rule

    def _frame(self, pick) -> pd.DataFrame:
        lay, t = self._layout, self._impl
        rows_pub, cols_pub, grand_pub = lay.margins
        data = [[pick(t.cells[i * t.columns + j]) for j in range(t.columns)]
                for i in range(t.rows)]
        row_labels = list(lay.row_labels)
        column_labels = list(lay.column_labels)
        if rows_pub:
            for i in range(t.rows):
                data[i].append(pick(t.row_totals[i]))
            column_labels.append(lay.total_column)
        if cols_pub:
            last = [pick(e) for e in t.column_totals]
            if rows_pub:
                last.append(pick(t.grand_total) if grand_pub else "")
            data.append(last)
            row_labels.append(lay.total_row)
        if isinstance(lay.total_row, tuple) or any(isinstance(r, tuple) for r in row_labels):
            index = pd.MultiIndex.from_tuples(row_labels, names=lay.index_names)
        else:
            names = lay.index_names or [None]
            index = pd.Index(row_labels, name=names[0])
        columns = pd.Index(column_labels, name=lay.columns_name)
        return pd.DataFrame(data, index=index, columns=columns)

    @property
    def published(self) -> pd.DataFrame:
        """The table as published: strings, ``c`` for every suppressed value."""
        return self._frame(lambda e: e.text)

    @property
    def pattern(self) -> pd.DataFrame:
        """``published``, ``primary`` or ``secondary`` for every cell and published total."""
        return self._frame(lambda e: e.status.label)

    @property
    def low(self) -> pd.DataFrame:
        """The least value consistent with the publication (the value itself when published)."""
        return self._frame(lambda e: e.low).astype(float)

    @property
    def high(self) -> pd.DataFrame:
        """The greatest value consistent with the publication (``inf`` when unbounded)."""
        return self._frame(lambda e: e.high).astype(float)

    @property
    def counts(self) -> pd.DataFrame:
        """The true counts (confidential: for checking, never for publication)."""
        return self._frame(lambda e: e.value).astype(np.int64)

    @property
    def primary_count(self) -> int:
        """Number of primary suppressions (cells and totals)."""
        return self._impl.primary_count

    @property
    def secondary_count(self) -> int:
        """Number of secondary suppressions (cells and totals)."""
        return self._impl.secondary_count

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Suppressed) and self._impl == other._impl

    def __repr__(self) -> str:
        return (f"Suppressed({self.primary_count} primary, {self.secondary_count} secondary)\n"
                f"{self.published.to_string()}")

    def _repr_html_(self) -> str:
        note = (f"{self.primary_count} primary and {self.secondary_count} secondary "
                f"suppressions (c). {self.rule.describe()}")
        table = self.published.to_html(escape=True)
        return f"<div>{table}<p style='text-align:left'><small>{html.escape(note)}</small></p></div>"


def _rule(threshold: int, zeros: str, protection: Optional[int]) -> _d.DisclosureRule:
    return _d.DisclosureRule(int(threshold), str(zeros),
                             None if protection is None else int(protection))


def describe_rule(threshold: int = 5, zeros: str = "published",
                  protection: Optional[int] = None) -> str:
    """The sentence a report prints to say which rule it applied."""
    return _rule(threshold, zeros, protection).describe()


def suppress(table: TableLike, threshold: int = 5, zeros: str = "published",
             protection: Optional[int] = None, total: str = "Total",
             margins: Optional[bool] = None) -> Suppressed:
    """Primary and secondary suppression of one table of counts.

    `table`: a DataFrame whose ``Total`` row and/or column (label `total`; for a row MultiIndex
    the first level) are its published margins, checked against the sums of the cells; a table
    without them publishes no margins. Or a 2-D array of cells (its row, column and grand totals
    published unless ``margins=False``), or a 1-D array / Series (one row and its total).
    `zeros`: ``"published"`` (shown, never suppressed), ``"complement"`` (may protect another
    value) or ``"sensitive"`` (suppressed). `protection`: the least width of every suppressed
    value's range; default ``threshold + 1``. Deterministic.
    """
    layout = _layout(table, total, margins)
    rule = _rule(threshold, zeros, protection)
    impl = _d.suppress(layout.counts, layout.margins, rule)
    return Suppressed(impl, layout, rule)


def suppress_linked(tables: Sequence[TableLike], threshold: int = 5, zeros: str = "published",
                    protection: Optional[int] = None, total: str = "Total") -> List[Suppressed]:
    """Suppression of tables published together, so that none can be undone by differencing.

    A cell is identified by its (row label, column label): the same pair in two tables is the
    same count (and must have the same value). The check is over all tables at once: a table
    with one row fewer than another, for instance, cannot reveal that row through the difference
    of their column totals. DataFrames only, as for :func:`suppress`.
    """
    layouts = [_layout(t, total, None) for t in tables]
    ids: dict = {}
    base: list = []
    specs = []
    for k, lay in enumerate(layouts):
        cell_ids = np.empty(lay.counts.shape, dtype=np.uintp)
        for i, r in enumerate(lay.row_labels):
            for j, c in enumerate(lay.column_labels):
                key = (r, c)
                value = int(lay.counts[i, j])
                if key not in ids:
                    ids[key] = len(base)
                    base.append(value)
                elif base[ids[key]] != value:
                    raise ValueError(f"table {k + 1}: cell ({r!r}, {c!r}) is {value} here but "
                                     f"{base[ids[key]]} in an earlier table")
                cell_ids[i, j] = ids[key]
        specs.append((lay.counts.shape[0], lay.counts.shape[1], cell_ids.ravel(), lay.margins))
    rule = _rule(threshold, zeros, protection)
    impls = _d.suppress_linked(np.asarray(base, dtype=np.int64), specs, rule)
    return [Suppressed(impl, lay, rule) for impl, lay in zip(impls, layouts)]


def percent_half_up(count: Any, n: Any) -> Any:
    """100 x count / n as a whole number, halves up, in exact integer arithmetic
    (1/8 -> 13, 5/200 -> 3 where ``round(2.5)`` gives 2, 1/3 -> 33). Scalars give an int,
    arrays an int64 array. Raises DataError (a ValueError) for a negative count or n <= 0."""
    out = _d.percent_half_up(np.asarray(count, dtype=np.int64), np.asarray(n, dtype=np.int64))
    return int(out) if np.ndim(out) == 0 else out


def published_rate(count: int, n: int, per: int, decimals: int = 0,
                   count_suppressed: bool = False, n_suppressed: bool = False) -> str:
    """What a table shows for per x count / n: ``c`` when either count is suppressed, ``z``
    when n is 0, ``low`` when a non-zero value rounds to 0, else the digits, halves up."""
    return _d.published_rate(int(count), int(n), int(per), int(decimals),
                             bool(count_suppressed), bool(n_suppressed))


def published_percent(count: int, n: int, decimals: int = 0, count_suppressed: bool = False,
                      n_suppressed: bool = False) -> str:
    """:func:`published_rate` per 100: the published percentage (without ``%``)."""
    return published_rate(count, n, 100, decimals, count_suppressed, n_suppressed)


def pseudonymise(names: Union[Iterable[str], pd.Series], key: str, prefix: str = "Staff",
                 digits: int = 4) -> Union[List[str], pd.Series]:
    """Stable pseudonyms for staff names: ``"<prefix> <hex>"`` from SipHash-2-4 keyed with the
    council's 32-hex-digit `key` (set once in its profile), so a name has the same pseudonym in
    every run and report and cannot be recomputed without the key. Names are compared trimmed,
    with white space collapsed and ASCII case folded; blank or missing names give "". Two names
    sharing a code raise DataError naming them (choose more `digits` or another key)."""
    if isinstance(names, pd.Series):
        values = ["" if pd.isna(v) else str(v) for v in names]
        return pd.Series(_d.pseudonymise(values, key, prefix, int(digits)), index=names.index,
                         name=names.name, dtype=object)
    values = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
              for v in names]
    return _d.pseudonymise(values, key, prefix, int(digits))
