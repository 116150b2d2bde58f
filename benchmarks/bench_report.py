"""Benchmark: the HTML report, on the sample (every evidence and audit-cycle file) and on a
1,000,000-row national export, against what an analyst would do instead in pandas.

    PYTHONPATH=python /usr/bin/python3 benchmarks/bench_report.py [--rows 1000000] [--repeats 3]

qaframe: the command line `build/qaframe report FILE --format html --output OUT` (reading and
validating the file, every section, the SVG charts, the funnel plot, the three-column summary),
as a council would run it. The peer: pandas reading the same CSV (`dtype=str`), the grade counts
by programme, team and audit type (`crosstab` with margins) and the headline shares, written as
HTML tables with `DataFrame.to_html`: a fraction of the report (no moderation, charts, tests,
triangulation or summary), so the ratio flatters pandas. Targets (issue 13): the sample under
0.2 s, 1,000,000 audits under 3 s. Best of `repeats`, the two taking turns; the 1M file is kept
in $TMPDIR/qaframe-bench.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "build" / "qaframe"
SAMPLE = ROOT / "data" / "sample"
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from timing import interleaved  # noqa: E402


def qaframe_report(audits: Path, out: Path, extra: Sequence[str] = ()) -> Callable[[], None]:
    args = [str(CLI), "report", str(audits), "--format", "html", "--output", str(out), *extra]

    def run() -> None:
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    return run


def pandas_tables(audits: Path, out: Path) -> Callable[[], None]:
    def run() -> None:
        df = pd.read_csv(audits, dtype=str, keep_default_na=False)
        parts = []
        grade = df["moderated_grade"].where(df["moderated_grade"] != "", df["grade"]) \
            if "moderated_grade" in df else df["grade"]
        parts.append((grade.value_counts(normalize=True) * 100).round().to_frame().to_html())
        for by in ("programme", "team", "audit_type"):
            if by in df:
                parts.append(pd.crosstab(df[by], grade, margins=True).to_html())
        out.write_text("<html><body>" + "".join(parts) + "</body></html>", encoding="utf-8")

    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    if not CLI.is_file():
        print(f"{CLI} is not built: scripts/setup.sh", file=sys.stderr)
        return 1
    folder = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "qaframe-bench"
    folder.mkdir(parents=True, exist_ok=True)
    large = folder / f"audits_{a.rows}.csv"
    if not large.exists():
        subprocess.run([sys.executable, str(HERE / "make_audits_large.py"), str(a.rows),
                        str(large)], check=True)
    s = SAMPLE
    evidence = ["--evidence-map", str(s / "evidence_map.csv"), "--survey", str(s / "survey.csv"),
                "--performance", str(s / "performance.csv"), "--indicators",
                str(s / "indicators.csv"), "--log", str(s / "improvement_log.csv"),
                "--actions", str(s / "actions.csv"), "--escalations", str(s / "escalations.csv"),
                "--teams", str(s / "teams.csv"), "--as-of", "2018-04-30"]
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load {load:.1f}; best of {a.repeats}")
    print(f"{'operation':<52} {'qaframe':>9} {'pandas':>9} {'ratio':>7} {'target':>9}")
    cases = [
        ("HTML report, sample (118 audits, all evidence files)", s / "audits.csv", evidence, 0.2),
        (f"HTML report, {a.rows:,} audits", large, [], 3.0),
    ]
    met = True
    for label, path, extra, target in cases:
        q, p = interleaved([qaframe_report(path, folder / "report.html", extra),
                            pandas_tables(path, folder / "tables.html")], a.repeats)
        ok = q < target
        met = met and ok
        print(f"{label:<52} {q:>8.3f}s {p:>8.3f}s {p / q:>6.1f}x {'< ' + str(target) + ' s':>9}"
              f"  {'met' if ok else 'MISSED'}")
    print("ratio = pandas / qaframe; pandas writes only the grade tables (see the docstring)")
    return 0 if met else 3


if __name__ == "__main__":
    sys.exit(main())
