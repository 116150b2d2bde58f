"""Plots of grade tables (matplotlib, imported only when a plot is drawn)."""

from __future__ import annotations

import numpy as np

from ._labels import plot_text
from .tables import GradeTable

# Worst to best: red, amber, green shades, then blue for outstanding-like top levels.
_PALETTE = ["#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#1a9850", "#006837"]


def _text(label: str) -> str:
    """A label from the data drawn as plain text (see qaframe._labels.plot_text)."""
    return plot_text(label)


def plot_grades(table: GradeTable, adjusted: bool = True, ax=None):
    """Horizontal stacked bars of the share of each grade per category, worst level on the left.

    With `adjusted` the shares are of graded audits (N/A left out); otherwise N/A is drawn in grey.
    Each bar is labelled with its n. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    counts = table.counts.astype(float)
    labels = list(table.scale.labels)
    if adjusted:
        counts = counts[:, :-1]
    else:
        labels = labels + ["N/A"]
    totals = counts.sum(axis=1)
    shares = np.divide(counts, totals[:, None], out=np.zeros_like(counts), where=totals[:, None] > 0)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(table.rows) + 1.5))
    colours = (_PALETTE * 2)[: len(table.scale.labels)]
    if len(table.scale.labels) <= 4:
        colours = [_PALETTE[i] for i in (0, 1, 4, 5)][: len(table.scale.labels)]
    if not adjusted:
        colours = colours + ["#bdbdbd"]
    left = np.zeros(len(table.rows))
    y = np.arange(len(table.rows))
    for j, label in enumerate(labels):
        ax.barh(y, shares[:, j], left=left, color=colours[j], label=_text(label))
        left += shares[:, j]
    ax.set_yticks(y, [f"{_text(r)} (n={int(t)})" for r, t in zip(table.rows, totals)])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of graded audits" if adjusted else "share of audits")
    ax.set_title(f"Grades by {_text(table.by.replace('_', ' '))}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=len(labels), frameon=False)
    return ax
