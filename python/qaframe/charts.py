"""qaframe.charts: charts as self-contained SVG, drawn by the compiled core.

The same SVG the command line and embedding systems get: stacked grade bars, a funnel plot, a
heat map, a forest plot, a trend with intervals, a dot plot with intervals and a matrix of
categorical cells. Every number, interval and limit is passed in; the charts compute nothing.
Each chart is an accessible ``<svg role="img">`` with a title and a one-sentence description
(given, or written from the data), text of at least 12 px at 4.5:1 contrast, and words beside
every colour; labels from the data are escaped, control and bidi characters shown as ``\\uXXXX``,
long labels shortened with the whole text in a tooltip, NaN drawn as a gap with a note.

The palette is the one the matplotlib plots (:mod:`qaframe.plot`) use: orange below the middle
of a grading scale, blue above it, lightness rising from the worst level to the best, so that
adjacent grades stay apart under protanopia and deuteranopia and in greyscale.

>>> from qaframe import charts
>>> svg = charts.grade_bars(["Inadequate", "Requires Improvement", "Good", "Outstanding"],
...                         [("Team A", 20, [0.1, 0.25, 0.5, 0.15])], title="Final grades")
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

import math
import os
from typing import Any, Iterable, Optional, Sequence

import numpy as np

from . import _core

_charts = _core.charts

__all__ = [
    "SVG",
    "colour_distance",
    "contrast_ratio",
    "dot_plot",
    "forest",
    "funnel",
    "grade_bars",
    "grade_table_bars",
    "heat_map",
    "inks",
    "neutralise_controls",
    "not_applicable_colour",
    "palette",
    "relative_luminance",
    "sequential_colour",
    "shorten",
    "simulate",
    "status_matrix",
    "statuses",
    "text_colour",
    "trend",
]


class SVG(str):
    """The SVG text of one chart (a ``str``); Jupyter shows it drawn."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_svg_(self) -> str:
        return str(self)

    def save(self, path: str | os.PathLike) -> None:
        """Write the chart as a standalone ``.svg`` file (UTF-8)."""
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(str(self))


# -- palette and colour science ----------------------------------------------------------------

def palette(levels: int) -> list[str]:
    """Colours of an ordinal scale of ``levels`` levels, worst first, as ``'#rrggbb'``."""
    return list(_charts.ordinal_palette(int(levels)))


def not_applicable_colour() -> str:
    """The neutral grey of N/A (ungraded)."""
    return _charts.not_applicable_colour()


def sequential_colour(t: float) -> str:
    """The light-to-dark blue ramp of the heat map at ``t`` in [0, 1]."""
    return _charts.sequential_colour(float(t))


def inks() -> dict[str, str]:
    """The colours of text (``ink``), secondary text (``muted``), ``grid``, ``background`` and
    of marks on the ``better`` and ``worse`` sides and of ``neutral`` ones."""
    return dict(_charts.chart_inks())


