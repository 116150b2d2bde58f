"""Text from the data made safe to show: in HTML reprs, plain reprs and plots.

Labels come from exports (teams, auditors, any column) and may carry control characters (ESC
sequences that drive a terminal, C1 controls), bidirectional overrides and isolates (U+202E,
U+2066: they reorder what a reader sees) or ``$...$`` (typeset by MathJax in Jupyter's HTML).
Every display path here shows such characters as visible escapes (``\\u202E``), by the same rule
as the C++ renderers (``_core.neutralise_controls``). Data handed back (``AuditSet.to_frame``,
``to_csv``, the log's CSV) is exempt by design: it must read back equal.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from . import _core

_PLOT_CHARS = 60  # longest label drawn in a plot; longer ones end with an ellipsis


def visible(text: Any) -> str:
    """`text` with control, bidi and other unsafe characters as visible escapes (tab, line feed
    kept)."""
    return _core.neutralise_controls(str(text))


def html_text(text: Any) -> str:
    """`text` for HTML: unsafe characters as escapes, markup escaped, ``$`` as ``&#36;``."""
    return html.escape(visible(text)).replace("$", "&#36;")


def safe_html(markup: str) -> str:
    """HTML whose text is already escaped (``html.escape``, pandas' ``_repr_html_``), with unsafe
    characters shown as escapes, ``$`` as ``&#36;``, and wrapped in ``tex2jax_ignore`` (MathJax
    leaves it alone)."""
    return ('<div class="tex2jax_ignore">' + visible(markup).replace("$", "&#36;") + "</div>")


def plot_text(label: Any, max_chars: int = _PLOT_CHARS) -> str:
    """A label drawn by matplotlib as plain text: unsafe characters as escapes, line breaks as
    spaces, at most `max_chars` characters (then an ellipsis; a label of thousands of characters
    would stop the figure drawing), ``$`` escaped (it would start mathtext), a leading ``_``
    guarded (it would hide a legend entry)."""
    text = visible(label).replace("\n", " ").replace("\t", " ")
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "\u2026"
    text = text.replace("$", r"\$")
    return "\u200b" + text if text.startswith("_") else text


def safe_display(cls):
    """Class decorator: the class's ``__repr__`` and ``_repr_html_`` outputs made safe (see
    :func:`visible`, :func:`safe_html`), whatever labels they hold."""
    plain = cls.__dict__.get("__repr__")
    if plain is not None:
        @functools.wraps(plain)
        def __repr__(self) -> str:
            return visible(plain(self))
        cls.__repr__ = __repr__
    rich = cls.__dict__.get("_repr_html_")
    if rich is not None:
        @functools.wraps(rich)
        def _repr_html_(self) -> str:
            return safe_html(rich(self))
        cls._repr_html_ = _repr_html_
    return cls


_SHARE_COLUMNS = {"share", "adjusted_share", "share_a", "share_b", "difference", "low", "high",
                  "pooled", "coverage", "share_moderated", "share_done", "share_on_time"}


def display_frame(frame: Any) -> Any:
    """`frame` for reading: shares (columns named share, adjusted_share, share_a, share_b,
    difference, low, high, ...) as percentages with one decimal ("6.8%"; a difference with its
    sign), date-times as dates, missing values as empty text. A copy; the numbers stay in
    ``to_frame()``."""
    import pandas as pd

    out = frame.copy()
    for name in out.columns:
        column = out[name]
        key = name if isinstance(name, str) else str(name)
        if key in _SHARE_COLUMNS and pd.api.types.is_float_dtype(column.dtype):
            fmt = "{:+.1%}" if key == "difference" else "{:.1%}"
            out[name] = [("" if pd.isna(v) else fmt.format(v)) for v in column]
        elif pd.api.types.is_datetime64_any_dtype(column.dtype):
            out[name] = [("" if pd.isna(v) else v.date().isoformat()) for v in column]
    return out


def with_display(to_frame: Any) -> Any:
    """Gives a ``to_frame`` method the argument ``display=False``: with ``display=True`` the frame
    is returned for reading (see :func:`display_frame`)."""

    @functools.wraps(to_frame)
    def wrapper(self: Any, *args: Any, display: bool = False, **kwargs: Any) -> Any:
        import pandas as pd

        frame = to_frame(self, *args, **kwargs)
        return display_frame(frame) if display and isinstance(frame, pd.DataFrame) else frame

    wrapper.__doc__ = ((to_frame.__doc__ or "").rstrip() + "\n\n`display=True`: shares as "
                       "percentages and dates as dates, for reading.")
    return wrapper


def _whole_text_frame():
    import pandas as pd

    class WholeTextFrame(pd.DataFrame):
        """A DataFrame whose HTML shows every column and every text whole (pandas cuts text at
        ``display.max_colwidth``, 50 characters): for evidence and questions meant to be read."""

        @property
        def _constructor(self):
            return WholeTextFrame

        def _repr_html_(self):
            with pd.option_context("display.max_colwidth", None, "display.max_columns", None):
                return super()._repr_html_()

    return WholeTextFrame


WholeTextFrame = _whole_text_frame()
