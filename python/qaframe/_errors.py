"""``DataError.to_frame()``: the problems of bad input as a DataFrame, for a notebook to sort,
filter or save. The exception type itself is made by the compiled core; this adds the method."""

from __future__ import annotations

import pandas as pd

from . import _core

_COLUMNS = ["source", "line", "row", "column", "value", "reason", "cell"]


def _to_frame(self: _core.DataError) -> pd.DataFrame:
    """The problems as a DataFrame: one row per problem kept, in order of line (or row), with
    columns ``source``, ``line`` (0 when not a file), ``row`` (-1 for the header), ``column``,
    ``value``, ``reason`` and ``cell`` (a workbook's). ``total`` may count more than are kept;
    ``notes`` (said once, such as the accepted grades) are in ``frame.attrs["notes"]``."""
    problems = list(getattr(self, "problems", []) or [])
    frame = pd.DataFrame({c: [getattr(p, c) for p in problems] for c in _COLUMNS},
                         columns=_COLUMNS)
    frame = frame.astype({"line": "int64", "row": "int64"})
    frame.attrs["total"] = int(getattr(self, "total", len(problems)))
    frame.attrs["notes"] = list(getattr(self, "notes", []) or [])
    return frame


_core.DataError.to_frame = _to_frame
