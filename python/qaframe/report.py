"""Report: the QA report, which renders in Jupyter and saves as Markdown, HTML, JSON or PDF."""

from __future__ import annotations

import html
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
             ".json": "json", ".pdf": "pdf"}


class Report(str):
    """The text of a QA report in the format it was asked for (Markdown by default). Being a
    ``str`` it prints and saves as text; :meth:`to_html`, :meth:`to_markdown` and
    :meth:`to_json` give the same report (one document, three renderings), :meth:`save` writes
    it by the file's suffix, and in Jupyter it shows as the HTML report."""

    _render: Callable[[str], str] | None

    def __new__(cls, text: str, render: Callable[[str], str] | None = None):
        self = super().__new__(cls, text)
        self._render = render
        return self

    def _as(self, fmt: str) -> str:
        if self._render is None:
            raise ValueError("this report was made from text only; make it with "
                             "AuditSet.report() to render other formats")
        return self._render(fmt)

    def to_markdown(self) -> str:
        """The report as Markdown."""
        return self._as("markdown")

    def to_html(self) -> str:
        """The report as one self-contained HTML file (inline CSS and SVG charts, no script)."""
        return self._as("html")

    def to_json(self) -> str:
        """The report's data as JSON (one line)."""
        return self._as("json")

    def save(self, path: str | os.PathLike, format: str | None = None) -> Path:
        """Writes the report to `path`, in `format` or the one its suffix names (.md, .html,
        .json, .pdf; PDF by headless Chromium), whole or not at all (a temporary file beside it
        is renamed over it). Returns the path."""
        path = Path(path)
        fmt = format or _SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the format of {path.name!r} from its suffix; give "
                             f"format= one of markdown, html, json, pdf")
        if fmt == "pdf":
            data = _pdf(self.to_html())
        else:
            data = self._as(fmt).encode("utf-8")
        tmp = path.with_name(f".{path.name}.qaframe-tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return path

    def _repr_html_(self) -> str:
        if self._render is None:
            return f"<pre>{html.escape(str(self))}</pre>"
        # The report is a whole HTML document with its own styles: shown in an isolated frame,
        # so that neither the notebook's styles nor MathJax touch it.
        page = html.escape(self.to_html(), quote=True)
        return (f'<iframe class="tex2jax_ignore mathjax_ignore" srcdoc="{page}" '
                f'style="width:100%;height:640px;border:1px solid #b1b4b6" '
                f'title="QA report"></iframe>')

    def _repr_markdown_(self) -> str:
        return str(self) if not self.lstrip().startswith("{") else f"```json\n{self}\n```"


def _pdf(page: str) -> bytes:
    browser = next((b for b in ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                                "/usr/bin/google-chrome") if os.path.exists(b)), None)
    if browser is None:
        raise RuntimeError("saving as PDF needs Chromium (Debian: apt-get install chromium); or "
                           "save as .html and print it from a browser")
    with tempfile.TemporaryDirectory(prefix="qaframe-pdf-") as d:
        src, out = Path(d) / "report.html", Path(d) / "report.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-pdf-header-footer", f"--user-data-dir={d}/profile",
                        f"--print-to-pdf={out}", src.as_uri()],
                       check=True, capture_output=True, timeout=120)
        data = out.read_bytes()
    if not data.startswith(b"%PDF"):
        raise RuntimeError("Chromium did not print the report to PDF")
    return data
