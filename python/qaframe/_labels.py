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
