"""Plots with matplotlib (imported only when a plot is drawn), matching the SVG charts.

The colours are the compiled core's palette (:mod:`qaframe.charts`): orange below the middle of a
grading scale, blue above it, lightness rising from the worst level to the best, so adjacent
grades stay apart under protanopia, deuteranopia and in greyscale. Shares are drawn on
percentage axes (0-100) with their values written on the marks; legends sit outside the axes;
labels from the data are drawn literally (``$`` is not mathtext, a leading ``_`` is shown),
control and bidi characters shown as ``\\uXXXX``, long labels shortened with "…".

- :func:`plot_grades`: stacked bars of grade shares per group (also ``AuditSet.plot``).
- :func:`funnel`: a funnel plot of shares against unit size with 95% and 99.8% limits.
- :func:`comparison`: a forest plot of the changes of a :class:`qaframe.Comparison`.
- :func:`heatmap`: the auditor-by-moderator table of a :class:`qaframe.Moderation`.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from . import charts
from ._labels import plot_text
from .tables import GradeTable

_LABEL_PX = 220.0  # longest label drawn, at 10 px (about 36 characters); the rest is cut
_MINUS = "\u2212"


def _text(label: Any, max_px: float = _LABEL_PX) -> str:
    """A label from the data drawn as plain text: controls neutralised, shortened; '$' escaped
    (it would start mathtext, and a bad formula would stop the figure drawing); a leading '_'
    guarded (it would hide a legend entry)."""
    label = charts.shorten(charts.neutralise_controls(str(label)).replace("\n", " ")
                           .replace("\t", " "), max_px, 10.0)
    label = label.replace("$", r"\$")
    return "\u200b" + label if label.startswith("_") else label


def _percent(share: float) -> str:
    """A share as a whole percentage, halves rounded up (as the SVG charts and DfE do)."""
    if share is None or math.isnan(share):
        return "\u2013"
    return f"{math.floor(share * 100 + 0.5 + 1e-9):.0f}%"


def _points(difference: float, unit: str = " pp") -> str:
    """A difference of shares in percentage points with its sign: "+12 pp", "−3 pp"."""
    if difference is None or math.isnan(difference):
        return "\u2013"
    magnitude = math.floor(abs(difference) * 100 + 0.5 + 1e-9)
    if magnitude == 0:
        return "0" + unit
    return ("+" if difference > 0 else _MINUS) + f"{magnitude:.0f}{unit}"


def _grade_title(grades: Optional[str]) -> str:
    """The words for a grade column: "Final grades", "Auditors' own grades", "Planning domain
    grades"; "Grades" when none is named."""
    if not grades:
        return "Grades"
    key = str(grades).lower()
    if key in ("final", "final_grade"):
        return "Final grades"
    if key in ("original", "grade", "original_grade"):
        return "Auditors' own grades"
    name = _text(str(grades).replace("_", " "))
    return f"{name[:1].upper()}{name[1:]} domain grades"


