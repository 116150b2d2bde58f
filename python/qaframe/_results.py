"""Result objects of the statistics: a shared __repr__ and _repr_html_ for small dataclasses."""

from __future__ import annotations

import html
import math
from dataclasses import fields
from typing import Any, Tuple

import numpy as np

from ._labels import safe_display


def _format(value: Any) -> str:
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.6g}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=8)
    return repr(value)


@safe_display
class _Result:
    """Shared __repr__ and _repr_html_ for the result dataclasses."""

    _title = "Result"
    _hidden: Tuple[str, ...] = ()

    def _items(self) -> list:
        return [(f.name, getattr(self, f.name)) for f in fields(self)  # type: ignore[arg-type]
                if f.name not in self._hidden
                and not (f.name == "note" and not getattr(self, f.name))]

    def __repr__(self) -> str:
        body = ", ".join(f"{name}={_format(value)}" for name, value in self._items())
        return f"{type(self).__name__}({body})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
            f"<td style='text-align:left'>{html.escape(_format(value))}</td></tr>"
            for name, value in self._items())
        return (f"<table><caption style='text-align:left'><b>{html.escape(self._title)}</b>"
                f"</caption>{rows}</table>")
