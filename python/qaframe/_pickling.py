"""Pickling of the compiled tallies, so that Dask (or multiprocessing) can move them between
processes: each class has a `_state()` (its parts, converted in bindings/register_tallies.cpp)
and is rebuilt from it by the compiled `_<kind>_from_state`. Registered with copyreg when the
package is imported; the rebuild function is this module's, as pickle refers to it by name."""

from __future__ import annotations

import copyreg

from . import _core

_KINDS = {
    _core.GradeScale: "scale",
    _core.GradeCounts: "counts",
    _core.GradeTable: "table",
    _core.GradeProfile: "profile",
    _core.DataProblem: "problem",
}


def rebuild(kind: str, state):
    """The object of `kind` rebuilt from its state."""
    return getattr(_core, f"_{kind}_from_state")(state)


def _reducer(kind: str):
    return lambda obj: (rebuild, (kind, obj._state()))


for _cls, _kind in _KINDS.items():
    copyreg.pickle(_cls, _reducer(_kind))
