"""Benchmark: reading a 100,000-row audit workbook, qaframe against pandas.read_excel (openpyxl).

    PYTHONPATH=python /usr/bin/python3 benchmarks/bench_xlsx.py [--rows 100000] [--repeats 3]

The workbook is the synthetic national export of benchmarks/make_audits_large.py (ten columns,
UK and ISO dates, about 20% N/A), written once with xlsxwriter as Excel writes one: shared
strings, dates as date cells (dd/mm/yyyy), empty values as absent cells. It is kept in
$TMPDIR/qaframe-bench for later runs.

qaframe.read_audits inflates and parses the sheet, converts each cell (shared strings, date
serials) and validates every field as the CSV reader does (dates, grades, required values,
duplicate ids); pandas.read_excel only converts the cells to a DataFrame. Timings are the best of
`repeats` rounds, the two taking turns so that both see the same machine load; the ratio is
pandas / qaframe. Both are checked to read the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from typing import Sequence

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_audits_large as gen  # noqa: E402
from timing import interleaved  # noqa: E402

import qaframe  # noqa: E402

TARGET = 10.0


def parse_day(text: str) -> dt.datetime:
    if "/" in text:
        return dt.datetime.strptime(text, "%d/%m/%Y")
    return dt.datetime.strptime(text, "%Y-%m-%d")


def ensure_workbook(rows: int, folder: str) -> str:
    """The workbook of `rows` synthetic audits, written once with xlsxwriter."""
    import xlsxwriter

    path = os.path.join(folder, f"audits_{rows}.xlsx")
    if os.path.exists(path):
        return path
    frame = gen.to_frame(gen.generate(rows))
    tmp = path + ".tmp.xlsx"
    wb = xlsxwriter.Workbook(tmp)
    ws = wb.add_worksheet("Audits")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    columns = list(frame.columns)
    ws.write_row(0, 0, columns)
    values = [frame[c].astype(str).tolist() for c in columns]
    date_column = columns.index("audit_date")
    for r in range(rows):
        for c, column in enumerate(values):
            v = column[r]
            if v == "" or v == "nan":
                continue
            if c == date_column:
                ws.write_datetime(r + 1, c, parse_day(v), day)
            else:
                ws.write_string(r + 1, c, v)
    wb.close()
    os.replace(tmp, path)
    return path


def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "qaframe-bench"))
    args = p.parse_args(argv)
    os.makedirs(args.data, exist_ok=True)
    t0 = time.perf_counter()
    path = ensure_workbook(args.rows, args.data)
    made = time.perf_counter() - t0

    audits = qaframe.read_audits(path)
    frame = pd.read_excel(path, engine="openpyxl")
    assert len(audits) == len(frame) == args.rows
    assert audits.to_frame()["audit_id"].tolist() == frame["audit_id"].astype(str).tolist()

    def one_thread():
        return qaframe._core.read_audits_file(path, qaframe.GradeScale.ofsted(), threads=1)

    ours, single, theirs = interleaved([lambda: qaframe.read_audits(path), one_thread,
                                        lambda: pd.read_excel(path, engine="openpyxl")],
                                       args.repeats)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"workbook: {path} ({os.path.getsize(path) / 1e6:.1f} MB, {args.rows:,} rows"
          f"{f', written in {made:.1f} s' if made > 1 else ''}); load average {load:.1f}, "
          f"{os.cpu_count()} cores")
    print(f"{'operation':<46} {'qaframe':>9} {'pandas':>9} {'ratio':>7} {'target':>7}  met")
    for label, t in [("read + validate (threads: the cores)", ours),
                     ("read + validate (one thread)", single)]:
        ratio = theirs / t
        print(f"{label:<46} {t:8.3f}s {theirs:8.3f}s {ratio:6.1f}x {TARGET:6.0f}x  "
              f"{'yes' if ratio >= TARGET else 'no'}")
    print(f"(pandas.read_excel(engine='openpyxl'); best of {args.repeats}, interleaved)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
