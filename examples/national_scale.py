#!/usr/bin/env python3
"""A national collection on Dask: 150 councils x 10 years of synthetic audit returns, one CSV
file each (1,500 files, 20 million audits by default), summarised on a LocalCluster and in one
process, with the times and a check that both give the same numbers.

    PYTHONPATH=python /usr/bin/python3 examples/national_scale.py [--councils 150] [--years 10]
        [--rows-per-file 13334] [--workers 2] [--keep]

The files go to a folder under $TMPDIR (default /tmp), made once and reused (`--keep` keeps it
afterwards; delete it yourself). Each council has 8 teams, 30 auditors and its own children,
who recur across its years; about a fifth of the audits are moderated. "One process" reads
each file with qaframe.read_audits and merges its tallies in a loop, the same work without
Dask; the cluster runs qaframe.dask.crosstab / profile / moderation over the files.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import qaframe
import qaframe.dask as qd
from qaframe import _core

SERVICES = ["Assessment", "Child in Need", "Child Protection", "Looked After", "Care Leavers",
            "Early Help", "Disabled Children", "Youth Offending"]
AUDIT_TYPES = np.array(["General Audits", "Minimum Standards", "Thematic Audit", "IRO Audit"],
                       dtype=object)
PROGRAMMES = np.array(["Core", "Practice Review Week", "Thematic"], dtype=object)
GRADES = np.array(["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A", "RI",
                   "good", ""], dtype=object)
GRADE_P = [0.06, 0.19, 0.42, 0.09, 0.10, 0.02, 0.02, 0.10]
LEVEL_OF = np.array([0, 1, 2, 3, 4, 1, 2, 4])  # the level each spelling means (4 = N/A)
LEVELS = np.array(["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"],
                  dtype=object)
HEADER = ("audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade,"
          "moderated_grade,moderator,domain:planning\n")


def write_partition(args) -> str:
    """One council's year: `rows` audits in a CSV file; returns its path."""
    folder, council, year, rows = args
    path = Path(folder) / f"la{council:03d}_{year}.csv"
    if path.exists():
        return str(path)
    rng = np.random.default_rng(council * 1000 + year)
    la = f"LA{101 + council:03d}"
    ids = np.char.add(f"{la}-{year}-", np.char.zfill(np.arange(rows).astype(str), 6))
    children = np.char.add(f"{la}-C", np.char.zfill(
        rng.integers(0, rows * 4, rows).astype(str), 6))  # a child recurs across years
    team = np.array([f"{la} {s}" for s in SERVICES], dtype=object)[rng.integers(0, 8, rows)]
    days = np.datetime64(f"{year}-04-01") + rng.integers(0, 365, rows).astype("timedelta64[D]")
    auditor = np.array([f"{la} Auditor {k:02d}" for k in range(30)],
                       dtype=object)[rng.integers(0, 30, rows)]
    spelling = rng.choice(len(GRADES), rows, p=GRADE_P)
    level = LEVEL_OF[spelling]
    moderated = rng.random(rows) < 0.2
    shift = rng.choice([-1, 0, 0, 0, 1], rows)
    moderated_level = np.where(level == 4, 4, np.clip(level + shift, 0, 3))
    moderated_grade = np.where(moderated, LEVELS[moderated_level], "")
    moderator = np.where(moderated, np.array([f"{la} Moderator {k}" for k in range(4)],
                                             dtype=object)[rng.integers(0, 4, rows)], "")
    planning = LEVELS[np.clip(np.where(level == 4, 2, level) + rng.integers(-1, 2, rows), 0, 3)]
    columns = [ids.astype(object), children.astype(object), team,
               AUDIT_TYPES[rng.integers(0, len(AUDIT_TYPES), rows)],
               PROGRAMMES[rng.choice(3, rows, p=[0.6, 0.3, 0.1])], days.astype(str).astype(object),
               auditor, GRADES[spelling], moderated_grade.astype(object),
               moderator.astype(object), planning]
    text = HEADER + "\n".join(map(",".join, zip(*columns))) + "\n"
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    temp.rename(path)
    return str(path)


def one_process_crosstab(paths: list[str]):
    """The grade table by team without Dask: every file read in turn, its table merged."""
    table = None
    for p in paths:
        t = qaframe.read_audits(p).tally("team")
        table = t if table is None else table.merge(t)
    return table