def _new_axes(ax, size):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _legend_outside(ax, **kwargs):
    """A legend right of the axes, clear of every mark."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
                     frameon=False, **kwargs)


def plot_grades(table: GradeTable, adjusted: bool = True, ax=None, grades: Optional[str] = None,
                title: Optional[str] = None):
    """Horizontal stacked bars of the share of each grade per category, worst level on the left.

    With `adjusted` the shares are of graded audits (N/A left out); otherwise N/A is drawn in
    grey. The x axis is in percent (0-100); each segment wide enough carries its percentage,
    each bar its n. The title names the grade column when `grades` is given ("Final grades by
    team"). Returns the matplotlib Axes.
    """
    levels, rows = charts._table_shares(table, adjusted)
    shares = np.array([r[2] for r in rows], dtype=float).reshape(len(rows), len(levels))
    totals = [r[1] for r in rows]
    k = len(table.scale.labels)
    colours = charts.palette(k) + ([] if adjusted else [charts.not_applicable_colour()])
    ax = _new_axes(ax, (9, 0.5 * len(rows) + 1.8))
    fig = ax.figure
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    # Pixels per percentage point, to write a value only where it fits.
    axes_px = ax.get_position().width * fig.get_figwidth() * fig.dpi
    for j, level in enumerate(levels):
        values = np.nan_to_num(shares[:, j] * 100.0)
        bars = ax.barh(y, values, left=left, color=colours[j], label=_text(level), height=0.7)
        text_colour = charts.text_colour(colours[j])
        for bar, value in zip(bars, values):
            label = _percent(value / 100.0)
            needed_px = (len(label) * 0.62 * 9 + 6) * fig.dpi / 72.0
            if value > 0 and value / 100.0 * axes_px >= needed_px:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                        label, ha="center", va="center", fontsize=9, color=text_colour)
        left += values
    for i, row in enumerate(rows):
        if np.isnan(shares[i]).any():
            ax.text(50, i, "no data: not drawn", ha="center", va="center", fontsize=9,
                    color=charts.inks()["muted"])
    ax.set_yticks(y, [f"{_text(r[0])} (n={t})" for r, t in zip(rows, totals)])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("Share of graded audits (%)" if adjusted else "Share of audits (%)")
    ax.set_title(title if title is not None else
                 f"{_grade_title(grades)} by {_text(table.by.replace('_', ' '))}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend_outside(ax, title="Grade")
    return ax


def funnel(count: Sequence[float], n: Sequence[float], labels: Optional[Sequence[str]] = None,
           benchmark: Optional[float] = None, levels: Sequence[float] = (0.95, 0.998),
           method: str = "exact", higher_is_better: bool = True, ax=None,
           title: Optional[str] = "Share Good or better against the number of graded audits",
           y_label: str = "Share Good or better (%)", x_label: str = "Number of graded audits"):
    """A funnel plot: each unit's share count/n against n, the benchmark (default the pooled
    share) and control limits at `levels` (Spiegelhalter 2005, by
    :func:`qaframe.stats.funnel_limits`). Units outside the limits are marked by shape (a
    triangle pointing the way they lie; filled beyond the outer limit) as well as colour, and
    labelled. The y axis is in percent. Returns the matplotlib Axes.
    """
    from . import stats

    count = np.asarray(count, dtype=float)
    n = np.asarray(n, dtype=float)
    if count.shape != n.shape or count.ndim != 1:
        raise ValueError("count and n must be one-dimensional and of one length")
    labels = [str(i + 1) for i in range(len(n))] if labels is None else list(labels)
    if len(labels) != len(n):
        raise ValueError(f"{len(labels)} labels for {len(n)} units")
    if benchmark is None:
        benchmark = float(count.sum() / n.sum()) if n.sum() > 0 else float("nan")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = count / n
    sizes = np.arange(1, int(max(n.max(initial=1), 1) * 1.05) + 2, dtype=float)
    limits = stats.funnel_limits(benchmark, sizes, levels, method)
    flags = [stats.funnel_flags(count, n, benchmark, level, method) for level in levels]

    ax = _new_axes(ax, (9, 5.5))
    muted = charts.inks()["muted"]
    ink = charts.inks()["ink"]
    better, worse = charts.inks()["better"], charts.inks()["worse"]
    up, down = (better, worse) if higher_is_better else (worse, better)
    styles = ["--", "-", ":"]
    for j, level in enumerate(limits.levels):
        style = styles[min(j, 2)]
        ax.plot(sizes, limits.low[:, j] * 100, style, color=muted, lw=1.2,
                label=f"{level * 100:g}% limits")
        ax.plot(sizes, limits.high[:, j] * 100, style, color=muted, lw=1.2)
    ax.axhline(benchmark * 100, color=ink, lw=1.8, label=f"Benchmark {_percent(benchmark)}")
    inner = flags[0] if flags else np.array(["within"] * len(n))
    outer = flags[-1] if len(flags) > 1 else inner
    kinds = {
        "within": dict(marker="o", s=30, facecolor=charts.inks()["neutral"], edgecolor="white"),
        "above inner": dict(marker="^", s=60, facecolor="white", edgecolor=up, linewidths=1.8),
        "above outer": dict(marker="^", s=70, facecolor=up, edgecolor=ink, linewidths=0.8),
        "below inner": dict(marker="v", s=60, facecolor="white", edgecolor=down, linewidths=1.8),
        "below outer": dict(marker="v", s=70, facecolor=down, edgecolor=ink, linewidths=0.8),
    }
    names = {"within": "Within the limits",
             "above inner": f"Above the {levels[0] * 100:g}% limit",
             "above outer": f"Above the {levels[-1] * 100:g}% limit",
             "below inner": f"Below the {levels[0] * 100:g}% limit",
             "below outer": f"Below the {levels[-1] * 100:g}% limit"}
    signal = []
    for a, b in zip(inner, outer):
        if b in ("above", "below"):
            signal.append(f"{b} outer")
        elif a in ("above", "below"):
            signal.append(f"{a} inner")
        else:
            signal.append("within")
    signal = np.array(signal)
    drawn = ~np.isnan(share)
    for kind, style in kinds.items():
        mask = (signal == kind) & drawn
        if mask.any():
            ax.scatter(n[mask], share[mask] * 100, label=names[kind], zorder=3, **style)
    for i in np.flatnonzero((signal != "within") & drawn):
        ax.annotate(_text(labels[i], 150), (n[i], share[i] * 100), xytext=(6, 4),
                    textcoords="offset points", fontsize=9, color=ink)
    lo = np.nanmin(np.r_[share[drawn], benchmark]) if drawn.any() else benchmark
    hi = np.nanmax(np.r_[share[drawn], benchmark]) if drawn.any() else benchmark
    # The units and benchmark with 5 points' room, out to whole tens.
    ax.set_ylim(max(0.0, math.floor((lo - 0.05) * 10) * 10),
                min(100.0, math.ceil((hi + 0.05) * 10) * 10))
    ax.set_xlim(0, sizes[-1])
    ax.yaxis.set_major_formatter(_percent_formatter())
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    if title:
        ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend_outside(ax)
    return ax


def _percent_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f"{v:g}%")


def comparison(result: Any, ax=None, title: Optional[str] = None,
               x_label: str = "Change in the share Good or better (percentage points)"):
    """A forest plot of the changes of a :class:`qaframe.Comparison` (or of a DataFrame with
    ``difference``, ``low`` and ``high``): each item's change B - A in percentage points with
    its interval, a zero line, the values written beside. Items without an estimate are named
    with a note, not drawn at 0. Returns the matplotlib Axes.
    """
    frame = result.to_frame() if hasattr(result, "to_frame") else result
    labels = [str(i) for i in frame.index]
    diff = frame["difference"].to_numpy(dtype=float)
    low = frame["low"].to_numpy(dtype=float)
    high = frame["high"].to_numpy(dtype=float)
    ax = _new_axes(ax, (9, 0.5 * len(labels) + 1.8))
    ink = charts.inks()["ink"]
    marker = charts.inks()["better"]
    y = np.arange(len(labels))
    ends = np.abs(np.r_[diff, low, high]) * 100
    extent = max(5.0, np.nanmax(ends) if np.isfinite(ends).any() else 5.0)
    step = 10.0 if extent > 20 else 5.0
    span = math.ceil(extent / step) * step
    ax.axvline(0, color=ink, lw=1.2)
    for i in range(len(labels)):
        if math.isnan(diff[i]):
            ax.text(0, i, "no estimate: not drawn", ha="center", va="center", fontsize=9,
                    color=charts.inks()["muted"], backgroundcolor="white")
            continue
        if not (math.isnan(low[i]) or math.isnan(high[i])):
            ax.errorbar(diff[i] * 100, i, xerr=[[diff[i] * 100 - low[i] * 100],
                                                [high[i] * 100 - diff[i] * 100]],
                        fmt="s", color=marker, ecolor=ink, elinewidth=1.6, capsize=4,
                        markersize=7, markeredgecolor="white")
        else:
            ax.plot(diff[i] * 100, i, "s", color=marker, markersize=7)
        interval = "" if math.isnan(low[i]) or math.isnan(high[i]) else \
            f" ({_points(low[i], '')} to {_points(high[i], '')})"
        ax.annotate(_points(diff[i]) + interval, (1.01, i), xycoords=("axes fraction", "data"),
                    va="center", fontsize=9, color=ink, annotation_clip=False)
    ax.set_yticks(y, [_text(label) for label in labels])
    ax.invert_yaxis()
    ax.set_xlim(-span, span)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(_points_formatter())
    ax.set_xlabel(x_label)
    if title is None and hasattr(result, "a") and hasattr(result, "b"):
        title = f"{_text(result.b)} against {_text(result.a)}"
    if title:
        ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _points_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: "0" if v == 0 else f"{'+' if v > 0 else _MINUS}{abs(v):g}")


def heatmap(table: Any, ax=None, title: Optional[str] = "Auditor's grade by moderator's grade",
            outline_diagonal: Optional[bool] = None):
    """A heat map of counts, each count written in its cell (the auditor-by-moderator table of a
    :class:`qaframe.Moderation`, or any DataFrame of counts). The colours are the light-to-dark
    ramp of the SVG heat map; cells where row and column agree are outlined when the table is
    square with the same labels. Returns the matplotlib Axes.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    frame = table.table if hasattr(table, "table") and not hasattr(table, "columns") else table
    counts = np.asarray(frame, dtype=float)
    if counts.ndim != 2:
        raise ValueError(f"the table must be two-dimensional, got {counts.ndim} dimension(s)")
    rows = [str(r) for r in getattr(frame, "index", range(1, counts.shape[0] + 1))]
    cols = [str(c) for c in getattr(frame, "columns", range(1, counts.shape[1] + 1))]
    ax = _new_axes(ax, (1.3 * len(cols) + 3, 0.6 * len(rows) + 2))
    ramp = ListedColormap([charts.sequential_colour(t) for t in np.linspace(0, 1, 256)])
    top = np.nanmax(counts) if np.isfinite(counts).any() else 0.0
    ax.imshow(np.nan_to_num(counts, nan=0.0), cmap=ramp, vmin=0, vmax=max(top, 1e-9),
              aspect="auto")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            v = counts[i, j]
            if math.isnan(v):
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, color="white"))
                ax.text(j, i, "\u2013", ha="center", va="center", fontsize=10,
                        color=charts.inks()["muted"])
                continue
            fill = charts.sequential_colour(v / top if top > 0 else 0.0)
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=10,
                    color=charts.text_colour(fill))
    if outline_diagonal is None:
        outline_diagonal = rows == cols
    if outline_diagonal:
        for i in range(min(len(rows), len(cols))):
            ax.add_patch(Rectangle((i - 0.47, i - 0.47), 0.94, 0.94, fill=False,
                                   edgecolor=charts.inks()["ink"], lw=2))
    ax.set_xticks(range(len(cols)), [_text(c, 120) for c in cols])
    ax.set_yticks(range(len(rows)), [_text(r, 160) for r in rows])
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    index_name = getattr(getattr(frame, "index", None), "name", None)
    column_name = getattr(getattr(frame, "columns", None), "name", None)
    ax.set_ylabel(_text(index_name) if index_name else "")
    ax.set_xlabel(_text(column_name) if column_name else "")
    if title:
        ax.set_title(title, pad=12)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    return ax
