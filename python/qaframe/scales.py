"""Grading scales: accepting a scale in the forms analysts write it, and rendering it."""

from __future__ import annotations

import html
from typing import Sequence, Union

from ._core import GradeScale
from ._labels import safe_html

ScaleLike = Union[GradeScale, str, Sequence[str], None]
"""A GradeScale, a built-in scale's name ("ofsted", "met_not_met"), or labels worst to best."""


def as_scale(scale: ScaleLike) -> GradeScale:
    """Return `scale` as a GradeScale: None means Ofsted; a name picks a built-in scale; a list of
    labels (worst to best) makes a custom scale."""
    if scale is None:
        return GradeScale.ofsted()
    if isinstance(scale, GradeScale):
        return scale
    if isinstance(scale, str):
        builtin = {"ofsted": GradeScale.ofsted, "met_not_met": GradeScale.met_not_met,
                   "met": GradeScale.met_not_met}
        if scale.lower() not in builtin:
            raise ValueError(f"unknown scale {scale!r}: use 'ofsted', 'met_not_met', a GradeScale "
                             "or a list of labels worst to best")
        return builtin[scale.lower()]()
    return GradeScale.custom("custom", [str(label) for label in scale])


def _scale_html(self: GradeScale) -> str:
    items = "".join(f"<li>{html.escape(label)}</li>" for label in self.labels)
    return safe_html(f"<div><b>GradeScale</b> {html.escape(self.name)}: worst to best"
                     f"<ol>{items}</ol>not applicable: N/A; good from: "
                     f"{html.escape(self.good_from)}</div>")


GradeScale._repr_html_ = _scale_html  # type: ignore[attr-defined]
