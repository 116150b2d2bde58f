"""Benchmark: ingest, grade tables and memory at national scale, against pandas.

    scripts/bench.sh                  # or: PYTHONPATH=python /usr/bin/python3 benchmarks/bench_ingest_tables.py
    scripts/bench.sh --rows 10000 --table-rows 100000 --memory-rows 10000   # a quick smoke run

On the same synthetic data (benchmarks/make_audits_large.py), in one run:

(a) ingest: qaframe.read_audits (parse and validate every field: dates, grades, required values,
    duplicate ids) of a 1,000,000-row CSV on every core and on one (threads=1), against
    pandas.read_csv(dtype=str) of the same file (which validates nothing); also at a tenth of
    the rows, to show that the time is linear.
(b) table: grade by team of 10,000,000 audits held in memory, against pandas.crosstab and
    DataFrame.groupby([...]).size() on categorical columns (the fastest pandas way).
(c) profile: the grade table by team and programme (every combination), against
    groupby(["team", "programme", "grade"]).size() and pandas.crosstab.
(e) from_frame: AuditSet.from_frame of the 1,000,000 rows as a DataFrame of categoricals (the
    file read with dtype="category", untimed), against pandas.read_csv of the file; and
    from_frame of 10,000,000 generated rows against ten times the 1,000,000-row time (target:
    at most 11x), the frames as benchmarks/make_audits_large.to_frame builds them (audit_id as
    text, the other columns categorical).
(d) memory: resident bytes per audit held, measured in a fresh process (anonymous resident
    memory, RssAnon, after loading minus before: the data, not the pages of the libraries' code
    that reading touches; VmHWM minus VmRSS before for the peak), for qaframe.read_audits on one thread and on every core
    (with the set's own count of its columns, AuditSet.nbytes) and for the DataFrames that
    pandas.read_csv gives, plain and with categorical columns.

Timings are the best of a few repeats, interleaved (qaframe, pandas, qaframe, ...) so that both
see the same machine load; the ratio is pandas / qaframe. The machine bandwidth bound for (b) is
the time to stream the two columns the table reads (the team codes, two bytes each for 1,200
teams, and 1-byte grades) once.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import List, Sequence, Tuple

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_audits_large as gen  # noqa: E402

from timing import interleaved  # noqa: E402
import qaframe  # noqa: E402


Row = Tuple[str, float, str, float, float, str]  # operation, ours, pandas way, theirs, target, unit


def fmt_time(t: float) -> str:
    return f"{t * 1e3:8.1f} ms" if t < 10 else f"{t:8.2f} s "


def ensure_csv(rows: int, folder: str) -> str:
    path = os.path.join(folder, f"audits_{rows}.csv")
    if not os.path.exists(path):
        gen.write_csv(path + ".tmp", rows)
        os.replace(path + ".tmp", path)
    return path


def bench_ingest(rows: int, folder: str, repeats: int) -> Tuple[float, float, float, int]:
    """qaframe on every core, qaframe on one (threads=1), pandas.read_csv(dtype=str)."""
    path = ensure_csv(rows, folder)
    ours, one, theirs = interleaved([lambda: qaframe.read_audits(path),
                                     lambda: qaframe.read_audits(path, threads=1),
                                     lambda: pd.read_csv(path, dtype=str)], repeats)
    audits = qaframe.read_audits(path)
    assert audits == qaframe.read_audits(path, threads=1)
    assert len(audits) == len(pd.read_csv(path, dtype=str)) == rows
    return ours, one, theirs, os.path.getsize(path)


def bench_from_frame(rows: int, folder: str, repeats: int) -> Tuple[float, float]:
    """from_frame of the file's rows as categoricals, and pandas.read_csv of the file."""
    path = ensure_csv(rows, folder)
    frame = pd.read_csv(path, dtype="category", keep_default_na=False)
    ours, theirs = interleaved([lambda: qaframe.AuditSet.from_frame(frame),
                                lambda: pd.read_csv(path)], repeats)
    assert qaframe.AuditSet.from_frame(frame) == qaframe.read_audits(path)
    return ours, theirs