def statuses() -> list[tuple[str, str, str]]:
    """``(name, abbreviation, colour)`` of each triangulation cell status, in priority order."""
    return [tuple(s) for s in _charts.triangulation_statuses()]


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``'#rrggbb'``."""
    return _charts.relative_luminance(colour)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21 (AA text needs 4.5)."""
    return _charts.contrast_ratio(a, b)


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (always at least 4.58:1)."""
    return _charts.text_colour_on(fill)


def simulate(colour: str, vision: str) -> str:
    """``colour`` as seen with ``"protanopia"`` or ``"deuteranopia"`` (Machado et al. 2009,
    severity 1, in linear RGB); ``"normal"`` returns it unchanged."""
    return _charts.simulate(colour, vision)


def colour_distance(a: str, b: str, vision: str = "normal") -> float:
    """CIEDE2000 difference of two colours as seen with ``vision`` (about 1 is just noticeable)."""
    return _charts.colour_distance(a, b, vision)


def neutralise_controls(text: str) -> str:
    """``text`` with control characters and bidi overrides written as visible ``\\uXXXX``."""
    return _charts.neutralise_controls(str(text))


def shorten(text: str, max_px: float, font_px: float) -> str:
    """``text`` cut at a character boundary with "…" to fit ``max_px`` at ``font_px``."""
    return _charts.shorten_to_width(str(text), float(max_px), float(font_px))


# -- charts -----------------------------------------------------------------------------------

def _frame(title: str, description: str, id: str, width: float, draw_title: bool) -> dict:
    return dict(title=str(title), description=str(description), id=str(id), width=float(width),
                draw_title=bool(draw_title))


def _floats(values: Any) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=float).ravel()]


def _optional_int(value: Any) -> Optional[int]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def grade_bars(levels: Sequence[str], bars: Iterable[tuple[str, int, Sequence[float]]], *,
               not_applicable: bool = False, fills: Optional[Sequence[str]] = None,
               axis_label: str = "Share of graded audits", title: str = "",
               description: str = "", id: str = "", width: float = 760,
               draw_title: bool = True) -> SVG:
    """Stacked horizontal bars of grade shares, worst level on the left.

    ``bars``: ``(label, n, shares)`` per group, shares in [0, 1] one per level (NaN: no data).
    With ``not_applicable`` the last level is N/A, drawn in the neutral grey.
    """
    rows = [(str(label), int(n), _floats(shares)) for label, n, shares in bars]
    return SVG(_charts.grade_bars([str(v) for v in levels], rows, not_applicable,
                                  list(fills or []), axis_label,
                                  **_frame(title, description, id, width, draw_title)))


def grade_table_bars(table, adjusted: bool = True, *, title: str = "", description: str = "",
                     id: str = "", width: float = 760, draw_title: bool = True) -> SVG:
    """:func:`grade_bars` of a :class:`qaframe.GradeTable`: shares of graded audits
    (``adjusted``, N/A left out) or of all audits with N/A in grey, n beside each bar."""
    levels, rows = _table_shares(table, adjusted)
    label = "Share of graded audits" if adjusted else "Share of audits"
    return grade_bars(levels, rows, not_applicable=not adjusted, axis_label=label, title=title,
                      description=description, id=id, width=width, draw_title=draw_title)


def _table_shares(table, adjusted: bool) -> tuple[list[str], list[tuple[str, int, list[float]]]]:
    """Levels and (label, n, shares) rows of a GradeTable; NaN shares where n is 0."""
    counts = np.asarray(table.counts, dtype=float)
    levels = list(table.scale.labels)
    if adjusted:
        counts = counts[:, :-1]
    else:
        levels = levels + ["N/A"]
    totals = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / totals[:, None]
    return levels, [(str(r), int(t), list(s)) for r, t, s in zip(table.rows, totals, shares)]


_SIGNALS = ("within", "above inner", "above outer", "below inner", "below outer")


def funnel(points: Iterable[tuple[str, float, float, str]], curves: Any, benchmark: float, *,
           benchmark_label: str = "Benchmark", higher_is_better: bool = True,
           x_label: str = "Number of graded audits", y_label: str = "Share Good or better",
           y_min: Optional[float] = None, y_max: Optional[float] = None, title: str = "",
           description: str = "", id: str = "", width: float = 760,
           draw_title: bool = True) -> SVG:
    """A funnel plot: shares against unit size, the benchmark and control limits.

    ``points``: ``(label, n, share, signal)`` with signal one of ``"within"``, ``"above
    inner"``, ``"above outer"``, ``"below inner"``, ``"below outer"`` (drawn by shape and
    colour). ``curves``: ``(level, n, low, high)`` per level (inner first), or the
    :class:`qaframe.stats.FunnelLimits` of :func:`qaframe.stats.funnel_limits`.
    """
    if hasattr(curves, "levels") and hasattr(curves, "low"):
        curves = [(level, curves.n, curves.low[:, j], curves.high[:, j])
                  for j, level in enumerate(curves.levels)]
    rows = [(str(label), float(n), float(share), str(signal))
            for label, n, share, signal in points]
    lines = [(float(level), _floats(n), _floats(low), _floats(high))
             for level, n, low, high in curves]
    return SVG(_charts.funnel(float(benchmark), rows, lines, benchmark_label, higher_is_better,
                              x_label, y_label, y_min, y_max,
                              **_frame(title, description, id, width, draw_title)))


def heat_map(counts: Any, rows: Optional[Sequence[str]] = None,
             columns: Optional[Sequence[str]] = None, *, row_title: Optional[str] = None,
             column_title: Optional[str] = None, outline_diagonal: bool = False,
             title: str = "", description: str = "", id: str = "", width: float = 760,
             draw_title: bool = True) -> SVG:
    """A heat map of counts with each count written in its cell.

    ``counts``: a 2-D array or a pandas DataFrame (its index and columns, and their names, give
    the labels and titles unless passed), e.g. :attr:`qaframe.Moderation.table`.
    """
    if hasattr(counts, "index") and hasattr(counts, "columns"):
        rows = list(counts.index) if rows is None else rows
        columns = list(counts.columns) if columns is None else columns
        row_title = row_title if row_title is not None else (counts.index.name or "")
        column_title = column_title if column_title is not None else (counts.columns.name or "")
    matrix = np.asarray(counts, dtype=float)
    if matrix.size == 0:
        matrix = matrix.reshape(len(rows or []), len(columns or []))
    if matrix.ndim != 2:
        raise ValueError(f"counts must be two-dimensional, got {matrix.ndim} dimension(s)")
    rows = [str(r) for r in (rows if rows is not None else range(1, matrix.shape[0] + 1))]
    columns = [str(c) for c in
               (columns if columns is not None else range(1, matrix.shape[1] + 1))]
    return SVG(_charts.heat_map([list(map(float, r)) for r in matrix], rows, columns,
                                row_title if row_title is not None else "Auditor's grade",
                                column_title if column_title is not None else "Moderator's grade",
                                outline_diagonal,
                                **_frame(title, description, id, width, draw_title)))


def _interval_rows(rows: Any) -> list:
    if hasattr(rows, "iterrows"):  # a DataFrame: index labels; estimate/low/high (and n)
        frame = rows
        estimate = next(c for c in ("estimate", "difference", "share") if c in frame.columns)
        rows = [(label, r[estimate], r["low"], r["high"], r["n"] if "n" in frame.columns
                 else None) for label, r in frame.iterrows()]
    out = []
    for row in rows:
        label, estimate, low, high = row[:4]
        n = row[4] if len(row) > 4 else None
        out.append((str(label), float(estimate), float(low), float(high), _optional_int(n)))
    return out


def forest(rows: Any, *, axis_label: str = "Change (percentage points)",
           below_zero_label: str = "", above_zero_label: str = "", title: str = "",
           description: str = "", id: str = "", width: float = 760,
           draw_title: bool = True) -> SVG:
    """A forest plot of differences of shares with intervals, in percentage points.

    ``rows``: ``(label, difference, low, high[, n])`` with differences in [-1, 1], or a
    DataFrame with ``difference`` (or ``estimate``), ``low``, ``high`` (such as
    :meth:`qaframe.Comparison.to_frame`). NaN draws a note instead of a mark.
    """
    return SVG(_charts.forest(_interval_rows(rows), axis_label, below_zero_label,
                              above_zero_label, **_frame(title, description, id, width,
                                                         draw_title)))


def dot_plot(rows: Any, *, axis_label: str = "Share below Good",
             reference: Optional[float] = None, reference_label: str = "", title: str = "",
             description: str = "", id: str = "", width: float = 760,
             draw_title: bool = True) -> SVG:
    """A dot plot of shares with intervals on a 0-100% axis (key messages by domain).

    ``rows``: ``(label, share, low, high[, n])``, or a DataFrame with ``share`` (or
    ``estimate``), ``low``, ``high`` and optionally ``n`` (such as
    :meth:`qaframe.KeyMessages.to_frame`). ``reference``: a share drawn as a dashed line.
    """
    return SVG(_charts.dot_plot(_interval_rows(rows), axis_label,
                                None if reference is None else float(reference),
                                reference_label,
                                **_frame(title, description, id, width, draw_title)))


def trend(periods: Sequence[str], series: Iterable[tuple], *, intervals: str = "band",
          y_label: str = "Share Good or better", interval_label: str = "95% interval",
          y_min: float = 0.0, y_max: float = 1.0, title: str = "", description: str = "",
          id: str = "", width: float = 760, draw_title: bool = True) -> SVG:
    """A line chart of shares over consecutive periods with intervals (``"band"`` or
    ``"error bars"``).

    ``series``: one to four ``(label, values[, lows, highs[, ns]])``; NaN values are gaps.
    """
    rows = []
    for s in series:
        label, values = s[0], s[1]
        lows = _floats(s[2]) if len(s) > 2 and s[2] is not None else []
        highs = _floats(s[3]) if len(s) > 3 and s[3] is not None else []
        ns = [int(v) for v in s[4]] if len(s) > 4 and s[4] is not None else []
        rows.append((str(label), _floats(values), lows, highs, ns))
    return SVG(_charts.trend([str(p) for p in periods], rows, intervals, y_label,
                             interval_label, float(y_min), float(y_max),
                             **_frame(title, description, id, width, draw_title)))


def status_matrix(cells: Any, rows: Optional[Sequence[str]] = None,
                  columns: Optional[Sequence[str]] = None, *,
                  categories: Optional[Sequence[tuple[str, str, str]]] = None,
                  row_title: str = "Unit", column_title: str = "Theme", title: str = "",
                  description: str = "", id: str = "", width: float = 760,
                  draw_title: bool = True) -> SVG:
    """A matrix of categorical cells, each coloured and carrying its category's abbreviation.

    ``cells``: rows of category names (or indices; None or "" for no status), or a DataFrame of
    them (index and columns give the labels). ``categories``: ``(name, abbreviation,
    colour)``; default the triangulation statuses (:func:`statuses`).
    """
    if hasattr(cells, "index") and hasattr(cells, "columns"):
        rows = list(cells.index) if rows is None else rows
        columns = list(cells.columns) if columns is None else columns
        cells = cells.values.tolist()
    cats = [tuple(c) for c in (categories if categories is not None else statuses())]
    index = {name: i for i, (name, _, _) in enumerate(cats)}

    def code(value) -> int:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            return -1
        if isinstance(value, (int, np.integer)):
            return int(value)
        if str(value) not in index:
            raise ValueError(f"unknown status {neutralise_controls(str(value))!r}; expected "
                             f"one of {', '.join(index)}")
        return index[str(value)]

    grid = [[code(v) for v in row] for row in cells]
    rows = [str(r) for r in (rows if rows is not None else range(1, len(grid) + 1))]
    width_cols = len(grid[0]) if grid else 0
    columns = [str(c) for c in (columns if columns is not None else range(1, width_cols + 1))]
    return SVG(_charts.status_matrix(grid, rows, columns,
                                     [(str(n), str(a), str(c)) for n, a, c in cats], row_title,
                                     column_title,
                                     **_frame(title, description, id, width, draw_title)))
