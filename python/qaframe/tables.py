"""GradeTable: grade counts by category, mergeable, as a pandas DataFrame."""

from __future__ import annotations

import os
from typing import Iterable

import numpy as np
import pandas as pd

from . import _core
from ._labels import safe_display


@safe_display
class GradeTable:
    """Counts of audits by the categories of one column and by grade.

    Rows are categories in order of first appearance; columns are the scale's levels worst to
    best, then N/A. Tables of the same column and scale merge by label (``a + b`` or
    ``a.merge(b)``), so the tables of the parts of a data set add up to the table of the whole:
    a file too big for memory can be tallied in chunks.
    """

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.GradeTable):
        self._impl = impl

    @property
    def by(self) -> str:
        """The column the rows come from."""
        return self._impl.by

    @property
    def scale(self) -> _core.GradeScale:
        """The grading scale of the columns."""
        return self._impl.scale

    @property
    def by_columns(self) -> list[str]:
        """The columns the rows come from (one, or several for a table by combinations)."""
        return self._impl.by_columns

    @property
    def rows(self) -> list[str]:
        """Row labels (categories)."""
        return self._impl.rows

    @property
    def counts(self) -> np.ndarray:
        """Counts as an int64 array: rows x (levels + N/A)."""
        return self._impl.counts

    def merge(self, other: "GradeTable") -> "GradeTable":
        """Add another table of the same column and scale into this one (in place); returns self."""
        self._impl.merge(other._impl)
        return self

    def __add__(self, other: "GradeTable") -> "GradeTable":
        """A new table: this one merged with `other`."""
        out = GradeTable(self._impl.copy())
        return out.merge(other)

    def to_frame(self) -> pd.DataFrame:
        """One row per category plus ``Total``; columns the levels worst to best, ``N/A``, ``Total``.
        A table by several columns has a row MultiIndex (the total's key is ``("Total", "", ...)``)."""
        counts = self.counts
        levels = list(self.scale.labels) + ["N/A"]
        body = np.vstack([counts, counts.sum(axis=0, keepdims=True)]) if len(counts) else \
            np.zeros((1, len(levels)), dtype=np.int64)
        # The row totals in NumPy, and the frame built once (not a column added to it): a
        # third of the time for a table of a thousand rows.
        body = np.hstack([body, body.sum(axis=1, keepdims=True)])
        by = self.by_columns
        if len(by) > 1:
            keys = [tuple(k) for k in self._impl.keys] + [("Total",) + ("",) * (len(by) - 1)]
            index = pd.MultiIndex.from_tuples(keys, names=by)
        else:
            index = pd.Index(self.rows + ["Total"], name=self.by)
        return pd.DataFrame(body, columns=pd.Index(levels + ["Total"], name="grade"), index=index)

    def to_markdown(self) -> str:
        """The table as Markdown, labels escaped."""
        return self._impl.to_markdown()

    def to_json(self) -> str:
        """The table as a JSON object."""
        return self._impl.to_json()

    def to_csv(self) -> str:
        """The table as CSV; formula-like labels neutralised for spreadsheets."""
        return self._impl.to_csv()

    def to_excel(self, path: str | os.PathLike, source: str = "", grades: str = "final") -> None:
        """Write the table to an Excel workbook (.xlsx) at `path`: one sheet with the counts as
        number cells (the total row last), labels as text cells (never formulas, whatever they
        begin with), and a "Notes" sheet with the rules applied; `source` names the data and
        `grades` the grade column counted, for the notes. Written to a temporary file beside
        `path`, then renamed: never half a workbook. See :func:`qaframe.write_excel` for
        several tables."""
        write_excel(path, [self], source=source, grades=grades)

    def __len__(self) -> int:
        return len(self._impl)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GradeTable) and self._impl == other._impl

    def __repr__(self) -> str:
        return f"GradeTable(by={self.by!r}, {len(self)} rows)\n{self.to_frame().to_string()}"

    def _repr_html_(self) -> str:
        return self.to_frame()._repr_html_()  # pandas escapes the labels


def write_excel(path: str | os.PathLike, tables: Iterable[GradeTable], source: str = "",
                grades: str = "final") -> None:
    """Write grade tables to one Excel workbook (.xlsx): a sheet per table, in order, then a
    "Notes" sheet (source, grade column, row and column order, what a count is, that text is
    never a formula). Written atomically, as :meth:`GradeTable.to_excel`."""
    impls = [t._impl for t in tables]
    _core.write_tables_xlsx(impls, os.fspath(path), source, grades)