def bench_from_frame_scaling(rows: int, repeats: int) -> Tuple[float, float]:
    """from_frame of `rows` generated rows and of a tenth of them (each its own frame)."""
    large = gen.to_frame(gen.generate(rows))
    small = gen.to_frame(gen.generate(max(rows // 10, 1)))
    t_large, t_small = interleaved([lambda: qaframe.AuditSet.from_frame(large),
                                    lambda: qaframe.AuditSet.from_frame(small)], repeats)
    return t_large, t_small


def stream_bound(n: int, code_bytes: int) -> float:
    """Seconds to read n codes of `code_bytes` bytes and n 1-byte grades once (numpy sums:
    memory bound)."""
    codes = np.ones(n, dtype={1: np.uint8, 2: np.uint16, 4: np.uint32}[code_bytes])
    grades = np.ones(n, dtype=np.uint8)
    return min(interleaved([lambda: (codes.sum(dtype=np.uint64),
                                     grades.sum(dtype=np.uint64))], 5))


MEMORY_PROBE = r"""
import gc, json, sys
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
import pandas as pd, numpy as np
sys.path.insert(0, sys.argv[3])
import qaframe
gc.collect()
base, base_anon = status("VmRSS:"), status("RssAnon:")
path, how = sys.argv[1], sys.argv[2]
nbytes = 0
if how.startswith("qaframe"):
    held = qaframe.read_audits(path, threads=1 if how == "qaframe-1" else 0)
    n = len(held)
    nbytes = held.nbytes
elif how == "pandas":
    held = pd.read_csv(path)
    n = len(held)
else:
    held = pd.read_csv(path, dtype={c: "category" for c in
        ["child_id", "team", "audit_type", "programme", "audit_date", "auditor", "grade",
         "domain:supervision", "domain:planning"]})
    n = len(held)
gc.collect()
after = status("RssAnon:")
deep = int(held.memory_usage(deep=True).sum()) if not how.startswith("qaframe") else nbytes
print(json.dumps({"n": n, "held": after - base_anon, "peak": status("VmHWM:") - base,
                  "deep": deep}))
"""


def bench_memory(rows: int, folder: str) -> dict:
    path = ensure_csv(rows, folder)
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(qaframe.__file__)))
    out = {}
    for how in ("qaframe", "qaframe-1", "pandas", "pandas-categorical"):
        r = subprocess.run([sys.executable, "-c", MEMORY_PROBE, path, how, pkg], check=True,
                           capture_output=True, text=True)
        out[how] = json.loads(r.stdout)
    return out


def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the ingest CSV")
    p.add_argument("--table-rows", type=int, default=10_000_000, help="audits held for tables")
    p.add_argument("--frame-rows", type=int, default=10_000_000,
                   help="rows of the large from_frame case (against a tenth of them)")
    p.add_argument("--memory-rows", type=int, default=1_000_000, help="rows for the memory probe")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "qaframe-bench"),
                   help="folder for the generated CSV files (kept between runs)")
    p.add_argument("--json", help="also write the figures to this file")
    args = p.parse_args(argv)
    os.makedirs(args.data, exist_ok=True)
    rows: List[Row] = []
    notes: List[str] = []

    # (a) ingest, and its scaling over a tenth of the rows.
    small = max(args.rows // 10, 1)
    t_small, _, p_small, _ = bench_ingest(small, args.data, args.repeats)
    t_ours, t_one, t_pandas, size = bench_ingest(args.rows, args.data, args.repeats)
    rows.append((f"(a) read + validate {args.rows:,} rows", t_ours, "read_csv(dtype=str)",
                 t_pandas, 5.0, "x"))
    rows.append((f"(a) same, one core (threads=1)", t_one, "read_csv(dtype=str)", t_pandas,
                 3.0, "x"))
    notes.append(f"ingest: {size / t_ours / 1e6:.0f} MB/s of CSV; {small:,} rows took "
                 f"{fmt_time(t_small).strip()} (pandas {fmt_time(p_small).strip()}); 10x the "
                 f"rows took {t_ours / t_small:.1f}x the time (pandas {t_pandas / p_small:.1f}x)")

    # (e) from_frame, against reading the file, and its scaling to ten times the rows.
    t_frame, t_read = bench_from_frame(args.rows, args.data, args.repeats)
    rows.append((f"(e) from_frame {args.rows:,} categoricals", t_frame, "pandas.read_csv (file)",
                 t_read, 5.0, "x"))
    big = args.frame_rows
    t_big, t_tenth_frame = bench_from_frame_scaling(big, args.repeats)
    rows.append((f"(e) from_frame {big:,} rows", t_big, f"10x from_frame {big // 10:,}",
                 10 * t_tenth_frame, 10 / 11, "x"))
    notes.append(f"from_frame: {args.rows:,} categorical rows in {fmt_time(t_frame).strip()}; "
                 f"{big:,} generated rows in {fmt_time(t_big).strip()} against "
                 f"{fmt_time(t_tenth_frame).strip()} for {big // 10:,}: "
                 f"{t_big / t_tenth_frame:.1f}x the time for 10x the rows")

    # (b) and (c): tables of audits held in memory, built from categorical codes (no CSV).
    n = args.table_rows
    t0 = time.perf_counter()
    frame = gen.to_frame(gen.generate(n))
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    audits = qaframe.AuditSet.from_frame(frame)
    t_from = time.perf_counter() - t0
    notes.append(f"{n:,} audits generated in {t_gen:.1f} s; AuditSet.from_frame (validating "
                 f"every row) took {t_from:.1f} s")
    team, grade, programme = frame["team"], frame["grade"], frame["programme"]
    # The same numbers both ways (pandas counts written spellings; qaframe counts grades).
    ours_table = audits.crosstab("team")
    theirs_table = pd.crosstab(team, grade)
    assert int(ours_table.loc["Total", "Total"]) == int(theirs_table.values.sum()) == n
    by_label = theirs_table.T.groupby(
        lambda t: qaframe.GradeScale.ofsted().parse(t) or "N/A").sum().T
    for label in ["Inadequate", "Good", "N/A"]:
        ours_col = ours_table[label].drop("Total")
        assert (by_label[label].reindex(ours_col.index).to_numpy() == ours_col.to_numpy()).all()
        assert by_label[label].sum() == ours_col.sum()
    t_ours, t_crosstab, t_groupby = interleaved([
        lambda: audits.crosstab("team"),
        lambda: pd.crosstab(team, grade),
        lambda: frame.groupby(["team", "grade"]).size(),
    ], args.repeats)
    rows.append((f"(b) grade x team, {n:,} audits", t_ours, "pandas.crosstab", t_crosstab, 50.0,
                 "x"))
    rows.append((f"(b) grade x team, {n:,} audits", t_ours, "groupby([team, grade]).size()",
                 t_groupby, 25.0, "x"))
    tenth = qaframe.AuditSet.from_frame(frame.iloc[: max(n // 10, 1)])
    t_tenth = min(interleaved([lambda: tenth.crosstab("team")], args.repeats))
    notes.append(f"grade x team of {len(tenth):,} audits took {fmt_time(t_tenth).strip()}: 10x the "
                 f"audits took {t_ours / t_tenth:.1f}x the time")
    del tenth
    width = audits._impl.codes("team").dtype.itemsize  # bytes a team code: 2 for 1,200 teams
    bound = stream_bound(n, width)
    notes.append(f"grade x team reads {n * (width + 1) / 1e6:.0f} MB ({width}-byte team codes, "
                 f"1-byte grades); streaming it once takes "
                 f"{fmt_time(bound).strip()}, so the table runs at {t_ours / bound:.1f}x the "
                 f"memory-bandwidth bound")

    t_ours2, t_groupby2, t_crosstab2 = interleaved([
        lambda: audits.crosstab(["team", "programme"]),
        lambda: frame.groupby(["team", "programme", "grade"]).size(),
        lambda: pd.crosstab([team, programme], grade),
    ], args.repeats)
    rows.append((f"(c) grade x team x programme", t_ours2, "groupby([team, programme, grade])",
                 t_groupby2, 10.0, "x"))
    rows.append((f"(c) grade x team x programme", t_ours2, "pandas.crosstab", t_crosstab2, 50.0,
                 "x"))
    t_profile, t_vc = interleaved([lambda: audits.profile(),
                                   lambda: grade.value_counts()], args.repeats)
    notes.append(f"grade profile of all {n:,} audits: {fmt_time(t_profile).strip()} "
                 f"(pandas value_counts {fmt_time(t_vc).strip()})")
    del audits, frame, team, grade, programme

    # (d) memory per audit held.
    mem = bench_memory(args.memory_rows, args.data)
    per = {k: v["held"] / v["n"] for k, v in mem.items()}
    rows.append((f"(d) resident bytes per audit held", per["qaframe-1"], "read_csv DataFrame",
                 per["pandas"], 32.0, "B"))
    rows.append((f"(d) same, read on every core", per["qaframe"], "read_csv DataFrame",
                 per["pandas"], 32.0, "B"))
    notes.append(
        "memory per audit: qaframe {:.1f} B held read on one thread, {:.1f} B on every core "
        "(the columns: {:.1f} B, AuditSet.nbytes; the rest is what glibc keeps of a worker "
        "thread's freed memory), {:.0f} B peak while reading; pandas "
        "read_csv {:.0f} B held ({:.0f} B by memory_usage(deep=True)); pandas with categorical "
        "columns {:.0f} B held ({:.0f} B deep)".format(
            per["qaframe-1"], per["qaframe"], mem["qaframe"]["deep"] / mem["qaframe"]["n"],
            mem["qaframe"]["peak"] / mem["qaframe"]["n"], per["pandas"],
            mem["pandas"]["deep"] / mem["pandas"]["n"], per["pandas-categorical"],
            mem["pandas-categorical"]["deep"] / mem["pandas-categorical"]["n"]))

    # The table.
    print(f"{'operation':<40} {'qaframe':>11} {'pandas':>11} {'ratio':>8}  {'target':>8}  met  "
          f"pandas way")
    results = []
    for op, ours, way, theirs, target, unit in rows:
        if unit == "B":
            met = ours <= target
            print(f"{op:<40} {ours:>9.1f} B {theirs:>9.1f} B {theirs / ours:>7.1f}x  "
                  f"{'<= ' + str(int(target)) + ' B':>8}  {'yes' if met else 'NO ':3}  {way}")
        else:
            met = theirs / ours >= target
            print(f"{op:<40} {fmt_time(ours)} {fmt_time(theirs)} {theirs / ours:>7.1f}x  "
                  f"{'>= ' + f'{target:.3g}' + 'x':>8}  {'yes' if met else 'NO ':3}  {way}")
        results.append({"operation": op, "qaframe": ours, "pandas_way": way, "pandas": theirs,
                        "ratio": theirs / ours, "target": target, "met": met})
    print()
    for note in notes:
        print(f"- {note}")
    print(f"- pandas {pd.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs; ratio = "
          f"pandas / qaframe (for memory: pandas bytes / qaframe bytes)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": results, "notes": notes}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