def one_process_profile(paths: list[str]):
    """The profile's counts and the distinct children across the files, without Dask. The
    children's sets are merged pairwise in a balanced tree (as qaframe.dask does): merging
    each into one growing set would copy it once per file."""
    counts = None
    sets = []
    for p in paths:
        audits = qaframe.read_audits(p)
        c = audits._impl.profile("final").counts
        if counts is None:
            counts = c
        else:
            counts.merge(c)
        sets.append(_core.ChildSet.of(audits._impl))
    while len(sets) > 1:
        merged = []
        for i in range(0, len(sets) - 1, 2):
            sets[i].merge(sets[i + 1])
            merged.append(sets[i])
        if len(sets) % 2:
            merged.append(sets[-1])
        sets = merged
    return counts, len(sets[0])


def one_process_moderation(paths: list[str]):
    """The moderation tallies of the files merged, then the summary, without Dask."""
    moderation = None
    for p in paths:
        m = _core.ModerationTally.of(qaframe.read_audits(p)._impl)
        if moderation is None:
            moderation = m
        else:
            moderation.merge(m)
    return moderation.summary(n_resamples=200)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rows-per-file", type=int, default=13_334)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)

    folder = Path(tempfile.gettempdir()) / (f"qaframe-national-{args.councils}x{args.years}x"
                                            f"{args.rows_per_file}")
    folder.mkdir(exist_ok=True)
    jobs = [(str(folder), c, 2015 + y, args.rows_per_file)
            for c in range(args.councils) for y in range(args.years)]
    start = time.perf_counter()
    with multiprocessing.Pool(args.workers) as pool:
        paths = sorted(pool.map(write_partition, jobs, chunksize=8))
    total = len(paths) * args.rows_per_file
    size = sum(os.path.getsize(p) for p in paths)
    print(f"{len(paths)} files, {total:,} audits, {size / 1e9:.2f} GB in {folder} "
          f"(made or found in {time.perf_counter() - start:.0f} s)")

    print("load average before timing (1, 5, 15 min): %.1f, %.1f, %.1f on %d cores"
          % (*os.getloadavg(), os.cpu_count() or 0))
    single = {}
    start = time.perf_counter()
    table = one_process_crosstab(paths)
    single["crosstab"] = time.perf_counter() - start
    start = time.perf_counter()
    counts, n_children = one_process_profile(paths)
    single["profile"] = time.perf_counter() - start
    start = time.perf_counter()
    moderation = one_process_moderation(paths)
    single["moderation"] = time.perf_counter() - start

    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        qd.tally(paths[:args.workers], by="team", client=client)  # workers import qaframe
        cluster_times = {}
        start = time.perf_counter()
        d_table = qd.tally(paths, by="team", client=client)
        cluster_times["crosstab"] = time.perf_counter() - start
        start = time.perf_counter()
        d_profile = qd.profile(paths, client=client)
        cluster_times["profile"] = time.perf_counter() - start
        start = time.perf_counter()
        d_moderation = qd.moderation(paths, client=client, n_resamples=200)._impl
        cluster_times["moderation"] = time.perf_counter() - start

    print(f"{'':12}{'one process':>14}{f'LocalCluster, {args.workers} workers':>28}{'ratio':>8}")
    for what in ("crosstab", "profile", "moderation"):
        a, b = single[what], cluster_times[what]
        print(f"{what:12}{a:12.1f} s{b:26.1f} s{a / b:7.2f}x   "
              f"({total / a / 1e6:.2f} and {total / b / 1e6:.2f} M audits/s)")

    print("load average after: %.1f, %.1f, %.1f" % os.getloadavg())
    assert d_table._impl == table._impl, "crosstab differs"
    assert d_profile._impl.counts == counts and d_profile.n_children == n_children
    assert d_moderation.table == moderation.table
    assert [a.estimate for a in d_moderation.agreement] == \
        [a.estimate for a in moderation.agreement]
    print(f"equal: {len(table)} teams, {counts.n:,} audits of {n_children:,} distinct children, "
          f"{moderation.pairs:,} moderated pairs, kappa {moderation.agreement[2].estimate:.4f}")
    if not args.keep:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
