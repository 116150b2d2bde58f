"""The bundled sample data, installed with the package, so that examples run from any folder.

>>> import qaframe
>>> audits = qaframe.read_audits(qaframe.datasets.sample_audits())
>>> len(audits)
118

Each function returns the path of a CSV file (a :class:`pathlib.Path`). The files are synthetic:
118 case audits of a children's services department, October 2017 to March 2018, built so that
their grade tables equal those of a published annual QA report, and the evidence files of the
triangulation (survey, performance, indicator definitions, evidence map, improvement log). None
is about a real child. The data's README (``qaframe.datasets.readme()``) describes them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["evidence_map", "improvement_log", "indicators", "names", "path", "performance",
           "readme", "sample_audits", "survey"]

_FILES = {
    "audits": "audits.csv",
    "survey": "survey.csv",
    "performance": "performance.csv",
    "indicators": "indicators.csv",
    "evidence_map": "evidence_map.csv",
    "improvement_log": "improvement_log.csv",
    "readme": "README.md",
}


def _folder() -> Path:
    """The installed data (qaframe/data/), or in a source checkout data/sample/."""
    installed = Path(str(resources.files("qaframe"))) / "data"
    if (installed / "audits.csv").is_file():
        return installed
    checkout = Path(__file__).resolve().parent.parent.parent / "data" / "sample"
    if (checkout / "audits.csv").is_file():
        return checkout
    raise FileNotFoundError("qaframe's sample data is missing: reinstall the package")


def names() -> list[str]:
    """The names of the sample files: audits, survey, performance, indicators, evidence_map,
    improvement_log, readme."""
    return list(_FILES)


def path(name: str) -> Path:
    """The path of the sample file `name` (see :func:`names`)."""
    if name not in _FILES:
        raise KeyError(f"no sample file {name!r} (known: {', '.join(_FILES)})")
    return _folder() / _FILES[name]


def sample_audits() -> Path:
    """118 synthetic case audits (with moderation and four practice domains)."""
    return path("audits")


def survey() -> Path:
    """Survey answers of children, families and staff (the triangulation's second strand)."""
    return path("survey")


def performance() -> Path:
    """Indicator values by team and month (the performance core dataset)."""
    return path("performance")


def indicators() -> Path:
    """Indicator definitions: polarity, target, benchmark, theme."""
    return path("indicators")


def evidence_map() -> Path:
    """Themes mapped to audit items, survey questions and indicators."""
    return path("evidence_map")


def improvement_log() -> Path:
    """A Performance Improvement Log of lines of enquiry (KLOEs)."""
    return path("improvement_log")


def readme() -> Path:
    """The sample data's README: how the files were made."""
    return path("readme")
