"""Benchmarking the council's indicators against its statistical neighbours, as LAIT does.

A statistical-neighbours file has one row per published value: ``indicator, period, area, role,
value[, polarity]`` with role ``council``, ``neighbour``, ``region`` or ``england``; values are
numbers (``83.5%`` is read as 0.835; empty, ``x``, ``c``, ``z``, ``:``, ``..``, ``NA`` or ``low``
are suppressed or missing). :func:`benchmark` gives, per indicator, the council's rank among
itself and its neighbours (ties take the lowest rank), its quartile band A (best) to D by
polarity, its change from the previous period, and the neighbours' mean, which
:func:`qaframe.triangulate` can use as the indicator's benchmark (``neighbours_benchmark=True``).

>>> n = qaframe.read_neighbours("data/sample/neighbours.csv")
>>> qaframe.benchmark(n, indicators=performance).to_frame()      # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
from typing import Optional, Union

import pandas as pd

from . import _core
from ._labels import with_display

PathLike = Union[str, os.PathLike]


class Neighbours:
    """A validated statistical-neighbours file: the council, its neighbours, the values."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.NeighbourTable):
        self._impl = impl

    council = property(lambda self: self._impl.council, doc="The council benchmarked.")
    neighbours = property(lambda self: list(self._impl.neighbours),
                          doc="Its statistical neighbours, in file order.")
    indicators = property(lambda self: list(self._impl.indicators),
                          doc="Indicators in file order.")

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per value: indicator, period, area, role, value (NaN when suppressed), and
        the value as written."""
        return pd.DataFrame(self._impl.rows(),
                            columns=["indicator", "period", "area", "role", "value", "raw"])

    def __repr__(self) -> str:
        return (f"Neighbours({self.council!r}, {len(self.neighbours)} neighbours, "
                f"{len(self.indicators)} indicators, {self._impl.n_values} values)")

    def _repr_html_(self) -> str:
        """Values with a figure, by indicator and period (rows) and role (columns)."""
        counts = self.to_frame().pivot_table(index=["indicator", "period"], columns="role",
                                             values="value", aggfunc="count")
        return f"<div><b>{html.escape(repr(self))}</b>{counts._repr_html_()}</div>"


def read_neighbours(path: PathLike, max_problems: int = 100) -> Neighbours:
    """Read a statistical-neighbours file; bad input raises :class:`qaframe.DataError` listing
    every problem with file, line, column, value and reason."""
    return Neighbours(_core.read_neighbours(os.fspath(path), max_problems))


_COLUMNS = ["indicator", "description", "polarity", "period", "value", "rank", "ranked", "band",
            "q1", "median", "q3", "previous_period", "previous", "change", "direction",
            "neighbours_mean", "neighbours_used", "neighbours_missing", "region", "england",
            "percent", "note"]


class Benchmarking:
    """Each indicator of the council against its neighbours: rank, band A-D, change, mean."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.Benchmarking):
        self._impl = impl

    council = property(lambda self: self._impl.council, doc="The council benchmarked.")
    method = property(lambda self: list(self._impl.method),
                      doc="How rank, band and mean are made, one sentence each.")

    @with_display
    def to_frame(self) -> pd.DataFrame:
        """One row per indicator (index): the council's value, rank of ``ranked``, band and its
        cut points, the previous period's value and the change (``direction`` by polarity), the
        neighbours' mean (with how many had a value), region, England and a note."""
        return pd.DataFrame(self._impl.rows(), columns=_COLUMNS).set_index("indicator")

    def __repr__(self) -> str:
        cols = ["period", "value", "rank", "ranked", "band", "change", "neighbours_mean"]
        return (f"Benchmarking({self.council!r} against {len(self._impl.neighbours)} "
                f"neighbours)\n{self.to_frame()[cols].to_string()}")

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(m)}</li>" for m in self.method)
        return (f"<div><b>{html.escape(self.council)} against its statistical neighbours</b>"
                f"{self.to_frame(display=True)._repr_html_()}<ul>{notes}</ul></div>")


def benchmark(neighbours: Neighbours | PathLike, indicators=None,
              period: Optional[str] = None) -> Benchmarking:
    """Benchmark each indicator in its latest period (or `period`). Polarity comes from the
    file's ``polarity`` column, else from `indicators` (a :class:`qaframe.Performance`, whose
    definitions also give the descriptions). ValueError for an indicator without a polarity."""
    if not isinstance(neighbours, Neighbours):
        neighbours = read_neighbours(neighbours)
    definitions = None if indicators is None else indicators._impl
    return Benchmarking(_core.benchmark_neighbours(neighbours._impl, definitions, period))
