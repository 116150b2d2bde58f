"""Export profiles: how one system's exports (Mosaic, Liquidlogic LCS, Eclipse ...) map onto
qaframe, in a small TOML file read by the C++ core (one parser for C++, Python and the command
line)::

    profile = qaframe.read_profile("mosaic.toml")
    audits = qaframe.read_audits("export.csv", profile=profile)
    audits = qaframe.read_audits("export.csv", columns={"child_id": "Person ID"},
                                 header_row="auto")
    print(qaframe.init_profile("export.csv"))       # a starter profile, guesses marked

The keys are documented in ``include/qaframe/readers/profile/export_profile.hpp`` and the README
("Real exports"). An unknown key or a value of the wrong type raises :class:`qaframe.DataError`
naming the file, the line and the key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from . import _core

ExportProfile = _core.ExportProfile

def read_profile(path: str | os.PathLike) -> ExportProfile:
    """The export profile in a TOML file; :class:`qaframe.DataError` for a mistake in it."""
    return _core.read_export_profile(os.fspath(path))


def parse_profile(text: str, source: str = "profile") -> ExportProfile:
    """An export profile from TOML text; `source` names it in messages."""
    return _core.parse_export_profile(text, source)


def resolve_profile(profile: ExportProfile | str | os.PathLike | None = None,
                    columns: Mapping[str, str] | None = None, encoding: str | None = None,
                    delimiter: str | None = None, sheet: str | None = None,
                    header_row: int | str | None = None) -> ExportProfile:
    """A profile (a path or an ExportProfile, or none) with the arguments given over it: each
    argument given wins over the profile's setting (the rules are the C++ core's)."""
    if profile is None:
        base = ExportProfile()
    elif isinstance(profile, ExportProfile):
        base = profile
    else:
        base = read_profile(profile)
    return _core.profile_with_overrides(
        base, list((columns or {}).items()), encoding, delimiter,
        None if header_row is None else str(header_row), sheet)


def init_profile(path: str | os.PathLike, output: str | os.PathLike | None = None,
                 sheet: str | None = None) -> str:
    """A starter profile (TOML text) for the export at `path`: each column guessed from the
    export's headers (a synonym, a name containing the column's, or a near spelling), each guess
    marked; programme and grade values that need a mapping listed. Written to `output` too (whole,
    atomically) when given."""
    text = _core.starter_profile(os.fspath(path), sheet or "")
    if output is not None:
        _core.write_file_atomically(os.fspath(output), text)
    return text


def missing_column_hints(header: list[str]) -> list[str]:
    """For each required column missing from `header`: which header looks like it and how to
    map it (``child_id: did you mean 'Person ID'? ...``)."""
    return list(_core.missing_column_hints(list(header)))
