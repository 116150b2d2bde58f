#!/usr/bin/env python3
"""Synthetic case-audit exports of any size, for the national-scale benchmarks.

    PYTHONPATH=python /usr/bin/python3 benchmarks/make_audits_large.py ROWS OUT.csv [--seed N]

The records look like a national collection of councils' audit returns over ten financial years:
about 1,200 teams (150 councils x 8 services), the audit types and programmes of the seed report,
some 5,000 auditors, children audited about 2.5 times each, dates 2015-04-01 to 2025-03-31
(mostly UK DD/MM/YYYY, a fifth ISO), an overall Ofsted grade with about 20% N/A (written empty or
"N/A") and a few export spellings ("RI", "good", "Requires improvement to be good"), and two
domain grades (``domain:supervision``, ``domain:planning``) near the overall grade, sometimes
empty. Deterministic: the same rows and seed give the same bytes.

:func:`generate` returns the records as categorical codes and categories (NumPy), so that the
benchmarks can build a 10-million-row set in memory without writing a CSV; :func:`write_csv`
writes the text. Standard library, NumPy and pandas only.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from typing import Dict, List, Tuple

import numpy as np
import pandas as pd

COLUMNS = ["audit_id", "child_id", "team", "audit_type", "programme", "audit_date", "auditor",
           "grade", "domain:supervision", "domain:planning"]
OFSTED = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
SERVICES = ["Assessment", "Child in Need", "Child Protection", "Looked After", "Care Leavers",
            "Early Help", "Disabled Children", "Youth Offending"]
AUDIT_TYPES = ["General Audits", "Early Help General Audits", "Early Help Minimum Standards",
               "Minimum Standards", "Thematic Audit", "IRO Audit", "Practice Observation"]
AUDIT_TYPE_P = [0.55, 0.10, 0.05, 0.12, 0.08, 0.06, 0.04]
PROGRAMMES = ["Core", "Practice Review Week", "Thematic"]
PROGRAMME_P = [0.6, 0.3, 0.1]
SURNAMES = ["Thornton", "Sharma", "Fraser", "Lindqvist", "Okafor", "Byrne", "Kowalski", "Hughes",
            "Patel", "Nwosu", "Evans", "Murray", "Ahmed", "Clarke", "Dias", "Walsh", "Kaur",
            "Jensen", "Osei", "Reid", "Morgan", "Ali", "Price", "Novak", "Hall"]
FIRST_DAY = _dt.date(2015, 4, 1)
DAYS = 3653  # to 2025-03-31

# Overall grade: Inadequate, RI, Good, Outstanding, N/A.
GRADE_P = [0.06, 0.21, 0.44, 0.09, 0.20]
# Written spellings: category text and which grade (0-3, 4 = N/A) it means.
GRADE_TEXT: List[Tuple[str, int, float]] = [
    ("Inadequate", 0, 1.0),
    ("Requires Improvement", 1, 0.90), ("RI", 1, 0.07), ("Requires improvement to be good", 1, 0.03),
    ("Good", 2, 0.97), ("good", 2, 0.03),
    ("Outstanding", 3, 1.0),
    ("", 4, 0.5), ("N/A", 4, 0.5),
]


def _teams() -> List[str]:
    return [f"LA{c:03d} {s}" for c in range(101, 251) for s in SERVICES]


def _auditors() -> List[str]:
    return [f"{chr(65 + i % 26)}. {SURNAMES[(i // 26) % len(SURNAMES)]} {i // 650 + 1}"
            for i in range(5000)]


def _choose(rng: np.random.Generator, n: int, p) -> np.ndarray:
    return rng.choice(len(p), size=n, p=np.asarray(p) / np.sum(p)).astype(np.int32)


def _spell(rng: np.random.Generator, grade: np.ndarray) -> np.ndarray:
    """Category codes into GRADE_TEXT for grades 0-4, with export spellings mixed in."""
    out = np.empty(len(grade), dtype=np.int32)
    for g in range(5):
        options = [i for i, (_, gg, _) in enumerate(GRADE_TEXT) if gg == g]
        where = np.flatnonzero(grade == g)
        p = [GRADE_TEXT[i][2] for i in options]
        out[where] = np.asarray(options, dtype=np.int32)[_choose(rng, len(where), p)]
    return out


def generate(rows: int, seed: int = 2025) -> Dict[str, Tuple[np.ndarray, List[str]]]:
    """The records as {column: (int32 codes, categories)}, in COLUMNS order.

    audit_id has one category per row ("AUD-00000001" ...). Dates are categories of text too
    (UK or ISO), so that the CSV text and the in-memory data are the same records.
    """
    rng = np.random.default_rng(seed)
    out: Dict[str, Tuple[np.ndarray, List[str]]] = {}
    width = max(8, len(str(rows)))
    out["audit_id"] = (np.arange(rows, dtype=np.int32),
                       [f"AUD-{i + 1:0{width}d}" for i in range(rows)])
    n_children = max(1, int(rows / 2.5))
    child_names = [f"C-{i:07d}" for i in rng.permutation(10_000_000)[:n_children]]
    out["child_id"] = (rng.integers(0, n_children, rows, dtype=np.int32), child_names)
    teams = _teams()
    # Team sizes vary (a few large councils): Zipf-like weights, shuffled.
    team_p = 1.0 / np.sqrt(np.arange(1, len(teams) + 1))
    rng.shuffle(team_p)
    out["team"] = (_choose(rng, rows, team_p), teams)
    out["audit_type"] = (_choose(rng, rows, AUDIT_TYPE_P), AUDIT_TYPES)
    out["programme"] = (_choose(rng, rows, PROGRAMME_P), PROGRAMMES)
    days = [FIRST_DAY + _dt.timedelta(days=d) for d in range(DAYS)]
    date_text = [d.strftime("%d/%m/%Y") for d in days] + [d.isoformat() for d in days]
    day = rng.integers(0, DAYS, rows, dtype=np.int32)
    iso = rng.random(rows) < 0.2
    out["audit_date"] = (day + DAYS * iso.astype(np.int32), date_text)
    out["auditor"] = (rng.integers(0, 5000, rows, dtype=np.int32), _auditors())
    grade = _choose(rng, rows, GRADE_P)
    text = [t for t, _, _ in GRADE_TEXT]
    out["grade"] = (_spell(rng, grade), text)
    for name in ("domain:supervision", "domain:planning"):
        near = np.clip(np.where(grade == 4, 2, grade) + rng.integers(-1, 2, rows), 0, 3)
        dom = np.where(rng.random(rows) < 0.12, 4, near).astype(np.int32)
        codes = np.asarray([OFSTED.index(t) if t in OFSTED else len(OFSTED) for t in OFSTED + [""]])
        out[name] = (codes[dom].astype(np.int32), OFSTED + [""])
    return out


def to_frame(records: Dict[str, Tuple[np.ndarray, List[str]]]) -> pd.DataFrame:
    """The records as a DataFrame of categorical columns (audit_id as text)."""
    data = {}
    for name, (codes, categories) in records.items():
        if name == "audit_id":
            data[name] = pd.Series(np.asarray(categories, dtype=object)[codes])
        else:
            data[name] = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
    return pd.DataFrame(data, columns=list(records))


def csv_text(records: Dict[str, Tuple[np.ndarray, List[str]]]) -> str:
    """The records as CSV text with a header (LF line ends; no field needs quoting)."""
    columns = [np.asarray(categories, dtype=object)[codes]
               for codes, categories in records.values()]
    lines = [",".join(records)]
    lines.extend(map(",".join, zip(*columns)))
    lines.append("")
    return "\n".join(lines)


def write_csv(path: str, rows: int, seed: int = 2025, block: int = 500_000) -> None:
    """Write `rows` records to `path`, in blocks so that memory stays small for large files.

    Each block is generated with its own seed derived from `seed`, so the file is deterministic;
    audit ids run on across blocks."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        for start in range(0, max(rows, 1), block):
            n = min(block, rows - start)
            if n <= 0:
                f.write(",".join(COLUMNS) + "\n")
                break
            records = generate(n, seed + start)
            ids, _ = records["audit_id"]
            width = max(8, len(str(rows)))
            records["audit_id"] = (ids, [f"AUD-{start + i + 1:0{width}d}" for i in range(n)])
            text = csv_text(records)
            if start > 0:
                text = text[text.index("\n") + 1:]
            f.write(text)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    write_csv(args.out, args.rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
