"""Grade tables, profiles and moderation over a partitioned collection, on Dask.

A national or regional collection is many files: one per council and year, say. Each file is
read, validated and summarised by the C++ core where it lies (a Dask task: a process of a
:class:`distributed.LocalCluster`, or a worker on another machine), and only the summaries travel:
a grade table, a profile's counts with the distinct children, a moderation tally. They merge
exactly (counts add; children are a set of 64-bit hashes of their identifiers), so the result
equals what one process would get from all the files read as one::

    from distributed import Client, LocalCluster
    import qaframe.dask

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    paths = "returns/*.csv"                             # or a list of paths
    qaframe.dask.crosstab(paths, by="team", client=client)   # DataFrame, as AuditSet.crosstab
    qaframe.dask.profile(paths, client=client)               # GradeProfile, children distinct
    qaframe.dask.moderation(paths, client=client)            # Moderation, as AuditSet.moderation

Without a client, Dask's default scheduler runs the tasks (threads, or the active client).

What to know:

- Every file is validated on its own, as :func:`qaframe.read_audits` would; a file with problems
  raises :class:`qaframe.DataError` naming that file's lines. An audit id repeated in two files
  is not caught (each file is checked alone).
- Rows of a table come in order of first appearance across the files in the order given (a
  glob is sorted), the same order as one file made by joining them.
- Distinct children cost 8 bytes a child in each summary (a sorted array of hashes, never the
  identifiers); two identifiers share a hash with probability about n^2 / 2^65 (3e-6 for ten
  million children), the only way the count can be off.
"""

from __future__ import annotations

import glob as _glob
import os
from typing import Callable, Iterable, Sequence, TypeVar, Union

import dask
import pandas as pd

from . import _core
from .audits import DomainScales, _domain_scales
from .profile import GradeProfile
from .quality import Moderation
from .scales import ScaleLike, as_scale
from .tables import GradeTable

__all__ = ["crosstab", "moderation", "paths", "profile", "tally"]

Paths = Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]
"""A glob pattern (``"returns/*.csv"``), one path, or a list of paths."""

T = TypeVar("T")


def paths(collection: Paths) -> list[str]:
    """The files of a collection: a glob pattern's matches (sorted), or the paths given, in
    order. ValueError when there are none; FileNotFoundError naming a missing path."""
    if isinstance(collection, (str, os.PathLike)):
        text = os.fspath(collection)
        found = sorted(_glob.glob(text)) if _glob.has_magic(text) else [text]
        if not found:
            raise ValueError(f"no file matches {text!r}")
    else:
        found = [os.fspath(p) for p in collection]
        if not found:
            raise ValueError("no files given")
    for p in found:
        if not os.path.isfile(p):
            raise FileNotFoundError(p)
    return found


def _read(path: str, scale: _core.GradeScale, max_problems: int, domain_scales: list):
    return _core.read_audits(path, scale, max_problems, domain_scales)


# Tasks: each reads one file and returns its summary (picklable C++ tallies).

def _tally_task(path, by, grades, scale, max_problems, domain_scales):
    return _read(path, scale, max_problems, domain_scales).crosstab(by, grades)


def _profile_task(path, grades, scale, max_problems, domain_scales):
    audits = _read(path, scale, max_problems, domain_scales)
    return audits.profile(grades), _core.ChildSet.of(audits)


def _moderation_task(path, scale, max_problems, domain_scales):
    return _core.ModerationTally.of(_read(path, scale, max_problems, domain_scales))


# Merges: new objects, the left one first, so that row order is that of the files.

def _merge_tables(a, b):
    out = a.copy()
    out.merge(b)
    return out


def _merge_profiles(a, b):
    (pa, ca), (pb, cb) = a, b
    counts = _core._counts_from_state((list(pa.counts.levels), pa.counts.n_not_applicable))
    counts.merge(pb.counts)
    children = _core.ChildSet()
    children.merge(ca)
    children.merge(cb)
    return _core.make_profile(pa.scale, counts, len(children)), children


def _merge_moderation(a, b):
    out = a.copy()
    out.merge(b)
    return out


def _reduce(parts: list, merge: Callable[[T, T], T]):
    """A balanced tree of merges over delayed parts, keeping their order."""
    merge_task = dask.delayed(merge, pure=True)
    while len(parts) > 1:
        parts = [merge_task(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    return parts[0]


def _compute(total, client):
    if client is not None:
        return client.compute(total).result()
    return dask.compute(total)[0]


def _common(scale: ScaleLike, domain_scales: DomainScales):
    return as_scale(scale), _domain_scales(domain_scales)


def tally(collection: Paths, by: str | Sequence[str] = "team", grades: str = "final",
          client=None, scale: ScaleLike = None, max_problems: int = 100,
          domain_scales: DomainScales = None) -> GradeTable:
    """The mergeable grade table of every file of `collection` by `by`, summarised file by file
    on Dask and merged: equal to ``read_audits(all files joined).tally(by, grades)``.
    `client`: a :class:`distributed.Client` (default: Dask's default scheduler)."""
    files = paths(collection)
    s, d = _common(scale, domain_scales)
    by_arg = by if isinstance(by, str) else list(by)
    task = dask.delayed(_tally_task, pure=True)
    parts = [task(p, by_arg, grades, s, max_problems, d) for p in files]
    return GradeTable(_compute(_reduce(parts, _merge_tables), client))


def crosstab(collection: Paths, by: str | Sequence[str] = "team", grades: str = "final",
             client=None, scale: ScaleLike = None, max_problems: int = 100,
             domain_scales: DomainScales = None) -> pd.DataFrame:
    """Grade counts by `by` over every file of `collection` as a DataFrame (rows in order of
    first appearance, plus Total; levels worst to best, N/A, Total), as
    :meth:`qaframe.AuditSet.crosstab` gives for the files joined; see :func:`tally`."""
    return tally(collection, by, grades, client, scale, max_problems, domain_scales).to_frame()


def profile(collection: Paths, grades: str = "final", client=None, scale: ScaleLike = None,
            max_problems: int = 100, domain_scales: DomainScales = None) -> GradeProfile:
    """The grade profile of every file of `collection`: counts added, distinct children counted
    across the files exactly (a child audited in two files is one child)."""
    files = paths(collection)
    s, d = _common(scale, domain_scales)
    task = dask.delayed(_profile_task, pure=True)
    parts = [task(p, grades, s, max_problems, d) for p in files]
    merged, _children = _compute(_reduce(parts, _merge_profiles), client)
    return GradeProfile(merged)


def moderation(collection: Paths, client=None, level: float = 0.95, alpha: float = 0.05,
               n_resamples: int = 2000, seed: int = 20180331, scale: ScaleLike = None,
               max_problems: int = 100, domain_scales: DomainScales = None) -> Moderation:
    """The moderation summary of every file of `collection`: each file's counts (coverage, the
    auditor x moderator table, grades raised and lowered by auditor and team) merged, then every
    coefficient, interval and test computed once from the merged counts, so the result equals
    :meth:`qaframe.AuditSet.moderation` on the files joined (the bootstrap too, from the same
    seed). Every file needs a moderated_grade column."""
    files = paths(collection)
    s, d = _common(scale, domain_scales)
    task = dask.delayed(_moderation_task, pure=True)
    parts = [task(p, s, max_problems, d) for p in files]
    merged = _compute(_reduce(parts, _merge_moderation), client)
    return Moderation(merged.summary(level, alpha, n_resamples, seed))
