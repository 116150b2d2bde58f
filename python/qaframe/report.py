"""Report: the QA report's text, which renders as Markdown in Jupyter."""

from __future__ import annotations


class Report(str):
    """The text of a QA report (Markdown or JSON). Being a ``str`` it prints and saves as text;
    in Jupyter the Markdown form renders as formatted tables."""

    def _repr_markdown_(self) -> str:
        return str(self) if not self.lstrip().startswith("{") else f"```json\n{self}\n```"
